#ifndef DEALDECK_CNCURSESW_SHIM_H
#define DEALDECK_CNCURSESW_SHIM_H

/* Wide-character curses: these must come before the include to expose get_wch, cchar_t… */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

/* Swift imports neither function-like macros nor variadic functions, and in Swift 6 mode it
   rejects mutable C globals such as stdscr, LINES and COLS: read them through these. */
static inline WINDOW *dd_stdscr(void) { return stdscr; }
static inline int dd_lines(void) { return LINES; }
static inline int dd_cols(void) { return COLS; }
static inline int dd_colors(void) { return COLORS; }
static inline int dd_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t dd_a_normal(void) { return A_NORMAL; }
static inline attr_t dd_a_bold(void) { return A_BOLD; }
static inline attr_t dd_a_dim(void) { return A_DIM; }
static inline attr_t dd_a_italic(void) { return A_ITALIC; }
static inline attr_t dd_a_underline(void) { return A_UNDERLINE; }
static inline attr_t dd_a_reverse(void) { return A_REVERSE; }
static inline int dd_key_f(int n) { return KEY_F(n); }
static inline int dd_set_style(attr_t attributes, short pair) { return attr_set(attributes, pair, NULL); }
static inline int dd_err(void) { return ERR; }
static inline int dd_ok(void) { return OK; }
static inline int dd_key_code_yes(void) { return KEY_CODE_YES; }

#endif
