/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_remind.c: unknot remind, what is due now or a calendar of it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "calendar.h"
#include "cmd.h"
#include "history.h"
#include "homework.h"
#include "library_many.h"
#include "outfile.h"
#include "remind.h"
#include "util.h"

/* The routines of the history as remind sees them; -1 after saying why. */
static int
cmd_remind_read(time_t now, struct hist_routine **v, size_t *n)
{
	struct history		*h;
	struct hist_filter	 f;
	const char		*msg;
	char			*cause = NULL;

	remind_filter(&f, NULL, now);
	if ((h = history_open_read(NULL, &cause)) == NULL ||
	    history_routines(h, &f, v, n, &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		history_close(h);
		return -1;
	}
	while ((msg = history_take_notice(h)) != NULL)
		fprintf(stderr, "unknot: %s\n", msg);
	history_close(h);
	homework_add(v, n, now);
	return 0;
}

/* The routine file's own check-ins of the latest session's routine,
 * the only one whose check-ins are told (that routine returned, to be
 * freed once v is used; NULL when there is none or it is not found). */
static struct routine *
cmd_remind_checkins(struct hist_routine *v, size_t n, time_t now)
{
	const struct hist_routine *latest = remind_latest(v, n, now);
	struct hist_routine	*last;
	struct library_many	 lm = { { NULL, 0 }, false };
	struct routine		*rt;
	struct diags		 d;
	char			*cause = NULL;

	if (latest == NULL)
		return NULL;
	last = &v[latest - v];
	diags_init(&d);
	rt = library_many_load(&lm, last->id, &d, &cause);
	diags_free(&d);
	free(cause);
	library_many_free(&lm);
	if (rt == NULL)
		return NULL;
	last->checkins = rt->checkins;
	last->n_checkins = rt->n_checkins;
	last->no_standard_checkins = rt->standard_checkins != NULL &&
	    !*rt->standard_checkins;
	return rt;
}

/* unknot remind [--ics FILE]: what is due now. */
int
cmd_remind(const struct cmd_args *a, struct opts *o)
{
	const char		*ics = cmd_arg(a, "ics");
	struct hist_routine	*v;
	size_t			 n, i, k;
	char			*cause = NULL, **lines;
	struct routine		*rt;
	int			 r = 0;
	time_t			 now;

	(void)o;
	now = calendar_now();
	if (cmd_remind_read(now, &v, &n) != 0)
		return 1;
	rt = cmd_remind_checkins(v, n, now);
	if (ics != NULL) {
		if (remind_write_ics(ics, v, n, now, &cause) != 0) {
			fprintf(stderr, "unknot: %s\n", cause);
			free(cause);
			r = 1;
		}
	} else {
		k = remind_lines(v, n, now, &lines);
		for (i = 0; i < k; i++)
			printf("%s\n", lines[i]);
		remind_free(lines, k);
		r = outfile_flush_stdout() == 0 ? 0 : 1;
	}
	history_routines_free(v, n);
	routine_free(rt);
	return r;
}
