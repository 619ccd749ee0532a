/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sounds.c: cue sounds from files (confined to the sounds directories),
 * resampled to the stream's rate, with synthesized tones as fallback. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <samplerate.h>
#include <sndfile.h>

#include "sounds.h"
#include "util.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/unknot"
#endif

static const char *const sounds_exts[] = { "flac", "wav", "ogg", "opus" };

/* Append one directory to a NULL-ended list. */
static void
sounds_add_dir(char ***dirs, size_t *n, const char *dir)
{
	if (*dir == '\0')
		return;
	*dirs = xreallocarray(*dirs, *n + 2, sizeof **dirs);
	(*dirs)[(*n)++] = xstrdup(dir);
	(*dirs)[*n] = NULL;
}

/* $UNKNOT_SOUNDS, the user's and the system's sounds directories. */
char **
sounds_dirs(void)
{
	char		**dirs = NULL, *env, *copy, *p, *tok, *data, *user;
	size_t		  n = 0;

	dirs = xcalloc(1, sizeof *dirs);
	if ((env = getenv("UNKNOT_SOUNDS")) != NULL) {
		copy = xstrdup(env);
		for (p = copy; (tok = strsep(&p, ":")) != NULL;)
			sounds_add_dir(&dirs, &n, tok);
		free(copy);
	}
	if ((data = util_data_dir_if_any()) != NULL) {
		xasprintf(&user, "%s/sounds", data);
		sounds_add_dir(&dirs, &n, user);
		free(user);
		free(data);
	}
	sounds_add_dir(&dirs, &n, PKGDATADIR "/sounds");
	return dirs;
}

/* Free a list from sounds_dirs(). */
void
sounds_free_dirs(char **dirs)
{
	size_t	i;

	if (dirs == NULL)
		return;
	for (i = 0; dirs[i] != NULL; i++)
		free(dirs[i]);
	free(dirs);
}

/* Does a path name have a ".." component? */
static bool
sounds_has_dotdot(const char *name)
{
	const char	*p = name;
	size_t		 len;

	while (*p != '\0') {
		len = strcspn(p, "/");
		if (len == 2 && p[0] == '.' && p[1] == '.')
			return true;
		p += len;
		while (*p == '/')
			p++;
	}
	return false;
}

/* Is the real path inside the real directory dir? */
static bool
sounds_inside(const char *path, const char *dir)
{
	size_t	len = strlen(dir);

	if (len > 0 && dir[len - 1] == '/')
		return strncmp(path, dir, len) == 0;
	return strncmp(path, dir, len) == 0 && path[len] == '/';
}

/* The directories joined with ", " for a message. */
static char *
sounds_join(char *const *dirs)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; dirs[i] != NULL; i++) {
		xasprintf(&t, "%s%s%s", s, i ? ", " : "", dirs[i]);
		free(s);
		s = t;
	}
	if (i == 0) {
		free(s);
		s = xstrdup("(none)");
	}
	return s;
}

/* Check that a resolved path is a regular file; -1 with *cause. */
static int
sounds_check_file(const char *name, const char *real, char **cause)
{
	struct stat	sb;

	if (stat(real, &sb) != 0) {
		xasprintf(cause, "sound file '%s': %s", name, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		xasprintf(cause, "sound file '%s' is not a regular file", name);
		return -1;
	}
	return 0;
}

/* An absolute name: allowed only if it really lies in a sounds dir. */
static char *
sounds_resolve_abs(const char *name, char *const *dirs, char **cause)
{
	char	*real, *rd, *list;
	size_t	 i;

	if ((real = realpath(name, NULL)) == NULL) {
		xasprintf(cause, "sound file '%s': %s", name, strerror(errno));
		return NULL;
	}
	for (i = 0; dirs[i] != NULL; i++) {
		if ((rd = realpath(dirs[i], NULL)) == NULL)
			continue;
		if (sounds_inside(real, rd)) {
			free(rd);
			if (sounds_check_file(name, real, cause) != 0) {
				free(real);
				return NULL;
			}
			return real;
		}
		free(rd);
	}
	free(real);
	list = sounds_join(dirs);
	xasprintf(cause, "sound file '%s' is outside the sounds directories "
	    "(%s)", name, list);
	free(list);
	return NULL;
}

/* Find name in dirs, refusing anything that leads out of them. */
char *
sounds_resolve(const char *name, char *const *dirs, char **cause)
{
	char	*rd, *cand, *real, *list;
	size_t	 i;

	if (name == NULL || *name == '\0') {
		*cause = xstrdup("empty sound file name");
		return NULL;
	}
	if (sounds_has_dotdot(name)) {
		xasprintf(cause, "sound file '%s': '..' is not allowed; name a "
		    "file inside the sounds directories", name);
		return NULL;
	}
	if (*name == '/')
		return sounds_resolve_abs(name, dirs, cause);
	for (i = 0; dirs[i] != NULL; i++) {
		if ((rd = realpath(dirs[i], NULL)) == NULL)
			continue;
		xasprintf(&cand, "%s/%s", rd, name);
		real = realpath(cand, NULL);
		free(cand);
		if (real == NULL) {
			free(rd);
			if (errno == ENOENT || errno == ENOTDIR)
				continue;
			xasprintf(cause, "sound file '%s': %s", name,
			    strerror(errno));
			return NULL;
		}
		if (!sounds_inside(real, rd)) {
			xasprintf(cause, "sound file '%s' leads outside the "
			    "sounds directory %s (a symbolic link?)", name,
			    dirs[i]);
			free(real);
			free(rd);
			return NULL;
		}
		free(rd);
		if (sounds_check_file(name, real, cause) != 0) {
			free(real);
			return NULL;
		}
		return real;
	}
	list = sounds_join(dirs);
	xasprintf(cause, "sound file '%s' not found in %s", name, list);
	free(list);
	return NULL;
}

/* Free one sound's samples. */
void
sound_free(struct sound *s)
{
	free(s->v);
	free(s->s16);
	s->v = NULL;
	s->s16 = NULL;
	s->n = 0;
}

/*
 * Band-limited resampling with libsamplerate's medium sinc converter: 90 %
 * of the band passed, as fast as the windowed sinc it replaced (best
 * quality took three times as long at every start). The result has
 * n * to / from frames, rounded; frames the converter does not give are
 * silence.
 */
void
sounds_resample(const float *in, size_t n, unsigned from, unsigned to,
    struct sound *out)
{
	SRC_DATA	 d;
	int		 error;

	out->n = (size_t)((double)n * to / from + 0.5);
	out->duck = false;
	out->s16 = NULL;
	out->v = xcalloc(out->n ? out->n : 1, sizeof *out->v);
	if (from == to) {
		memcpy(out->v, in, n * sizeof *in);
		out->n = n;
		return;
	}
	if (n == 0)
		return;
	memset(&d, 0, sizeof d);
	d.data_in = in;
	d.input_frames = (long)n;
	d.data_out = out->v;
	d.output_frames = (long)out->n;
	d.src_ratio = (double)to / from;
	d.end_of_input = 1;
	error = src_simple(&d, SRC_SINC_MEDIUM_QUALITY, 1);
	if (error != 0)
		fatalx("resampling %u Hz to %u Hz: %s", from, to,
		    src_strerror(error));
}

/* Read all frames of an open file, mixed down to mono. */
static int
sounds_read_mono(SNDFILE *sf, const SF_INFO *info, float **mono,
    size_t *n, char **cause)
{
	size_t		 max, got = 0, want;
	float		*buf, s;
	sf_count_t	 r;
	int		 ch;

	max = (size_t)info->samplerate * SOUNDS_MAX_SECONDS;
	if (info->frames > 0 && (size_t)info->frames < max)
		max = (size_t)info->frames;
	*mono = xcalloc(max ? max : 1, sizeof **mono);
	buf = xcalloc(4096 * (size_t)info->channels, sizeof *buf);
	while (got < max) {
		want = max - got < 4096 ? max - got : 4096;
		r = sf_readf_float(sf, buf, (sf_count_t)want);
		if (r <= 0)
			break;
		for (size_t i = 0; i < (size_t)r; i++) {
			s = 0.0f;
			for (ch = 0; ch < info->channels; ch++)
				s += buf[i * (size_t)info->channels + (size_t)ch];
			s /= (float)info->channels;
			if (!isfinite(s))
				s = 0.0f;
			(*mono)[got + i] = s > 1.0f ? 1.0f : s < -1.0f ? -1.0f : s;
		}
		got += (size_t)r;
	}
	free(buf);
	if (got == 0) {
		free(*mono);
		*cause = xstrdup("no samples");
		return -1;
	}
	*n = got;
	return 0;
}

/* Read a sound file as mono float at rate. */
int
sounds_read(const char *path, unsigned rate, struct sound *out, char **cause)
{
	SNDFILE		*sf;
	SF_INFO		 info;
	float		*mono;
	size_t		 n;
	char		*why;

	memset(&info, 0, sizeof info);
	if ((sf = sf_open(path, SFM_READ, &info)) == NULL) {
		xasprintf(cause, "%s: %.*s", path,
		    (int)strcspn(sf_strerror(NULL), "."), sf_strerror(NULL));
		return -1;
	}
	if (info.channels < 1 || info.channels > 64 ||
	    info.samplerate < SOUNDS_RATE_MIN ||
	    info.samplerate > SOUNDS_RATE_MAX) {
		xasprintf(cause, "%s: unsupported layout (%d channels, %d Hz)",
		    path, info.channels, info.samplerate);
		sf_close(sf);
		return -1;
	}
	sf_command(sf, SFC_SET_NORM_FLOAT, NULL, SF_TRUE);
	if (sounds_read_mono(sf, &info, &mono, &n, &why) != 0) {
		xasprintf(cause, "%s: %s", path, why);
		free(why);
		sf_close(sf);
		return -1;
	}
	sf_close(sf);
	sounds_resample(mono, n, (unsigned)info.samplerate, rate, out);
	free(mono);
	return 0;
}

/* One partial of a synthesized note: frequency ratio, level, decay. */
struct partial {
	double	ratio;
	double	amp;
	double	decay;		/* seconds to 1/e, 0: sustained */
};

/* One note: when, how long, gliding from f0 to f1, with its partials. */
struct note {
	double			 start, len, f0, f1, attack, release;
	const struct partial	*p;
	unsigned		 np;
};

static const struct partial sounds_warm[] = {
	{ 1.0, 1.0, 0 }, { 2.0, 0.22, 0 }, { 3.0, 0.05, 0 }
};
static const struct partial sounds_pure[] = {
	{ 1.0, 1.0, 0 }, { 2.0, 0.08, 0 }
};
static const struct partial sounds_mallet[] = {
	{ 1.0, 1.0, 0.30 }, { 2.0, 0.18, 0.12 }, { 3.98, 0.06, 0.05 }
};
/* Inharmonic partials of a small bell, the higher ones dying sooner. */
static const struct partial sounds_bell[] = {
	{ 0.50, 0.50, 1.50 }, { 1.00, 1.00, 1.10 }, { 1.19, 0.45, 0.85 },
	{ 1.56, 0.32, 0.65 }, { 2.00, 0.28, 0.55 }, { 2.74, 0.20, 0.38 },
	{ 3.76, 0.12, 0.26 }, { 5.40, 0.06, 0.16 }
};
static const struct partial sounds_click[] = {
	{ 1.0, 1.0, 0.012 }, { 2.76, 0.3, 0.006 }
};

#define NOTE(s, l, a, b, at, rel, p) { s, l, a, b, at, rel, p, nitems(p) }

static const struct note sounds_inhale[] = {
	NOTE(0.0, 0.90, 330.0, 494.0, 0.015, 0.35, sounds_warm)
};
static const struct note sounds_exhale[] = {
	NOTE(0.0, 1.10, 494.0, 330.0, 0.015, 0.50, sounds_warm)
};
static const struct note sounds_hold[] = {
	NOTE(0.0, 0.35, 262.0, 262.0, 0.015, 0.20, sounds_pure)
};
static const struct note sounds_step[] = {
	NOTE(0.00, 0.50, 523.3, 523.3, 0.005, 0.10, sounds_mallet),
	NOTE(0.16, 0.70, 784.0, 784.0, 0.005, 0.15, sounds_mallet)
};
static const struct note sounds_bellnote[] = {
	NOTE(0.0, 2.60, 528.0, 528.0, 0.003, 0.15, sounds_bell)
};
static const struct note sounds_side[] = {
	NOTE(0.00, 0.45, 659.3, 659.3, 0.005, 0.10, sounds_mallet),
	NOTE(0.18, 0.70, 493.9, 493.9, 0.005, 0.15, sounds_mallet)
};
static const struct note sounds_end[] = {
	NOTE(0.00, 2.60, 523.3, 523.3, 0.004, 0.20, sounds_bell),
	NOTE(0.22, 2.40, 659.3, 659.3, 0.004, 0.20, sounds_bell),
	NOTE(0.44, 2.20, 784.0, 784.0, 0.004, 0.20, sounds_bell)
};
static const struct note sounds_tick[] = {
	NOTE(0.0, 0.05, 1500.0, 1500.0, 0.001, 0.01, sounds_click)
};

/* What each cue is made of, and how loud its peak is (dBFS). */
static const struct {
	const struct note	*notes;
	unsigned		 n;
	double			 peak_db;
} sounds_design[CUE_COUNT] = {
	[CUE_INHALE] = { sounds_inhale, nitems(sounds_inhale), -18.0 },
	[CUE_EXHALE] = { sounds_exhale, nitems(sounds_exhale), -18.0 },
	[CUE_HOLD] = { sounds_hold, nitems(sounds_hold), -30.0 },
	[CUE_STEP] = { sounds_step, nitems(sounds_step), -13.0 },
	[CUE_BELL] = { sounds_bellnote, nitems(sounds_bellnote), -12.0 },
	[CUE_SIDE] = { sounds_side, nitems(sounds_side), -13.0 },
	[CUE_END] = { sounds_end, nitems(sounds_end), -12.0 },
	[CUE_TICK] = { sounds_tick, nitems(sounds_tick), -24.0 },
};

/* Raised-cosine attack and release of a note at t seconds. */
static double
sounds_envelope(const struct note *nt, double t)
{
	double	e = 1.0, r;

	if (t < nt->attack)
		e *= 0.5 - 0.5 * cos(M_PI * t / nt->attack);
	r = nt->len - t;
	if (r < nt->release)
		e *= 0.5 - 0.5 * cos(M_PI * (r > 0 ? r : 0) / nt->release);
	return e;
}

/* Add one note to v. */
static void
sounds_add_note(float *v, size_t n, unsigned rate, const struct note *nt)
{
	size_t	 first, len, i;
	unsigned j;
	double	 t, f, phase = 0.0, env, s, glide;

	first = (size_t)(nt->start * rate + 0.5);
	len = (size_t)(nt->len * rate + 0.5);
	glide = log(nt->f1 / nt->f0);
	for (i = 0; i < len && first + i < n; i++) {
		t = (double)i / rate;
		/* Exponential glide; the phase is the integral of f. */
		f = nt->f0 * exp(glide * t / nt->len);
		env = sounds_envelope(nt, t);
		s = 0.0;
		for (j = 0; j < nt->np; j++) {
			if (nt->p[j].ratio * f >= rate / 2.0)
				continue;
			s += nt->p[j].amp * sin(2.0 * M_PI * nt->p[j].ratio *
			    phase) * (nt->p[j].decay > 0 ?
			    exp(-t / nt->p[j].decay) : 1.0);
		}
		v[first + i] += (float)(env * s);
		phase += f / rate;
	}
}

/* The built-in tone for a cue, normalized to its design peak. */
void
sounds_synth(enum cue_kind k, unsigned rate, struct sound *out)
{
	double		 end = 0.0, peak = 0.0, g;
	unsigned	 i;
	size_t		 j;

	if ((unsigned)k >= CUE_COUNT)
		k = CUE_TICK;
	for (i = 0; i < sounds_design[k].n; i++) {
		const struct note *nt = &sounds_design[k].notes[i];
		if (nt->start + nt->len > end)
			end = nt->start + nt->len;
	}
	out->n = (size_t)(end * rate + 0.5);
	out->v = xcalloc(out->n, sizeof *out->v);
	out->s16 = NULL;
	out->duck = false;
	for (i = 0; i < sounds_design[k].n; i++)
		sounds_add_note(out->v, out->n, rate,
		    &sounds_design[k].notes[i]);
	for (j = 0; j < out->n; j++) {
		if (fabs(out->v[j]) > peak)
			peak = fabs(out->v[j]);
	}
	if (peak <= 0.0)
		return;
	g = pow(10.0, sounds_design[k].peak_db / 20.0) / peak;
	for (j = 0; j < out->n; j++)
		out->v[j] = (float)(out->v[j] * g);
}

/* The name a routine or config gives for a cue, or NULL. */
static const char *
sounds_named(const struct rt_sounds *rs, enum cue_kind k)
{
	if (rs == NULL)
		return NULL;
	switch (k) {
	case CUE_INHALE:	return rs->inhale;
	case CUE_EXHALE:	return rs->exhale;
	case CUE_HOLD:		return rs->hold;
	case CUE_STEP:		return rs->step;
	case CUE_BELL:		return rs->bell;
	case CUE_SIDE:		return rs->side;
	case CUE_END:		return rs->end;
	case CUE_TICK:		return rs->tick;
	default:		return NULL;
	}
}

/* Append a message to a "; "-separated notice. */
static void
sounds_note(char **notice, const char *msg)
{
	char	*t;

	if (*notice == NULL) {
		*notice = xstrdup(msg);
		return;
	}
	xasprintf(&t, "%s; %s", *notice, msg);
	free(*notice);
	*notice = t;
}

/* The default file for a cue: NAME.flac (or another extension) in the
 * first sounds directory that has one; NULL if none does. */
static char *
sounds_default_path(enum cue_kind k, char *const *dirs)
{
	char	*name, *path, *cause;
	size_t	 i;

	for (i = 0; i < nitems(sounds_exts); i++) {
		xasprintf(&name, "%s.%s", cue_name(k), sounds_exts[i]);
		path = sounds_resolve(name, dirs, &cause);
		free(name);
		if (path != NULL)
			return path;
		free(cause);
	}
	return NULL;
}

/* Load one cue from a named file; -1 with *cause. */
static int
sounds_load_named(const char *name, char *const *dirs, unsigned rate,
    struct sound *out, char **cause)
{
	char	*path;
	int	 rc;

	if ((path = sounds_resolve(name, dirs, cause)) == NULL)
		return -1;
	rc = sounds_read(path, rate, out, cause);
	free(path);
	return rc;
}

/* Every cue at rate, from the best source that works. */
struct sounds *
sounds_load(const struct rt_sounds *routine, const struct rt_sounds *config,
    unsigned rate, char **notice)
{
	struct sounds	*b;
	char		**dirs, *cause, *msg, *path, *missing = NULL, *t;
	const char	*name;
	unsigned	 k, n_missing = 0;

	*notice = NULL;
	b = xcalloc(1, sizeof *b);
	b->rate = rate;
	dirs = sounds_dirs();
	for (k = 0; k < CUE_COUNT; k++) {
		if ((name = sounds_named(routine, k)) == NULL)
			name = sounds_named(config, k);
		if (name != NULL && strcmp(name, SOUNDS_NONE) == 0) {
			b->cue[k].v = xcalloc(1, sizeof *b->cue[k].v);
			b->cue[k].n = 0;	/* this cue is silent */
			continue;
		}
		if (name != NULL) {
			if (sounds_load_named(name, dirs, rate, &b->cue[k],
			    &cause) == 0)
				continue;
			xasprintf(&msg, "%s; using a built-in tone", cause);
			sounds_note(notice, msg);
			free(msg);
			free(cause);
			sounds_synth(k, rate, &b->cue[k]);
			continue;
		}
		if ((path = sounds_default_path(k, dirs)) != NULL) {
			if (sounds_read(path, rate, &b->cue[k], &cause) == 0) {
				free(path);
				continue;
			}
			xasprintf(&msg, "%s; using a built-in tone", cause);
			sounds_note(notice, msg);
			free(msg);
			free(cause);
			free(path);
			sounds_synth(k, rate, &b->cue[k]);
			continue;
		}
		xasprintf(&t, "%s%s%s", missing ? missing : "",
		    missing ? ", " : "", cue_name(k));
		free(missing);
		missing = t;
		n_missing++;
		sounds_synth(k, rate, &b->cue[k]);
	}
	if (n_missing == CUE_COUNT)
		sounds_note(notice, "cue sounds not found; using built-in "
		    "tones");
	else if (n_missing > 0) {
		xasprintf(&msg, "no sound file for %s; using built-in tones",
		    missing);
		sounds_note(notice, msg);
		free(msg);
	}
	free(missing);
	sounds_free_dirs(dirs);
	return b;
}

/* Free a bank. */
void
sounds_free(struct sounds *b)
{
	unsigned	k;

	if (b == NULL)
		return;
	for (k = 0; k < CUE_COUNT; k++)
		sound_free(&b->cue[k]);
	free(b);
}
