/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report_history.c: `unknot history`, the sessions newest first, as a
 * table or as JSON. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <time.h>

#include "history.h"
#include "json.h"
#include "report.h"
#include "report_model.h"
#include "text.h"

/* The sessions as JSON: { "sessions": [ ... ] }. */
static void
report_history_json(FILE *f, const struct hist_session *v, size_t n,
    time_t now)
{
	struct json	j;
	size_t		i;

	json_init(&j, f, 2);
	json_object(&j);
	json_key(&j, "sessions");
	json_array(&j);
	for (i = 0; i < n; i++)
		report_json_session(&j, &v[i], true, now);
	json_end(&j);
	json_end(&j);
}

/* The sessions as a table. */
static void
report_history_table(FILE *f, const struct hist_session *v, size_t n,
    time_t now)
{
	char	day[32], dur[32], pts[32], peak[16];
	size_t	i;

	if (n == 0) {
		fputs("No sessions recorded yet. Start one with "
		    "'unknot run ROUTINE'.\n", f);
		return;
	}
	fprintf(f, "%-16s  %-28s  %8s  %-11s  %-6s  %s\n", "DATE",
	    "ROUTINE", "DURATION", "OUTCOME", "POINTS", "PEAK");
	for (i = 0; i < n; i++) {
		report_local(day, sizeof day, "%Y-%m-%d %H:%M", v[i].start);
		report_dur(dur, sizeof dur, report_span(&v[i], now));
		fprintf(f, "%-16s  ", day);
		text_cell(f, v[i].title, 28);
		report_points(pts, sizeof pts, peak, sizeof peak, &v[i]);
		fprintf(f, "  %8s  ", dur);
		text_cell(f, v[i].outcome, 11);
		fprintf(f, "  %-6s  %s%s\n", pts, peak, report_marks(&v[i], now));
	}
}

/* Write the session list of `unknot history`. */
int
report_history(FILE *f, struct history *h, bool json, time_t now,
    char **cause)
{
	struct hist_session	*v;
	size_t			 n;

	if (history_sessions(h, NULL, &v, &n, cause) != 0)
		return -1;
	if (json)
		report_history_json(f, v, n, now);
	else
		report_history_table(f, v, n, now);
	history_sessions_free(v, n);
	return 0;
}
