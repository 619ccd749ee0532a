/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_progress.c: the progression of a routine, as unknot show prints it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "cmd_progress.h"
#include "progress.h"
#include "progress_history.h"
#include "text.h"
#include "util.h"

/* Print the rules in words. */
static void
cmd_progress_rules(const struct rt_progression *p)
{
	printf("  On: when the median discomfort of the last %u rated sessions "
	    "is at most %u\n  Back: after a rating of %u or more%s\n",
	    p->advance.sessions, p->advance.median_at_most,
	    p->step_back.rating_at_least, p->step_back.stopped == NULL ||
	    *p->step_back.stopped ? ", or a session stopped early" : "");
}

/* Print the schedule and where the client is on it. */
void
cmd_progress_show(struct routine *r)
{
	struct progress	 pr;
	char		*cause = NULL, *notice = NULL, *s, *safe;
	size_t		 n;
	unsigned	 w;

	if (r->progression == NULL)
		return;
	if (progress_history(r, &pr, &n, &notice, &cause) != 0) {
		safe = text_sanitize(cause);
		printf("Progression (the history could not be read: %s):\n",
		    safe);
		free(safe);
		free(cause);
	} else
		printf("Progression: week %u of %u, after %zu session%s of "
		    "this file:\n", pr.week, r->progression->n_weeks, n,
		    n == 1 ? "" : "s");
	if (notice != NULL) {
		fprintf(stderr, "unknot: %s\n", notice);
		free(notice);
	}
	for (w = 1; w <= r->progression->n_weeks; w++) {
		s = progress_week_text(r, w);
		printf("%s week %u: %s%s%s\n", w == pr.week ? ">" : " ", w, s,
		    w == pr.week ? "  (now)" : "",
		    w == r->progression->max_week &&
		    w != r->progression->n_weeks ? "  (the maximum)" : "");
		free(s);
	}
	cmd_progress_rules(r->progression);
	progress_apply(r, pr.week);
}
