/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aftercare.h: what the person is told after a session, by what it did.
 *
 * The trigger-point aftercare (water, 24-48 h of soreness, no intense
 * exercise for a day) follows only a session in which pressure holds were
 * done; an exercise session gets its own, a session of breathing (or of
 * nothing done at all) a short close. The routine's own aftercare lines
 * follow whichever it is. */
#ifndef UNKNOT_AFTERCARE_H
#define UNKNOT_AFTERCARE_H

enum aftercare_kind {
	AC_PRESSURE,	/* a hold was done (or let go, eased, stopped) */
	AC_EXERCISE,	/* no hold, but an exercise was done */
	AC_BREATHING	/* neither */
};

/* The standard lines for a kind, NULL-ended. */
const char *const	*aftercare_lines(enum aftercare_kind);
/* Stable name: "pressure", "exercise", "breathing". */
const char		*aftercare_name(enum aftercare_kind);

#endif
