/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress_history.c: a routine's progression replayed over the history. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "progress_history.h"
#include "util.h"

/* What the rules need of a session in the history. */
void
progress_history_one(const struct hist_session *hs,
    struct progress_session *ps)
{
	ps->peak = hs->peak;
	ps->stopped = strcmp(hs->outcome, "stopped") == 0;
}

/* The sessions of this routine file, oldest first, as the rules see them. */
static struct progress_session *
progress_history_sessions(const struct hist_session *s, size_t ns,
    const char *sha256, size_t *n)
{
	struct progress_session	*v;
	size_t			 i;

	v = xcalloc(ns + 1, sizeof *v);
	*n = 0;
	for (i = ns; i > 0; i--) {
		if (strcmp(s[i - 1].sha256, sha256) != 0)
			continue;
		progress_history_one(&s[i - 1], &v[(*n)++]);
	}
	return v;
}

/* Replay the progression over the history. */
int
progress_history(const struct routine *r, struct progress *pr, size_t *n,
    char **notice, char **cause)
{
	const char		*msg;
	struct history		*h;
	struct hist_filter	 f;
	struct hist_session	*s = NULL;
	struct progress_session	*v;
	size_t			 ns = 0;
	int			 rv = 0;

	*n = 0;
	progress_replay(r, NULL, 0, pr);
	if (r->progression == NULL)
		return 0;
	if ((h = history_open_read(NULL, cause)) == NULL)
		return -1;
	/* A corrupt history moved aside is told, not lost. */
	if ((msg = history_take_notice(h)) != NULL)
		*notice = xstrdup(msg);
	memset(&f, 0, sizeof f);
	f.routine_id = r->id;
	if (history_sessions(h, &f, &s, &ns, cause) != 0)
		rv = -1;
	else {
		v = progress_history_sessions(s, ns, r->sha256, n);
		progress_replay(r, v, *n, pr);
		free(v);
		history_sessions_free(s, ns);
	}
	history_close(h);
	return rv;
}

/* Apply the week the history decides and keep the line to tell. */
void
progress_history_apply(struct routine *r)
{
	struct progress	 pr;
	size_t		 n;
	char		*cause = NULL, *notice = NULL, *note;

	if (r->progression == NULL)
		return;
	if (progress_history(r, &pr, &n, &notice, &cause) != 0) {
		notice = cause;
		cause = NULL;
	}
	note = progress_describe(r, &pr);
	if (notice != NULL) {
		xasprintf(&r->progress_note, "%s (%s)", note, notice);
		free(note);
	} else
		r->progress_note = note;
	free(notice);
	progress_apply(r, pr.week);
	r->progress_week = pr.week;
}
