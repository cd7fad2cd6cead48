#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
/* The wide-character API needs these before any system header; SwiftPM drops the
   -D flags that pkg-config gives, so they live here. */
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>
#include <unistd.h>
#include <string.h>

/* glibc declares wcwidth only under _XOPEN_SOURCE, which the Glibc module lacks. */
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }

/* Raw write to the terminal (mode switches such as bracketed paste, OSC 52). */
static inline void cn_write_tty(const char *s) { (void)!write(1, s, strlen(s)); }

/* C globals are not concurrency-safe in Swift 6: read them through functions. */
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }

/* Function-like and attribute macros Swift cannot import. */
static inline int cn_key_f(int n) { return KEY_F(n); }
static const attr_t CN_A_NORMAL = A_NORMAL;
static const attr_t CN_A_BOLD = A_BOLD;
static const attr_t CN_A_DIM = A_DIM;
static const attr_t CN_A_REVERSE = A_REVERSE;
static const attr_t CN_A_UNDERLINE = A_UNDERLINE;
static const attr_t CN_A_ITALIC = A_ITALIC;

/* Draw one grapheme (up to 8 code points) with attributes and a colour pair. */
static inline int cn_mvadd_cell(WINDOW *w, int y, int x, const wchar_t *chars, attr_t attr, int pair) {
    cchar_t cc;
    setcchar(&cc, chars, attr, (short)pair, NULL);
    return mvwadd_wch(w, y, x, &cc);
}
#endif
