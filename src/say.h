/* SPDX-License-Identifier: GPL-3.0-or-later */
/* say.h: what the voice says and when, from the session's own actions and
 * views. Pure: no audio here; the words come from the routine, the engine
 * (the prompt and advice texts it emits) and the table below, which plain
 * mode shares. */
#ifndef UNKNOT_SAY_H
#define UNKNOT_SAY_H

#include <stdbool.h>
#include <stdint.h>

#include "routine.h"
#include "session.h"
#include "words.h"

#define SAY_TEN_MS	10000	/* "10 seconds left" this long before the end */
#define SAY_TEN_MIN_MS	15000	/* ... in timed steps at least this long */
#define SAY_MAX		8	/* utterances one action or view can give */

/* Words shared with plain mode (which speaks English; the voice says
 * them in the routine's language, words.c). */
#define SAY_SWITCH	WORDS_EN_SWITCH
#define SAY_REST	WORDS_EN_REST
#define SAY_TEN		WORDS_EN_TEN

/* What of the countdown is said (the config's voice_countdown). */
#define SAY_COUNT_TEN	0x1	/* "10 seconds left" */
#define SAY_COUNT_LAST	0x2	/* "3, 2, 1" */
#define SAY_COUNT_FULL	(SAY_COUNT_TEN | SAY_COUNT_LAST)

/* One utterance: due at session ms at. */
struct say_utt {
	int64_t		 at;
	int		 step;		/* index, -1 outside steps */
	const char	*text;		/* owned by the say or static */
	const char	*clip;		/* the step's recorded clip, or NULL */
	bool		 droppable;	/* a count: pointless once late */
};

struct say;

/* A planner for a routine (borrowed, must outlive it), saying the parts
 * of the countdown in count (SAY_COUNT_*). */
struct say	*say_new(const struct routine *, unsigned count);
/* Why the fixed words are said in English for this routine's language
 * (no table for it), or NULL. */
const char	*say_notice(const struct say *);
void		 say_free(struct say *);
/* What to say for an action the session emitted; the number of
 * utterances written to out (at most SAY_MAX). */
unsigned	 say_action(struct say *, const struct sess_action *,
		    struct say_utt *out);
/* What to say as time passes (the time left), from the view at session
 * ms now; the number written to out (at most SAY_MAX). */
unsigned	 say_view(struct say *, const struct sess_view *, int64_t now,
		    struct say_utt *out);
/* Every text this routine can say, to render ahead; valid while the say
 * lives. */
const char *const *say_texts(const struct say *, unsigned *n);
/* The side as words: "left side", "right side", "" for none. */
const char	*say_side(unsigned side);

#endif
