/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_ask.c: a question after the session on a screen of its own (where
 * the pain spread, a note for the therapist): the question, a one-line
 * field, Enter to give it (empty: skipped), Esc to skip. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/ioctl.h>

#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ask.h"
#include "routine.h"
#include "ui_int.h"
#include "util.h"

/* What is typed: wide characters, at most UI_ASK_MAX. */
#define UI_ASK_MAX	280
/* How often, while it waits for a key, the screen looks at the
 * terminal's size and at signals waiting. */
#define UI_ASK_POLL_MS	200

struct ui_ask_field {
	wchar_t	v[UI_ASK_MAX + 1];
	size_t	n;
};

/* Draw the screen: title, the question and its hint wrapped, the field
 * with its end in view, the keys. */
static void
ui_ask_draw(struct ui *ui, const char *question, const char *hint,
    const struct ui_ask_field *fld)
{
	static const struct ui_key keys[] = {
		{ "Enter done (empty: skip)", 0 }, { "Esc skip", 1 }
	};
	struct ui_lines	 l = { 0 };
	const wchar_t	*tail = fld->v;
	int		 rows, cols, y, i, w;

	getmaxyx(stdscr, rows, cols);
	werase(stdscr);
	if (ui_too_small_shown(rows, cols))
		return;
	ui_puts(stdscr, 0, 1, cols - 2, ui_attr(ui, UR_TITLE),
	    ui->rt != NULL && ui->rt->title != NULL ? ui->rt->title : "");
	ui_wrap(question, cols - 2, "", "", ui_attr(ui, UR_PROMPT), &l);
	if (hint != NULL)
		ui_wrap(hint, cols - 2, "", "", ui_attr(ui, UR_DIM), &l);
	y = 2;
	for (i = 0; i < l.n && y < rows - 3; i++, y++)
		ui_addw(stdscr, y, 1, cols - 2, l.v[i], l.a[i]);
	ui_lines_free(&l);
	y++;
	/* The field: "> " and as much of the end of the text as fits. */
	w = cols - 5;
	while (*tail != L'\0' && ui_wswidth(tail) > w)
		tail++;
	ui_puts(stdscr, y, 1, 2, ui_attr(ui, UR_PROMPT), ">");
	ui_addw(stdscr, y, 3, w, tail, A_NORMAL);
	ui_keyline(stdscr, rows - 1, cols, ui_attr(ui, UR_DIM), keys,
	    (int)nitems(keys));
	wmove(stdscr, y, 3 + ui_wswidth(tail));
	curs_set(1);
	wnoutrefresh(stdscr);
	doupdate();
}

/* The field as UTF-8 (the caller frees); NULL when it is empty. */
static char *
ui_ask_text(const struct ui_ask_field *fld)
{
	mbstate_t	 ps;
	char		*s, *p;
	size_t		 i, k;

	if (fld->n == 0)
		return NULL;
	s = p = xmalloc(fld->n * MB_LEN_MAX + 1);
	memset(&ps, 0, sizeof ps);
	for (i = 0; i < fld->n; i++) {
		if ((k = wcrtomb(p, fld->v[i], &ps)) != (size_t)-1)
			p += k;
	}
	*p = '\0';
	return s;
}

/* Take one key into the field; 1 when the answer is given, -1 when the
 * question is skipped, 0 to go on. */
static int
ui_ask_key(struct ui_ask_field *fld, int rc, wint_t key)
{
	if (rc == KEY_CODE_YES) {
		if (key == KEY_ENTER)
			return 1;
		if (key == KEY_BACKSPACE && fld->n > 0)
			fld->v[--fld->n] = L'\0';
		return 0;
	}
	switch (key) {
	case L'\r':
	case L'\n':
		return 1;
	case 033:		/* Esc */
		return -1;
	case 0x7f:
	case L'\b':
		if (fld->n > 0)
			fld->v[--fld->n] = L'\0';
		return 0;
	case 0x15:		/* ^U */
		fld->n = 0;
		fld->v[0] = L'\0';
		return 0;
	}
	if (fld->n < UI_ASK_MAX && iswprint(key)) {
		fld->v[fld->n++] = (wchar_t)key;
		fld->v[fld->n] = L'\0';
	}
	return 0;
}

/* Whether no key will come: the terminal went away, or a signal to quit
 * waits (the session loop keeps them blocked; they are taken after). */
static bool
ui_ask_gone(struct ui *ui)
{
	struct pollfd	pfd;
	sigset_t	set;

	pfd.fd = fileno(ui->in);
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0)
		return true;
	return sigpending(&set) == 0 && (sigismember(&set, SIGINT) == 1 ||
	    sigismember(&set, SIGTERM) == 1 || sigismember(&set, SIGHUP) == 1);
}

/* Follow the terminal's size (SIGWINCH waits blocked, like the others). */
static void
ui_ask_size(struct ui *ui)
{
	struct winsize	ws;

	if (ioctl(fileno(ui->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS)) {
		resizeterm(ws.ws_row, ws.ws_col);
		clearok(curscr, TRUE);
	}
}

/* See ui_int.h. */
char *
ui_ask(struct ui *ui, const char *question, const char *hint, bool *gone)
{
	struct ui_ask_field	 fld;
	wint_t			 key;
	int			 rc, done = 0;

	memset(&fld, 0, sizeof fld);
	set_term(ui->screen);
	wtimeout(stdscr, UI_ASK_POLL_MS);
	while (done == 0) {
		ui_ask_size(ui);
		ui_ask_draw(ui, question, hint, &fld);
		if ((rc = wget_wch(stdscr, &key)) == ERR) {
			if (ui_ask_gone(ui)) {
				*gone = true;
				done = -1;
			}
			continue;
		}
		if (rc == KEY_CODE_YES && key == KEY_RESIZE)
			continue;
		done = ui_ask_key(&fld, rc, key);
	}
	curs_set(0);
	nodelay(stdscr, TRUE);
	ui->dirty = true;
	return done > 0 ? ui_ask_text(&fld) : NULL;
}
