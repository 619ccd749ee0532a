/* SPDX-License-Identifier: GPL-3.0-or-later */
/* history_scan.h: the sessions of a filter read in one pass over the
 * sessions and one over their events, aggregated in C: what
 * history_sessions(), history_points() and history_routines() return, and
 * a report's events, without a query per routine or per session.
 *
 *	history_scan(h, f, HIST_SCAN_POINTS | HIST_SCAN_EVENTS, &sc, &cause);
 *	history_scan_sessions(sc, "routine-id", &v, &n);   copies, newest first
 *	history_scan_points(sc, "routine-id", &p, &np);    as history_points()
 *	history_scan_events(sc, "routine-id", &e, &ne);    oldest session first
 *	history_scan_free(sc);
 *
 * A routine id of NULL is every routine the scan read. The points and
 * events of a routine are given once: the scan lets go of them (so that
 * a report of many routines does not hold them all), and a second call
 * for the same routine gives none. */
#ifndef UNKNOT_HISTORY_SCAN_H
#define UNKNOT_HISTORY_SCAN_H

#include <stddef.h>

#include "history.h"

#define HIST_SCAN_POINTS	0x1	/* the points of each session */
#define HIST_SCAN_EVENTS	0x2	/* the events a report reads: ratings,
					 * symptoms, step ends, statuses,
					 * exercise sets and difficulty
					 * answers */

struct hist_scan;

/* Read the sessions matching f (NULL: all) and their events. 0 with *out
 * (NULL when there is no history), or -1 with *cause; a damaged file is
 * moved aside as by every query (0, no sessions). */
int	history_scan(struct history *, const struct hist_filter *,
	    int what, struct hist_scan **out, char **cause);
/* The sessions of routine_id as history_sessions() gives them: new
 * copies, newest first; free with history_sessions_free(). */
void	history_scan_sessions(const struct hist_scan *, const char *routine_id,
	    struct hist_session **, size_t *);
/* The points of routine_id as history_points() gives them. */
void	history_scan_points(const struct hist_scan *, const char *routine_id,
	    struct hist_point **, size_t *);
/* The kept events of routine_id as history_events() orders them, but
 * for their times (at_ms and wall are 0); their strings are the scan's
 * (valid until history_scan_free()): free the array only, with free(). */
void	history_scan_events(const struct hist_scan *, const char *routine_id,
	    struct hist_event **, size_t *);
/* The routines of the scan's sessions as history_routines() gives them
 * for f, the scan's filter (f->rehearsals: routines with nothing but
 * rehearsals too). */
void	history_scan_routines(struct history *, const struct hist_scan *,
	    const struct hist_filter *, struct hist_routine **, size_t *);
void	history_scan_free(struct hist_scan *);

#endif
