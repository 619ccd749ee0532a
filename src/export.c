/* SPDX-License-Identifier: GPL-3.0-or-later */
/* export.c: unknot export, a routine's guided track rendered to a file. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audio.h"
#include "export.h"
#include "limiter.h"
#include "loudness.h"
#include "outfile.h"
#include "say.h"
#include "session.h"
#include "util.h"
#include "voice.h"

#define EXPORT_MAX_TURNS 10000000	/* a session that never ends */
#define EXPORT_BAR	30
#define EXPORT_PEAK_MARGIN 0.5		/* dB kept under LOUDNESS_PEAK */

/* What an export is writing, and how far it got. */
struct export {
	struct audio	*audio;
	struct say	*say;		/* NULL: no voice */
	struct voice	*voice;
	unsigned	 count;		/* the countdown said, SAY_COUNT_* */
	struct outfile	*audio_out;
	struct outfile	*cues_out;
	FILE		*cues;
	unsigned	 n_cues;
	bool		 tty;
	int		 shown;		/* percent on the bar, -1: none yet */
	int64_t		 total;		/* nominal ms, for the bar */
};

/* Draw the progress bar on stderr when it moved: written to fd 2 as it
 * is, since its carriage return is the one control that stderr's filter
 * (errout.c) would not let through. */
static void
export_progress(struct export *e, int64_t now, bool last)
{
	char	line[EXPORT_BAR + 32];
	int	pct, fill, i, n;

	if (!e->tty)
		return;
	pct = e->total > 0 ? (int)(now * 100 / e->total) : 100;
	if (last)
		pct = 100;
	if (pct > 100)
		pct = 100;
	if (pct == e->shown && !last)
		return;
	e->shown = pct;
	fill = pct * EXPORT_BAR / 100;
	n = snprintf(line, sizeof line, "\rrendering [");
	for (i = 0; i < EXPORT_BAR; i++)
		line[n++] = i < fill ? '#' : ' ';
	n += snprintf(line + n, sizeof line - (size_t)n, "] %3d%%%s", pct,
	    last ? "\n" : "");
	fflush(stderr);
	if (write(STDERR_FILENO, line, (size_t)n) == -1)
		e->tty = false;
}

/* Render one cue and add it to the cue sheet; -1 with *cause. */
static int
export_cue(struct export *e, const struct sess_action *a, char **cause)
{
	if (audio_file_cue(e->audio, a->at, a->value, cause) != 0)
		return -1;
	e->n_cues++;
	if (e->cues == NULL)
		return 0;
	fprintf(e->cues, "%" PRId64 ".%03" PRId64 " %s ", a->at / 1000,
	    a->at % 1000, cue_name(a->value));
	if (a->step >= 0)
		fprintf(e->cues, "%d\n", a->step + 1);
	else
		fprintf(e->cues, "-\n");
	return 0;
}

/* Print text as the rest of one line of the cue sheet. */
static void
export_line(FILE *f, const char *text)
{
	for (; *text != '\0'; text++)
		fputc(*text == '\n' || *text == '\r' ? ' ' : *text, f);
	fputc('\n', f);
}

/* Say the utterances and list them in the cue sheet with the time each
 * starts at (after the one before, never over it). */
static int
export_say(struct export *e, const struct say_utt *u, unsigned n,
    char **cause)
{
	unsigned	i;
	int64_t		at;

	for (i = 0; i < n; i++) {
		at = audio_say(e->audio, u[i].at, u[i].text, u[i].clip,
		    u[i].droppable, cause);
		if (at < 0 && *cause != NULL)
			return -1;
		free(*cause);
		*cause = NULL;
		if (at < 0 || e->cues == NULL)
			continue;
		fprintf(e->cues, "%" PRId64 ".%03" PRId64 " voice ", at / 1000,
		    at % 1000);
		if (u[i].step >= 0)
			fprintf(e->cues, "%d ", u[i].step + 1);
		else
			fprintf(e->cues, "- ");
		if (u[i].clip != NULL && voice_clip(e->voice, u[i].clip) != NULL)
			fprintf(e->cues, "(clip %s) ", u[i].clip);
		export_line(e->cues, u[i].text);
	}
	return 0;
}

/* Say what an action calls for. */
static int
export_say_action(struct export *e, const struct sess_action *a,
    char **cause)
{
	struct say_utt	u[SAY_MAX];

	if (e->say == NULL)
		return 0;
	return export_say(e, u, say_action(e->say, a, u), cause);
}

/* Say what the passing time calls for (the time left). */
static int
export_say_view(struct export *e, struct session *s, int64_t now,
    char **cause)
{
	struct say_utt		u[SAY_MAX];
	struct sess_view	v;

	if (e->say == NULL)
		return 0;
	session_view(s, now, &v);
	return export_say(e, u, say_view(e->say, &v, now, u), cause);
}

/* Take the session's actions; note when aftercare is reached. */
static int
export_drain(struct export *e, struct session *s, bool *aftercare,
    char **cause)
{
	struct sess_action	a;

	while (session_poll(s, &a)) {
		if (a.kind == SA_CUE && export_cue(e, &a, cause) != 0)
			return -1;
		if (export_say_action(e, &a, cause) != 0)
			return -1;
		if (a.kind == SA_STATE && a.value == SS_AFTERCARE)
			*aftercare = true;
	}
	return 0;
}

/* Run the session from deadline to deadline, as if nothing were pressed
 * but Enter where it waits. */
static int
export_run(struct export *e, const struct routine *r, char **cause)
{
	struct session	*s;
	int64_t		 now = 0, next;
	unsigned long	 turns;
	bool		 aftercare = false;
	int		 rc = -1;

	s = session_new(r, 0);
	session_input(s, 0, SI_NEXT, 0);
	for (turns = 0; turns < EXPORT_MAX_TURNS; turns++) {
		if (export_drain(e, s, &aftercare, cause) != 0 ||
		    export_say_view(e, s, now, cause) != 0)
			goto out;
		if (session_done(s)) {
			rc = 0;
			goto out;
		}
		if (aftercare) {
			aftercare = false;
			session_input(s, now, SI_NEXT, 0);
			continue;
		}
		next = session_next_deadline(s, now);
		if (next == INT64_MAX) {
			/* Waiting for input: Enter is all an export can give. */
			if (session_input(s, now, SI_NEXT, 0) != 0) {
				xasprintf(cause, "the session stopped at "
				    "%" PRId64 " ms, waiting for input", now);
				goto out;
			}
			continue;
		}
		now = next > now ? next : now + 1;
		session_tick(s, now);
		export_progress(e, now, false);
	}
	*cause = xstrdup("the session did not come to an end");
out:
	session_free(s);
	return rc;
}

/* Open the audio file and the cue sheet (if asked for), which must not
 * be the same file; -1 with *cause. */
static int
export_open(struct export *e, const char *out, const char *cues, bool force,
    char **cause)
{
	int	flags = force ? 0 : OUTFILE_NEW;

	if ((e->audio_out = outfile_open(out, flags, cause)) == NULL)
		return -1;
	if (cues == NULL)
		return 0;
	if ((e->cues_out = outfile_open(cues, flags, cause)) == NULL)
		return -1;
	if (outfile_same(e->audio_out, e->cues_out)) {
		xasprintf(cause, "%s and --cues %s are the same file", out,
		    cues);
		return -1;
	}
	e->cues = outfile_stream(e->cues_out);
	return 0;
}

/* Put both files in place if all went well (rc 0), else drop what was
 * written; -1 with *cause if that failed. */
static int
export_close(struct export *e, int rc, char **cause)
{
	if (rc == 0 && outfile_commit(e->audio_out, cause) != 0)
		rc = -1;
	else if (rc != 0)
		outfile_abort(e->audio_out);
	e->audio_out = NULL;
	if (e->cues_out == NULL)
		return rc;
	if (rc == 0 && outfile_commit(e->cues_out, cause) != 0)
		rc = -1;
	else if (rc != 0)
		outfile_abort(e->cues_out);
	e->cues_out = NULL;
	e->cues = NULL;
	return rc;
}

/* A voice with every text of the routine rendered, or NULL with a
 * warning that says why. */
static struct voice *
export_voice(const struct routine *r, unsigned count)
{
	struct voice		*v;
	struct say		*y;
	const char *const	*texts;
	unsigned		 n;
	char			*cause, *notice;

	if ((v = voice_open(r->language, AUDIO_RATE, &cause)) == NULL) {
		fprintf(stderr, "unknot: warning: voice off: %s\n", cause);
		free(cause);
		return NULL;
	}
	voice_clips(v, r, &notice);
	if (notice != NULL)
		fprintf(stderr, "unknot: warning: %s\n", notice);
	free(notice);
	y = say_new(r, count);
	if (say_notice(y) != NULL)
		fprintf(stderr, "unknot: warning: %s\n", say_notice(y));
	texts = say_texts(y, &n);
	if (voice_render(v, texts, n, &cause) != 0) {
		fprintf(stderr, "unknot: warning: voice off: %s\n", cause);
		free(cause);
		voice_close(v);
		v = NULL;
	}
	say_free(y);
	return v;
}

/* Speak with the voice in this pass, if there is one. */
static void
export_use_voice(struct export *e, const struct routine *r, struct voice *v)
{
	if (v == NULL)
		return;
	e->say = say_new(r, e->count);
	e->voice = v;
	audio_use_voice(e->audio, v);
}

/* Render the session through e's audio (with the voice, if not NULL)
 * and finish it; -1 with *cause. */
static int
export_pass(struct export *e, const struct routine *r, struct voice *v,
    char **cause)
{
	char	*why = NULL;
	int	 rc;

	export_use_voice(e, r, v);
	rc = export_run(e, r, cause);
	if (audio_file_finish(e->audio, rc == 0 ? cause : &why) != 0)
		rc = -1;
	free(why);
	say_free(e->say);
	e->say = NULL;
	return rc;
}

/* Render into a meter alone at gain, through a limiter if ceiling is not
 * 0 (dBFS); the integrated loudness and the true peak, or -1 with
 * *cause. */
static int
export_meter(const struct routine *r, int volume, struct voice *voice,
    unsigned count, float gain, double ceiling, double *lufs, double *peak,
    char **cause)
{
	struct export	 e;
	struct loudness	*meter;
	struct limiter	*limiter = NULL;
	char		*notice = NULL;
	int		 rc;

	memset(&e, 0, sizeof e);
	e.shown = -1;
	e.count = count;
	meter = loudness_new(AUDIO_RATE);
	if (ceiling != 0)
		limiter = limiter_new(AUDIO_RATE, ceiling);
	if ((e.audio = audio_open_meter(volume, r, meter, limiter, &notice,
	    cause)) == NULL) {
		loudness_free(meter);
		limiter_free(limiter);
		return -1;
	}
	free(notice);
	audio_set_gain(e.audio, gain);
	rc = export_pass(&e, r, voice, cause);
	*lufs = loudness_integrated(meter);
	*peak = loudness_true_peak(meter);
	loudness_free(meter);
	limiter_free(limiter);
	return rc;
}

/* The gain that brings the track to LOUDNESS_TARGET, and the limiter's
 * ceiling (0: none needed) that keeps its true peak at LOUDNESS_PEAK at
 * most: measured once as it is, and, where its peaks would pass, once
 * more through the limiter, which takes a little loudness away. */
static int
export_level(const struct routine *r, int volume, struct voice *voice,
    unsigned count, float *gain, double *ceiling, char **cause)
{
	double	lufs, peak, db;

	*gain = 1.0f;
	*ceiling = 0;
	if (export_meter(r, volume, voice, count, 1.0f, 0, &lufs, &peak,
	    cause) != 0)
		return -1;
	if (lufs <= LOUDNESS_SILENCE)
		return 0;
	db = LOUDNESS_TARGET - lufs;
	*gain = (float)pow(10.0, db / 20.0);
	if (peak + db <= LOUDNESS_PEAK - EXPORT_PEAK_MARGIN)
		return 0;
	*ceiling = LOUDNESS_PEAK - 2 * EXPORT_PEAK_MARGIN;
	if (export_meter(r, volume, voice, count, *gain, *ceiling, &lufs,
	    &peak,
	    cause) != 0)
		return -1;
	db += LOUDNESS_TARGET - lufs;
	*gain = (float)pow(10.0, db / 20.0);
	return 0;
}

/* Render the routine into the file and the cue sheet; nothing is replaced
 * unless all of it could be written. */
int
export_write(const struct routine *r, const char *out, const char *format,
    const char *cues, bool force, int volume, bool voice, unsigned count,
    char **cause)
{
	struct export	 e;
	struct voice	*v = NULL;
	struct limiter	*limiter = NULL;
	char		*notice = NULL;
	float		 gain;
	double		 ceiling;
	int		 rc;

	if (voice)
		v = export_voice(r, count);
	if (export_level(r, volume, v, count, &gain, &ceiling, cause) != 0) {
		voice_close(v);
		return -1;
	}
	if (ceiling != 0)
		limiter = limiter_new(AUDIO_RATE, ceiling);
	memset(&e, 0, sizeof e);
	e.count = count;
	e.tty = isatty(STDERR_FILENO);
	e.shown = -1;
	e.total = (int64_t)(routine_seconds(r) * 1000);
	if (export_open(&e, out, cues, force, cause) != 0 ||
	    (e.audio = audio_open_file(outfile_name(e.audio_out),
	    outfile_fd(e.audio_out), format, volume, r, limiter, &notice,
	    cause)) == NULL) {
		export_close(&e, -1, NULL);
		voice_close(v);
		limiter_free(limiter);
		return -1;
	}
	if (notice != NULL)
		fprintf(stderr, "unknot: warning: %s\n", notice);
	free(notice);
	audio_set_gain(e.audio, gain);
	rc = export_pass(&e, r, v, cause);
	voice_close(v);
	limiter_free(limiter);
	rc = export_close(&e, rc, cause);
	if (rc == 0)
		export_progress(&e, e.total, true);
	else if (e.shown >= 0)
		fputc('\n', stderr);
	return rc;
}
