/* SPDX-License-Identifier: GPL-3.0-or-later */
/* aftercare.c: what the person is told after a session, by what it did. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stddef.h>

#include "aftercare.h"
#include "routine.h"
#include "util.h"

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

/* The routine's replacement for the standard lines of kind, or NULL. */
static char **
aftercare_own(const struct routine *r, enum aftercare_kind kind,
    unsigned *n)
{
	const struct rt_aftercare	*a = &r->replace_aftercare;

	switch (kind) {
	case AC_PRESSURE:
		*n = a->n_pressure;
		return a->pressure;
	case AC_EXERCISE:
		*n = a->n_exercise;
		return a->exercise;
	case AC_BREATHING:
		break;
	}
	*n = a->n_breathing;
	return a->breathing;
}

/* The lines after a session of kind by r, NULL-ended (allocated array). */
const char **
aftercare_list(const struct routine *r, enum aftercare_kind kind)
{
	const char *const	*std = aftercare_lines(kind);
	const char		**v;
	char			**own = NULL;
	unsigned		 n_own = 0, n_add = 0, i;
	size_t			 n = 0, k = 0;

	if (r != NULL) {
		own = aftercare_own(r, kind, &n_own);
		n_add = r->n_aftercare;
	}
	if (own == NULL)
		while (std[n] != NULL)
			n++;
	v = xcalloc((own != NULL ? n_own : n) + n_add + 1, sizeof *v);
	if (own != NULL)
		for (i = 0; i < n_own; i++)
			v[k++] = own[i];
	else
		for (i = 0; i < n; i++)
			v[k++] = std[i];
	for (i = 0; i < n_add; i++)
		v[k++] = r->aftercare[i];
	v[k] = NULL;
	return v;
}

/* The kind of session r is written for. */
enum aftercare_kind
aftercare_routine_kind(const struct routine *r)
{
	enum aftercare_kind	kind = AC_BREATHING;
	unsigned		i;

	for (i = 0; i < r->n_steps; i++) {
		if (r->steps[i].kind == RT_HOLD)
			return AC_PRESSURE;
		if (r->steps[i].kind == RT_EXERCISE)
			kind = AC_EXERCISE;
	}
	return kind;
}
