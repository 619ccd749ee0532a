/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio.c: backend selection, and cues mapped from session time to the
 * stream's sample clock, scheduled ahead of time. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audio.h"
#include "sounds.h"
#include "util.h"
#include "voice.h"

#define AUDIO_AHEAD_MS	2000	/* real ms of cues scheduled ahead */
#define AUDIO_SCHED	256	/* cues remembered as scheduled */
#define AUDIO_REBASE_MS	3	/* clock drift that makes us re-map */
#define AUDIO_JUMP_MS	250	/* a measurement this late is a jump */
#define AUDIO_FILTER	8	/* turns a later mapping must hold for */
#define AUDIO_LATE_MS	250	/* a cue later than this is not played */
#define AUDIO_GUARD_MS	40	/* a reset spares what starts this soon */
#define AUDIO_DRAIN_MS	4000	/* longest wait for the last cue to end */

/* A cue handed to the mixer (or skipped as too late). */
/* The backends, in the order a device name is offered to them: the first
 * whose match takes the name opens it. */
static const struct audio_ops *const audio_backends[] = {
	&audio_null_ops,
	&audio_file_ops,
#ifdef HAVE_PORTAUDIO
	&audio_pa_ops,
#endif
};

struct audio_cue {
	int64_t		at;		/* session ms */
	enum cue_kind	kind;
	int		step;
	int64_t		sample;		/* stream sample it starts at */
	int64_t		end;		/* stream sample it ends at */
};

struct audio {
	const struct audio_ops	*ops;
	void			*out;
	struct mixer		*mixer;
	struct mixer		*key;		/* the cues a key starts */
	bool			 key_on;	/* the backend may play key */
	struct sounds		*bank;
	unsigned		 rate;
	double			 scale;
	bool			 offline;
	/* Session ms base_ms is heard at stream sample base_sample. */
	bool			 based;
	int64_t			 base_ms;
	int64_t			 base_sample;
	int64_t			 late[AUDIO_FILTER]; /* recent measurements */
	unsigned		 n_late;
	struct audio_cue	 sched[AUDIO_SCHED];
	unsigned		 n_sched;
	int64_t			 started_end;	/* end of forgotten cues */
	char			*notice;	/* pending mid-session notice */
	char			*taken;		/* the last one handed out */
	struct voice		*voice;		/* NULL: tones only */
	bool			 voice_owned;	/* closed with the audio */
	int64_t			 said_start;	/* stream samples of the last */
	int64_t			 said_end;	/* utterance */
};

/* A new audio with a mixer and no backend yet. */
static struct audio *
audio_new(int volume, double scale)
{
	struct audio	*a;

	a = xcalloc(1, sizeof *a);
	a->mixer = xcalloc(1, sizeof *a->mixer);
	mixer_init(a->mixer, volume);
	a->key = xcalloc(1, sizeof *a->key);
	mixer_init(a->key, volume);
	a->scale = scale > 0 ? scale : 1.0;
	return a;
}

/* Join two notices with "; " into *dst (either may be NULL). */
static void
audio_note(char **dst, const char *msg)
{
	char	*t;

	if (msg == NULL)
		return;
	if (*dst == NULL) {
		*dst = xstrdup(msg);
		return;
	}
	xasprintf(&t, "%s; %s", *dst, msg);
	free(*dst);
	*dst = t;
}

/* Open a backend; -1 with *cause. */
static int
audio_try(struct audio *a, const struct audio_ops *ops, const char *device,
    char **cause)
{
	struct audio_req	req;

	memset(&req, 0, sizeof req);
	req.device = device;
	req.rate = a->rate ? a->rate : AUDIO_RATE;
	req.offline = a->offline;
	req.mixer = a->mixer;
	if (ops->kick != NULL && !a->offline)
		req.key_mixer = a->key;
	if (ops->open(&a->out, &req, cause) != 0)
		return -1;
	a->ops = ops;
	a->rate = req.rate;
	a->key_on = req.key_mixer != NULL;
	return 0;
}

/* Fall back to the silent backend (which cannot fail). */
static void
audio_use_null(struct audio *a)
{
	char	*cause;

	if (audio_try(a, &audio_null_ops, NULL, &cause) != 0)
		fatalx("%s", cause);
	a->ops->start(a->out, &cause);
	a->n_sched = 0;
	a->based = false;
}

/* Does a backend take this device name? Sets *rest to what it opens. */
static bool
audio_matches(const struct audio_ops *ops, const char *device,
    const char **rest)
{
	size_t	len;

	if (ops->match == NULL) {
		*rest = device;
		return true;
	}
	if (device == NULL)
		return false;
	len = strlen(ops->match);
	if (len > 0 && ops->match[len - 1] == ':') {
		*rest = device + len;
		return strncmp(device, ops->match, len) == 0;
	}
	*rest = NULL;
	return strcmp(device, ops->match) == 0;
}

/* Open the requested device, or the default one: the first backend of the
 * table that takes its name; -1 with *cause. */
static int
audio_open_device(struct audio *a, const char *device, char **cause)
{
	const char	*rest;
	size_t		 i;

	for (i = 0; i < nitems(audio_backends); i++) {
		if (audio_matches(audio_backends[i], device, &rest))
			return audio_try(a, audio_backends[i], rest, cause);
	}
	*cause = xstrdup("this build has no sound output");
	return -1;
}

/* Open the output, load the cues, start; never fails. */
struct audio *
audio_open(const char *device, int volume, bool no_sound,
    const struct routine *r, double scale, char **notice)
{
	struct audio	*a;
	char		*cause, *snotice, *msg;

	*notice = NULL;
	a = audio_new(volume, scale);
	if (no_sound) {
		audio_use_null(a);
		return a;
	}
	if (audio_open_device(a, device, &cause) != 0) {
		xasprintf(&msg, "sound off: %s", cause);
		audio_note(notice, msg);
		free(msg);
		free(cause);
		audio_use_null(a);
		return a;
	}
	if (a->ops->mixes) {
		a->bank = sounds_load(r ? &r->sounds : NULL, NULL, a->rate,
		    &snotice);
		audio_note(notice, snotice);
		free(snotice);
	}
	if (a->ops->start(a->out, &cause) != 0) {
		xasprintf(&msg, "sound off: %s", cause);
		audio_note(notice, msg);
		free(msg);
		free(cause);
		a->ops->close(a->out);
		audio_use_null(a);
	}
	return a;
}

/* The device failed mid-session: go on silently, and say so once. */
static void
audio_fail(struct audio *a, const char *cause)
{
	char	*msg;

	xasprintf(&msg, "sound stopped (%s); going on without sound", cause);
	audio_note(&a->notice, msg);
	free(msg);
	a->ops->close(a->out);
	a->out = NULL;
	audio_use_null(a);
}

/* The stream sample at which session ms at is heard. */
static int64_t
audio_sample(const struct audio *a, int64_t at)
{
	return a->base_sample + llround((double)(at - a->base_ms) *
	    a->rate / (1000.0 * a->scale));
}

/* Start the mapping afresh at a measurement. */
static void
audio_base(struct audio *a, int64_t now_ms, int64_t now_sample)
{
	a->based = true;
	a->base_ms = now_ms;
	a->base_sample = now_sample;
	a->n_late = 0;
}

/* Keep the mapping of session ms to stream samples true; true if it
 * changed. A measurement pairs the session ms the loop read with the
 * sample heard when we are called: whatever the loop did in between
 * (saving history, drawing) makes it look later, never earlier. So an
 * earlier measurement corrects the mapping at once, while a later one
 * must be seen in every one of the last few turns (a drifting device
 * clock) or be far off (a jump) before the mapping follows it. */
static bool
audio_rebase(struct audio *a, int64_t now_ms, int64_t now_sample)
{
	int64_t		late, tol, least;
	unsigned	i;

	if (!a->based) {
		audio_base(a, now_ms, now_sample);
		return true;
	}
	late = now_sample - audio_sample(a, now_ms);
	tol = (int64_t)a->rate * AUDIO_REBASE_MS / 1000;
	if (late < -tol || late > (int64_t)a->rate * AUDIO_JUMP_MS / 1000) {
		audio_base(a, now_ms, now_sample);
		return true;
	}
	a->late[a->n_late++ % AUDIO_FILTER] = late;
	if (a->n_late < AUDIO_FILTER)
		return false;
	least = a->late[0];
	for (i = 1; i < AUDIO_FILTER; i++) {
		if (a->late[i] < least)
			least = a->late[i];
	}
	if (least <= tol)
		return false;
	a->base_sample += least;
	a->n_late = 0;
	return true;
}

/* Forget cues before now_ms: they can no longer come up again. */
static void
audio_prune(struct audio *a, int64_t now_ms)
{
	unsigned	i, j;

	for (i = j = 0; i < a->n_sched; i++) {
		if (a->sched[i].at < now_ms) {
			if (a->sched[i].end > a->started_end)
				a->started_end = a->sched[i].end;
			continue;
		}
		a->sched[j++] = a->sched[i];
	}
	a->n_sched = j;
}

/* Drop what has not started yet, in the mixer and in our list. */
static void
audio_drop(struct audio *a)
{
	int64_t		cut;
	unsigned	i, j;

	cut = mixer_reset(a->mixer, (int64_t)a->rate * AUDIO_GUARD_MS / 1000);
	if (a->said_start >= cut)
		a->said_end = a->said_start = cut;	/* it was dropped */
	for (i = j = 0; i < a->n_sched; i++) {
		if (a->sched[i].sample < cut)
			a->sched[j++] = a->sched[i];
	}
	a->n_sched = j;
}

/* Is this upcoming cue already scheduled? */
static bool
audio_known(const struct audio *a, const struct cue_at *c)
{
	unsigned	i;

	for (i = 0; i < a->n_sched; i++) {
		if (a->sched[i].at == c->at && a->sched[i].kind == c->kind &&
		    a->sched[i].step == c->step)
			return true;
	}
	return false;
}

/* Was a cue scheduled in [from, to) that no longer comes, and can it
 * still be taken back? */
static bool
audio_stale(const struct audio *a, const struct cue_at *up, unsigned n,
    int64_t from, int64_t to)
{
	int64_t		 soon;
	unsigned	 i, j;

	soon = mixer_pos(a->mixer) + (int64_t)a->rate * AUDIO_GUARD_MS / 1000;
	for (i = 0; i < a->n_sched; i++) {
		if (a->sched[i].at < from || a->sched[i].at >= to ||
		    a->sched[i].sample < soon)
			continue;
		for (j = 0; j < n; j++) {
			if (up[j].at == a->sched[i].at &&
			    up[j].kind == a->sched[i].kind &&
			    up[j].step == a->sched[i].step)
				break;
		}
		if (j == n)
			return true;
	}
	return false;
}

/* Hand one cue to the mixer at a stream sample (now, if that is past);
 * a cue more than AUDIO_LATE_MS late is remembered but not played. The
 * sample it will start at, or -1 if it will not play. */
static int64_t
audio_push_at(struct audio *a, const struct cue_at *c, int64_t sample)
{
	struct audio_cue	*e;
	const struct sound	*snd;
	int64_t			 pos;

	if (a->n_sched == AUDIO_SCHED || (unsigned)c->kind >= CUE_COUNT)
		return -1;
	snd = &a->bank->cue[c->kind];
	pos = mixer_pos(a->mixer);
	e = &a->sched[a->n_sched];
	e->at = c->at;
	e->kind = c->kind;
	e->step = c->step;
	if (pos - sample > (int64_t)a->rate * AUDIO_LATE_MS / 1000) {
		e->sample = e->end = sample;
		a->n_sched++;
		return -1;
	}
	if (sample < pos)
		sample = pos;
	if (mixer_push(a->mixer, sample, snd) != 0)
		return -1;		/* ring full: try next turn */
	e->sample = sample;
	e->end = sample + (int64_t)snd->n;
	a->n_sched++;
	return sample;
}

/* Hand one upcoming cue to the mixer at the sample its time maps to. */
static void
audio_push(struct audio *a, const struct cue_at *c)
{
	audio_push_at(a, c, audio_sample(a, c->at));
}

/* Does the audio schedule cues ahead, and up to which session ms? */
bool
audio_ahead(const struct audio *a, int64_t now_ms, int64_t *to)
{
	*to = now_ms;
	if (!a->ops->mixes || a->offline)
		return false;
	*to = now_ms + (int64_t)(AUDIO_AHEAD_MS * a->scale);
	return true;
}

/* Keep the device's health checked and the next seconds scheduled. */
void
audio_follow(struct audio *a, int64_t now_ms, const struct cue_at *up,
    unsigned n, int64_t to)
{
	char			*cause;
	int64_t			 now_sample;
	unsigned		 i;
	bool			 rebased;

	if (a->ops->check(a->out, &cause) != 0) {
		audio_fail(a, cause);
		free(cause);
	}
	if (!a->ops->mixes || a->offline)
		return;
	if (a->ops->write != NULL &&
	    a->ops->write(a->out, a->ops->now(a->out), &cause) != 0) {
		audio_fail(a, cause);
		free(cause);
		return;
	}
	if ((now_sample = a->ops->now(a->out)) < 0)
		return;
	rebased = audio_rebase(a, now_ms, now_sample);
	audio_prune(a, now_ms);
	if (rebased || audio_stale(a, up, n, now_ms, to))
		audio_drop(a);
	for (i = 0; i < n && up[i].at < to; i++) {
		if (!audio_known(a, &up[i]))
			audio_push(a, &up[i]);
	}
}

/* Play a cue at once on the key cues' stream, and remember it as
 * scheduled (ending a cue's length from what is heard now); the real ms
 * until it is heard, or -1 if that stream cannot play it. */
static int64_t
audio_key(struct audio *a, const struct cue_at *c)
{
	struct audio_cue	*e;
	const struct sound	*snd;
	int64_t			 ms, now;
	bool			 quiet;

	if (!a->key_on || a->n_sched == AUDIO_SCHED ||
	    (unsigned)c->kind >= CUE_COUNT)
		return -1;
	snd = &a->bank->cue[c->kind];
	/* In the ring before the stream may stop or start, so that it is
	 * seen either way. */
	if (mixer_push(a->key, mixer_pos(a->key), snd) != 0)
		return -1;
	/* Nothing scheduled, and every cue and sentence over by what is
	 * heard now (or none ever started). */
	now = a->ops->now(a->out);
	quiet = a->n_sched == 0 && (a->started_end == 0 ||
	    (now >= 0 && a->started_end <= now));
	if ((ms = a->ops->kick(a->out, quiet)) < 0) {
		/* Not played there: the stream is not running, so the cue
		 * is dropped when it next runs. */
		mixer_reset(a->key, 0);
		if (ms == AUDIO_KICK_AGAIN)
			a->based = false;
		return -1;
	}
	if ((now = a->ops->now(a->out)) < 0)
		now = mixer_pos(a->mixer);
	e = &a->sched[a->n_sched++];
	e->at = c->at;
	e->kind = c->kind;
	e->step = c->step;
	e->sample = now + (int64_t)a->rate * ms / 1000;
	e->end = e->sample + (int64_t)snd->n;
	/* What the scheduled stream has not mixed yet of the speech under
	 * it is ducked. */
	mixer_duck(a->mixer, e->sample, e->end);
	return ms;
}

/* A cue the session emitted: it is due now, so unless it was scheduled
 * ahead, play it as soon as a stream can (the key cues' own, if there
 * is one); the real ms until it is heard. Before the stream has run at
 * all, it starts with the stream. */
int64_t
audio_cue(struct audio *a, const struct cue_at *c)
{
	int64_t	now, sample;

	if (!a->ops->mixes || a->offline || audio_known(a, c))
		return 0;
	if ((sample = audio_key(a, c)) >= 0)
		return sample;
	if ((now = a->ops->now(a->out)) < 0) {
		audio_push_at(a, c, mixer_pos(a->mixer));
		return 0;
	}
	/* At its time if the mapping is good and the stream can still have
	 * it (what the loop did since, like saving history, does not delay
	 * it); else as soon as it can. */
	sample = a->based ? audio_sample(a, c->at) : now;
	if (sample > now || now - sample > (int64_t)a->rate *
	    AUDIO_LATE_MS / 1000)
		sample = now;
	if ((sample = audio_push_at(a, c, sample)) <= now)
		return 0;
	return (sample - now) * 1000 / a->rate;
}

/* Drop the cues not yet started; map afresh on the next turn. */
void
audio_reset(struct audio *a)
{
	if (!a->ops->mixes || a->offline)
		return;
	audio_drop(a);
	a->based = false;
}

/* Set the volume, 0-100. */
void
audio_set_volume(struct audio *a, int volume)
{
	mixer_set_volume(a->mixer, volume);
	mixer_set_volume(a->key, volume);
}

/* Mute or unmute. */
void
audio_set_muted(struct audio *a, bool muted)
{
	mixer_set_muted(a->mixer, muted);
	mixer_set_muted(a->key, muted);
}

/* A mid-session notice, once. */
const char *
audio_take_notice(struct audio *a)
{
	free(a->taken);
	a->taken = a->notice;
	a->notice = NULL;
	return a->taken;
}

/* The backend's name. */
const char *
audio_backend(const struct audio *a)
{
	return a->ops->name;
}

/* Is nothing being played? */
bool
audio_silent(const struct audio *a)
{
	return !a->ops->mixes;
}

/* Sleep for ms milliseconds. */
static void
audio_sleep(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Wait (a few seconds at most) for the cues that have started to end. */
static void
audio_drain(struct audio *a)
{
	int64_t		end, now;
	unsigned	i;
	long		waited = 0;
	char		*cause;

	audio_drop(a);
	end = a->started_end;
	for (i = 0; i < a->n_sched; i++) {
		if (a->sched[i].end > end)
			end = a->sched[i].end;
	}
	while (waited < AUDIO_DRAIN_MS) {
		if ((now = a->ops->now(a->out)) < 0 || now >= end)
			break;
		if (a->ops->check(a->out, &cause) != 0) {
			free(cause);
			break;
		}
		audio_sleep(20);
		waited += 20;
	}
}

/* Free everything; the backend first, as it may still read the bank. */
static void
audio_free(struct audio *a)
{
	sounds_free(a->bank);
	if (a->voice_owned)
		voice_close(a->voice);
	free(a->mixer);
	free(a->key);
	free(a->notice);
	free(a->taken);
	free(a);
}

/* Let the last cue ring out, then close the device. */
void
audio_close(struct audio *a)
{
	if (a == NULL)
		return;
	if (a->ops->mixes && a->ops->write == NULL)
		audio_drain(a);
	a->ops->close(a->out);
	audio_free(a);
}

/* The first backend of the table that renders offline. */
static const struct audio_ops *
audio_offline_backend(void)
{
	size_t	i;

	for (i = 0; i < nitems(audio_backends); i++) {
		if (audio_backends[i]->offline)
			return audio_backends[i];
	}
	return NULL;
}

/* Open an offline backend on path (or, with no path, only into meter). */
static struct audio *
audio_open_offline(const char *path, int fd, const char *format, int volume,
    const struct routine *r, struct loudness *meter, struct limiter *limiter,
    char **notice, char **cause)
{
	struct audio		*a;
	struct audio_req	 req;
	const struct audio_ops	*ops;

	*notice = NULL;
	if ((ops = audio_offline_backend()) == NULL) {
		*cause = xstrdup("this build cannot render offline");
		return NULL;
	}
	a = audio_new(volume, 1.0);
	a->offline = true;
	memset(&req, 0, sizeof req);
	req.device = path;
	req.use_fd = path != NULL;
	req.fd = fd;
	req.format = format;
	req.rate = AUDIO_RATE;
	req.offline = true;
	req.mixer = a->mixer;
	req.meter = meter;
	req.limiter = limiter;
	if (ops->open(&a->out, &req, cause) != 0) {
		audio_free(a);
		return NULL;
	}
	a->ops = ops;
	a->rate = req.rate;
	a->bank = sounds_load(r ? &r->sounds : NULL, NULL, a->rate, notice);
	a->ops->start(a->out, cause);
	audio_base(a, 0, 0);
	return a;
}

/* Open a file to render a session into, offline. */
struct audio *
audio_open_file(const char *path, int fd, const char *format, int volume,
    const struct routine *r, struct limiter *limiter, char **notice,
    char **cause)
{
	return audio_open_offline(path, fd, format, volume, r, NULL, limiter,
	    notice, cause);
}

/* Render a session offline into a meter alone. */
struct audio *
audio_open_meter(int volume, const struct routine *r, struct loudness *meter,
    struct limiter *limiter, char **notice, char **cause)
{
	return audio_open_offline(NULL, -1, NULL, volume, r, meter, limiter,
	    notice, cause);
}

/* Scale the whole rendering. */
void
audio_set_gain(struct audio *a, float gain)
{
	a->mixer->scale = gain;
}

/* Print the devices of the first backend that lists them. */
int
audio_list(FILE *f, bool json, char **cause)
{
	size_t	i;

	for (i = 0; i < nitems(audio_backends); i++) {
		if (audio_backends[i]->list != NULL)
			return audio_backends[i]->list(f, json, cause);
	}
	*cause = xstrdup("this build has no sound output "
	    "(configured without PortAudio)");
	return -1;
}

/* Render up to session ms at, then place the cue there. */
int
audio_file_cue(struct audio *a, int64_t at, enum cue_kind k, char **cause)
{
	int64_t	sample;

	if ((unsigned)k >= CUE_COUNT) {
		xasprintf(cause, "unknown cue %d", (int)k);
		return -1;
	}
	sample = audio_sample(a, at);
	if (a->ops->write(a->out, sample, cause) != 0)
		return -1;
	if (sample < mixer_pos(a->mixer))
		sample = mixer_pos(a->mixer);
	if (mixer_push(a->mixer, sample, &a->bank->cue[k]) != 0) {
		/* Let the mixer take what is queued, then try again. */
		if (mixer_drain(a->mixer) != 0 ||
		    mixer_push(a->mixer, sample, &a->bank->cue[k]) != 0) {
			*cause = xstrdup("too many cues at once");
			return -1;
		}
	}
	return 0;
}

/* Render the last tail, close the file, free. */
int
audio_file_finish(struct audio *a, char **cause)
{
	int	rc;

	rc = a->ops->write(a->out, mixer_end(a->mixer), cause);
	a->ops->close(a->out);
	audio_free(a);
	return rc;
}

/* Speak with a voice for language: open it at the stream's rate and
 * render texts ahead in a thread; -1 with *cause (no voice, or no sound
 * at all). */
int
audio_voice(struct audio *a, const struct routine *r,
    const char *const *texts, unsigned n, char **notice, char **cause)
{
	struct voice	*v;

	*notice = NULL;
	if (!a->ops->mixes) {
		*cause = xstrdup("no sound output to speak through");
		return -1;
	}
	if ((v = voice_open(r->language, a->rate, cause)) == NULL)
		return -1;
	voice_clips(v, r, notice);
	if (voice_render_ahead(v, texts, n, cause) != 0) {
		voice_close(v);
		return -1;
	}
	audio_use_voice(a, v);
	a->voice_owned = true;
	return 0;
}

/* Speak with a voice that stays the caller's. */
void
audio_use_voice(struct audio *a, struct voice *v)
{
	if (a->voice_owned)
		voice_close(a->voice);
	a->voice = v;
	a->voice_owned = false;
}

/* The voice's backend, or NULL if there is none. */
const char *
audio_voice_name(const struct audio *a)
{
	return a->voice != NULL ? voice_name(a->voice) : NULL;
}

/* Push a sound, making room in an offline ring first; -1 if full. */
static int
audio_push_sound(struct audio *a, int64_t sample, const struct sound *snd)
{
	if (mixer_push(a->mixer, sample, snd) == 0)
		return 0;
	if (!a->offline || mixer_drain(a->mixer) != 0)
		return -1;
	return mixer_push(a->mixer, sample, snd);
}

/* The stream sample an utterance due at session ms at is to start at:
 * its time if the stream can still have it, else as soon as it can. */
static int64_t
audio_say_due(struct audio *a, int64_t at)
{
	int64_t	now;

	if (a->offline)
		return audio_sample(a, at);
	if ((now = a->ops->now(a->out)) < 0)
		return mixer_pos(a->mixer);
	if (!a->based)
		return now;
	return audio_sample(a, at) > now ? audio_sample(a, at) : now;
}

/* Say text (or play the step's recorded clip, if it was loaded) at
 * session ms at,
 * after what is being said; the session ms it starts at, -1 if it is not
 * said (no voice, a count that came too late, a full ring). */
int64_t
audio_say(struct audio *a, int64_t at, const char *text, const char *clip,
    bool droppable, char **cause)
{
	const struct sound	*snd = NULL;
	int64_t			 due, start;

	*cause = NULL;
	if (a->voice == NULL || !a->ops->mixes)
		return -1;
	if (clip != NULL)
		snd = voice_clip(a->voice, clip);
	if (snd == NULL && (snd = voice_sound(a->voice, text, cause)) == NULL)
		return -1;
	due = audio_say_due(a, at);
	if (a->offline && a->ops->write(a->out, due, cause) != 0)
		return -1;
	start = voice_place(a->said_end, due, droppable,
	    (int64_t)a->rate * VOICE_LATE_MS / 1000);
	if (start >= 0 && start < mixer_pos(a->mixer))
		start = mixer_pos(a->mixer);	/* never cut its beginning */
	if (start < 0 || audio_push_sound(a, start, snd) != 0)
		return -1;
	a->said_start = start;
	a->said_end = start + (int64_t)snd->n;
	if (a->said_end > a->started_end)
		a->started_end = a->said_end;
	return a->base_ms + llround((double)(start - a->base_sample) *
	    1000.0 * a->scale / a->rate);
}
