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
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "frontend.h"
#include "library.h"
#include "plain.h"
#include "progress_history.h"
#include "run.h"
#include "ui.h"
#include "util.h"

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
	} else if (ui_pick(&lib, run_color_allowed(), &file, &interrupted,
	    &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		*status = 1;
	} else
		*status = interrupted ? 128 + SIGINT : 0;
	library_free(&lib);
	return file;
}

/* unknot run [ROUTINE]: a guided session. */
int
cmd_run(const struct cmd_args *a, struct opts *o)
{
	const struct frontend_ops *ops;
	struct routine	*r;
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
	status = run_session(r, ops, o, &clk);
	routine_free(r);
	return status;
}
