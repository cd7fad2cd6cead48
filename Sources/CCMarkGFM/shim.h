#ifndef CCMARKGFM_SHIM_H
#define CCMARKGFM_SHIM_H
/* GitHub's CommonMark (Debian libcmark-gfm-dev, libcmark-gfm-extensions-dev): the parser and
   its core extensions (table, strikethrough, autolink, tagfilter, tasklist). */
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
