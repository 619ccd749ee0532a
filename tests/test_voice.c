/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_voice.c: the voice's parts that need no synthesiser: where an
 * utterance goes (never over the one before, a late count dropped),
 * speech ducked under a cue without the cue losing anything, and the
 * loudness meter against values worked out by hand from BS.1770. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "limiter.h"
#include "loudness.h"
#include "mixer.h"
#include "tap.h"
#include "util.h"
#include "voice.h"

#define RATE	48000

/* Utterances follow one another; a late count is dropped. */
static void
test_place(void)
{
	is_int((int)voice_place(0, 1000, false, 100), 1000,
	    "free: an utterance starts when it is due");
	is_int((int)voice_place(5000, 1000, false, 100), 5000,
	    "busy: it waits for the one before to end");
	is_int((int)voice_place(5000, 1000, true, 100), -1,
	    "a count that would come 4000 samples late is dropped");
	is_int((int)voice_place(1050, 1000, true, 100), 1050,
	    "a count 50 samples late is still said");
}

/* A constant sound of n samples at level v. */
static void
flat(struct sound *s, size_t n, float v, bool duck)
{
	size_t	i;

	memset(s, 0, sizeof *s);
	s->v = xcalloc(n, sizeof *s->v);
	s->n = n;
	s->duck = duck;
	for (i = 0; i < n; i++)
		s->v[i] = v;
}

/* Speech is softer while a cue sounds over it; the cue is untouched. */
static void
test_duck(void)
{
	struct mixer	*m = xcalloc(1, sizeof *m);
	struct sound	 speech, cue;
	float		 out[300];
	float		 g;

	mixer_init(m, 100);
	g = mixer_gain(100);
	flat(&speech, 300, 0.5f, true);
	flat(&cue, 100, 0.25f, false);
	mixer_push(m, 0, &speech);
	mixer_push(m, 100, &cue);
	mixer_render(m, out, 300);
	ok(fabsf(out[50] - 0.5f * g) < 1e-6, "speech alone at its level");
	ok(fabsf(out[150] - (0.25f + 0.5f * MIXER_DUCK) * g) < 1e-6,
	    "under a cue: the cue whole, the speech ducked");
	ok(fabsf(out[250] - 0.5f * g) < 1e-6, "after the cue: speech again");
	free(speech.v);
	free(cue.v);
	free(m);
}

/* Speech is ducked too where a cue of another stream sounds, from what
 * is still to be mixed on. */
static void
test_duck_other(void)
{
	struct mixer	*m = xcalloc(1, sizeof *m);
	struct sound	 speech;
	float		 out[300];
	float		 g;

	mixer_init(m, 100);
	g = mixer_gain(100);
	flat(&speech, 600, 0.5f, true);
	mixer_push(m, 0, &speech);
	mixer_render(m, out, 100);
	mixer_duck(m, 50, 250);		/* 50-99 are mixed already */
	mixer_render(m, out, 300);	/* samples 100-399 */
	ok(fabsf(out[0] - 0.5f * MIXER_DUCK * g) < 1e-6 &&
	    fabsf(out[149] - 0.5f * MIXER_DUCK * g) < 1e-6,
	    "another stream's cue: the speech under it ducked");
	ok(fabsf(out[150] - 0.5f * g) < 1e-6 &&
	    fabsf(out[299] - 0.5f * g) < 1e-6,
	    "after it: speech at its level again");
	mixer_duck(m, 0, 10);		/* over before what is left */
	mixer_render(m, out, 200);
	ok(fabsf(out[0] - 0.5f * g) < 1e-6,
	    "a window already past ducks nothing");
	free(speech.v);
	free(m);
}

/* BS.1770: a 1 kHz sine of peak A in one channel reads 20 log10(A) -
 * 3.01 LUFS (the standard's calibration: 0 dBFS reads -3.01); its true
 * peak is A, even when no sample falls on it. */
static void
test_meter(void)
{
	struct loudness	*l;
	float		*v;
	size_t		 i, n = RATE * 5;
	double		 a = 0.1, got;

	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = (float)(a * sin(2.0 * M_PI * 1000.0 * i / RATE + 0.3));
	l = loudness_new(RATE);
	loudness_add(l, v, n);
	got = loudness_integrated(l);
	ok(fabs(got - (20.0 * log10(a) - 3.01)) < 0.1,
	    "a 1 kHz sine at -20 dBFS reads -23.0 LUFS");
	if (fabs(got - (20.0 * log10(a) - 3.01)) >= 0.1)
		printf("#   got %.2f\n", got);
	ok(fabs(loudness_true_peak(l) - 20.0 * log10(a)) < 0.2,
	    "its true peak is -20 dBTP");
	loudness_free(l);
	/* Half the time silent: the gate leaves the silence out, all but
	 * the three blocks across the edge, 3/4, 1/2 and 1/4 full, which
	 * pass the gate: among the 22 blocks of the sine that is -0.26 dB. */
	memset(v + n / 2, 0, n / 2 * sizeof *v);
	l = loudness_new(RATE);
	loudness_add(l, v, n);
	ok(fabs(loudness_integrated(l) - (got - 0.26)) < 0.05,
	    "silence is gated out of the integrated loudness");
	loudness_free(l);
	/* A sine sampled off its peak: 12 kHz at 48 kHz, phase pi/4, whose
	 * samples reach only A cos(pi/4). */
	for (i = 0; i < n; i++)
		v[i] = (float)(0.5 * sin(2.0 * M_PI * 12000.0 * i / RATE +
		    M_PI / 4));
	l = loudness_new(RATE);
	loudness_add(l, v, n);
	ok(fabs(loudness_true_peak(l) - 20.0 * log10(0.5)) < 0.5,
	    "the true peak between samples is found (-6.0 dBTP, samples "
	    "at -9.0)");
	loudness_free(l);
	free(v);
}

/* The limiter: a quiet signal passes unchanged, only later by its delay;
 * a loud one stays under the ceiling. */
static void
test_limiter(void)
{
	struct limiter	*l;
	float		*v, *in, peak = 0;
	size_t		 i, n = RATE, d;
	int		 same = 1;

	v = xcalloc(n, sizeof *v);
	in = xcalloc(n, sizeof *in);
	for (i = 0; i < n; i++)
		in[i] = v[i] = (float)(0.25 * sin(2.0 * M_PI * 440.0 * i /
		    RATE));
	l = limiter_new(RATE, -6.0);
	d = limiter_delay(l);
	is_int((int)d, RATE * LIMITER_AHEAD_MS / 1000, "the delay is the look-ahead");
	limiter_run(l, v, n);
	for (i = d; i < n; i++) {
		if (fabsf(v[i] - in[i - d]) > 1e-6f)
			same = 0;
	}
	ok(same, "under the ceiling (-12 dBFS under -6): unchanged, delayed");
	limiter_free(l);
	for (i = 0; i < n; i++)
		v[i] = (float)sin(2.0 * M_PI * 440.0 * i / RATE);
	l = limiter_new(RATE, -6.0);
	limiter_run(l, v, n);
	for (i = 0; i < n; i++) {
		if (fabsf(v[i]) > peak)
			peak = fabsf(v[i]);
	}
	ok(peak <= 0.5012f && peak > 0.45f,
	    "0 dBFS limited to -6 dBFS (peak 0.501 at most)");
	if (!(peak <= 0.5012f && peak > 0.45f))
		printf("#   peak %f\n", peak);
	limiter_free(l);
	free(v);
	free(in);
}

/* In a session, a text nobody foresaw is not synthesised in the caller's
 * thread (the loop must not wait for it): NULL at once, and the worker
 * has it a little later. Skipped in a build without a voice. */
static void
test_ahead(void)
{
	struct voice		*v;
	const char		*texts[] = { "One." };
	char			*cause;
	const struct sound	*snd = NULL;
	struct timespec		 ts = { 0, 10000000 };
	int			 i;

	if ((v = voice_open(NULL, RATE, &cause)) == NULL) {
		printf("ok %d - # SKIP %s\n", ++tap_n, cause);
		free(cause);
		return;
	}
	ok(voice_render_ahead(v, texts, 1, &cause) == 0,
	    "the worker starts");
	for (i = 0; i < 500 && snd == NULL; i++) {
		if ((snd = voice_sound(v, "One.", &cause)) == NULL)
			nanosleep(&ts, NULL);
	}
	ok(snd != NULL && snd->n > 0, "what was foreseen is rendered ahead");
	snd = voice_sound(v, "Something nobody foresaw.", &cause);
	ok(snd == NULL && cause == NULL,
	    "an unforeseen text is not rendered in the caller's thread");
	for (i = 0; i < 500 && snd == NULL; i++) {
		if ((snd = voice_sound(v, "Something nobody foresaw.",
		    &cause)) == NULL)
			nanosleep(&ts, NULL);
	}
	ok(snd != NULL && snd->n > 0, "... the worker has it for next time");
	voice_close(v);
}

int
main(void)
{
	test_place();
	test_duck();
	test_duck_other();
	test_meter();
	test_limiter();
	test_ahead();
	return done_testing();
}
