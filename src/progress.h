/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress.h: where a client is on a routine's progression: the week of
 * the schedule the history decides, and that week applied to the steps.
 *
 * Pure: the sessions come in, the week goes out. The week each past
 * session ran at is not stored: it is found again by replaying the rules
 * over the sessions of the same routine file, oldest first, from week 1;
 * a new file from the therapist (another hash) starts again at week 1. */
#ifndef UNKNOT_PROGRESS_H
#define UNKNOT_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "routine.h"

/* What the rules need of one past session. */
struct progress_session {
	int		 peak;		/* highest discomfort, -1: none */
	bool		 stopped;	/* ended before its end */
};

enum progress_kind {
	PROGRESS_START,		/* no session yet: week 1 */
	PROGRESS_SAME,		/* no rule applies */
	PROGRESS_ADVANCE,	/* one week on */
	PROGRESS_BACK,		/* one week back */
	PROGRESS_MAX		/* the rules say on, but this is the maximum */
};

struct progress {
	unsigned		 week;		/* 1-based, now */
	unsigned		 from;		/* before the last decision */
	enum progress_kind	 kind;		/* of the last decision */
	unsigned		 at_week;	/* sessions at this week so far */
	int			 median;	/* of the advance window, -1 */
};

/* Replay the rules over the sessions, oldest first. */
void	 progress_replay(const struct routine *,
	     const struct progress_session *, size_t, struct progress *);
/* The same, with the week each session ran at in weeks[i] (for the
 * report's timeline). */
void	 progress_replay_weeks(const struct routine *,
	     const struct progress_session *, size_t, struct progress *,
	     unsigned *weeks);
/* Set the holds, sets and reps of the routine to those of week (a value
 * a week leaves out is the week before's). */
void	 progress_apply(struct routine *, unsigned week);
/* One line to tell at the start of a session, e.g. "This week (2 of 3):
 * 30 s holds (was 20 s); advanced: the median discomfort of the last 3
 * sessions was 3, at most 4". */
char	*progress_describe(const struct routine *, const struct progress *);
/* What week w prescribes, e.g. "30 s holds, 3 x 10 reps". */
char	*progress_week_text(const struct routine *, unsigned w);

#endif
