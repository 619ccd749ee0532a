/* SPDX-License-Identifier: GPL-3.0-or-later */
/* speech.c: the voice of a running session. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "settings.h"
#include "speech.h"
#include "util.h"

_Static_assert(SAY_COUNT_TEN == SETTINGS_COUNT_TEN &&
    SAY_COUNT_LAST == SETTINGS_COUNT_LAST, "the config's countdown is say's");

struct speech {
	struct say	*say;
	struct audio	*audio;
	bool		 on;
	bool		 ready;		/* a voice was opened */
};

/* The notices of a voice opened: the clips it cannot play (taken), and
 * the fixed words it has to say in English; NULL for none. */
static char *
speech_notice(const struct say *y, char *clips)
{
	char	*both;

	if (say_notice(y) == NULL)
		return clips;
	if (clips == NULL)
		return xstrdup(say_notice(y));
	xasprintf(&both, "%s; %s", clips, say_notice(y));
	free(clips);
	return both;
}

/* Plan, and open the voice if it is wanted. */
struct speech *
speech_new(const struct routine *r, struct audio *audio, bool on,
    unsigned count, char **off, char **notice)
{
	struct speech		 *sp;
	const char *const	 *texts;
	unsigned		  n;
	char			 *cause, *clips;

	*off = *notice = NULL;
	sp = xcalloc(1, sizeof *sp);
	sp->say = say_new(r, count);
	sp->audio = audio;
	sp->on = on;
	if (!on)
		return sp;
	if (audio_silent(audio)) {
		*off = xstrdup("voice off: no sound");
		sp->on = false;
		return sp;
	}
	texts = say_texts(sp->say, &n);
	if (audio_voice(audio, r, texts, n, &clips, &cause) != 0) {
		xasprintf(off, "voice off: %s", cause);
		free(cause);
		sp->on = false;
		return sp;
	}
	*notice = speech_notice(sp->say, clips);
	sp->ready = true;
	return sp;
}

/* Free the plan (the voice belongs to the audio). */
void
speech_free(struct speech *sp)
{
	if (sp == NULL)
		return;
	say_free(sp->say);
	free(sp);
}

/* Speak and show the utterances. */
static void
speech_out(struct speech *sp, struct frontend *fe, const struct say_utt *u,
    unsigned n)
{
	unsigned	 i;
	char		*cause;

	for (i = 0; i < n; i++) {
		if (fe->ops->say != NULL)
			fe->ops->say(fe, u[i].at, u[i].text, u[i].clip);
		if (!sp->on || !sp->ready)
			continue;
		audio_say(sp->audio, u[i].at, u[i].text, u[i].clip,
		    u[i].droppable, &cause);
		free(cause);
	}
}

/* What an action calls for. */
void
speech_action(struct speech *sp, struct frontend *fe,
    const struct sess_action *a)
{
	struct say_utt	u[SAY_MAX];

	speech_out(sp, fe, u, say_action(sp->say, a, u));
}

/* What the passing time calls for. */
void
speech_view(struct speech *sp, struct frontend *fe,
    const struct sess_view *v, int64_t now)
{
	struct say_utt	u[SAY_MAX];

	speech_out(sp, fe, u, say_view(sp->say, v, now, u));
}

/* Toggle; a voice that could not be had stays off. */
bool
speech_toggle(struct speech *sp)
{
	sp->on = sp->ready && !sp->on;
	return sp->on;
}

/* Is it speaking? */
bool
speech_on(const struct speech *sp)
{
	return sp->on && sp->ready;
}
