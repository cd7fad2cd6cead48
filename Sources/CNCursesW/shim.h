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
#include <langinfo.h>
#include <errno.h>
#include <sys/ioctl.h>

/* glibc declares wcwidth only under _XOPEN_SOURCE, which the Glibc module lacks. */
extern int wcwidth(wchar_t c);
static inline int cn_wcwidth(wchar_t c) { return wcwidth(c); }

/* Raw write to the terminal (mode switches such as bracketed paste, OSC 52). */
static inline void cn_write_tty(const char *s) { (void)!write(1, s, strlen(s)); }

/* Raw write of all `count` bytes, however many calls it takes (an image's escapes run to
   megabytes, which a terminal takes in parts). Returns 0, or -1 when the terminal is gone. */
static inline int cn_write_all(const char *s, size_t count) {
    while (count > 0) {
        ssize_t n = write(1, s, count);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        s += n;
        count -= (size_t)n;
    }
    return 0;
}

/* The terminal's size in cells and in pixels (TIOCGWINSZ); the pixels are 0 where the
   terminal does not say. Returns 0, or -1 when there is no terminal. */
static inline int cn_window_size(int *columns, int *rows, int *pixel_width, int *pixel_height) {
    struct winsize size;
    if (ioctl(1, TIOCGWINSZ, &size) != 0) return -1;
    *columns = size.ws_col;
    *rows = size.ws_row;
    *pixel_width = size.ws_xpixel;
    *pixel_height = size.ws_ypixel;
    return 0;
}

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

/* Draw one grapheme (a spacing code point and up to CCHARW_MAX - 1 combining marks, NUL
   terminated) with attributes and a colour pair. The pair also goes through setcchar's
   `opts` pointer, ncurses' extension for pair numbers above 32767. */
static inline int cn_mvadd_cell(WINDOW *w, int y, int x, const wchar_t *chars, attr_t attr, int pair) {
    cchar_t cc;
    if (setcchar(&cc, chars, attr, (short)(pair > 32767 ? 0 : pair), &pair) == ERR) return ERR;
    return mvwadd_wch(w, y, x, &cc);
}
static inline int cn_ccharw_max(void) { return CCHARW_MAX; }

/* Whether the terminal $TERM names can move the cursor (cup): 1 yes, 0 no (dumb, hardcopy),
   -1 not in the terminfo database. Safe before initscr. setupterm is declared by <term.h>,
   which is not included: its capability macros (lines, columns…) would clash. */
struct term;
extern int setupterm(const char *term, int filedes, int *errret);
extern struct term *set_curterm(struct term *terminal);
extern int del_curterm(struct term *terminal);
static inline int cn_terminal_can_move_cursor(void) {
    int status = 0;
    if (setupterm(NULL, 1, &status) != OK) return -1;
    const char *cup = tigetstr("cup");
    int can = cup != NULL && cup != (const char *)-1 ? 1 : 0;
    del_curterm(set_curterm(NULL));
    return can;
}

/* A string capability of the terminal (sgr0, bold, sc, …), or NULL when it has none. Valid
   after initscr; the text belongs to ncurses. */
static inline const char *cn_string_capability(const char *name) {
    const char *cap = tigetstr(name);
    return cap == NULL || cap == (const char *)-1 ? NULL : cap;
}

/* A capability with one or two numbers filled in (setaf n, cup row column), or NULL. The
   result lives in a buffer of ncurses' that the next call overwrites: copy it at once. */
static inline const char *cn_capability_with(const char *name, int first, int second) {
    const char *cap = cn_string_capability(name);
    return cap == NULL ? NULL : tiparm(cap, first, second);
}

/* A colour pair from two colour numbers (-1: terminal default), beyond short's range too. */
static inline int cn_init_pair(int pair, int fg, int bg) { return init_extended_pair(pair, fg, bg); }

/* setlocale(LC_ALL, ""), then C.UTF-8 for LC_CTYPE when the environment's codeset is not
   UTF-8. Returns 1 when the final codeset is UTF-8. */
static inline int cn_setup_locale(void) {
    setlocale(LC_ALL, "");
    if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0) return 1;
    if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) setlocale(LC_CTYPE, "C.utf8");
    return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}
#endif
