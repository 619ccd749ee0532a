/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aftercare.c: what the person is told after a session, by what it did. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>

#include "aftercare.h"
#include "routine.h"

static const char *const aftercare_exercise[] = {
	"Mild muscle soreness after exercise can be normal and fades within "
	    "a day or two.",
	"Stop and get advice if a joint hurts, or if pain lasts or gets "
	    "worse.",
	NULL
};

static const char *const aftercare_breathing[] = {
	"Take a moment to feel how you are now; come back to this breathing "
	    "whenever you need it.",
	NULL
};

/* The standard lines for a kind of session. */
const char *const *
aftercare_lines(enum aftercare_kind kind)
{
	switch (kind) {
	case AC_PRESSURE:
		return routine_standard_aftercare;
	case AC_EXERCISE:
		return aftercare_exercise;
	case AC_BREATHING:
		break;
	}
	return aftercare_breathing;
}

/* Stable lower-case name of a kind. */
const char *
aftercare_name(enum aftercare_kind kind)
{
	switch (kind) {
	case AC_PRESSURE:
		return "pressure";
	case AC_EXERCISE:
		return "exercise";
	case AC_BREATHING:
		break;
	}
	return "breathing";
}
