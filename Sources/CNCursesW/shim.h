#ifndef DEALDECK_CNCURSESW_SHIM_H
#define DEALDECK_CNCURSESW_SHIM_H

/* Wide-character curses: these must come before the include to expose get_wch, cchar_t… */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>

/* Swift imports neither function-like macros nor variadic functions, and in Swift 6 mode it
   rejects mutable C globals such as stdscr, LINES and COLS: read them through these. */
static inline WINDOW *dd_stdscr(void) { return stdscr; }
static inline WINDOW *dd_curscr(void) { return curscr; }
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

/* A screen on the process's stdin/stdout; NULL (instead of exiting, as initscr does) when the
   terminal type is unknown. stdin/stdout are mutable C globals Swift 6 will not touch. */
static inline SCREEN *dd_newterm(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen) set_term(screen);
    return screen;
}

/* Columns a wide character takes (glibc declares wcwidth only for X/Open builds). */
static inline int dd_wcwidth(wchar_t character) {
    extern int wcwidth(wchar_t);
    return wcwidth(character);
}

/* Mouse masks are macros built from other macros. */
static inline mmask_t dd_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t dd_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t dd_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t dd_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t dd_button5_pressed(void) { return BUTTON5_PRESSED; }
static inline mmask_t dd_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }

/* One wide character (plus combining marks) with attributes and an extended colour pair. */
static inline int dd_put_cell(int row, int column, const wchar_t *characters, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, characters, attributes, 0, &pair) != OK) return ERR;
    return mvwadd_wch(stdscr, row, column, &cell);
}

/* The terminal size as the kernel knows it (after SIGWINCH, before curses does). */
static inline int dd_window_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

/* ---- Restoring the terminal on every exit path ------------------------------------------
   Only async-signal-safe work happens in the handlers: a byte to a pipe for the signals the app
   handles in order (resize, quit, suspend), and endwin() before re-raising for crashes (ncurses
   itself calls endwin() from its SIGINT/SIGTERM handler). */

static volatile sig_atomic_t dd_screen_active = 0;
static int dd_signal_pipe[2] = {-1, -1};
/* Raw storage: the importer skips declarations of type `struct sigaction` (its name clashes
   with the function), and skipped declarations are not emitted. */
static unsigned char dd_previous_storage[65][sizeof(struct sigaction)] __attribute__((aligned(16))) = {{0}};
static inline struct sigaction *dd_previous_action(int sig) { return (struct sigaction *)(void *)dd_previous_storage[sig]; }

static inline void dd_set_screen_active(int active) { dd_screen_active = active; }

static void dd_restore_terminal(void) {
    if (dd_screen_active) {
        dd_screen_active = 0;
        endwin();
    }
}

static void dd_signal_to_pipe(int sig) {
    int saved = errno;
    unsigned char byte = (unsigned char)sig;
    if (dd_signal_pipe[1] >= 0) { ssize_t ignored = write(dd_signal_pipe[1], &byte, 1); (void)ignored; }
    errno = saved;
}

static void dd_crash_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    dd_restore_terminal();
    /* Put back whoever handled it before (the Swift runtime's backtracer, or the default). A
       fault re-executes the instruction and reaches that handler; a signal that was sent (kill,
       abort: si_code <= 0) does not come back by itself, so it is raised again. */
    sigaction(sig, dd_previous_action(sig), NULL);
    if (sig == SIGABRT || sig == SIGQUIT || info == NULL || info->si_code <= 0) raise(sig);
}

/* Installs the handlers; returns the read end of the signal pipe (or -1). Call before initscr
   so ncurses leaves SIGWINCH, SIGINT, SIGTERM and SIGTSTP to us. */
static inline int dd_install_signal_handlers(void) {
    if (dd_signal_pipe[0] < 0) {
        if (pipe(dd_signal_pipe) != 0) return -1;
        for (int i = 0; i < 2; i++) {
            fcntl(dd_signal_pipe[i], F_SETFD, FD_CLOEXEC);
            fcntl(dd_signal_pipe[i], F_SETFL, O_NONBLOCK);
        }
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dd_signal_to_pipe;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    int forwarded[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT};
    for (unsigned i = 0; i < sizeof forwarded / sizeof forwarded[0]; i++) sigaction(forwarded[i], &action, NULL);

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_sigaction = dd_crash_handler;
    crash.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigemptyset(&crash.sa_mask);
    int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP, SIGQUIT};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) sigaction(fatal[i], &crash, dd_previous_action(fatal[i]));

    static int registered = 0;
    if (!registered) {
        registered = 1;
        atexit(dd_restore_terminal);
    }
    return dd_signal_pipe[0];
}

/* Ctrl-Z: give the terminal back and stop; returns once the shell resumes us (fg). */
static inline void dd_stop_self(void) {
    struct sigaction previous, fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(SIGTSTP, &fallback, &previous);
    kill(getpid(), SIGTSTP);
    sigaction(SIGTSTP, &previous, NULL);
}

/* Writes all of a byte string to a file descriptor (escape sequences around curses). */
static inline int dd_write_all(int fd, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(fd, bytes, count);
        if (written < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            return -1;
        }
        bytes += written;
        count -= (size_t)written;
    }
    return 0;
}

#endif
