/* SPDX-License-Identifier: GPL-3.0-or-later */
/* remind.h: what is due, from the history: the next session per the
 * prescribed frequency and the aftercare check-ins, as lines for
 * `unknot remind` or as an iCalendar (RFC 5545) file.
 *
 * These are pure functions of the routines (history_routines() with
 * remind_filter(), so that a session a wrong clock recorded neither
 * silences nor skews them) and now. Days are calendar days (calendar.h).
 * The next session is due 7 days / per_week after the start of the latest
 * completed one (or the latest one if none was completed). A prescription
 * runs for `weeks` weeks from the first session with the routine file's
 * current hash; after that, or once all its sessions are done, nothing is
 * due. An open-ended one (weeks 0) stops reminding after 30 days overdue.
 * Aftercare follows the latest session: within 24 h, water and rest from
 * intense exercise; from 24 h to 48 h, soreness should be fading. */
#ifndef UNKNOT_REMIND_H
#define UNKNOT_REMIND_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "history.h"

#define REMIND_OPEN_DAYS	30	/* open-ended: quiet after this */
#define REMIND_OPEN_WEEKS	4	/* open-ended: weeks put in a calendar */
#define REMIND_MAX_EVENTS	60	/* sessions per routine in a calendar */

/* A filter for history_routines(): the sessions of routine_id (NULL: all)
 * a right clock recorded by now (calendar_window()). */
void	 remind_filter(struct hist_filter *, const char *routine_id,
	     time_t now);
/* When the next session of r is due, or 0 if none is (no frequency, the
 * prescription is over or done). */
time_t	 remind_next(const struct hist_routine *, time_t now);
/* A line for the end of a session: "Next session: Wed 5 Mar, 3 per week
 * (session 2 of 9)." or NULL when none is due. */
char	*remind_next_text(const struct hist_routine *, time_t now);
/* The lines `unknot remind` prints; their number (0: nothing due). Free
 * with remind_free(). */
size_t	 remind_lines(const struct hist_routine *, size_t, time_t now,
	     char ***);
void	 remind_free(char **, size_t);
/* The routine of the latest session a right clock ended, whose aftercare
 * and check-ins are told (the only routine whose checkins and
 * no_standard_checkins are read), or NULL. */
const struct hist_routine *remind_latest(const struct hist_routine *,
	     size_t, time_t now);
/* Write the calendar to path ("-": standard output) whole or not at all,
 * through outfile_write(); -1 with *cause. */
int	 remind_write_ics(const char *path, const struct hist_routine *,
	    size_t, time_t now, char **cause);
/* Write a calendar with the next sessions and the aftercare check-ins
 * still ahead of now; the number of events, or -1 with *cause if there is
 * nothing to put in it. */
int	 remind_ics(FILE *, const struct hist_routine *, size_t, time_t now,
	     char **cause);

#endif
