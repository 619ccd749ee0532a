/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui.c: the curses front end: terminal setup and teardown, keys, and the
 * text and drawing helpers the screens (ui_*.c) share. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wctype.h>

#include "text.h"
#include "ui_int.h"
#include "util.h"

/* The screen to give back if the program exits without closing it: atexit
 * handlers take no argument, so this one thing has to be kept here. */
static struct ui	*ui_exit_ui;
static bool		 ui_exit_registered;

/* Give the terminal back at exit if a session screen is still up (stderr
 * comes back after this, from the handler of the run loop's capture,
 * which was registered before this one). */
static void
ui_atexit(void)
{
	if (ui_exit_ui != NULL) {
		set_term(ui_exit_ui->screen);
		if (!isendwin())
			endwin();
		fflush(ui_exit_ui->out);
		ui_exit_ui = NULL;
	}
}

/* Colour pairs, one per role that has a colour. */
static const struct {
	short	fg, bg;
} ui_pairs[UR_COUNT] = {
	[UR_CALM] = { COLOR_CYAN, -1 },
	[UR_WARN] = { COLOR_WHITE, COLOR_RED },
	[UR_BREATH] = { COLOR_CYAN, -1 },
	[UR_BAR] = { COLOR_GREEN, -1 },
	[UR_PROMPT] = { COLOR_YELLOW, -1 },
	[UR_STATUS] = { COLOR_YELLOW, -1 },
};

/* Set up colour pairs if the terminal has colours; *color says if it did. */
static void
ui_colors_init(bool *color)
{
	int	i, bg_default;

	if (!*color || !has_colors() || start_color() == ERR) {
		*color = false;
		return;
	}
	bg_default = use_default_colors() == OK;
	for (i = 0; i < UR_COUNT; i++) {
		if (ui_pairs[i].fg == 0 && ui_pairs[i].bg == 0)
			continue;
		init_pair((short)i, ui_pairs[i].fg, ui_pairs[i].bg == -1 &&
		    !bg_default ? COLOR_BLACK : ui_pairs[i].bg);
	}
	*color = true;
}

/* The attribute for a role, in colour or monochrome. */
attr_t
ui_role_attr(bool color, enum ui_role role)
{
	switch (role) {
	case UR_TITLE:
		return A_BOLD;
	case UR_DIM:
		return A_DIM;
	case UR_CALM:
		return color ? COLOR_PAIR(UR_CALM) : A_NORMAL;
	case UR_WARN:
		return color ? COLOR_PAIR(UR_WARN) | A_BOLD :
		    A_REVERSE | A_BOLD;
	case UR_BREATH:
		return color ? COLOR_PAIR(UR_BREATH) | A_BOLD : A_BOLD;
	case UR_BAR:
		return color ? COLOR_PAIR(UR_BAR) : A_NORMAL;
	case UR_PROMPT:
		return color ? COLOR_PAIR(UR_PROMPT) | A_BOLD :
		    A_BOLD | A_UNDERLINE;
	case UR_STATUS:
		return color ? COLOR_PAIR(UR_STATUS) : A_BOLD;
	case UR_DIGITS:
		return A_BOLD;
	case UR_SELECT:
		return A_REVERSE;
	default:
		return A_NORMAL;
	}
}

/* The attribute for a role on this screen. */
attr_t
ui_attr(const struct ui *ui, enum ui_role role)
{
	return ui_role_attr(ui->color, role);
}

/* True for the characters that reorder text on a terminal. */
static bool
ui_bidi(wchar_t wc)
{
	return (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 &&
	    wc <= 0x2069) || wc == 0x200e || wc == 0x200f || wc == 0x061c;
}

/* A wide copy of untrusted UTF-8 text that is safe to put on the screen:
 * tabs made spaces, then sanitized, and anything unprintable (or
 * undecodable in this locale) made a replacement character; newlines are
 * kept. */
wchar_t *
ui_wide(const char *s)
{
	char		*clean, *tabs, *t;
	const char	*p, *end;
	wchar_t		*w, wc;
	mbstate_t	 mbs;
	size_t		 len, n = 0, k;
	bool		 utf8;

	tabs = xstrdup(s != NULL ? s : "");
	for (t = tabs; (t = strchr(t, '\t')) != NULL; t++)
		*t = ' ';
	clean = text_sanitize(tabs);
	free(tabs);
	len = strlen(clean);
	utf8 = MB_CUR_MAX > 1;
	w = xreallocarray(NULL, len + 1, sizeof *w);
	memset(&mbs, 0, sizeof mbs);
	for (p = clean, end = clean + len; p < end; p += k) {
		k = mbrtowc(&wc, p, (size_t)(end - p), &mbs);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&mbs, 0, sizeof mbs);
			wc = L'?';
			k = 1;
		}
		if (wc != L'\n' && (ui_bidi(wc) || wcwidth(wc) < 0 ||
		    (wc < 0x100 && !iswprint((wint_t)wc))))
			wc = utf8 ? 0xfffd : L'?';
		w[n++] = wc;
	}
	w[n] = L'\0';
	free(clean);
	return w;
}

/* Columns of one character from ui_wide(). */
static int
ui_wcwidth(wchar_t wc)
{
	int	w = wcwidth(wc);

	return w < 0 ? 1 : w;
}

/* Columns of a wide string from ui_wide(), up to a newline. */
int
ui_wswidth(const wchar_t *s)
{
	int	w = 0;

	for (; *s != L'\0' && *s != L'\n'; s++)
		w += ui_wcwidth(*s);
	return w;
}

/* Put a wide string at y,x, at most maxcols columns and up to a newline;
 * returns the columns used. */
int
ui_addw(WINDOW *win, int y, int x, int maxcols, const wchar_t *s,
    attr_t attr)
{
	wchar_t	*buf;
	int	 used = 0, cw, n = 0;
	size_t	 len;

	if (maxcols <= 0 || y < 0 || x < 0)
		return 0;
	len = wcslen(s);
	buf = xreallocarray(NULL, len + 1, sizeof *buf);
	for (; *s != L'\0' && *s != L'\n'; s++) {
		cw = ui_wcwidth(*s);
		if (cw == 0 && n == 0)
			continue;
		if (used + cw > maxcols)
			break;
		buf[n++] = *s;
		used += cw;
	}
	buf[n] = L'\0';
	if (n > 0) {
		wattr_on(win, attr, NULL);
		mvwaddnwstr(win, y, x, buf, n);
		wattr_off(win, attr, NULL);
	}
	free(buf);
	return used;
}

/* Put untrusted UTF-8 text at y,x in at most maxcols columns. */
int
ui_puts(WINDOW *win, int y, int x, int maxcols, attr_t attr, const char *s)
{
	wchar_t	*w;
	int	 used;

	w = ui_wide(s);
	used = ui_addw(win, y, x, maxcols, w, attr);
	free(w);
	return used;
}

/* Put untrusted text at y,x in maxcols columns, ending in an ellipsis if
 * it does not all fit. */
int
ui_puts_cut(WINDOW *win, int y, int x, int maxcols, attr_t attr,
    const char *s, bool utf8)
{
	struct ui_lines	 l = { 0 };
	wchar_t		*w;
	int		 used;

	w = ui_wide(s);
	ui_lines_add(&l, w, wcscspn(w, L"\n"), attr);
	if (w[wcscspn(w, L"\n")] != L'\0' || ui_wswidth(w) > maxcols)
		ui_lines_ellipsize(&l, 0, maxcols, utf8);
	used = ui_addw(win, y, x, maxcols, l.v[0], attr);
	ui_lines_free(&l);
	free(w);
	return used;
}

/* Format and put text at y,x in at most maxcols columns. */
int
ui_printf(WINDOW *win, int y, int x, int maxcols, attr_t attr,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 used;

	va_start(ap, fmt);
	xvasprintf(&s, fmt, ap);
	va_end(ap);
	used = ui_puts(win, y, x, maxcols, attr, s);
	free(s);
	return used;
}

/* Put text centred on row y of a window cols wide. */
void
ui_center(WINDOW *win, int y, int cols, attr_t attr, const char *s)
{
	wchar_t	*w;
	int	 width, x;

	w = ui_wide(s);
	width = ui_wswidth(w);
	x = width >= cols ? 0 : (cols - width) / 2;
	ui_addw(win, y, x, cols, w, attr);
	free(w);
}

/* Add a copy of one line to a list, with its attribute. */
void
ui_lines_add(struct ui_lines *l, const wchar_t *s, size_t len, attr_t attr)
{
	wchar_t	*copy;

	copy = xreallocarray(NULL, len + 1, sizeof *copy);
	memcpy(copy, s, len * sizeof *copy);
	copy[len] = L'\0';
	l->v = xreallocarray(l->v, (size_t)l->n + 1, sizeof *l->v);
	l->a = xreallocarray(l->a, (size_t)l->n + 1, sizeof *l->a);
	l->v[l->n] = copy;
	l->a[l->n] = attr;
	l->n++;
}

/* Free a list of lines and leave it empty. */
void
ui_lines_free(struct ui_lines *l)
{
	int	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	free(l->a);
	memset(l, 0, sizeof *l);
}

/* Make line i end in an ellipsis within width columns: there is more. */
void
ui_lines_ellipsize(struct ui_lines *l, int i, int width, bool utf8)
{
	wchar_t	*s, *p;
	size_t	 len;
	int	 used = 0;

	if (i < 0 || i >= l->n)
		return;
	s = l->v[i];
	len = wcslen(s);
	s = l->v[i] = xreallocarray(s, len + 4, sizeof *s);
	for (p = s; *p != L'\0'; p++) {
		if (used + ui_wcwidth(*p) > width - (utf8 ? 1 : 3))
			break;
		used += ui_wcwidth(*p);
	}
	if (utf8)
		wcscpy(p, L"\x2026");
	else
		wcscpy(p, L"...");
}

/* Wrap one paragraph p[0..n) into lines of at most width columns, the first
 * behind first, the others behind indent (both wide strings). */
static void
ui_wrap_para(const wchar_t *p, size_t n, int width, const wchar_t *first,
    const wchar_t *indent, attr_t attr, struct ui_lines *out)
{
	const wchar_t	*prefix = first;
	wchar_t		*line;
	size_t		 pos = 0, i, end, next, plen;
	long		 lastsp;
	int		 avail, col, cw;

	line = xreallocarray(NULL, n + wcslen(first) + wcslen(indent) + 1,
	    sizeof *line);
	do {
		plen = wcslen(prefix);
		avail = width - ui_wswidth(prefix);
		if (avail < 1)
			avail = 1;
		if (prefix != first)
			while (pos < n && p[pos] == L' ')
				pos++;
		col = 0;
		lastsp = -1;
		for (i = pos; i < n; i++) {
			cw = ui_wcwidth(p[i]);
			if (col + cw > avail)
				break;
			if (p[i] == L' ')
				lastsp = (long)i;
			col += cw;
		}
		if (i < n && lastsp > (long)pos) {
			end = (size_t)lastsp;
			next = end + 1;
		} else if (i < n) {
			end = i > pos ? i : pos + 1;
			next = end;
		} else
			end = next = n;
		while (end > pos && p[end - 1] == L' ')
			end--;
		memcpy(line, prefix, plen * sizeof *line);
		memcpy(line + plen, p + pos, (end - pos) * sizeof *line);
		ui_lines_add(out, line, plen + end - pos, attr);
		pos = next;
		prefix = indent;
	} while (pos < n);
	free(line);
}

/* Wrap untrusted UTF-8 text to width columns and add the lines to out:
 * first goes before the first line of each paragraph, indent before the
 * others (e.g. "• " and "  "). */
void
ui_wrap(const char *s, int width, const char *first, const char *indent,
    attr_t attr, struct ui_lines *out)
{
	wchar_t	*w, *wf, *wi, *p, *nl;
	size_t	 n;

	w = ui_wide(s);
	wf = ui_wide(first);
	wi = ui_wide(indent);
	/* A block scalar's final newline is not an empty paragraph. */
	for (n = wcslen(w); n > 0 && w[n - 1] == L'\n'; n--)
		w[n - 1] = L'\0';
	for (p = w;; p = nl + 1) {
		nl = wcschr(p, L'\n');
		ui_wrap_para(p, nl != NULL ? (size_t)(nl - p) : wcslen(p),
		    width, wf, wi, attr, out);
		if (nl == NULL)
			break;
	}
	free(wi);
	free(wf);
	free(w);
}

/* A bar width columns wide filled to frac (0..1), with eighth blocks in
 * UTF-8 and '#' otherwise. */
void
ui_bar(WINDOW *win, int y, int x, int width, double frac, bool utf8,
    attr_t attr)
{
	static const wchar_t	 part[] = L" \x258f\x258e\x258d\x258c\x258b"
				     L"\x258a\x2589";
	wchar_t			*fill, *rest;
	long			 units;
	int			 full, i, n = 0;

	if (width <= 0)
		return;
	if (!(frac > 0))
		frac = 0;
	if (frac > 1)
		frac = 1;
	units = (long)(frac * width * (utf8 ? 8 : 1));
	full = (int)(utf8 ? units / 8 : units);
	fill = xreallocarray(NULL, (size_t)width + 1, sizeof *fill);
	rest = xreallocarray(NULL, (size_t)width + 1, sizeof *rest);
	for (i = 0; i < full; i++)
		fill[i] = utf8 ? 0x2588 : L'#';
	fill[full] = L'\0';
	if (utf8 && full < width && units % 8 != 0)
		rest[n++] = part[units % 8];
	while (full + n < width) {
		rest[n] = utf8 ? 0x2591 : L'-';
		n++;
	}
	rest[n] = L'\0';
	if (full > 0)
		ui_addw(win, y, x, full, fill, attr);
	if (n > 0) {
		if (utf8 && units % 8 != 0 && full < width) {
			ui_addw(win, y, x + full, 1, rest, attr);
			ui_addw(win, y, x + full + 1, n - 1, rest + 1, A_DIM);
		} else
			ui_addw(win, y, x + full, n, rest, A_DIM);
	}
	free(rest);
	free(fill);
}

/* A rough length for a list: "45 s", "12 min", "1 h 05 min". */
void
ui_duration(char *buf, size_t size, int64_t ms)
{
	long	s = (long)((ms + 500) / 1000), m;

	if (s < 60)
		snprintf(buf, size, "%ld s", s);
	else if ((m = (s + 30) / 60) < 60)
		snprintf(buf, size, "%ld min", m);
	else
		snprintf(buf, size, "%ld h %02ld min", m / 60, m % 60);
}

/* A clock reading: "0:45", "12:00", "1:05:00". */
void
ui_clock(char *buf, size_t size, long s)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, size, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60,
		    s % 60);
	else
		snprintf(buf, size, "%ld:%02ld", s / 60, s % 60);
}

/* The notice for a window below the smallest size. */
void
ui_too_small(WINDOW *win, int rows, int cols)
{
	char	buf[64];

	snprintf(buf, sizeof buf, "need %dx%d", UI_MIN_COLS, UI_MIN_ROWS);
	ui_center(win, rows > 1 ? rows / 2 - 1 : 0, cols, A_BOLD,
	    "Window too small");
	if (rows > 1)
		ui_center(win, rows / 2, cols, A_NORMAL, buf);
}

/* Draw lines from *scroll into rows rows at y, with a "more" marker when
 * they do not all fit; clamps *scroll and returns the largest scroll. */
int
ui_body_draw(WINDOW *win, int y, int rows, int cols,
    const struct ui_lines *l, int *scroll, bool utf8, attr_t dim)
{
	int	i, shown, max;

	if (rows <= 0)
		return 0;
	if (l->n <= rows) {
		*scroll = 0;
		shown = l->n;
		max = 0;
	} else {
		shown = rows > 1 ? rows - 1 : 1;
		max = l->n - shown;
	}
	if (*scroll > max)
		*scroll = max;
	if (*scroll < 0)
		*scroll = 0;
	for (i = 0; i < shown; i++)
		ui_addw(win, y + i, 1, cols - 2, l->v[*scroll + i],
		    l->a[*scroll + i]);
	if (max > 0 && shown < rows) {
		ui_printf(win, y + shown, 1, cols - 2, dim, "%s %s",
		    *scroll < max ? (utf8 ? "\xe2\x96\xbc more" : "v more") :
		    (utf8 ? "\xe2\x96\xb2 top" : "^ top"),
		    utf8 ? "(\xe2\x86\x91\xe2\x86\x93 scroll)" :
		    "(arrows scroll)");
	}
	return max;
}

/* A line of key help: the items that fit, in their order, leaving out the
 * least important (highest prio, the last of equals) first. */
void
ui_keyline(WINDOW *win, int y, int cols, attr_t attr,
    const struct ui_key *items, int n)
{
	bool	 keep[32];
	char	*line, *tmp;
	int	 i, width, kept, drop;

	if (n > (int)nitems(keep))
		n = (int)nitems(keep);
	for (i = 0; i < n; i++)
		keep[i] = true;
	for (kept = n; kept > 1; kept--) {
		width = -2;
		for (i = 0; i < n; i++)
			if (keep[i])
				width += text_width(items[i].label) + 2;
		if (width <= cols - 2)
			break;
		drop = -1;
		for (i = 0; i < n; i++)
			if (keep[i] && (drop < 0 ||
			    items[i].prio >= items[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		keep[drop] = false;
	}
	line = xstrdup("");
	for (i = 0; i < n; i++) {
		if (!keep[i])
			continue;
		xasprintf(&tmp, "%s%s%s", line, *line != '\0' ? "  " : "",
		    items[i].label);
		free(line);
		line = tmp;
	}
	ui_puts(win, y, 1, cols - 2, attr, line);
	free(line);
}

/* Set when Ctrl-C is pressed while a screen of the picker waits for a key. */
static volatile sig_atomic_t ui_intr;

/* Note Ctrl-C for the screen waiting for a key. */
static void
ui_intr_note(int sig)
{
	(void)sig;
	ui_intr = 1;
}

/* Catch Ctrl-C until ui_intr_release(): wget_wch() then fails with EINTR
 * and ui_interrupted() is true, so the screen can leave as it would for a
 * key. Called before newterm(), which would otherwise put a handler of its
 * own in place of the default one, ending the program with status 1. */
void
ui_intr_catch(struct sigaction *old)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_intr_note;
	sigemptyset(&sa.sa_mask);
	ui_intr = 0;
	sigaction(SIGINT, &sa, old);
}

/* Put back what Ctrl-C did before ui_intr_catch(). */
void
ui_intr_release(const struct sigaction *old)
{
	sigaction(SIGINT, old, NULL);
}

/* True once Ctrl-C was pressed since ui_intr_catch(). */
bool
ui_interrupted(void)
{
	return ui_intr != 0;
}

/* A page with a header, scrolling text, a 0-10 question, key help and the
 * status line: the frame of the PRE and AFTERCARE screens. */
void
ui_page_draw(struct ui *ui, const struct ui_page *pg, int rows, int cols)
{
	char	rating[16];
	int	rw, n, x, nr;

	rw = text_width(pg->right);
	ui_puts(stdscr, 0, cols - 1 - rw, rw, ui_attr(ui, UR_DIM), pg->right);
	ui_puts(stdscr, 0, 1, cols - rw - 4, ui_attr(ui, UR_TITLE),
	    pg->title);
	n = rows - 5 - (rows >= 16 ? 1 : 0);
	/* A notice wider than the window takes rows from the text. */
	nr = ui_notice_rows(ui, cols - 2, n);
	if (nr > 1) {
		n -= nr - 1;
		rows -= nr - 1;
	}
	ui->scroll_max = ui_body_draw(stdscr, 2, n, cols, pg->body,
	    &ui->scroll, ui->utf8, ui_attr(ui, UR_DIM));
	ui->body_shown = pg->body->n <= n ? pg->body->n : n > 1 ? n - 1 : 1;
	x = 1 + ui_puts(stdscr, rows - 3, 1, cols - 6,
	    ui_attr(ui, UR_PROMPT), pg->prompt);
	if (pg->rating >= 0)
		snprintf(rating, sizeof rating, " %d ", pg->rating);
	else
		snprintf(rating, sizeof rating, " _ ");
	ui_puts(stdscr, rows - 3, x + 1, cols - x - 2,
	    ui_attr(ui, UR_SELECT), rating);
	ui_keyline(stdscr, rows - 2, cols, ui_attr(ui, UR_DIM), pg->keys,
	    pg->n_keys);
	if (nr > 0)
		ui_notice_draw(ui, rows - 1 + (nr - 1), nr, 1, cols - 2,
		    cols - 2);
}

/* Ask the terminal for its size and tell curses if it changed. */
static void
ui_sync_size(struct ui *ui)
{
	struct winsize	ws;

	if (ioctl(fileno(ui->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	ui->dirty = true;
}

/* Set up a curses screen on a terminal (term NULL: $TERM) as every screen
 * here wants it: keys one at a time, no echo, no cursor; colours if *color
 * and the terminal has them. NULL with *cause. */
SCREEN *
ui_newterm(const char *term, FILE *out, FILE *in, bool *color, bool *utf8,
    char **cause)
{
	SCREEN		*screen;
	const char	*name;

	if ((screen = newterm(term, out, in)) == NULL) {
		name = term != NULL ? term : getenv("TERM");
		xasprintf(cause, "cannot use terminal type \"%s\"",
		    name != NULL ? name : "");
		return NULL;
	}
	set_term(screen);
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	ui_colors_init(color);
	*utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return screen;
}

/* Take a terminal for the session screens: term NULL is $TERM. */
int
ui_open_term(struct frontend *fe, const struct routine *rt, const char *term,
    FILE *out, FILE *in, char **cause)
{
	struct ui	*ui;

	ui = xcalloc(1, sizeof *ui);
	ui->color = fe->color;
	if ((ui->screen = ui_newterm(term, out, in, &ui->color, &ui->utf8,
	    cause)) == NULL) {
		free(ui);
		return -1;
	}
	nodelay(stdscr, TRUE);
	ui->out = out;
	ui->in = in;
	ui->rt = rt;
	ui->fe = fe;
	ui->dirty = true;
	ui->last_state = ui->last_step = -2;
	fe->data = ui;
	if (!ui_exit_registered)
		atexit(ui_atexit);
	ui_exit_registered = true;
	ui_exit_ui = ui;
	return 0;
}

/* Take the controlling terminal on stdin and stdout. */
static int
ui_open(struct frontend *fe, const struct routine *rt, char **cause)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("not a terminal");
		return -1;
	}
	return ui_open_term(fe, rt, NULL, stdout, stdin, cause);
}

/* Give the terminal back as it was; a second call does nothing. */
static void
ui_close(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	if (ui == NULL)
		return;
	set_term(ui->screen);
	if (!isendwin())
		endwin();
	fflush(ui->out);
	if (ui_exit_ui == ui)
		ui_exit_ui = NULL;
	delscreen(ui->screen);
	free(ui->notice);
	free(ui);
	fe->data = NULL;
}

/* Leave the screen before the process stops (Ctrl-Z). If a script started
 * us, its shell may already have taken the terminal back when the script
 * stopped: giving the modes back must not stop us with SIGTTOU then, or
 * the stop that follows would outlast the shell's SIGCONT. */
static void
ui_suspend(struct frontend *fe)
{
	struct ui		*ui = fe->data;
	struct sigaction	 sa, old;

	if (ui == NULL || ui->suspended)
		return;
	set_term(ui->screen);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTTOU, &sa, &old);
	endwin();
	fflush(ui->out);
	sigaction(SIGTTOU, &old, NULL);
	ui->suspended = true;
}

/* Take the screen back after SIGCONT and repaint it all. */
static void
ui_resume(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	if (ui == NULL || !ui->suspended)
		return;
	set_term(ui->screen);
	ui->suspended = false;
	ui_sync_size(ui);
	doupdate();
}

/* The window size changed: lay out again on the next draw. */
static void
ui_resize(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	if (ui == NULL || ui->suspended)
		return;
	set_term(ui->screen);
	ui_sync_size(ui);
}

/* Actions need nothing beyond the view (it shows advice, prompts and steps
 * as they are now) but a word on what a key did. */
static void
ui_action(struct frontend *fe, const struct sess_action *act)
{
	if (fe->data != NULL)
		ui_step_action(fe->data, act);
}

/* Keep a one-line notice for the status line. */
static void
ui_notice(struct frontend *fe, const char *msg)
{
	struct ui	*ui = fe->data;
	char		*p;

	if (ui == NULL)
		return;
	free(ui->notice);
	ui->notice = text_sanitize(msg);
	ui->notice_since = -1;
	for (p = ui->notice; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	ui->notice_gen++;
}

/* The fd input arrives on; -1 once the terminal has gone away. */
static int
ui_fd(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	return ui != NULL && !ui->eof ? fileno(ui->in) : -1;
}

/* A session input. */
static struct fe_input
ui_session_input(enum sess_input input, int value)
{
	struct fe_input	in = { FE_SESSION, input, value };

	return in;
}

/* Move the PRE or AFTERCARE text by n lines, within what the last draw
 * found. */
static void
ui_scroll(struct ui *ui, int n)
{
	ui->scroll += n;
	if (ui->scroll > ui->scroll_max)
		ui->scroll = ui->scroll_max;
	if (ui->scroll < 0)
		ui->scroll = 0;
}

/* Open the key help; a running timer stands still while it is up. */
static struct fe_input
ui_help_open(struct ui *ui)
{
	struct fe_input	none = { FE_NONE, SI_NEXT, 0 };

	ui->help = true;
	if (ui->have_snap && !ui->snap.paused &&
	    (ui->snap.state == SS_STEP || ui->snap.state == SS_SWITCH ||
	    ui->snap.state == SS_SET_REST || ui->snap.state == SS_READY)) {
		ui->help_paused = true;
		return ui_session_input(SI_PAUSE, 0);
	}
	return none;
}

/* Close the key help: the key that closes it does nothing else, and the
 * timer goes on if the help stopped it. */
static struct fe_input
ui_help_close(struct ui *ui)
{
	struct fe_input	none = { FE_NONE, SI_NEXT, 0 };

	ui->help = false;
	if (ui->help_paused) {
		ui->help_paused = false;
		return ui_session_input(SI_PAUSE, 0);
	}
	return none;
}

/* Turn one key into an input; keys for the screen itself give FE_NONE. */
static struct fe_input
ui_key(struct ui *ui, wint_t key, bool code)
{
	struct fe_input	none = { FE_NONE, SI_NEXT, 0 };
	const char	*idle;

	if (code && key == KEY_RESIZE) {
		clearok(curscr, TRUE);
		ui->dirty = true;
		return none;
	}
	if (ui->confirm) {
		ui->confirm = false;
		if (!code && (key == L'y' || key == L'Y')) {
			none.kind = FE_QUIT;
			return none;
		}
		return none;
	}
	if (ui->help)
		return ui_help_close(ui);
	if ((code && key == KEY_ENTER) || (!code && (key == L'\r' ||
	    key == L'\n'))) {
		if (ui_pre_enter(ui))
			return none;
		return ui_session_input(SI_NEXT, 0);
	}
	if (!code && (idle = ui_step_idle_key(ui, key)) != NULL)
		ui_notice(ui->fe, idle);
	if (code) {
		switch (key) {
		case KEY_UP:
		case KEY_PPAGE:
			ui_scroll(ui, key == KEY_UP ? -1 : -5);
			return none;
		case KEY_DOWN:
		case KEY_NPAGE:
			ui_scroll(ui, key == KEY_DOWN ? 1 : 5);
			return none;
		}
		return none;
	}
	if (key >= L'0' && key <= L'9')
		return ui_session_input(SI_RATING, (int)(key - L'0'));
	switch (key) {
	case L't':
	case L'T':
		return ui_session_input(SI_RATING, 10);
	case L' ':
		/* Getting ready, space says "I am on the point". */
		if (ui->have_snap && ui->snap.state == SS_READY &&
		    !ui->snap.paused)
			return ui_session_input(SI_NEXT, 0);
		return ui_session_input(SI_PAUSE, 0);
	case L'b':
		return ui_session_input(SI_BRACING, 0);
	case L'r':
		return ui_session_input(SI_RELEASE, 0);
	case L'+':
	case L'=':
		return ui_session_input(SI_EXTEND, 0);
	case L's':
		return ui_session_input(SI_SKIP, 0);
	case L'p':
		return ui_session_input(SI_PREV, 0);
	case L'[':
		none.kind = FE_VOLUME_DOWN;
		return none;
	case L']':
		none.kind = FE_VOLUME_UP;
		return none;
	case L'm':
		none.kind = FE_MUTE;
		return none;
	case L'v':
		none.kind = FE_VOICE;
		return none;
	case L'?':
		return ui_help_open(ui);
	case L'S':
		return ui_session_input(SI_SKIP_POINT, 0);
	case L'y':
	case L'Y':
		return ui_session_input(SI_ANSWER, 1);
	case L'n':
	case L'N':
		return ui_session_input(SI_ANSWER, 0);
	case L'q':
	case L'Q':
		ui->confirm = true;
		return none;
	}
	return none;
}

/* True if the terminal has gone away: no key will ever come. */
static bool
ui_hungup(struct ui *ui)
{
	struct pollfd	pfd;

	pfd.fd = fileno(ui->in);
	pfd.events = POLLIN;
	pfd.revents = 0;
	return poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* Read keys until one is an input for the loop, or none is left: keys
 * for the screen itself (help, the quit question, scrolling, resizes) are
 * handled here. */
static struct fe_input
ui_read(struct frontend *fe)
{
	struct ui	*ui = fe->data;
	struct fe_input	 none = { FE_NONE, SI_NEXT, 0 }, in;
	wint_t		 key;
	int		 rc;

	if (ui == NULL || ui->suspended)
		return none;
	if (ui->eof) {
		none.kind = FE_EOF;
		return none;
	}
	set_term(ui->screen);
	do {
		if ((rc = wget_wch(stdscr, &key)) == ERR) {
			if (ui_hungup(ui)) {
				ui->eof = true;
				none.kind = FE_EOF;
			}
			return none;
		}
		in = ui_key(ui, key, rc == KEY_CODE_YES);
	} while (in.kind == FE_NONE);
	return in;
}

/* True while the breathing bar is on screen and moving. */
static bool
ui_moving(const struct ui *ui, const struct sess_view *v)
{
	int	rows, cols;

	if (!ui->fe->animate || ui->help || ui->suspended || v->paused ||
	    !v->breathing || v->state != SS_STEP ||
	    (v->phase != BR_INHALE && v->phase != BR_EXHALE))
		return false;
	getmaxyx(stdscr, rows, cols);
	return ui_step_breath_visible(rows, cols, v);
}

/* Frames are needed only while the breathing bar moves. */
static int
ui_frame_ms(struct frontend *fe, const struct sess_view *v)
{
	struct ui	*ui = fe->data;

	if (ui == NULL)
		return 0;
	set_term(ui->screen);
	return ui_moving(ui, v) ? UI_FRAME_MS : 0;
}

/* True while the window is too small to show the session. */
static bool
ui_hidden(struct frontend *fe)
{
	struct ui	*ui = fe->data;
	int		 rows, cols;

	if (ui == NULL || ui->suspended)
		return false;
	set_term(ui->screen);
	getmaxyx(stdscr, rows, cols);
	return rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
}

/* What the view looks like on this screen, to tell if a frame changed. */
static void
ui_snap(const struct ui *ui, const struct sess_view *v, int rows, int cols,
    struct ui_snap *s)
{
	memset(s, 0, sizeof *s);
	s->rows = rows;
	s->cols = cols;
	s->state = v->state;
	s->paused = v->paused;
	s->help = ui->help;
	s->confirm = ui->confirm;
	s->muted = ui->fe->muted;
	s->voice = ui->fe->voice;
	s->silent = ui->fe->silent;
	s->volume = ui->fe->volume;
	s->scroll = ui->scroll;
	s->notice_gen = ui->notice_gen;
	s->pre_pain = v->pre_pain;
	s->post_pain = v->post_pain;
	s->prompt = v->prompt;
	if (v->state == SS_PRE || v->state == SS_AFTERCARE)
		return;
	s->step = v->step;
	s->side = v->side;
	s->st = v->st;
	s->remain_s = ui_step_remaining(v);
	s->set = v->set;
	s->sets = v->sets;
	s->rep = v->rep;
	s->reps = v->reps;
	s->breath = v->breath;
	s->advice = v->advice;
	s->advice_text = v->advice_text;
	s->last_rating = v->last_rating;
	if (v->step_total > 0)
		s->step_units = (long)((double)v->step_elapsed /
		    (double)v->step_total * cols * 8);
	if (v->routine_total > 0)
		s->routine_units = (long)((double)v->routine_elapsed /
		    (double)v->routine_total * cols * 8);
	if (v->breathing) {
		s->phase = (int)v->phase + 1;
		if (ui->fe->animate)
			s->breath_units = ui_step_breath_cells(v, cols);
	}
}

/* The bottom line while "q" waits for y or n. */
static void
ui_confirm_draw(struct ui *ui, int rows, int cols)
{
	wmove(stdscr, rows - 1, 0);
	wclrtoeol(stdscr);
	ui_puts(stdscr, rows - 1, 0, cols, ui_attr(ui, UR_WARN),
	    cols >= UI_MIN_COLS ? " Stop the session now? y = yes, n = no " :
	    " Stop now? y/n ");
}

/* Redraw the screen for this view if anything on it changed. */
static void
ui_draw(struct frontend *fe, const struct sess_view *v)
{
	struct ui	*ui = fe->data;
	struct ui_snap	 snap;
	int		 rows, cols;

	if (ui == NULL || ui->suspended)
		return;
	set_term(ui->screen);
	getmaxyx(stdscr, rows, cols);
	if ((int)v->state != ui->last_state || v->step != ui->last_step) {
		ui->last_state = (int)v->state;
		ui->last_step = v->step;
		ui->scroll = 0;
	}
	ui_step_note(ui, v);
	ui_snap(ui, v, rows, cols, &snap);
	if (ui->have_snap && !ui->dirty &&
	    memcmp(&snap, &ui->snap, sizeof snap) == 0)
		return;
	werase(stdscr);
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
		ui_too_small(stdscr, rows, cols);
		if (v->paused && rows > 2)
			ui_center(stdscr, rows / 2 + 1, cols, A_NORMAL,
			    "Paused");
	} else if (v->state == SS_PRE)
		ui_pre_draw(ui, v, rows, cols);
	else if (v->state == SS_AFTERCARE)
		ui_aftercare_draw(ui, v, rows, cols);
	else
		ui_step_draw(ui, v, rows, cols);
	if (ui->help && rows >= UI_MIN_ROWS && cols >= UI_MIN_COLS)
		ui_help_draw(stdscr, rows, cols, ui_attr(ui, UR_TITLE),
		    ui_attr(ui, UR_NORMAL));
	if (ui->confirm)
		ui_confirm_draw(ui, rows, cols);
	wnoutrefresh(stdscr);
	doupdate();
	ui->snap = snap;
	ui->have_snap = true;
	ui->dirty = false;
}

const struct frontend_ops frontend_curses = {
	.name = "curses",
	.open = ui_open,
	.close = ui_close,
	.suspend = ui_suspend,
	.resume = ui_resume,
	.resize = ui_resize,
	.action = ui_action,
	.draw = ui_draw,
	.notice = ui_notice,
	.fd = ui_fd,
	.read = ui_read,
	.frame_ms = ui_frame_ms,
	.hidden = ui_hidden,
};
