/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cue.h: the sound cues, apart from the engine that schedules them and the
 * audio layer that plays them. Their names are stable: they are stored in
 * the history, written in cue sheets and are the stems of sound files. */
#ifndef UNKNOT_CUE_H
#define UNKNOT_CUE_H

#include <stdint.h>

/* X(ENUM, name): every cue, in the order of enum cue_kind. */
#define CUE_LIST(X)		\
	X(CUE_INHALE, "inhale")	\
	X(CUE_EXHALE, "exhale")	\
	X(CUE_HOLD, "hold")	\
	X(CUE_STEP, "step")	\
	X(CUE_BELL, "bell")	\
	X(CUE_SIDE, "side")	\
	X(CUE_END, "end")	\
	X(CUE_TICK, "tick")

#define CUE_ENUM(e, name) e,
enum cue_kind {
	CUE_LIST(CUE_ENUM)
	CUE_COUNT
};
#undef CUE_ENUM

/* A cue at its session time: what the engine foresees or emits, as the
 * audio layer takes it. */
struct cue_at {
	int64_t		at;	/* session ms */
	enum cue_kind	kind;
	int		step;	/* index, -1 outside steps */
};

const char	*cue_name(enum cue_kind);

#endif
