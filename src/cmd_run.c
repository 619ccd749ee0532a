/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_run.c: unknot run, a guided session: the front end and the routine
 * are chosen here, then run.c drives the session. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "frontend.h"
#include "history.h"
#include "library.h"
#include "plain.h"
#include "progress_history.h"
#include "remind.h"
#include "run.h"
#include "ui.h"
#include "util.h"

/* True unless NO_COLOR is set and not empty. */
static bool
cmd_run_color_allowed(void)
{
	const char	*nc = getenv("NO_COLOR");

	return nc == NULL || *nc == '\0';
}

/* Can curses drive this terminal? If not, say so in one line: plain
 * mode takes over, before anything is recorded. */
static bool
cmd_run_term_usable(void)
{
	char	*cause = NULL;

	if (ui_term_usable(STDOUT_FILENO, &cause))
		return true;
	fprintf(stderr, "unknot: %s; using plain mode\n", cause);
	free(cause);
	return false;
}

/* The front end for this run: plain when asked, or when stdout or stdin
 * is not a terminal, or TERM is dumb, unset or unknown. */
static const struct frontend_ops *
cmd_run_frontend(struct opts *o)
{
	const char	*term = getenv("TERM");

	if (o->plain || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO) ||
	    term == NULL || *term == '\0' || strcmp(term, "dumb") == 0 ||
	    !cmd_run_term_usable()) {
		o->plain = true;
		return &frontend_plain;
	}
	return &frontend_curses;
}

/* Let the person pick a routine; NULL with an exit status in *status. */
static char *
cmd_run_pick(struct opts *o, int *status)
{
	struct library	 lib;
	struct diags	 d;
	char		*file = NULL, *cause = NULL;
	bool		 interrupted;

	diags_init(&d);
	library_scan(&lib, &d);
	diags_free(&d);
	if (o->plain && lib.n > 0) {
		file = plain_pick(&lib, stdin, stdout, status);
		if (file == NULL && *status == 1)
			fprintf(stderr, "unknot: no routine chosen\n");
	} else if (lib.n == 0) {
		fprintf(stderr, "unknot: no routines found; put routine files "
		    "in ~/.local/share/unknot/routines or set UNKNOT_PATH\n");
		*status = 1;
	} else if (ui_pick(&lib, cmd_run_color_allowed(), &file, &interrupted,
	    &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		*status = 1;
	} else
		*status = interrupted ? 128 + SIGINT : 0;
	library_free(&lib);
	return file;
}

/* What follows a session of a prescribed routine: when the next one is
 * due, from the history (with this session written); NULL if the routine
 * has no frequency, the session was abandoned or the history is not
 * there. */
static char *
cmd_run_next_due(struct history *h, const struct routine *r,
    enum outcome outcome, void *arg)
{
	struct hist_filter	 f;
	struct hist_routine	*v = NULL;
	size_t			 n = 0;
	char			*text = NULL, *cause = NULL;
	time_t			 now;

	(void)arg;
	if (r->per_week == 0 || h == NULL || outcome == OUT_ABANDONED)
		return NULL;
	history_flush(h);
	now = time(NULL);
	remind_filter(&f, r->id, now);
	if (history_routines(h, &f, &v, &n, &cause) != 0) {
		free(cause);
		return NULL;
	}
	if (n > 0)
		text = remind_next_text(&v[0], now);
	history_routines_free(v, n);
	return text;
}

/* What the session runs with, from the options and the config file. */
static void
cmd_run_params(const struct opts *o, struct run_params *p)
{
	memset(p, 0, sizeof *p);
	p->device = o->device;
	p->no_sound = o->no_sound;
	p->volume = o->volume >= 0 ? o->volume : 70;
	p->color = o->cfg.color && cmd_run_color_allowed();
	p->animate = o->plain ? o->breath : o->cfg.animation;
	p->events = o->events;
	p->timestamps = o->timestamps;
	p->voice = o->voice;
	p->voice_given = o->voice_given;
	p->voice_lines = o->voice_lines;
	p->voice_countdown = o->cfg.voice_countdown;
	p->after = cmd_run_next_due;
}

/* unknot run [ROUTINE]: a guided session. */
int
cmd_run(const struct cmd_args *a, struct opts *o)
{
	const struct frontend_ops *ops;
	struct routine	*r;
	struct run_params p;
	struct clock	 clk;
	char		*cause = NULL, *file = NULL;
	int		 status;

	if (clock_init(&clk, NULL, NULL, &cause) != 0) {
		return cmd_fail(cause, 2);
	}
	ops = cmd_run_frontend(o);
	if (a->argc > 0)
		file = xstrdup(a->argv[0]);
	else if ((file = cmd_run_pick(o, &status)) == NULL)
		return status;
	r = cmd_load(file);
	free(file);
	if (r == NULL)
		return 2;
	if (!r->discomfort_given && o->cfg.discomfort) {
		r->target_lo = o->cfg.target_lo;
		r->target_hi = o->cfg.target_hi;
		r->ease_off_at = o->cfg.ease_off_at;
	}
	progress_history_apply(r);
	cmd_run_params(o, &p);
	status = run_session(r, ops, &p, &clk);
	routine_free(r);
	return status;
}
