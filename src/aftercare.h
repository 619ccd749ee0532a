/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aftercare.h: what the person is told after a session, by what it did.
 *
 * The trigger-point aftercare (water, 24-48 h of soreness, no intense
 * exercise for a day) follows only a session in which pressure holds were
 * done; an exercise session gets its own, a session of breathing (or of
 * nothing done at all) a short close. A routine can replace the lines of
 * each kind (replace_aftercare) and add its own after whichever it is
 * (aftercare). */
#ifndef UNKNOT_AFTERCARE_H
#define UNKNOT_AFTERCARE_H

enum aftercare_kind {
	AC_PRESSURE,	/* a hold was done (or let go, eased, stopped) */
	AC_EXERCISE,	/* no hold, but an exercise was done */
	AC_BREATHING	/* neither */
};

/* The standard lines for a kind, NULL-ended. */
const char *const	*aftercare_lines(enum aftercare_kind);
struct routine;

/* What is said after a session of kind by routine r (NULL: none): the
 * routine's replace_aftercare lines for the kind, else the standard ones,
 * then its own aftercare lines; NULL-ended. Free the array, not the
 * lines (they belong to r or are static). */
const char		**aftercare_list(const struct routine *r,
			    enum aftercare_kind);
/* The kind of session a routine is written for: pressure if it has a
 * hold, else exercise if it has an exercise, else breathing (handouts,
 * sheets). */
enum aftercare_kind	 aftercare_routine_kind(const struct routine *);
/* Stable name: "pressure", "exercise", "breathing". */
const char		*aftercare_name(enum aftercare_kind);

#endif
