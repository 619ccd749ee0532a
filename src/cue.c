/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cue.c: the names of the sound cues. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "cue.h"
#include "util.h"

#define CUE_NAME(e, name) [e] = name,
static const char *const cue_names[] = {
	CUE_LIST(CUE_NAME)
};
#undef CUE_NAME
_Static_assert(nitems(cue_names) == CUE_COUNT,
    "a name for every cue");

/* Stable lower-case name of a cue; "unknown" for a value out of range. */
const char *
cue_name(enum cue_kind cue)
{
	if ((unsigned)cue >= CUE_COUNT)
		return "unknown";
	return cue_names[cue];
}
