/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio_pa.c: the PortAudio backend. The stream callback only mixes the
 * preloaded cues the mixer hands it: no allocation, I/O or locks (and it
 * sleeps only for a device that takes sound faster than real time). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#ifdef HAVE_PORTAUDIO

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <portaudio.h>
#include <pa_linux_alsa.h>
#ifdef HAVE_ALSA
#include <alsa/asoundlib.h>
#endif

#include "audio.h"
#include "clock.h"
#include "errlog.h"
#include "json.h"
#include "text.h"
#include "util.h"

#define AUDIO_PA_CHUNK		1024	/* frames mixed at a time */
#define AUDIO_PA_LATENCY	0.15	/* seconds asked for, at least: cues are
					 * scheduled ahead, so a large buffer
					 * lets the stream sleep */
#define AUDIO_PA_PERIOD		0.075	/* seconds mixed per callback */
#define AUDIO_PA_LOW		0.05	/* seconds: how far ahead we pace a
					 * device, as it plays the key cues
					 * too */
#define AUDIO_PA_KEY		0.02	/* seconds asked for by the stream of
					 * key cues */
#define AUDIO_PA_KEY_IDLE	0.5	/* seconds of silence that stop it */
#define AUDIO_PA_BUSY_TRIES	100	/* PortAudio's own: how often it tries
					 * a busy device, 10 ms apart */
#define AUDIO_PA_STALL_NS	2000000000LL	/* silent callback = lost */
#define AUDIO_PA_SMOOTH		16	/* callbacks the clock offset averages */
#define AUDIO_PA_JUMP		0.05	/* seconds: a new offset, not jitter */
#define AUDIO_PA_SLACK		0.1	/* seconds: start-up, not a fast device */
#define AUDIO_PA_SETTLE		0.03	/* seconds: a fast device shows by then */
#define AUDIO_PA_SETTLE_WAIT	200000000LL /* ns after the start: the most
					 * a key cue waits for that */

struct audio_pa {
	PaStream	*stream;
	struct mixer	*mixer;
	unsigned	 rate;
	int		 channels;
	double		 latency;	/* output latency, seconds */
	bool		 started;
	/* Stream sample heard at stream time t: t * rate + off, with off
	 * smoothed over callbacks by the callback, read by now(). */
	bool		 off_set;	/* callback only */
	double		 off;		/* callback only, samples */
	_Atomic int64_t	 pub_off;	/* off in thousandths of a sample */
	_Atomic int64_t	 pub_mono;	/* the same, against our clock */
	atomic_bool	 have_off;
	atomic_uint	 calls;
	bool		 t0_set;	/* callback only: where the check of */
	double		 t0;		/* the device's pace started, on */
	int64_t		 pos0;		/* our clock */
	bool		 pacing;	/* callback only: we pace it */
	atomic_bool	 our_clock;	/* pub_mono is set and is to be used */
	atomic_bool	 settled;	/* known whether we pace it: now() works */
	int64_t		 pace_t0;	/* ns, CLOCK_MONOTONIC */
	int64_t		 pace_pos0;
	/* Watchdog, on the caller's side only. */
	unsigned	 seen_calls;
	int64_t		 seen_at;	/* ns, CLOCK_MONOTONIC */
	int64_t		 started_at;	/* ns, when the stream started */
	int64_t		 checked_at;	/* ns, the last check */
	float		 buf[AUDIO_PA_CHUNK];
	/* The key cues' stream, opened by the first key cue. */
	PaDeviceIndex	 dev;
	struct mixer	*key_mixer;
	struct audio_pa_key	*key;
	bool		 key_failed;	/* it could not be opened or started */
	bool		 lost;		/* one stream only, and it could not
					 * be opened again */
};

/* A second stream, of low latency, for the cues a key starts: started
 * by the first such cue, it stops itself after AUDIO_PA_KEY_IDLE of
 * silence. */
struct audio_pa_key {
	PaStream	*stream;
	struct mixer	*mixer;
	unsigned	 rate;
	int		 channels;
	double		 latency;	/* output latency, seconds */
	bool		 started;	/* caller's side: started once */
	atomic_bool	 ended;		/* the callback let it stop */
	atomic_int	 lead_us;	/* from the callback: how long what it
					 * mixes takes to be heard; -1 */
	int64_t		 idle;		/* callback only: silent frames */
	float		 buf[AUDIO_PA_CHUNK];
};

/* What a stream is opened with, and what it got. */
struct audio_pa_want {
	double			 latency;	/* seconds, at least */
	double			 period;	/* seconds; 0: PortAudio's */
	bool			 rate_only;	/* no other rate will do */
	PaStreamCallback	*callback;
	void			*arg;
	PaStream		*stream;	/* out */
	unsigned		 rate;		/* in: wanted; out: got */
	int			 channels;	/* out */
	double			 got;		/* out: latency, seconds */
};

#ifdef HAVE_ALSA
#define AUDIO_PA_AWAY_MAX	256	/* PCMs taken out, at most */

/* ALSA's PCMs taken out of its configuration while PortAudio lists its
 * devices (audio_pa_alsa_narrow). */
struct audio_pa_away {
	snd_config_t	*top;		/* the tree, a reference held */
	snd_config_t	*pcm;		/* its "pcm" node */
	snd_config_t	*node[AUDIO_PA_AWAY_MAX];
	size_t		 n;
};

/* PCMs of ALSA's own configuration that a default made of a sound
 * card's devices opens (through functions, by names built at open time):
 * never taken out. PortAudio lists none of them but dmix, and none loads
 * a plugin's libraries. */
static const char *const audio_pa_alsa_base[] = {
	"hw", "plughw", "plug", "dmix", "dsnoop", "cards", NULL
};

/* ALSA's error handler, silenced: its noise must not reach the screen. */
static void
audio_pa_alsa_silent(const char *file, int line, const char *function,
    int err, const char *fmt, ...)
{
}
#endif

#ifdef HAVE_ALSA
/* Does ALSA's configuration define any PCM? PortAudio 19.6 asserts (and
 * aborts the program) while listing devices when it defines none. Also
 * silences ALSA's error handler first. */
static bool
audio_pa_alsa_usable(void)
{
	snd_config_t	*pcm;

	if (getenv("UNKNOT_AUDIO_DEBUG") == NULL)
		snd_lib_error_set_handler(audio_pa_alsa_silent);
	if (snd_config_update() < 0)
		return false;
	return snd_config_search(snd_config, "pcm", &pcm) == 0;
}
#endif

#ifdef HAVE_ALSA
/* Does string s name the PCM id, as a whole word of it ("pulse",
 * "plug:dmix", "cards.pcm.default")? */
static bool
audio_pa_alsa_names(const char *s, const char *id)
{
	size_t	len = strlen(id);
	size_t	n;

	while (*s != '\0') {
		n = strspn(s, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
		if (n == len && strncmp(s, id, len) == 0)
			return true;
		s += n;
		if (*s != '\0')
			s++;
	}
	return false;
}

/* Does any string under node c name the PCM id? */
static bool
audio_pa_alsa_refers(snd_config_t *c, const char *id)
{
	snd_config_iterator_t	 i, next;
	const char		*s;

	if (snd_config_get_type(c) != SND_CONFIG_TYPE_COMPOUND)
		return snd_config_get_string(c, &s) == 0 &&
		    audio_pa_alsa_names(s, id);
	snd_config_for_each(i, next, c) {
		if (audio_pa_alsa_refers(snd_config_iterator_entry(i), id))
			return true;
	}
	return false;
}

/* Is n one of keep[0 .. nkeep)? */
static bool
audio_pa_alsa_kept(snd_config_t *n, snd_config_t **keep, size_t nkeep)
{
	size_t	k;

	for (k = 0; k < nkeep; k++) {
		if (keep[k] == n)
			return true;
	}
	return false;
}

/* Does one of keep[0 .. nkeep) name the PCM definition n? */
static bool
audio_pa_alsa_named(snd_config_t *n, snd_config_t **keep, size_t nkeep)
{
	const char	*id;
	size_t		 k;

	if (snd_config_get_id(n, &id) != 0)
		return true;
	for (k = 0; k < nkeep; k++) {
		if (audio_pa_alsa_refers(keep[k], id))
			return true;
	}
	return false;
}

/* Take out of ALSA's tree, for PortAudio's listing, the PCMs that are
 * not the default, not named by it or by those it names in turn, and not
 * audio_pa_alsa_base; audio_pa_alsa_widen puts them back. PortAudio
 * opens every PCM it finds to list it, and each plugin that opens loads
 * its libraries (a52's libavcodec, jack's, ...): most of a session's
 * memory, for devices it never plays through. Nothing is taken out when
 * the tree cannot be had or more than AUDIO_PA_AWAY_MAX are kept; past
 * AUDIO_PA_AWAY_MAX taken out, the rest stay in. The tree is ALSA's
 * global one: this runs before the session starts any thread that could
 * open a PCM. */
static void
audio_pa_alsa_narrow(struct audio_pa_away *a)
{
	snd_config_iterator_t	 i, next;
	snd_config_t		*n, *keep[AUDIO_PA_AWAY_MAX];
	const char *const	*b;
	size_t			 nkeep = 1;
	bool			 grew;

	memset(a, 0, sizeof *a);
	if (snd_config_update_ref(&a->top) < 0)
		return;
	if (snd_config_search(a->top, "pcm", &a->pcm) != 0 ||
	    snd_config_search(a->pcm, "default", &keep[0]) != 0)
		goto none;
	for (b = audio_pa_alsa_base; *b != NULL; b++) {
		if (snd_config_search(a->pcm, *b, &keep[nkeep]) == 0)
			nkeep++;
	}
	do {
		grew = false;
		snd_config_for_each(i, next, a->pcm) {
			n = snd_config_iterator_entry(i);
			if (audio_pa_alsa_kept(n, keep, nkeep) ||
			    !audio_pa_alsa_named(n, keep, nkeep))
				continue;
			if (nkeep == AUDIO_PA_AWAY_MAX)
				goto none;
			keep[nkeep++] = n;
			grew = true;
		}
	} while (grew);
	snd_config_for_each(i, next, a->pcm) {
		n = snd_config_iterator_entry(i);
		if (a->n < AUDIO_PA_AWAY_MAX &&
		    !audio_pa_alsa_kept(n, keep, nkeep) &&
		    snd_config_remove(n) == 0)
			a->node[a->n++] = n;
	}
	return;
none:
	snd_config_unref(a->top);
	a->top = NULL;
}

/* Put back what audio_pa_alsa_narrow took out, after the others. (Not
 * before the PCM that followed each: ALSA may replace a PCM it opens,
 * the default among them, while PortAudio lists it.) */
static void
audio_pa_alsa_widen(struct audio_pa_away *a)
{
	size_t	k;

	if (a->top == NULL)
		return;
	for (k = 0; k < a->n; k++) {
		if (snd_config_add(a->pcm, a->node[k]) != 0)
			snd_config_delete(a->node[k]);
	}
	snd_config_unref(a->top);
	a->top = NULL;
}

/* Is PortAudio's default output ALSA's default PCM? */
static bool
audio_pa_default_ok(void)
{
	PaDeviceIndex		 d = Pa_GetDefaultOutputDevice();
	const PaDeviceInfo	*info;

	if (d == paNoDevice || (info = Pa_GetDeviceInfo(d)) == NULL)
		return false;
	return strcmp(info->name, "default") == 0;
}
#endif

/* Initialize PortAudio quietly; -1 with *cause. With narrow, for a
 * session on the default device: PortAudio lists only ALSA's default
 * PCM and the PCMs it names, and lists them all again unless that made
 * ALSA's default its default output, so that it plays through the same
 * device as with every PCM listed. */
static int
audio_pa_init(bool narrow, char **cause)
{
	struct errlog		q;
	PaError			err;
#ifdef HAVE_ALSA
	struct audio_pa_away	a;
#endif

#ifdef HAVE_ALSA
	errlog_capture(&q);
	err = audio_pa_alsa_usable() ? paNoError : paNoDevice;
	errlog_discard(&q);
	if (err != paNoError) {
		*cause = xstrdup("no sound output device (ALSA defines none)");
		return -1;
	}
#endif
	/* Never let probing start a JACK server. */
	setenv("JACK_NO_START_SERVER", "1", 0);
	errlog_capture(&q);
#ifdef HAVE_ALSA
	if (narrow) {
		audio_pa_alsa_narrow(&a);
		err = Pa_Initialize();
		audio_pa_alsa_widen(&a);
		if (a.n > 0 && (err != paNoError || !audio_pa_default_ok())) {
			if (err == paNoError)
				Pa_Terminate();
			err = Pa_Initialize();
		}
	} else
#endif
		err = Pa_Initialize();
	errlog_discard(&q);
	if (err != paNoError) {
		xasprintf(cause, "PortAudio: %s", Pa_GetErrorText(err));
		return -1;
	}
	return 0;
}

/* Terminate PortAudio quietly. */
static void
audio_pa_done(void)
{
	struct errlog	q;

	errlog_capture(&q);
	Pa_Terminate();
	errlog_discard(&q);
}

/* Is s all digits? */
static bool
audio_pa_number(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s))
			return false;
	}
	return true;
}

/* Can the device play? */
static bool
audio_pa_output(PaDeviceIndex i)
{
	const PaDeviceInfo	*info = Pa_GetDeviceInfo(i);

	return info != NULL && info->maxOutputChannels > 0;
}

/* Find a device by number, exact name, or unique part of a name. */
static int
audio_pa_find(const char *name, PaDeviceIndex *out, char **cause)
{
	PaDeviceIndex	 i, n, found = paNoDevice;
	unsigned	 matches = 0;

	if (name == NULL) {
		if ((*out = Pa_GetDefaultOutputDevice()) == paNoDevice) {
			*cause = xstrdup("no sound output device");
			return -1;
		}
		return 0;
	}
	n = Pa_GetDeviceCount();
	if (audio_pa_number(name) && atoi(name) < n &&
	    audio_pa_output(atoi(name))) {
		*out = atoi(name);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (audio_pa_output(i) &&
		    strcmp(Pa_GetDeviceInfo(i)->name, name) == 0) {
			*out = i;
			return 0;
		}
	}
	for (i = 0; i < n; i++) {
		if (audio_pa_output(i) &&
		    strcasestr(Pa_GetDeviceInfo(i)->name, name) != NULL) {
			found = i;
			matches++;
		}
	}
	if (matches == 1) {
		*out = found;
		return 0;
	}
	xasprintf(cause, "sound device '%s' %s (see 'unknot devices')", name,
	    matches ? "is ambiguous" : "not found");
	return -1;
}

/* Publish where the buffer being mixed will be heard: the offset between
 * stream time and stream samples, smoothed, as the times that hosts
 * report jitter by a period. Once we pace the device, against our clock,
 * in a value of its own, so that a reader never pairs one clock with the
 * other's offset. */
static void
audio_pa_publish(struct audio_pa *p, int64_t pos, double dac)
{
	double	off = (double)pos - dac * p->rate;

	if (!p->off_set || fabs(off - p->off) > p->rate * AUDIO_PA_JUMP)
		p->off = off;
	else
		p->off += (off - p->off) / AUDIO_PA_SMOOTH;
	p->off_set = true;
	if (p->pacing) {
		atomic_store_explicit(&p->pub_mono, llround(p->off * 1000.0),
		    memory_order_relaxed);
		atomic_store_explicit(&p->our_clock, true,
		    memory_order_release);
	} else
		atomic_store_explicit(&p->pub_off, llround(p->off * 1000.0),
		    memory_order_relaxed);
	atomic_store_explicit(&p->have_off, true, memory_order_release);
}

/* Does the device take samples much faster than real time (a null PCM,
 * ALSA's file plugin over one)? More than twice the time gone by on our
 * clock (now, in seconds), beyond what filling the buffer at the start
 * takes. */
static bool
audio_pa_unpaced(struct audio_pa *p, double now, int64_t pos)
{
	if (!p->t0_set) {
		p->t0_set = true;
		p->t0 = now;
		p->pos0 = pos;
		return false;
	}
	return (double)(pos - p->pos0) > ((now - p->t0) * 2.0 + p->latency *
	    2.0 + AUDIO_PA_SLACK) * p->rate;
}

/* Keep an unpaced device to real time: wait until the buffer about to be
 * mixed is due, as a sound card would take it, one latency before it is
 * heard. Only such a device waits here; it has no deadline to miss. The
 * stream time (our clock's, in seconds) at which pos is heard. */
static double
audio_pa_pace(struct audio_pa *p, int64_t pos)
{
	struct timespec	ts;
	int64_t		now, heard, due;

	heard = p->pace_t0 + (pos - p->pace_pos0) * 1000000000LL / p->rate;
	due = heard - (int64_t)(p->latency * 1e9);
	now = clock_mono_ns();
	if (due > now + 1000000000LL)
		due = now + 1000000000LL;
	if (due > now) {
		ts.tv_sec = (due - now) / 1000000000LL;
		ts.tv_nsec = (due - now) % 1000000000LL;
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	}
	return heard / 1e9;
}

/* Render frames of m, a chunk at a time through buf, into every channel
 * of out. */
static void
audio_pa_mix(struct mixer *m, float *buf, float *out, unsigned long frames,
    int channels)
{
	unsigned long	done, n, i;
	int		c;

	for (done = 0; done < frames; done += n) {
		n = frames - done < AUDIO_PA_CHUNK ? frames - done :
		    AUDIO_PA_CHUNK;
		mixer_render(m, buf, n);
		for (i = 0; i < n; i++) {
			for (c = 0; c < channels; c++)
				out[(done + i) * channels + c] = buf[i];
		}
	}
}

/* The stream callback: mix the mixer's cues into every channel. */
static int
audio_pa_callback(const void *in, void *output, unsigned long frames,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags,
    void *arg)
{
	struct audio_pa	*p = arg;
	double		 dac, now;

	now = ti->currentTime > 0 ? ti->currentTime :
	    Pa_GetStreamTime(p->stream);
	if (!p->pacing && audio_pa_unpaced(p, clock_mono_ns() / 1e9,
	    mixer_pos(p->mixer))) {
		/* From here on, what is mixed now is heard a latency from
		 * now, on our clock: its own times say nothing (a null PCM
		 * has none). */
		p->pacing = true;
		p->off_set = false;
		/* It plays the key cues too: keep close to real time. */
		if (p->latency > AUDIO_PA_LOW)
			p->latency = AUDIO_PA_LOW;
		p->pace_t0 = clock_mono_ns() + (int64_t)(p->latency * 1e9);
		p->pace_pos0 = mixer_pos(p->mixer);
	}
	if (p->pacing)
		dac = audio_pa_pace(p, mixer_pos(p->mixer));
	else {
		dac = ti->outputBufferDacTime;
		if (dac <= 0)
			dac = now + p->latency;
	}
	audio_pa_publish(p, mixer_pos(p->mixer), dac);
	/* Until a fast device has had the time to show itself, its times
	 * might be taken for good and then jump. */
	if (p->pacing || clock_mono_ns() / 1e9 - p->t0 > AUDIO_PA_SETTLE)
		atomic_store_explicit(&p->settled, true, memory_order_release);
	audio_pa_mix(p->mixer, p->buf, output, frames, p->channels);
	atomic_fetch_add_explicit(&p->calls, 1, memory_order_relaxed);
	return paContinue;
}

/* Mix the key cues; after AUDIO_PA_KEY_IDLE of silence, stop, unless a
 * cue came in meanwhile. */
static int
audio_pa_key_callback(const void *in, void *output, unsigned long frames,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags,
    void *arg)
{
	struct audio_pa_key	*k = arg;

	if (ti->currentTime > 0 && ti->outputBufferDacTime >= ti->currentTime &&
	    ti->outputBufferDacTime - ti->currentTime < 1.0)
		atomic_store_explicit(&k->lead_us,
		    (int)((ti->outputBufferDacTime - ti->currentTime) * 1e6),
		    memory_order_relaxed);
	audio_pa_mix(k->mixer, k->buf, output, frames, k->channels);
	if (mixer_busy(k->mixer)) {
		k->idle = 0;
		return paContinue;
	}
	k->idle += (int64_t)frames;
	if (k->idle < (int64_t)(k->rate * AUDIO_PA_KEY_IDLE))
		return paContinue;
	/* Say we stop, then look again: a cue pushed before the caller
	 * saw that is seen here (audio_pa_kick() fences the same way). */
	atomic_store(&k->ended, true);
	atomic_thread_fence(memory_order_seq_cst);
	if (mixer_waiting(k->mixer)) {
		atomic_store(&k->ended, false);
		return paContinue;
	}
	k->idle = 0;
	return paComplete;
}

/* Open a stream at the first rate the device takes (only the wanted one
 * if w->rate_only); -1 with *cause. */
static int
audio_pa_stream(PaDeviceIndex dev, struct audio_pa_want *w, char **cause)
{
	const PaDeviceInfo	*info = Pa_GetDeviceInfo(dev);
	const PaStreamInfo	*si;
	PaStreamParameters	 op;
	double			 rates[3];
	PaError			 err = paInvalidSampleRate;
	unsigned		 i;

	memset(&op, 0, sizeof op);
	op.device = dev;
	op.channelCount = info->maxOutputChannels >= 2 ? 2 : 1;
	op.sampleFormat = paFloat32;
	op.suggestedLatency = info->defaultLowOutputLatency;
	if (op.suggestedLatency < w->latency)
		op.suggestedLatency = w->latency;
	rates[0] = w->rate;
	rates[1] = w->rate_only ? 0 : info->defaultSampleRate;
	rates[2] = w->rate_only ? 0 : 44100;
	for (i = 0; i < nitems(rates); i++) {
		if (rates[i] < 8000 || rates[i] > 384000)
			continue;
		err = Pa_OpenStream(&w->stream, NULL, &op, rates[i],
		    w->period > 0 ? (unsigned long)(rates[i] * w->period) :
		    paFramesPerBufferUnspecified, paNoFlag, w->callback,
		    w->arg);
		if (err == paNoError)
			break;
		w->stream = NULL;
	}
	if (err != paNoError) {
		xasprintf(cause, "%s: %s", info->name, Pa_GetErrorText(err));
		return -1;
	}
	w->rate = (unsigned)(rates[i] + 0.5);
	w->channels = op.channelCount;
	/* A busy machine must not starve the stream: ask for real-time
	 * scheduling of its thread (granted only where allowed). */
	if (Pa_GetStreamHostApiType(w->stream) == paALSA)
		PaAlsa_EnableRealtimeScheduling(w->stream, 1);
	si = Pa_GetStreamInfo(w->stream);
	w->got = si != NULL ? si->outputLatency : op.suggestedLatency;
	return 0;
}

/* Open the scheduled cues' stream: with its large buffer (latency
 * AUDIO_PA_LATENCY, mixed AUDIO_PA_PERIOD at a time), or, where the key
 * cues play through it too, small (latency AUDIO_PA_KEY, mixed half of
 * that at a time: the host's own choice, a quarter, wakes it twice as
 * often) at the rate it had (rate_only). */
static int
audio_pa_main(struct audio_pa *p, PaDeviceIndex dev, unsigned rate,
    double latency, double period, bool rate_only, char **cause)
{
	struct audio_pa_want	w;

	memset(&w, 0, sizeof w);
	w.latency = latency;
	w.period = period;
	w.rate_only = rate_only;
	w.callback = audio_pa_callback;
	w.arg = p;
	w.rate = rate;
	if (audio_pa_stream(dev, &w, cause) != 0)
		return -1;
	p->stream = w.stream;
	p->rate = w.rate;
	p->channels = w.channels;
	p->latency = w.got;
	return 0;
}

/* Open the key cues' stream on the same device at the same rate; NULL
 * where the device takes only one stream. */
static struct audio_pa_key *
audio_pa_key_open(struct audio_pa *p)
{
	struct audio_pa_key	*k;
	struct audio_pa_want	 w;
	char			*cause;
	int			 rc;

	k = xcalloc(1, sizeof *k);
	k->mixer = p->key_mixer;
	atomic_init(&k->ended, false);
	atomic_init(&k->lead_us, -1);
	memset(&w, 0, sizeof w);
	w.latency = AUDIO_PA_KEY;
	w.rate_only = true;
	w.callback = audio_pa_key_callback;
	w.arg = k;
	w.rate = p->rate;
	/* A device that takes one stream is busy now: know it at once, not
	 * after PortAudio has tried it for a second. */
	PaAlsa_SetRetriesBusy(0);
	rc = audio_pa_stream(p->dev, &w, &cause);
	PaAlsa_SetRetriesBusy(AUDIO_PA_BUSY_TRIES);
	if (rc != 0) {
		free(cause);
		free(k);
		return NULL;
	}
	k->stream = w.stream;
	k->rate = w.rate;
	k->channels = w.channels;
	k->latency = w.got;
	return k;
}

/* Close the key cues' stream. */
static void
audio_pa_key_close(struct audio_pa_key *k)
{
	if (k == NULL)
		return;
	if (k->started && !atomic_load(&k->ended) &&
	    Pa_IsStreamActive(k->stream) == 1)
		Pa_StopStream(k->stream);	/* the last cue plays out */
	else if (k->started)
		Pa_AbortStream(k->stream);
	Pa_CloseStream(k->stream);
	free(k);
}

/* Open the named or default device: a large stream for the scheduled
 * cues; the key cues' stream waits for the first of them. */
static int
audio_pa_open(void **out, struct audio_req *req, char **cause)
{
	struct audio_pa		*p;
	struct errlog		 q;
	PaDeviceIndex		 dev;
	unsigned		 rate = req->rate ? req->rate : AUDIO_RATE;
	int			 rc;

	if (audio_pa_init(req->device == NULL, cause) != 0)
		return -1;
	p = xcalloc(1, sizeof *p);
	p->mixer = req->mixer;
	atomic_init(&p->pub_off, 0);
	atomic_init(&p->have_off, false);
	atomic_init(&p->calls, 0);
	atomic_init(&p->our_clock, false);
	atomic_init(&p->pub_mono, 0);
	atomic_init(&p->settled, false);
	errlog_capture(&q);
	rc = audio_pa_find(req->device, &dev, cause);
	if (rc == 0)
		rc = audio_pa_main(p, dev, rate, AUDIO_PA_LATENCY,
		    AUDIO_PA_PERIOD, false, cause);
	errlog_discard(&q);
	if (rc != 0) {
		free(p);
		audio_pa_done();
		return -1;
	}
	req->rate = p->rate;
	p->dev = dev;
	p->key_mixer = req->key_mixer;
	*out = p;
	return 0;
}

/* Start the stream. */
static int
audio_pa_start(void *arg, char **cause)
{
	struct audio_pa		*p = arg;
	struct errlog		 q;
	PaError			 err;

	errlog_capture(&q);
	err = Pa_StartStream(p->stream);
	errlog_discard(&q);
	if (err != paNoError) {
		xasprintf(cause, "PortAudio: %s", Pa_GetErrorText(err));
		return -1;
	}
	p->started = true;
	p->started_at = p->seen_at = p->checked_at = clock_mono_ns();
	return 0;
}

/* Wait (AUDIO_PA_SETTLE_WAIT at most, once) for a stream just started
 * to show whether we pace it; whether it did. */
static bool
audio_pa_settle(struct audio_pa *p)
{
	struct timespec	ts = { 0, 2000000 };
	int64_t		until = p->started_at + AUDIO_PA_SETTLE_WAIT;

	while (!atomic_load_explicit(&p->settled, memory_order_acquire)) {
		if (clock_mono_ns() >= until)
			return false;
		nanosleep(&ts, NULL);
	}
	return true;
}

/* Where the device takes one stream only (a card without a mixer of
 * its own), play everything through one of low latency, as the key cues
 * need: the scheduled stream is opened again small. Unless it is quiet
 * (the caller knows), it first plays out what it has mixed (up to its
 * buffer, 0.15 s and a period), so nothing is cut. Its clock starts
 * afresh, and settles again; the mixer goes on where it was. If it
 * cannot be opened again, it is at the large size again, or, failing
 * that too, lost: the next check says so. */
static void
audio_pa_shrink(struct audio_pa *p, bool quiet)
{
	char	*cause = NULL;

	if (!quiet && Pa_IsStreamActive(p->stream) == 1)
		Pa_StopStream(p->stream);
	else
		Pa_AbortStream(p->stream);	/* what is queued is silence */
	Pa_CloseStream(p->stream);
	p->stream = NULL;
	p->started = false;
	/* The callback is not running: its state is ours to reset. */
	p->off_set = p->t0_set = false;
	atomic_store(&p->have_off, false);
	atomic_store(&p->settled, false);
	if (audio_pa_main(p, p->dev, p->rate, AUDIO_PA_KEY, AUDIO_PA_KEY / 2,
	    true, &cause) != 0) {
		free(cause);
		cause = NULL;
		if (audio_pa_main(p, p->dev, p->rate, AUDIO_PA_LATENCY,
		    AUDIO_PA_PERIOD, true, &cause) != 0) {
			free(cause);
			p->lost = true;
			return;
		}
	}
	if (audio_pa_start(p, &cause) != 0) {
		free(cause);
		Pa_CloseStream(p->stream);
		p->stream = NULL;
		p->lost = true;
	}
}

/* Have the key cues' stream play what was pushed to its mixer: open it
 * the first time, start it if it has stopped. The real ms until a cue
 * pushed now is heard: 0 if it was started, as the cue then leads its
 * first buffer; else what its callback last saw. -1 if it cannot play:
 * on a device that takes sound faster than real time (a file), which
 * one stream writes, or not known to yet; where the device takes one
 * stream only (AUDIO_KICK_AGAIN, the first time: the scheduled one is
 * made small, audio_pa_shrink, quiet if nothing mixed is still to be
 * heard); or if it failed. */
static int64_t
audio_pa_kick(void *arg, bool quiet)
{
	struct audio_pa		*p = arg;
	struct audio_pa_key	*k;
	struct errlog		 q;
	PaError			 err = paNoError;
	int			 us;

	if (p->key_failed || !p->started || (p->key == NULL &&
	    (!audio_pa_settle(p) ||
	    atomic_load_explicit(&p->our_clock, memory_order_acquire))))
		return -1;
	if (p->key == NULL) {
		errlog_capture(&q);
		if ((p->key = audio_pa_key_open(p)) == NULL) {
			p->key_failed = true;
			audio_pa_shrink(p, quiet);
		}
		errlog_discard(&q);
		if (p->key == NULL)
			return AUDIO_KICK_AGAIN;
	}
	k = p->key;
	atomic_thread_fence(memory_order_seq_cst);
	/* Running, unless it stopped (itself, or failed: then it is
	 * started again). */
	if (k->started && !atomic_load(&k->ended) &&
	    Pa_IsStreamActive(k->stream) == 1) {
		us = atomic_load_explicit(&k->lead_us, memory_order_relaxed);
		return us >= 0 ? (us + 500) / 1000 :
		    llround(k->latency * 1000.0);
	}
	errlog_capture(&q);
	if (k->started)
		Pa_AbortStream(k->stream);	/* what is queued is silence */
	atomic_store(&k->ended, false);
	err = Pa_StartStream(k->stream);
	errlog_discard(&q);
	if (err != paNoError) {
		k->started = false;
		audio_pa_key_close(k);
		p->key = NULL;
		p->key_failed = true;
		return -1;
	}
	k->started = true;
	return 0;
}

/* Stop (letting queued buffers play) and close. */
static void
audio_pa_close(void *arg)
{
	struct audio_pa		*p = arg;
	struct errlog		 q;

	if (p == NULL)
		return;
	errlog_capture(&q);
	audio_pa_key_close(p->key);
	if (p->stream != NULL) {
		if (p->started && Pa_IsStreamActive(p->stream) == 1)
			Pa_StopStream(p->stream);
		else if (p->started)
			Pa_AbortStream(p->stream);
		Pa_CloseStream(p->stream);
	}
	errlog_discard(&q);
	free(p);
	audio_pa_done();
}

/* The sample heard now, from the stream time. */
static int64_t
audio_pa_now(void *arg)
{
	struct audio_pa	*p = arg;
	int64_t		 off;
	double		 t;

	if (!atomic_load_explicit(&p->settled, memory_order_acquire))
		return -1;
	if (atomic_load_explicit(&p->our_clock, memory_order_acquire)) {
		off = atomic_load_explicit(&p->pub_mono, memory_order_relaxed);
		t = clock_mono_ns() / 1e9;
	} else {
		if (p->stream == NULL || !atomic_load_explicit(&p->have_off,
		    memory_order_acquire))
			return -1;
		off = atomic_load_explicit(&p->pub_off, memory_order_relaxed);
		if ((t = Pa_GetStreamTime(p->stream)) <= 0)
			return -1;
	}
	return llround(t * p->rate + (double)off / 1000.0);
}

/* Has the stream stopped, failed, or gone silent? */
static int
audio_pa_check(void *arg, char **cause)
{
	struct audio_pa	*p = arg;
	unsigned	 calls;
	int64_t		 now;
	PaError		 err;

	if (p->lost) {
		*cause = xstrdup("the device could not be opened again");
		return -1;
	}
	if (!p->started)
		return 0;
	if ((err = Pa_IsStreamActive(p->stream)) != 1) {
		*cause = xstrdup(err < 0 ? Pa_GetErrorText(err) :
		    "the device stopped");
		return -1;
	}
	calls = atomic_load_explicit(&p->calls, memory_order_relaxed);
	now = clock_mono_ns();
	/* Judge only what we watched: not across a stop (Ctrl-Z) or a long
	 * pause between two checks. */
	if (calls != p->seen_calls ||
	    now - p->checked_at > AUDIO_PA_STALL_NS * 3 / 4) {
		p->seen_calls = calls;
		p->seen_at = now;
	} else if (now - p->seen_at > AUDIO_PA_STALL_NS) {
		*cause = xstrdup("the device stopped responding");
		return -1;
	}
	p->checked_at = now;
	return 0;
}

/* One device as a line of text or a JSON object. */
static void
audio_pa_show(FILE *f, PaDeviceIndex i, struct json *j)
{
	const PaDeviceInfo	*info = Pa_GetDeviceInfo(i);
	const PaHostApiInfo	*host = Pa_GetHostApiInfo(info->hostApi);
	char			*name, *hname;
	bool			 def = i == Pa_GetDefaultOutputDevice();

	name = text_sanitize(info->name);
	hname = text_sanitize(host != NULL ? host->name : "?");
	if (j != NULL) {
		json_object(j);
		json_key(j, "index");
		json_int(j, i);
		json_key(j, "name");
		json_str(j, name);
		json_key(j, "host");
		json_str(j, hname);
		json_key(j, "channels");
		json_int(j, info->maxOutputChannels);
		json_key(j, "rate");
		json_real(j, info->defaultSampleRate, 0);
		json_key(j, "default");
		json_bool(j, def);
		json_end(j);
	} else {
		fprintf(f, "%c %3d  %s  (%s, %d channels, %.0f Hz)\n",
		    def ? '*' : ' ', i, name, hname, info->maxOutputChannels,
		    info->defaultSampleRate);
	}
	free(name);
	free(hname);
}

/* Print the output devices; the default one is marked with '*'. */
static int
audio_pa_list(FILE *f, bool json, char **cause)
{
	struct errlog		q;
	struct json		j;
	PaDeviceIndex		i, n;
	bool			first = true, usable = true;

#ifdef HAVE_ALSA
	errlog_capture(&q);
	usable = audio_pa_alsa_usable();
	errlog_discard(&q);
#endif
	if (!usable) {
		fprintf(f, json ? "[]\n" : "no sound output devices\n");
		return 0;
	}
	if (audio_pa_init(false, cause) != 0)
		return -1;
	errlog_capture(&q);
	n = Pa_GetDeviceCount();
	errlog_discard(&q);
	if (n < 0) {
		xasprintf(cause, "PortAudio: %s", Pa_GetErrorText(n));
		audio_pa_done();
		return -1;
	}
	json_init(&j, f, 1);
	if (json)
		json_array(&j);
	for (i = 0; i < n; i++) {
		if (!audio_pa_output(i))
			continue;
		audio_pa_show(f, i, json ? &j : NULL);
		first = false;
	}
	if (json)
		json_end(&j);
	else if (first)
		fprintf(f, "no sound output devices\n");
	audio_pa_done();
	return 0;
}

const struct audio_ops audio_pa_ops = {
	.name = "portaudio",
	.match = NULL,
	.open = audio_pa_open,
	.close = audio_pa_close,
	.start = audio_pa_start,
	.write = NULL,
	.now = audio_pa_now,
	.check = audio_pa_check,
	.list = audio_pa_list,
	.kick = audio_pa_kick,
	.mixes = true,
};

#endif /* HAVE_PORTAUDIO */
