/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_sounds.c: the cue bank (resampling, confinement, fallback tones)
 * and the mixer's sample-exact scheduling. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sndfile.h>

#include "mixer.h"
#include "sounds.h"
#include "tap.h"
#include "testlib.h"
#include "util.h"

/* Power of one frequency in v (Goertzel), per sample. */
static double
goertzel(const float *v, size_t n, double freq, unsigned rate)
{
	double	w = 2.0 * M_PI * freq / rate, c = 2.0 * cos(w);
	double	s0, s1 = 0.0, s2 = 0.0;
	size_t	i;

	for (i = 0; i < n; i++) {
		s0 = v[i] + c * s1 - s2;
		s2 = s1;
		s1 = s0;
	}
	return (s1 * s1 + s2 * s2 - c * s1 * s2) / ((double)n * n);
}

/* Frequency from the zero-crossing rate of v[from, to). */
static double
zcr_freq(const float *v, size_t from, size_t to, unsigned rate)
{
	size_t		i, z = 0;

	for (i = from + 1; i < to; i++) {
		if ((v[i - 1] < 0) != (v[i] < 0))
			z++;
	}
	return (double)z * rate / 2.0 / (double)(to - from);
}

/* A sine of freq Hz, len seconds, at rate. */
static float *
sine(double freq, double len, unsigned rate, size_t *n)
{
	float	*v;
	size_t	 i;

	*n = (size_t)(len * rate);
	v = xcalloc(*n, sizeof *v);
	for (i = 0; i < *n; i++)
		v[i] = (float)(0.5 * sin(2.0 * M_PI * freq * i / rate));
	return v;
}

/* Write a mono sine file with libsndfile. */
static void
write_sine(const char *path, double freq, unsigned rate, int format)
{
	SF_INFO	 info;
	SNDFILE	*sf;
	float	*v;
	size_t	 n;

	v = sine(freq, 0.5, rate, &n);
	memset(&info, 0, sizeof info);
	info.samplerate = (int)rate;
	info.channels = 1;
	info.format = format;
	if ((sf = sf_open(path, SFM_WRITE, &info)) == NULL)
		fatalx("%s: %s", path, sf_strerror(NULL));
	sf_writef_float(sf, v, (sf_count_t)n);
	sf_close(sf);
	free(v);
}

/* Resampling changes the rate, never the pitch. */
static void
test_resample(void)
{
	struct sound	 out;
	float		*in;
	size_t		 n;
	double		 right, wrong;
	char		*path, *cause = NULL;

	in = sine(1000.0, 0.5, 22050, &n);
	sounds_resample(in, n, 22050, 48000, &out);
	is_int(out.n, (size_t)(n * 48000.0 / 22050 + 0.5),
	    "22050 -> 48000: length scales with the rate");
	right = goertzel(out.v + 1000, out.n - 2000, 1000.0, 48000);
	wrong = goertzel(out.v + 1000, out.n - 2000, 1000.0 * 48000 / 22050,
	    48000);
	ok(right > 1000 * wrong, "22050 -> 48000: a 1 kHz tone stays 1 kHz");
	ok(fabs(zcr_freq(out.v, 1000, out.n - 1000, 48000) - 1000.0) < 5.0,
	    "22050 -> 48000: zero crossings agree");
	ok(right > 0.05, "22050 -> 48000: the level is kept");
	sound_free(&out);
	free(in);

	in = sine(3000.0, 0.5, 48000, &n);
	sounds_resample(in, n, 48000, 22050, &out);
	ok(fabs(zcr_freq(out.v, 500, out.n - 500, 22050) - 3000.0) < 10.0,
	    "48000 -> 22050: a 3 kHz tone stays 3 kHz");
	sound_free(&out);
	free(in);

	in = sine(15000.0, 0.5, 48000, &n);
	sounds_resample(in, n, 48000, 22050, &out);
	ok(goertzel(out.v + 500, out.n - 1000, 22050 - 15000.0, 22050) <
	    1e-4, "48000 -> 22050: above the new Nyquist is filtered, "
	    "not folded back");
	sound_free(&out);
	free(in);

	path = testlib_path("s22050.wav");
	write_sine(path, 440.0, 22050, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
	ok(sounds_read(path, 48000, &out, &cause) == 0, "read a 22050 Hz WAV");
	ok(fabs(zcr_freq(out.v, 1000, out.n - 1000, 48000) - 440.0) < 3.0,
	    "a 22050 Hz file plays at its pitch on a 48000 Hz stream");
	sound_free(&out);
	free(path);

	path = testlib_path("s44100.ogg");
	write_sine(path, 880.0, 44100, SF_FORMAT_OGG | SF_FORMAT_VORBIS);
	ok(sounds_read(path, 48000, &out, &cause) == 0, "read an Ogg Vorbis file");
	ok(fabs(zcr_freq(out.v, 4000, out.n - 4000, 48000) - 880.0) < 5.0,
	    "an Ogg Vorbis file keeps its pitch");
	sound_free(&out);
	free(path);

	path = testlib_path("s48000.opus");
	write_sine(path, 550.0, 48000, SF_FORMAT_OGG | SF_FORMAT_OPUS);
	ok(sounds_read(path, 44100, &out, &cause) == 0, "read an Opus file");
	ok(fabs(zcr_freq(out.v, 4000, out.n - 4000, 44100) - 550.0) < 5.0,
	    "an Opus file keeps its pitch on a 44100 Hz stream");
	sound_free(&out);
	free(path);

	path = testlib_path("s44100.flac");
	write_sine(path, 660.0, 44100, SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
	ok(sounds_read(path, 48000, &out, &cause) == 0, "read a 44100 Hz FLAC");
	ok(fabs(zcr_freq(out.v, 1000, out.n - 1000, 48000) - 660.0) < 3.0,
	    "a 44100 Hz FLAC keeps its pitch");
	sound_free(&out);
	free(path);
}

/* Is resolving name refused with a message containing want? */
static int
refused(char *const *dirs, const char *name, const char *want)
{
	char	*cause = NULL, *p;
	int	 r;

	p = sounds_resolve(name, dirs, &cause);
	r = p == NULL && cause != NULL && strstr(cause, want) != NULL;
	if (!r)
		printf("#   %s -> %s (%s)\n", name, p ? p : "NULL",
		    cause ? cause : "no cause");
	free(p);
	free(cause);
	return r;
}

/* Is name resolved to the real path of rel? */
static int
resolved(char *const *dirs, const char *name, const char *rel)
{
	char	*cause = NULL, *p, *want, *real;
	int	 r;

	p = sounds_resolve(name, dirs, &cause);
	want = testlib_path(rel);
	real = realpath(want, NULL);
	r = p != NULL && real != NULL && strcmp(p, real) == 0;
	if (!r)
		printf("#   %s -> %s (%s)\n", name, p ? p : "NULL",
		    cause ? cause : "no cause");
	free(p);
	free(want);
	free(real);
	free(cause);
	return r;
}

/* Sound names are resolved only inside the sounds directories. */
static void
test_confine(void)
{
	char	*dirs[3], *abs;

	dirs[0] = testlib_path("user/sounds");
	dirs[1] = testlib_path("system/sounds");
	dirs[2] = NULL;
	testlib_mkdirs("user/sounds");
	testlib_mkdirs("system/sounds");
	testlib_mkdirs("user/sounds/sub");
	testlib_mkdirs("outside");
	testlib_write("user/sounds/ok.wav", "x");
	testlib_write("user/sounds/sub/deep.wav", "x");
	testlib_write("system/sounds/sys.wav", "x");
	testlib_write("system/sounds/ok.wav", "x");
	testlib_write("outside/evil.wav", "x");
	abs = testlib_path("user/sounds/escape.wav");
	if (symlink("../../outside/evil.wav", abs) != 0)
		fatal("symlink");
	free(abs);
	abs = testlib_path("user/sounds/alias.wav");
	if (symlink("sub/deep.wav", abs) != 0)
		fatal("symlink");
	free(abs);
	abs = testlib_path("user/sounds/escdir");
	if (symlink("../../outside", abs) != 0)
		fatal("symlink");
	free(abs);

	ok(resolved(dirs, "ok.wav", "user/sounds/ok.wav"),
	    "a plain name is found, the user's directory first");
	ok(resolved(dirs, "sys.wav", "system/sounds/sys.wav"),
	    "then the system's");
	ok(resolved(dirs, "sub/deep.wav", "user/sounds/sub/deep.wav"),
	    "a subdirectory is fine");
	ok(resolved(dirs, "alias.wav", "user/sounds/sub/deep.wav"),
	    "a symbolic link that stays inside is fine");
	ok(refused(dirs, "../../outside/evil.wav", "'..' is not allowed"),
	    "'..' is refused");
	ok(refused(dirs, "sub/../ok.wav", "'..' is not allowed"),
	    "'..' in the middle is refused too");
	abs = testlib_path("outside/evil.wav");
	ok(refused(dirs, abs, "outside the sounds directories"),
	    "an absolute path outside is refused");
	free(abs);
	ok(refused(dirs, "/etc/passwd", "outside the sounds directories"),
	    "/etc/passwd is refused");
	abs = testlib_path("user/sounds/ok.wav");
	ok(resolved(dirs, abs, "user/sounds/ok.wav"),
	    "an absolute path inside is fine");
	free(abs);
	ok(refused(dirs, "escape.wav", "leads outside"),
	    "a symbolic link escaping the directory is refused");
	ok(refused(dirs, "escdir/evil.wav", "leads outside"),
	    "a linked directory escaping is refused");
	ok(refused(dirs, "missing.wav", "not found"),
	    "a missing file is reported as not found");
	ok(refused(dirs, "sub", "not a regular file"),
	    "a directory is not a sound");
	ok(refused(dirs, "", "empty"), "an empty name is refused");
	free(dirs[0]);
	free(dirs[1]);
}

/* Do two sounds have the same samples? */
static int
same_sound(const struct sound *a, const struct sound *b)
{
	return a->n == b->n && memcmp(a->v, b->v, a->n * sizeof *a->v) == 0;
}

/* Missing, refused or broken files fall back to built-in tones. */
static void
test_fallback(void)
{
	struct rt_sounds	 rs;
	struct sounds		*b;
	struct sound		 synth;
	char			*notice, *env, *p;
	unsigned		 k;
	int			 all = 1;

	env = testlib_path("data");
	setenv("XDG_DATA_HOME", env, 1);
	free(env);
	testlib_mkdirs("empty-sounds");
	env = testlib_path("empty-sounds");
	setenv("UNKNOT_SOUNDS", env, 1);
	free(env);

	b = sounds_load(NULL, NULL, 48000, &notice);
	ok(notice != NULL && strstr(notice, "not found") != NULL &&
	    strstr(notice, "built-in") != NULL,
	    "no sound files at all: one notice says so");
	printf("# %s\n", notice ? notice : "(no notice)");
	for (k = 0; k < CUE_COUNT; k++) {
		sounds_synth(k, 48000, &synth);
		if (!same_sound(&b->cue[k], &synth))
			all = 0;
		sound_free(&synth);
	}
	ok(all, "every cue has its built-in tone");
	free(notice);
	sounds_free(b);

	/* A user file for one cue; a broken one; a missing one. */
	testlib_mkdirs("data/unknot/sounds");
	p = testlib_path("data/unknot/sounds/inhale.wav");
	write_sine(p, 700.0, 44100, SF_FORMAT_WAV | SF_FORMAT_PCM_16);
	free(p);
	testlib_write("data/unknot/sounds/broken.flac", "not a flac file");
	memset(&rs, 0, sizeof rs);
	rs.bell = (char *)"broken.flac";
	rs.side = (char *)"nowhere.ogg";
	rs.end = (char *)"../outside/evil.wav";
	rs.tick = (char *)"none";
	b = sounds_load(&rs, NULL, 48000, &notice);
	printf("# %s\n", notice ? notice : "(no notice)");
	ok(fabs(zcr_freq(b->cue[CUE_INHALE].v, 100, b->cue[CUE_INHALE].n - 100,
	    48000) - 700.0) < 3.0, "the user's inhale.wav replaces the tone");
	sounds_synth(CUE_BELL, 48000, &synth);
	ok(same_sound(&b->cue[CUE_BELL], &synth),
	    "an unreadable file: the built-in bell");
	sound_free(&synth);
	ok(notice != NULL && strstr(notice, "broken.flac") != NULL,
	    "the notice names the unreadable file");
	ok(notice != NULL && strstr(notice, "nowhere.ogg") != NULL &&
	    strstr(notice, "not found") != NULL,
	    "the notice names the missing file");
	ok(notice != NULL && strstr(notice, "'..' is not allowed") != NULL,
	    "the notice says why a path was refused");
	ok(b->cue[CUE_SIDE].n > 0 && b->cue[CUE_END].n > 0,
	    "missing and refused files still sound");
	ok(b->cue[CUE_TICK].n == 0 && strstr(notice, "tick") == NULL,
	    "\"none\" silences a cue, without a notice");
	free(notice);
	sounds_free(b);

	/* The bundled set, when the source tree is at hand. */
	if ((env = getenv("top_srcdir")) != NULL) {
		xasprintf(&p, "%s/sounds", env);
		setenv("UNKNOT_SOUNDS", p, 1);
		free(p);
		b = sounds_load(NULL, NULL, 48000, &notice);
		ok(notice == NULL || strstr(notice, "inhale") == NULL,
		    "the bundled set loads without a notice for inhale");
		sounds_free(b);
		free(notice);
	}
}

/* The bundled files are what the synthesis makes (`make sounds`). */
static void
test_bundled(void)
{
	struct sound	 file, synth;
	char		*path, *cause;
	const char	*top;
	unsigned	 k;
	size_t		 i;
	double		 worst = 0.0;
	int		 same_length = 1, read_all = 1;

	if ((top = getenv("top_srcdir")) == NULL) {
		printf("# top_srcdir is not set: bundled files not checked\n");
		return;
	}
	for (k = 0; k < CUE_COUNT; k++) {
		xasprintf(&path, "%s/sounds/%s.flac", top, cue_name(k));
		if (sounds_read(path, 24000, &file, &cause) != 0) {
			printf("# %s\n", cause);
			free(cause);
			free(path);
			read_all = 0;
			continue;
		}
		free(path);
		sounds_synth(k, 24000, &synth);
		if (file.n != synth.n)
			same_length = 0;
		for (i = 0; i < file.n && i < synth.n; i++) {
			if (fabs(file.v[i] - synth.v[i]) > worst)
				worst = fabs(file.v[i] - synth.v[i]);
		}
		sound_free(&file);
		sound_free(&synth);
	}
	ok(read_all, "every bundled cue file reads");
	ok(same_length, "the bundled files are as long as the synthesis");
	ok(worst <= 1.0 / 32768, "the bundled files are the synthesis, to "
	    "16-bit precision (else run make sounds)");
}

/* Peak of a sound, in dBFS; silence is -infinity, said rather than left
 * to log10(0)'s pole error. */
static double
peak_db(const struct sound *s)
{
	double	peak = 0.0;
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (fabs(s->v[i]) > peak)
			peak = fabs(s->v[i]);
	}
	if (peak == 0.0)
		return -INFINITY;
	return 20.0 * log10(peak);
}

/* The built-in tones: calm levels, inhale rising, exhale falling. */
static void
test_synth(void)
{
	struct sound	s[CUE_COUNT];
	unsigned	k, j;
	int		quiet = 1, distinct = 1;
	size_t		n;

	for (k = 0; k < CUE_COUNT; k++) {
		sounds_synth(k, 48000, &s[k]);
		if (peak_db(&s[k]) > -11.9)
			quiet = 0;
	}
	ok(quiet, "no cue peaks above -12 dBFS");
	ok(peak_db(&s[CUE_HOLD]) < -25.0, "the hold cue is very quiet");
	ok(peak_db(&s[CUE_INHALE]) <= -15.0 && peak_db(&s[CUE_EXHALE]) <= -15.0,
	    "inhale and exhale are soft");
	n = s[CUE_INHALE].n;
	ok(zcr_freq(s[CUE_INHALE].v, 0, n / 4, 48000) * 1.2 <
	    zcr_freq(s[CUE_INHALE].v, n / 2, 3 * n / 4, 48000),
	    "inhale rises");
	n = s[CUE_EXHALE].n;
	ok(zcr_freq(s[CUE_EXHALE].v, 0, n / 4, 48000) >
	    1.2 * zcr_freq(s[CUE_EXHALE].v, n / 2, 3 * n / 4, 48000),
	    "exhale falls");
	for (k = 0; k < CUE_COUNT; k++) {
		for (j = k + 1; j < CUE_COUNT; j++) {
			if (same_sound(&s[k], &s[j]))
				distinct = 0;
		}
	}
	ok(distinct, "every cue sounds different");
	for (k = 0; k < CUE_COUNT; k++)
		sound_free(&s[k]);
}

/* First sample at or after from whose magnitude passes thr, or -1. */
static long
onset(const float *v, size_t n, size_t from, float thr)
{
	size_t	i;

	for (i = from; i < n; i++) {
		if (fabsf(v[i]) > thr)
			return (long)i;
	}
	return -1;
}

/* The mixer starts cues on their sample and drops them on reset. */
static void
test_mixer(void)
{
	struct mixer	*m;
	struct sound	 click;
	float		 buf[1000], one = 1.0f;
	int64_t		 cut;

	memset(&click, 0, sizeof click);
	click.v = &one;
	click.n = 1;
	m = xcalloc(1, sizeof *m);
	mixer_init(m, 100);
	mixer_push(m, 123, &click);
	mixer_push(m, 700, &click);
	mixer_render(m, buf, 500);
	is_int(onset(buf, 500, 0, 0.5f), 123, "a cue starts on its sample");
	is_int(onset(buf, 500, 124, 0.1f), -1, "and only there");
	mixer_render(m, buf, 500);
	is_int(onset(buf, 500, 0, 0.5f), 200,
	    "a cue across buffers lands on its sample");
	mixer_set_volume(m, 50);
	mixer_push(m, 1010, &click);
	mixer_render(m, buf, 100);
	ok(fabsf(buf[10] - 0.25f) < 1e-6, "volume 50 is a quarter (-12 dB)");
	mixer_set_muted(m, true);
	mixer_push(m, 1110, &click);
	mixer_render(m, buf, 100);
	is_int(onset(buf, 100, 0, 1e-9f), -1, "muted plays nothing");
	mixer_set_muted(m, false);
	mixer_set_volume(m, 100);

	/* Reset: what starts before the cut plays, the rest is dropped. */
	mixer_push(m, 1250, &click);
	mixer_push(m, 1400, &click);
	cut = mixer_reset(m, 100);
	is_int(cut, 1300, "the cut is the render position plus the guard");
	mixer_push(m, 1350, &click);
	mixer_render(m, buf, 300);
	is_int(onset(buf, 300, 0, 0.5f), 50, "a cue before the cut plays");
	is_int(onset(buf, 300, 51, 0.5f), 150,
	    "a cue pushed after the reset plays");
	is_int(onset(buf, 300, 151, 0.5f), -1, "a cue after the cut is gone");
	ok(!mixer_busy(m), "nothing left");
	free(m);
}

/* Offline, a full ring is drained into the voices without rendering, and
 * a cue with no voice left is reported, not lost in silence. */
static void
test_mixer_drain(void)
{
	struct mixer	*m;
	struct sound	 click;
	float		 one = 1.0f;
	int		 i, pushed;

	memset(&click, 0, sizeof click);
	click.v = &one;
	click.n = 1;
	m = xcalloc(1, sizeof *m);
	mixer_init(m, 100);
	for (pushed = 0; pushed < MIXER_RING + 1; pushed++) {
		if (mixer_push(m, 1000 + pushed, &click) != 0)
			break;
	}
	is_int(pushed, MIXER_RING, "the ring holds MIXER_RING cues");
	free(m);

	m = xcalloc(1, sizeof *m);
	mixer_init(m, 100);
	for (i = 0; i < MIXER_VOICES; i++)
		mixer_push(m, 1000 + i, &click);
	is_int(mixer_drain(m), 0, "a drain into free voices loses nothing");
	is_int(mixer_pos(m), 0, "a drain renders nothing");
	is_int(mixer_end(m), 1000 + MIXER_VOICES, "every drained cue is kept");
	mixer_push(m, 5000, &click);
	is_int(mixer_drain(m), -1, "a cue with no voice left is reported");
	free(m);
}

/* Run every check in a temporary directory. */
int
main(void)
{
	testlib_tmpdir("sounds");
	unsetenv("UNKNOT_SOUNDS");
	test_resample();
	test_mixer_drain();
	test_confine();
	test_fallback();
	test_synth();
	test_bundled();
	test_mixer();
	testlib_cleanup();
	return done_testing();
}
