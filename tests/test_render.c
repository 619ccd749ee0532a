/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_render.c: unknot export, offline. A routine with a known breathing
 * pattern is rendered; every cue onset must sit at its sample (+-1 ms),
 * inhale must rise and exhale fall, and the cue sheet must list them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sndfile.h>

#include "cmd.h"
#include "tap.h"
#include "testlib.h"
#include "util.h"

#define RATE		48000
#define TOL		(RATE / 1000)	/* 1 ms */
#define THRESHOLD	(3.0f / 32768)	/* a few LSB of 16-bit */
#define QUIET_MS	200	/* silence that separates two cues */

/* The pattern the routine uses, in ms, and the number of cycles. */
#define P_INHALE	2500
#define P_EXHALE	3500
#define P_HOLD_OUT	1000
#define P_CYCLES	3

/* One expected cue. */
struct cue {
	long		 ms;
	const char	*kind;
	const char	*step;
};

/* The cues the pattern implies, in time order; returns how many. */
static unsigned
expected(struct cue *c)
{
	unsigned	n = 0, i;
	long		t, cyc = P_INHALE + P_EXHALE + P_HOLD_OUT;

	c[n++] = (struct cue){ 0, "step", "1" };
	for (i = 0; i < P_CYCLES; i++) {
		t = (long)i * cyc;
		c[n++] = (struct cue){ t, "inhale", "1" };
		c[n++] = (struct cue){ t + P_INHALE, "exhale", "1" };
		c[n++] = (struct cue){ t + P_INHALE + P_EXHALE, "hold", "1" };
	}
	c[n++] = (struct cue){ (long)P_CYCLES * cyc, "end", "-" };
	return n;
}

/* Run unknot export, through the command layer, with the given
 * arguments; its exit status. */
static int
export(const char *routine, const char *out, const char *cues)
{
	char		*argv[11];
	int		 argc = 0;

	argv[argc++] = (char *)"unknot";
	/* The cues alone: their onsets are what is checked. */
	argv[argc++] = (char *)"--voice";
	argv[argc++] = (char *)"off";
	argv[argc++] = (char *)"export";
	argv[argc++] = (char *)routine;
	argv[argc++] = (char *)"-o";
	argv[argc++] = (char *)out;
	if (cues != NULL) {
		argv[argc++] = (char *)"--cues";
		argv[argc++] = (char *)cues;
	}
	argv[argc] = NULL;
	return cmd_main(argc, argv);
}

/* Read a mono sound file; NULL on error. */
static float *
read_sound(const char *path, size_t *n, int *rate)
{
	SF_INFO	 info;
	SNDFILE	*sf;
	float	*v;

	memset(&info, 0, sizeof info);
	if ((sf = sf_open(path, SFM_READ, &info)) == NULL)
		return NULL;
	*n = (size_t)info.frames;
	*rate = info.samplerate;
	v = xcalloc(*n + 1, sizeof *v);
	if (info.channels != 1 ||
	    sf_readf_float(sf, v, info.frames) != info.frames) {
		free(v);
		v = NULL;
	}
	sf_close(sf);
	return v;
}

/* Onsets: samples passing the threshold after QUIET_MS of silence. */
static unsigned
onsets(const float *v, size_t n, long *out, unsigned max)
{
	size_t		 i, quiet = QUIET_MS * RATE / 1000, last = 0;
	unsigned	 k = 0;
	bool		 first = true;

	for (i = 0; i < n && k < max; i++) {
		if (fabsf(v[i]) <= THRESHOLD)
			continue;
		if (first || i - last > quiet)
			out[k++] = (long)i;
		first = false;
		last = i;
	}
	return k;
}

/* Frequency from the zero-crossing rate of v[from, to). */
static double
zcr_freq(const float *v, size_t from, size_t to)
{
	size_t	i, z = 0;

	for (i = from + 1; i < to; i++) {
		if ((v[i - 1] < 0) != (v[i] < 0))
			z++;
	}
	return (double)z * RATE / 2.0 / (double)(to - from);
}

/* Early vs late pitch of the sound starting at s: +1 rising, -1 falling. */
static int
direction(const float *v, size_t n, long s)
{
	size_t	a = (size_t)s + RATE / 50, w = RATE * 15 / 100;
	size_t	b = (size_t)s + RATE * 60 / 100;
	double	early, late;

	if (b + w > n)
		return 0;
	early = zcr_freq(v, a, a + w);
	late = zcr_freq(v, b, b + w);
	if (late > early * 1.15)
		return 1;
	if (early > late * 1.15)
		return -1;
	return 0;
}

/* Compare the cue sheet with what the pattern says, line by line. */
static void
check_sheet(const char *path, const struct cue *c, unsigned n)
{
	FILE		*f;
	char		 line[128], want[128];
	unsigned	 i = 0, good = 0;

	if ((f = fopen(path, "r")) == NULL) {
		ok(0, "the cue sheet was written");
		return;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (i < n) {
			snprintf(want, sizeof want, "%ld.%03ld %s %s",
			    c[i].ms / 1000, c[i].ms % 1000, c[i].kind,
			    c[i].step);
			if (strcmp(line, want) == 0)
				good++;
			else
				printf("#   line %u: got '%s', want '%s'\n",
				    i + 1, line, want);
		}
		i++;
	}
	fclose(f);
	is_int(i, n, "the cue sheet has one line per cue");
	is_int(good, n, "every line of the cue sheet is as the pattern says");
}

/* Render the breathing routine and check onsets and pitch. */
static void
test_breathing(void)
{
	struct cue	 c[32];
	long		 found[64], want[32];
	unsigned	 n, nf, nw = 0, i, j, good = 0, rising = 0, falling = 0;
	unsigned	 n_in = 0, n_ex = 0;
	char		*routine, *wav, *cues;
	float		*v;
	size_t		 frames;
	int		 rate;

	testlib_write("breathe.yaml",
	    "unknot: 1\n"
	    "id: render-test\n"
	    "title: Render test\n"
	    "patterns:\n"
	    "  - {name: known, inhale: 2.5, exhale: 3.5, hold_out: 1}\n"
	    "steps:\n"
	    "  - breathe: {title: Breathe, pattern: known, cycles: 3}\n");
	routine = testlib_path("breathe.yaml");
	wav = testlib_path("out.wav");
	cues = testlib_path("out.cues");
	is_int(export(routine, wav, cues), 0, "export exits 0");
	n = expected(c);
	check_sheet(cues, c, n);

	if ((v = read_sound(wav, &frames, &rate)) == NULL) {
		ok(0, "the WAV file reads back");
		goto out;
	}
	is_int(rate, RATE, "rendered at 48000 Hz");
	/* Cues at the same ms make one onset. */
	for (i = 0; i < n; i++) {
		if (nw == 0 || want[nw - 1] != c[i].ms * RATE / 1000)
			want[nw++] = c[i].ms * RATE / 1000;
	}
	nf = onsets(v, frames, found, nitems(found));
	is_int(nf, nw, "as many onsets as distinct cue times");
	for (i = 0; i < nw && i < nf; i++) {
		if (labs(found[i] - want[i]) <= TOL)
			good++;
		else
			printf("#   onset %u at sample %ld, want %ld\n", i,
			    found[i], want[i]);
	}
	is_int(good, nw, "every onset within 1 ms of its cue");
	for (i = 0; i < n; i++) {
		for (j = 0; j < nf; j++) {
			if (labs(found[j] - c[i].ms * RATE / 1000) > TOL)
				continue;
			if (strcmp(c[i].kind, "inhale") == 0 && i > 1) {
				n_in++;
				rising += direction(v, frames, found[j]) > 0;
			}
			if (strcmp(c[i].kind, "exhale") == 0) {
				n_ex++;
				falling += direction(v, frames, found[j]) < 0;
			}
		}
	}
	ok(n_in == P_CYCLES - 1 && rising == n_in,
	    "every inhale (after the first) rises in pitch");
	ok(n_ex == P_CYCLES && falling == n_ex,
	    "every exhale falls in pitch");
	free(v);
out:
	free(routine);
	free(wav);
	free(cues);
}

/* A routine's own sound file is used, at its pitch; FLAC by extension. */
static void
test_own_sound(void)
{
	SF_INFO		 info;
	SNDFILE		*sf;
	float		 burst[2205], *v;
	char		*p, *routine, *out;
	size_t		 i, frames;
	long		 found[64];
	unsigned	 nf;
	int		 rate;

	testlib_mkdirs("data/unknot/sounds");
	/* 50 ms of 1 kHz at 44100 Hz: resampled, it must stay 1 kHz. */
	for (i = 0; i < nitems(burst); i++)
		burst[i] = (float)(0.2 * sin(2 * M_PI * 1000.0 * i / 44100));
	p = testlib_path("data/unknot/sounds/my-inhale.wav");
	memset(&info, 0, sizeof info);
	info.samplerate = 44100;
	info.channels = 1;
	info.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
	if ((sf = sf_open(p, SFM_WRITE, &info)) == NULL)
		fatalx("%s: %s", p, sf_strerror(NULL));
	sf_writef_float(sf, burst, nitems(burst));
	sf_close(sf);
	free(p);
	testlib_write("own.yaml",
	    "unknot: 1\n"
	    "id: own-sound\n"
	    "title: Own sound\n"
	    "patterns:\n"
	    "  - {name: known, inhale: 2, exhale: 2}\n"
	    "sounds: {inhale: my-inhale.wav}\n"
	    "steps:\n"
	    "  - breathe: {title: Breathe, pattern: known, cycles: 2}\n");
	routine = testlib_path("own.yaml");
	out = testlib_path("own.flac");
	is_int(export(routine, out, NULL), 0, "export to FLAC exits 0");
	if ((v = read_sound(out, &frames, &rate)) == NULL) {
		ok(0, "the FLAC file reads back");
	} else {
		nf = onsets(v, frames, found, nitems(found));
		/* Onsets: 0 (step + inhale), 2 s exhale, 4 s inhale, ... */
		ok(nf >= 3 && labs(found[2] - 4 * RATE) <= TOL,
		    "the second inhale starts at 4 s");
		ok(nf >= 3 && fabs(zcr_freq(v, (size_t)found[2] + 100,
		    (size_t)found[2] + 2000) - 1000.0) < 40.0,
		    "the routine's inhale sound plays at its own pitch");
		free(v);
	}
	free(routine);
	free(out);
}

/* Bad requests fail with the documented status and leave no file. */
static void
test_errors(void)
{
	char	*routine, *out;

	routine = testlib_path("breathe.yaml");
	out = testlib_path("out.xyz");
	is_int(export(routine, out, NULL), 2, "an unknown format is bad usage");
	free(out);
	out = testlib_path("no/such/dir/out.wav");
	is_int(export(routine, out, NULL), 1,
	    "an unwritable output is a runtime failure");
	free(out);
	free(routine);
	routine = testlib_path("missing.yaml");
	out = testlib_path("never.wav");
	is_int(export(routine, out, NULL), 2, "a missing routine exits 2");
	ok(access(out, F_OK) != 0, "and writes nothing");
	free(routine);
	free(out);
}

/* Run every check in a temporary directory. */
int
main(void)
{
	char	*p, *dir;

	testlib_tmpdir("render");
	p = testlib_path("data");
	setenv("XDG_DATA_HOME", p, 1);
	free(p);
	if ((dir = getenv("top_srcdir")) != NULL) {
		xasprintf(&p, "%s/sounds", dir);
		setenv("UNKNOT_SOUNDS", p, 1);
		free(p);
	}
	test_breathing();
	test_own_sound();
	test_errors();
	testlib_cleanup();
	return done_testing();
}
