/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech.h: the voice in a running session: what say.c plans, spoken
 * through the audio's mixer and shown by the front end. */
#ifndef UNKNOT_SPEECH_H
#define UNKNOT_SPEECH_H

#include <stdbool.h>

#include "audio.h"
#include "frontend.h"
#include "say.h"

struct speech;

/* Plan r's utterances, with the parts of the countdown in count
 * (SAY_COUNT_*); speak them through audio if on and a voice can be had
 * (else *off says why); *notice names the steps' recorded clips that
 * could not be had, and says if the voice's fixed words are English for
 * want of the routine's language. The caller frees both. Never NULL. */
struct speech	*speech_new(const struct routine *, struct audio *, bool on,
		    unsigned count, char **off, char **notice);
void		 speech_free(struct speech *);
/* Say what an action calls for. */
void		 speech_action(struct speech *, struct frontend *,
		    const struct sess_action *);
/* Say what the passing time calls for (session ms now). */
void		 speech_view(struct speech *, struct frontend *,
		    const struct sess_view *, int64_t now);
/* Turn the voice on or off; its new state. */
bool		 speech_toggle(struct speech *);
/* Is the voice on (and able to speak)? */
bool		 speech_on(const struct speech *);

#endif
