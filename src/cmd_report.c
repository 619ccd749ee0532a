/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_report.c: unknot history and unknot report, what the history says. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "cmd.h"
#include "history.h"
#include "outfile.h"
#include "report.h"
#include "text.h"

/* Print the history's notices (a corrupt file moved aside) to stderr. */
static void
cmd_report_notices(struct history *h)
{
	const char	*msg;

	while ((msg = history_take_notice(h)) != NULL)
		fprintf(stderr, "unknot: %s\n", msg);
}

/* unknot history: the sessions, newest first. */
int
cmd_history(const struct cmd_args *a, struct opts *o)
{
	struct history	*h;
	char		*cause = NULL;
	int		 r;

	if (cmd_has(a, "json"))
		o->json = true;
	if ((h = history_open_read(NULL, &cause)) == NULL) {
		return cmd_fail(cause, 1);
	}
	cmd_report_notices(h);
	r = report_history(stdout, h, o->json, calendar_now(), &cause);
	history_close(h);
	if (r != 0) {
		return cmd_fail(cause, 1);
	}
	return outfile_flush_stdout() == 0 ? 0 : 1;
}

struct cmd_report_arg {
	struct history			*h;
	const struct report_opts	*ro;
};

/* Write the report into an open file, for outfile_write(). */
static int
cmd_report_into(FILE *f, void *arg, char **cause)
{
	struct cmd_report_arg	*a = arg;

	return report_write(f, a->h, a->ro, cause);
}

/* Say that a format is not one of the table's. */
static void
cmd_report_bad_format(const char *arg)
{
	char	*names = report_format_names(), *safe = text_sanitize(arg);

	fprintf(stderr, "unknot: --format: expected %s, not '%s'\n", names,
	    safe);
	free(safe);
	free(names);
}

/* The report's own options into ro; 0, or -1 after saying what is
 * wrong. */
static int
cmd_report_options(const struct cmd_args *a, struct report_opts *ro)
{
	unsigned	i;
	const char	*name, *arg;

	for (i = 0; i < a->n; i++) {
		name = a->opt[i].name;
		arg = a->opt[i].arg;
		if (strcmp(name, "routine") == 0)
			ro->routine = arg;
		else if (strcmp(name, "json") == 0)
			ro->format = REPORT_JSON;
		else if (strcmp(name, "since") == 0) {
			if (calendar_parse_date(arg, &ro->since) != 0) {
				fprintf(stderr, "unknot: --since: expected a "
				    "date as YYYY-MM-DD, not '%s'\n", arg);
				return -1;
			}
			ro->since_arg = arg;
		} else if (strcmp(name, "format") == 0 &&
		    report_parse_format(arg, &ro->format) != 0) {
			cmd_report_bad_format(arg);
			return -1;
		}
	}
	return 0;
}

/* 1 if the history has sessions of routine id, else 0 or -1 after saying
 * so. */
static int
cmd_report_known(struct history *h, const char *id)
{
	struct hist_filter	 flt = { id, 0, 0, true };
	struct hist_routine	*v;
	size_t			 n;
	char			*cause = NULL, *safe;

	if (history_routines(h, &flt, &v, &n, &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return -1;
	}
	history_routines_free(v, n);
	if (n > 0)
		return 1;
	safe = text_sanitize(id);
	fprintf(stderr, "unknot: no routine '%s' in the history\n", safe);
	free(safe);
	return 0;
}

/* unknot report: a report for the therapist. */
int
cmd_report(const struct cmd_args *a, struct opts *o)
{
	struct report_opts	 ro;
	struct cmd_report_arg	 fa;
	struct history		*h;
	const char		*out = cmd_arg(a, "output");
	char			*cause = NULL;
	int			 r;

	memset(&ro, 0, sizeof ro);
	ro.format = o->json ? REPORT_JSON : REPORT_TEXT;
	ro.library = true;
	if (cmd_report_options(a, &ro) != 0)
		return 2;
	ro.now = calendar_now();
	if ((h = history_open_read(NULL, &cause)) == NULL) {
		return cmd_fail(cause, 1);
	}
	cmd_report_notices(h);
	if (ro.routine != NULL && cmd_report_known(h, ro.routine) != 1) {
		history_close(h);
		return 1;
	}
	fa.h = h;
	fa.ro = &ro;
	r = outfile_write(out != NULL ? out : "-", 0, cmd_report_into, &fa,
	    &cause);
	history_close(h);
	if (r != 0) {
		return cmd_fail(cause, 1);
	}
	return 0;
}
