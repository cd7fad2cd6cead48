#ifndef CCHAFA_SHIM_H
#define CCHAFA_SHIM_H
/* chafa (Debian libchafa-dev): pixels to character art, or to sixel / kitty escape sequences,
   for ChatImages. Its headers need glib's (libglib2.0-dev); pkg-config chafa gives both paths. */
#include <chafa.h>
#include <stdlib.h>
#include <string.h>

/* The symbols a preview is drawn with: the full block, blocks (half, quarter, eighth blocks),
   box-drawing borders and the space: one cell wide, in fonts everywhere, passed through tmux
   unchanged. Many are East Asian "ambiguous" width, as chatterm's own box lines are, so those
   are kept; wide, legacy-computing (sextants, wedges) and chafa's "ugly" symbols are not. */
static inline ChafaSymbolMap *cc_preview_symbol_map(void) {
    ChafaSymbolMap *map = chafa_symbol_map_new();
    chafa_symbol_map_add_by_tags(map, (ChafaSymbolTags)(CHAFA_SYMBOL_TAG_SOLID | CHAFA_SYMBOL_TAG_BLOCK
                                                       | CHAFA_SYMBOL_TAG_BORDER | CHAFA_SYMBOL_TAG_SPACE));
    chafa_symbol_map_remove_by_tags(map, (ChafaSymbolTags)(CHAFA_SYMBOL_TAG_WIDE | CHAFA_SYMBOL_TAG_UGLY | CHAFA_SYMBOL_TAG_LEGACY
                                                          | CHAFA_SYMBOL_TAG_SEXTANT | CHAFA_SYMBOL_TAG_WEDGE));
    return map;
}

/* A canvas of width x height cells in a canvas mode (colours) and pixel mode (symbols, sixel,
   kitty), cells of cell_width x cell_height pixels (pixel modes only), no dithering (so the
   same pixels give the same cells), drawn from unassociated RGBA8 pixels. NULL on failure. */
static inline ChafaCanvas *cc_canvas_new(int width, int height, ChafaCanvasMode canvas_mode,
                                         ChafaPixelMode pixel_mode, int cell_width, int cell_height) {
    ChafaCanvasConfig *config = chafa_canvas_config_new();
    ChafaSymbolMap *map = cc_preview_symbol_map();
    chafa_canvas_config_set_geometry(config, width, height);
    chafa_canvas_config_set_canvas_mode(config, canvas_mode);
    chafa_canvas_config_set_pixel_mode(config, pixel_mode);
    chafa_canvas_config_set_dither_mode(config, CHAFA_DITHER_MODE_NONE);
    chafa_canvas_config_set_symbol_map(config, map);
    if (cell_width > 0 && cell_height > 0) chafa_canvas_config_set_cell_geometry(config, cell_width, cell_height);
    ChafaCanvas *canvas = chafa_canvas_new(config);
    chafa_symbol_map_unref(map);
    chafa_canvas_config_unref(config);
    return canvas;
}

static inline void cc_canvas_draw_rgba(ChafaCanvas *canvas, const unsigned char *pixels, int width, int height) {
    chafa_canvas_draw_all_pixels(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, pixels, width, height, width * 4);
}

/* The canvas as the escape sequences a terminal with every sequence chafa knows (its fallback
   list: colours, sixel, kitty) would take; malloc'd, NUL terminated, its length in *length.
   Free with free(). */
static inline char *cc_canvas_print(ChafaCanvas *canvas, size_t *length) {
    ChafaTermInfo *info = chafa_term_db_get_fallback_info(chafa_term_db_get_default());
    GString *text = chafa_canvas_print(canvas, info);
    chafa_term_info_unref(info);
    char *out = (char *)malloc(text->len + 1);
    if (out != NULL) {
        memcpy(out, text->str, text->len);
        out[text->len] = 0;
        *length = text->len;
    }
    g_string_free(text, TRUE);
    return out;
}

/* Raw colours of a cell: packed 0xRRGGBB in truecolor mode, a palette index in indexed modes,
   -1 for the terminal's default (FGBG modes, transparent pixels). */
static inline void cc_canvas_cell(ChafaCanvas *canvas, int x, int y, unsigned int *character, int *fg, int *bg) {
    *character = chafa_canvas_get_char_at(canvas, x, y);
    chafa_canvas_get_raw_colors_at(canvas, x, y, fg, bg);
}
#endif
