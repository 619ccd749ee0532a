/* SPDX-License-Identifier: GPL-3.0-or-later */
/* export.h: a routine rendered offline into a guided audio track. */
#ifndef UNKNOT_EXPORT_H
#define UNKNOT_EXPORT_H

#include <stdbool.h>

#include "routine.h"

/* Render r into the audio file out (format: "wav", ..., NULL: by the
 * extension) and, if cues is not NULL, a cue sheet; nothing is replaced
 * unless all of it was written, and an existing file only with force.
 * volume is 0-100; voice: speak the guidance too (if a voice can be had),
 * with the parts of the countdown in count (SAY_COUNT_*).
 * The track is normalised to LOUDNESS_TARGET with its true peak at or
 * below LOUDNESS_PEAK. -1 with *cause. */
int	export_write(const struct routine *r, const char *out,
	    const char *format, const char *cues, bool force, int volume,
	    bool voice, unsigned count, char **cause);

#endif
