/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voicebench.c: the time to render every utterance of a routine, as a
 * session does ahead of its start (voice_render in voice.c, at the
 * stream's rate).
 *
 *	voicebench ROUTINE
 *
 * prints one line: "UTTERANCES SECONDS_OF_SPEECH SECONDS_TAKEN BACKEND",
 * or exits 2 when the build has no voice. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "audio.h"
#include "diag.h"
#include "routine.h"
#include "say.h"
#include "util.h"
#include "voice.h"

/* Seconds on the monotonic clock. */
static double
voicebench_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	struct routine		*r;
	struct diags		 d;
	struct say		*y;
	struct voice		*v;
	const struct sound	*snd;
	const char *const	*texts;
	char			*cause;
	unsigned		 n, i;
	double			 t0, t, speech = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: voicebench ROUTINE\n");
		return 1;
	}
	diags_init(&d);
	if ((r = routine_load(argv[1], &d)) == NULL) {
		diags_print(&d, stderr);
		return 1;
	}
	diags_free(&d);
	if ((v = voice_open(r->language, AUDIO_RATE, &cause)) == NULL) {
		fprintf(stderr, "voicebench: %s\n", cause);
		return 2;
	}
	y = say_new(r, SAY_COUNT_FULL);
	texts = say_texts(y, &n);
	t0 = voicebench_now();
	if (voice_render(v, texts, n, &cause) != 0) {
		fprintf(stderr, "voicebench: %s\n", cause);
		return 1;
	}
	t = voicebench_now() - t0;
	for (i = 0; i < n; i++) {
		if ((snd = voice_sound(v, texts[i], &cause)) != NULL)
			speech += (double)snd->n / AUDIO_RATE;
	}
	printf("%u %.1f %.3f %s\n", n, speech, t, voice_name(v));
	say_free(y);
	voice_close(v);
	routine_free(r);
	return 0;
}
