/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_session.c: the curses front end of a session (frontend_curses):
 * taking and giving back the terminal, Ctrl-Z and resizes, keys, and
 * each state drawn by its screen (ui_pre.c, ui_step.c, ui_aftercare.c)
 * with the help and the quit question over it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "text.h"
#include "ui_int.h"
#include "util.h"

/* The screen to give back if the program exits without closing it: atexit
 * handlers take no argument, so this one thing has to be kept here. */
static struct ui	*ui_session_exit_ui;
static bool		 ui_session_exit_registered;

/* Give the terminal back at exit if a session screen is still up (stderr
 * comes back after this, from the handler of the run loop's capture,
 * which was registered before this one). */
static void
ui_session_atexit(void)
{
	if (ui_session_exit_ui != NULL) {
		set_term(ui_session_exit_ui->screen);
		if (!isendwin())
			endwin();
		fflush(ui_session_exit_ui->out);
		ui_session_exit_ui = NULL;
	}
}

/* Ask the terminal for its size and tell curses if it changed. */
static void
ui_session_sync_size(struct ui *ui)
{
	struct winsize	ws;

	if (ioctl(fileno(ui->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
	clearok(curscr, TRUE);
	ui->dirty = true;
}

/* Take a terminal for the session screens: term NULL is $TERM. */
int
ui_session_open_term(struct frontend *fe, const struct routine *rt,
    const char *term, FILE *out, FILE *in, char **cause)
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
	if (!ui_session_exit_registered)
		atexit(ui_session_atexit);
	ui_session_exit_registered = true;
	ui_session_exit_ui = ui;
	return 0;
}

/* Take the controlling terminal on stdin and stdout. */
static int
ui_session_open(struct frontend *fe, const struct routine *rt, char **cause)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("not a terminal");
		return -1;
	}
	return ui_session_open_term(fe, rt, NULL, stdout, stdin, cause);
}

/* Give the terminal back as it was; a second call does nothing. */
static void
ui_session_close(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	if (ui == NULL)
		return;
	set_term(ui->screen);
	if (!isendwin())
		endwin();
	fflush(ui->out);
	if (ui_session_exit_ui == ui)
		ui_session_exit_ui = NULL;
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
ui_session_suspend(struct frontend *fe)
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
ui_session_resume(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	if (ui == NULL || !ui->suspended)
		return;
	set_term(ui->screen);
	ui->suspended = false;
	ui_session_sync_size(ui);
	doupdate();
}

/* The window size changed: lay out again on the next draw. */
static void
ui_session_resize(struct frontend *fe)
{
	struct ui	*ui = fe->data;

	if (ui == NULL || ui->suspended)
		return;
	set_term(ui->screen);
	ui_session_sync_size(ui);
}

/* Actions need nothing beyond the view (it shows advice, prompts and steps
 * as they are now) but a word on what a key did. */
static void
ui_session_action(struct frontend *fe, const struct sess_action *act)
{
	if (fe->data != NULL)
		ui_step_action(fe->data, act);
}

/* Keep a one-line notice for the status line. */
static void
ui_session_notice(struct frontend *fe, const char *msg)
{
	struct ui	*ui = fe->data;
	char		*p;

	if (ui == NULL)
		return;
	free(ui->notice);
	ui->notice = text_sanitize(msg);
	ui->notice_since = -1;
	ui->notice_where = -1;
	ui->how_notice = false;
	ui->key_notice = false;
	for (p = ui->notice; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	ui->notice_gen++;
}

/* A notice goes once the screen has moved on to another step, side or
 * state and it has been up UI_NOTICE_MS: what it said was of then (the
 * difficulty question has its own end). The answer to a key that did
 * nothing goes as soon as the state changes: "this step goes on by
 * itself" is wrong once a symptom has stopped it. */
static void
ui_session_notice_expire(struct ui *ui, const struct sess_view *v)
{
	long	where = ((long)v->step * 4 + (long)v->side) * 32 +
		    (long)v->state;
	bool	stale;

	if (ui->notice == NULL || ui->how_notice)
		return;
	if (ui->notice_where == -1) {
		ui->notice_where = where;
		return;
	}
	stale = ui->key_notice && (int)v->state != ui->key_state;
	if (!stale && (where == ui->notice_where || ui->notice_since < 0 ||
	    v->routine_elapsed - ui->notice_since < UI_NOTICE_MS))
		return;
	free(ui->notice);
	ui->notice = NULL;
	ui->notice_gen++;
}

/* Say what a key that did nothing would do, until the state changes. */
static void
ui_session_key_notice(struct ui *ui, const char *msg)
{
	ui_session_notice(ui->fe, msg);
	ui->key_notice = true;
	ui->key_state = ui->now.state;
}

/* The fd input arrives on; -1 once the terminal has gone away. */
static int
ui_session_fd(struct frontend *fe)
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
ui_session_scroll(struct ui *ui, int n)
{
	ui->scroll += n;
	if (ui->scroll > ui->scroll_max)
		ui->scroll = ui->scroll_max;
	if (ui->scroll < 0)
		ui->scroll = 0;
}

/* Stop the timer while the screen asks or shows something over it: a
 * pause if it runs, remembered in *paused so that the timer goes on when
 * that is closed. */
static struct fe_input
ui_session_stop_timer(struct ui *ui, bool *paused)
{
	struct fe_input	none = { FE_NONE, SI_NEXT, 0 };

	if (ui->have_snap && !ui->snap.paused &&
	    (ui->snap.state == SS_STEP || ui->snap.state == SS_SWITCH ||
	    ui->snap.state == SS_SET_REST || ui->snap.state == SS_READY)) {
		*paused = true;
		return ui_session_input(SI_PAUSE, 0);
	}
	return none;
}

/* Let the timer go on if ui_session_stop_timer() stopped it. */
static struct fe_input
ui_session_go_on(bool *paused)
{
	struct fe_input	none = { FE_NONE, SI_NEXT, 0 };

	if (!*paused)
		return none;
	*paused = false;
	return ui_session_input(SI_PAUSE, 0);
}

/* Open the key help over the screen; the timer waits meanwhile. */
static struct fe_input
ui_session_help_open(struct ui *ui)
{
	ui->help = true;
	return ui_session_stop_timer(ui, &ui->help_paused);
}

/* Close the key help: the key that closes it does nothing else, and the
 * timer goes on if the help stopped it. */
static struct fe_input
ui_session_help_close(struct ui *ui)
{
	ui->help = false;
	return ui_session_go_on(&ui->help_paused);
}

/* The answer a key gives to the difficulty question: 1 easy, 2 ok, 3
 * hard, 0 none. */
static int
ui_session_how(wint_t key)
{
	switch (key) {
	case L'e':
	case L'E':
		return 1;
	case L'o':
	case L'O':
		return 2;
	case L'h':
	case L'H':
		return 3;
	}
	return 0;
}

/* Turn one key into an input; keys for the screen itself give FE_NONE. */
static struct fe_input
ui_session_key(struct ui *ui, wint_t key, bool code)
{
	struct fe_input	none = { FE_NONE, SI_NEXT, 0 };
	const char	*idle;

	if (code && key == KEY_RESIZE) {
		clearok(curscr, TRUE);
		ui->dirty = true;
		return none;
	}
	if (ui->confirm) {
		/* The question waited with the timer stopped: yes ends the
		 * session there, anything else goes on from there. */
		ui->confirm = false;
		if (!code && (key == L'y' || key == L'Y')) {
			ui->confirm_paused = false;
			none.kind = FE_QUIT;
			return none;
		}
		return ui_session_go_on(&ui->confirm_paused);
	}
	if (ui->help)
		return ui_session_help_close(ui);
	if ((code && key == KEY_ENTER) || (!code && (key == L'\r' ||
	    key == L'\n'))) {
		if (ui_pre_enter(ui))
			return none;
		if ((idle = ui_step_idle_key(ui, L'\n')) != NULL) {
			ui_session_key_notice(ui, idle);
			return none;
		}
		return ui_session_input(SI_NEXT, 0);
	}
	if (!code && (idle = ui_step_idle_key(ui, key)) != NULL)
		ui_session_key_notice(ui, idle);
	if (code) {
		switch (key) {
		case KEY_UP:
		case KEY_PPAGE:
			ui_session_scroll(ui, key == KEY_UP ? -1 : -5);
			return none;
		case KEY_DOWN:
		case KEY_NPAGE:
			ui_session_scroll(ui, key == KEY_DOWN ? 1 : 5);
			return none;
		}
		return none;
	}
	if (key >= L'0' && key <= L'9')
		return ui_session_input(SI_RATING, (int)(key - L'0'));
	if (ui->have_snap && ui->snap.how && ui_session_how(key) > 0)
		return ui_session_input(SI_DIFFICULTY, ui_session_how(key));
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
		return ui_session_help_open(ui);
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
		return ui_session_stop_timer(ui, &ui->confirm_paused);
	}
	return none;
}

/* True if the terminal has gone away: no key will ever come. */
static bool
ui_session_hungup(struct ui *ui)
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
ui_session_read(struct frontend *fe)
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
			if (ui_session_hungup(ui)) {
				ui->eof = true;
				none.kind = FE_EOF;
			}
			return none;
		}
		in = ui_session_key(ui, key, rc == KEY_CODE_YES);
	} while (in.kind == FE_NONE);
	return in;
}

/* True while the breathing bar is on screen and moving. */
static bool
ui_session_moving(const struct ui *ui, const struct sess_view *v)
{
	int	rows, cols;

	if (!ui->fe->animate || ui->help || ui->suspended || v->paused ||
	    !v->breathing || v->state != SS_STEP ||
	    (v->phase != BR_INHALE && v->phase != BR_EXHALE))
		return false;
	getmaxyx(stdscr, rows, cols);
	return ui_step_breath_visible(rows, cols, v);
}

/* Frames are needed only while the breathing bar moves, and only when
 * it gains or loses a cell (a frame every UI_FRAME_MS when the phase's
 * length is not known). */
static int
ui_session_frame_ms(struct frontend *fe, const struct sess_view *v)
{
	struct ui	*ui = fe->data;
	int64_t		 next;

	if (ui == NULL)
		return 0;
	set_term(ui->screen);
	if (!ui_session_moving(ui, v))
		return 0;
	if ((next = ui_step_breath_next(v, getmaxx(stdscr))) <= 0)
		return UI_FRAME_MS;
	return next > INT_MAX ? INT_MAX : (int)next;
}

/* True while the window is too small to show the session. */
static bool
ui_session_hidden(struct frontend *fe)
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
ui_session_snap(const struct ui *ui, const struct sess_view *v, int rows,
    int cols, struct ui_snap *s)
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
	s->how = v->how;
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
		s->routine_units = (long)((double)v->routine_pos /
		    (double)v->routine_total * cols * 8);
	if (v->breathing) {
		s->phase = (int)v->phase + 1;
		if (ui->fe->animate)
			s->breath_units = ui_step_breath_cells(v, cols);
	}
}

/* The bottom line while "q" waits for y or n. */
static void
ui_session_confirm_draw(struct ui *ui, int rows, int cols)
{
	wmove(stdscr, rows - 1, 0);
	wclrtoeol(stdscr);
	ui_puts(stdscr, rows - 1, 0, cols, ui_attr(ui, UR_WARN),
	    cols >= UI_MIN_COLS ? " Stop the session now? y = yes, n = no " :
	    " Stop now? y/n ");
}

/* A screen: draws a view in rows x cols. */
typedef void (*ui_session_draw_fn)(struct ui *, const struct sess_view *,
    int rows, int cols);

/* The screens of the states that have one of their own; every other
 * state is a moment of a step, on the step screen. */
static const struct {
	enum sess_state		state;
	ui_session_draw_fn	draw;
} ui_session_screens[] = {
	{ SS_PRE, ui_pre_draw },
	{ SS_AFTERCARE, ui_aftercare_draw },
};

/* The screen that draws a state. */
static ui_session_draw_fn
ui_session_screen(enum sess_state state)
{
	size_t	i;

	for (i = 0; i < nitems(ui_session_screens); i++) {
		if (ui_session_screens[i].state == state)
			return ui_session_screens[i].draw;
	}
	return ui_step_draw;
}

/* Redraw the screen for this view if anything on it changed. */
static void
ui_session_draw(struct frontend *fe, const struct sess_view *v)
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
	if (ui->how_notice && !v->how) {
		/* The question closed unanswered: it goes. */
		free(ui->notice);
		ui->notice = NULL;
		ui->how_notice = false;
		ui->notice_gen++;
	}
	ui_session_notice_expire(ui, v);
	ui_session_snap(ui, v, rows, cols, &snap);
	if (ui->have_snap && !ui->dirty &&
	    memcmp(&snap, &ui->snap, sizeof snap) == 0)
		return;
	werase(stdscr);
	if (rows < UI_MIN_ROWS || cols < UI_MIN_COLS) {
		ui_too_small(stdscr, rows, cols);
		if (v->paused && rows > 2)
			ui_center(stdscr, rows / 2 + 1, cols, A_NORMAL,
			    "Paused");
	} else
		ui_session_screen(v->state)(ui, v, rows, cols);
	if (ui->help && rows >= UI_MIN_ROWS && cols >= UI_MIN_COLS)
		ui_help_draw(stdscr, rows, cols, ui_attr(ui, UR_TITLE),
		    ui_attr(ui, UR_NORMAL));
	if (ui->confirm)
		ui_session_confirm_draw(ui, rows, cols);
	wnoutrefresh(stdscr);
	doupdate();
	ui->snap = snap;
	ui->have_snap = true;
	ui->dirty = false;
}

/* A question after the session, on its own screen. */
static char *
ui_session_ask(struct frontend *fe, const char *question, const char *hint,
    bool *gone)
{
	struct ui	*ui = fe->data;

	if (ui == NULL || ui->suspended || ui->eof) {
		*gone = true;
		return NULL;
	}
	return ui_ask(ui, question, hint, gone);
}

const struct frontend_ops frontend_curses = {
	.name = "curses",
	.open = ui_session_open,
	.ask = ui_session_ask,
	.close = ui_session_close,
	.suspend = ui_session_suspend,
	.resume = ui_session_resume,
	.resize = ui_session_resize,
	.action = ui_session_action,
	.draw = ui_session_draw,
	.notice = ui_session_notice,
	.fd = ui_session_fd,
	.read = ui_session_read,
	.frame_ms = ui_session_frame_ms,
	.hidden = ui_session_hidden,
};
