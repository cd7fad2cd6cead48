#ifndef CIMAGEDECODE_SHIM_H
#define CIMAGEDECODE_SHIM_H
/* Image decoders for ChatImages: stb_image (Debian libstb-dev: PNG, JPEG, GIF, BMP, built into
   libstb with stb_image_write, which the tests use to make images) and libwebp (libwebp-dev). */
#include <stddef.h>
#include <stdint.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
#include <webp/decode.h>
#include <webp/encode.h>
#include <webp/types.h>
#endif
