/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_int.h: what the curses screens (ui.c, ui_*.c) share inside. */
#ifndef UNKNOT_UI_INT_H
#define UNKNOT_UI_INT_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>

#include "frontend.h"
#include "library.h"
#include "session.h"

/* The smallest window the screens lay out in. */
#define UI_MIN_COLS	40
#define UI_MIN_ROWS	12

/* How often the breathing animation is redrawn while it moves (<= 30/s). */
#define UI_FRAME_MS	34

/* A notice that does not fit its rows on the step screen is shown whole
 * over the rows above for this long (session ms), then shortened. */
#define UI_NOTICE_MS	10000

/* What a piece of the screen is, for its colour or monochrome attribute. */
enum ui_role {
	UR_NORMAL,
	UR_TITLE,	/* routine and step titles */
	UR_DIM,		/* secondary text, key help */
	UR_CALM,	/* advice that is not a warning */
	UR_WARN,	/* ease off: must stand out */
	UR_BREATH,	/* the breathing bar */
	UR_BAR,		/* progress bars */
	UR_PROMPT,	/* the rating prompt */
	UR_STATUS,	/* notices */
	UR_DIGITS,	/* the large countdown */
	UR_SELECT,	/* the chosen line in a list */
	UR_COUNT
};

/* Everything drawn the last time, to skip frames where nothing moved. */
struct ui_snap {
	int		 rows, cols;
	int		 state;
	bool		 paused, help, confirm, muted, silent, voice;
	int		 step;
	unsigned	 side;
	const void	*st;
	long		 remain_s;
	long		 step_units, routine_units, breath_units;
	int		 phase;
	unsigned	 set, sets, rep, reps, breath;
	int		 advice;
	const char	*advice_text;
	bool		 prompt;
	int		 last_rating, pre_pain, post_pain;
	int		 volume, scroll;
	unsigned	 notice_gen;
	bool		 how;
};

/* What a key needs to know of the step on screen, to say when it does
 * nothing (from the last draw). */
struct ui_step_now {
	int		 state;
	bool		 hold;
	bool		 timed;		/* a step that ends by itself */
	int64_t		 step_total;	/* ms, this side */
	unsigned	 max_seconds;
};

/* A session screen: the state behind frontend.data. */
struct ui {
	SCREEN			*screen;
	FILE			*out;
	FILE			*in;
	const struct routine	*rt;
	struct frontend		*fe;
	bool			 color;		/* colour pairs set up */
	bool			 utf8;		/* block and arrow characters */
	bool			 dirty;		/* repaint everything next draw */
	bool			 help;		/* the ? overlay is up */
	bool			 help_paused;	/* and it paused the timer */
	bool			 confirm;	/* "stop the session? y/n" */
	bool			 confirm_paused; /* and it paused the timer */
	bool			 suspended;
	bool			 eof;		/* the terminal went away */
	char			*notice;	/* sanitized, NULL if none */
	unsigned		 notice_gen;
	bool			 how_notice;	/* the notice is the
						 * difficulty question */
	bool			 key_notice;	/* the notice answers a key
						 * that did nothing there, */
	int			 key_state;	/* in this state */
	int64_t			 notice_since;	/* session ms it was first on
						 * the step screen, -1 not yet */
	long			 notice_where;	/* the step, side and state it
						 * was first drawn on, -1 */
	int			 scroll;	/* first line of the text */
	int			 scroll_max;	/* set by the last draw */
	int			 last_state;	/* to reset scroll on change */
	int			 last_step;
	bool			 have_snap;
	struct ui_snap		 snap;
	int			 body_shown;	/* lines of text on screen */
	bool			 pre_seen;	/* every safety note was shown */
	bool			 pre_paged;	/* Enter paged, not drawn yet */
	struct ui_step_now	 now;		/* the step on screen */
};

/* Wrapped text: lines of wide characters, each at most the given width,
 * each with its attribute. */
struct ui_lines {
	wchar_t		**v;
	attr_t		 *a;
	int		  n;
};

/* One item of the key help line: the higher prio, the sooner it is left
 * out of a narrow window. */
struct ui_key {
	const char	*label;
	int		 prio;
};

/* A page of the PRE and AFTERCARE screens. */
struct ui_page {
	const char		*title;		/* header, left */
	const char		*right;		/* header, right */
	const struct ui_lines	*body;
	const char		*prompt;	/* the 0-10 question */
	int			 rating;	/* -1 if not given */
	const struct ui_key	*keys;
	int			 n_keys;
};

/* ui.c: terminal, text and drawing helpers. */
SCREEN		*ui_newterm(const char *term, FILE *out, FILE *in, bool *color,
		     bool *utf8, char **cause);
attr_t		 ui_role_attr(bool color, enum ui_role);
attr_t		 ui_attr(const struct ui *, enum ui_role);
wchar_t		*ui_wide(const char *);
int		 ui_wswidth(const wchar_t *);
int		 ui_addw(WINDOW *, int y, int x, int maxcols, const wchar_t *,
		     attr_t);
int		 ui_puts(WINDOW *, int y, int x, int maxcols, attr_t,
		     const char *);
int		 ui_puts_cut(WINDOW *, int y, int x, int maxcols, attr_t,
		     const char *, bool utf8);
int		 ui_printf(WINDOW *, int y, int x, int maxcols, attr_t,
		     const char *, ...) __attribute__((format(printf, 6, 7)));
void		 ui_center(WINDOW *, int y, int cols, attr_t, const char *);
void		 ui_wrap(const char *, int width, const char *first,
		     const char *indent, attr_t, struct ui_lines *);
void		 ui_lines_add(struct ui_lines *, const wchar_t *, size_t len,
		     attr_t);
void		 ui_lines_free(struct ui_lines *);
void		 ui_lines_ellipsize(struct ui_lines *, int, int width,
		     bool utf8);
void		 ui_bar(WINDOW *, int y, int x, int width, double frac,
		     bool utf8, attr_t);
void		 ui_duration(char *, size_t, int64_t ms);
void		 ui_clock(char *, size_t, long seconds);
void		 ui_too_small(WINDOW *, int rows, int cols);
bool		 ui_too_small_shown(int rows, int cols);
int		 ui_body_draw(WINDOW *, int y, int rows, int cols,
		     const struct ui_lines *, int *scroll, bool utf8,
		     attr_t);
void		 ui_page_draw(struct ui *, const struct ui_page *, int rows,
		     int cols);
void		 ui_keyline(WINDOW *, int y, int cols, attr_t,
		     const struct ui_key *, int n);
void		 ui_intr_catch(struct sigaction *old);
void		 ui_intr_release(const struct sigaction *old);
bool		 ui_interrupted(void);

/* ui_ask.c: a question after the session and a one-line field; the
 * line typed, NULL when skipped (*gone set when no key will come). */
char		*ui_ask(struct ui *, const char *question, const char *hint,
		     bool *gone);

/* ui_session.c: the session's front end on a given terminal (term NULL:
 * $TERM), for tests; frontend_curses opens the controlling one. */
int		 ui_session_open_term(struct frontend *,
		     const struct routine *, const char *term, FILE *out,
		     FILE *in, char **cause);

/* ui_step.c: the step screen (SS_STEP, SS_SWITCH, SS_SET_REST, SS_DONE). */
void		 ui_step_draw(struct ui *, const struct sess_view *, int rows,
		     int cols);
bool		 ui_step_breath_visible(int rows, int cols,
		     const struct sess_view *);
long		 ui_step_remaining(const struct sess_view *);
void		 ui_step_note(struct ui *, const struct sess_view *);
const char	*ui_step_idle_key(struct ui *, wint_t key);
void		 ui_step_action(struct ui *, const struct sess_action *);
int		 ui_step_breath_cells(const struct sess_view *, int cols);
int64_t		 ui_step_breath_next(const struct sess_view *, int cols);

/* ui_bodymap.c: the body map beside a hold's instructions. */
bool		 ui_bodymap_fit(const struct ui *, const struct sess_view *,
		     int rows, int cols, int *frows, int *fcols);
void		 ui_bodymap_draw(struct ui *, const struct sess_view *, int y,
		     int x, int frows, int fcols);

/* ui_pre.c: the safety notes and the opening rating (SS_PRE). */
void		 ui_pre_draw(struct ui *, const struct sess_view *, int rows,
		     int cols);
bool		 ui_pre_enter(struct ui *);

/* ui_aftercare.c: aftercare and the closing rating (SS_AFTERCARE). */
void		 ui_aftercare_draw(struct ui *, const struct sess_view *,
		     int rows, int cols);

/* ui_digits.c: large digits for the countdown. */
int		 ui_digits_width(const char *, int scale);
int		 ui_digits_height(void);
void		 ui_digits_draw(WINDOW *, int y, int x, const char *, int scale,
		     bool utf8, attr_t);

/* ui_help.c: the ? overlay. */
void		 ui_help_draw(WINDOW *, int rows, int cols, attr_t title,
		     attr_t normal);

/* ui_notice.c: the status line's notice, wrapped upwards, never cut. */
int		 ui_notice_rows(const struct ui *, int width, int max);
void		 ui_notice_draw(struct ui *, int y, int rows, int x, int width,
		     int clear);

/* ui_picker.c: the picker on a given terminal (for tests). */
int		 ui_pick_term(const struct library *, bool color,
		     const char *term, FILE *out, FILE *in,
		     char **chosen_file, bool *interrupted, char **cause);

/* ui_preselect.c: the entry the picker starts on: the homework due
 * longest ago, else the routine run last; lib->n if none. */
size_t		 ui_preselect(const struct library *);

/* ui_history.c: the history of one routine, over the picker's screen;
 * returns when the person leaves it, or on Ctrl-C (ui_interrupted()). */
void		 ui_history_show(bool color, bool utf8, const char *routine_id,
		     const char *title);

#endif
