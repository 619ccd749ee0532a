/* audio_pa.c: the PortAudio backend. The stream callback only mixes the
 * preloaded cues the mixer hands it: no allocation, I/O or locks. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#ifdef HAVE_PORTAUDIO

#include <ctype.h>
#include <fcntl.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <portaudio.h>
#ifdef HAVE_ALSA
#include <alsa/asoundlib.h>
#endif

#include "audio.h"
#include "text.h"
#include "util.h"

#define AUDIO_PA_CHUNK		1024	/* frames mixed at a time */
#define AUDIO_PA_LATENCY	0.05	/* seconds asked for, at least */
#define AUDIO_PA_STALL_NS	2000000000LL	/* silent callback = lost */

struct audio_pa {
	PaStream	*stream;
	struct mixer	*mixer;
	unsigned	 rate;
	int		 channels;
	double		 latency;	/* output latency, seconds */
	bool		 started;
	/* Written by the callback under a sequence lock, read by now(). */
	atomic_uint	 seq;
	_Atomic int64_t	 pub_pos;	/* first sample of the last buffer */
	_Atomic int64_t	 pub_dac;	/* ns of stream time it is heard */
	atomic_uint	 calls;
	/* Watchdog, on the caller's side only. */
	unsigned	 seen_calls;
	int64_t		 seen_at;	/* ns, CLOCK_MONOTONIC */
	float		 buf[AUDIO_PA_CHUNK];
};

/* Where stderr went while PortAudio probed the devices. */
struct audio_pa_quiet {
	int	 saved;
	int	 fd;
};

#ifdef HAVE_ALSA
/* ALSA's error handler, silenced: its noise must not reach the screen. */
static void
audio_pa_alsa_silent(const char *file, int line, const char *function,
    int err, const char *fmt, ...)
{
}
#endif

/* CLOCK_MONOTONIC in ns. */
static int64_t
audio_pa_clock(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Point fd 2 at a temporary file while PortAudio, ALSA or JACK talk. */
static void
audio_pa_quiet(struct audio_pa_quiet *q)
{
	char	path[] = "/tmp/unknot-audio.XXXXXX";
	const char *tmp;
	char	*tpl;

	q->saved = q->fd = -1;
	if (getenv("UNKNOT_AUDIO_DEBUG") != NULL)
		return;
	fflush(stderr);
	if ((tmp = getenv("TMPDIR")) != NULL && *tmp != '\0')
		xasprintf(&tpl, "%s/unknot-audio.XXXXXX", tmp);
	else
		tpl = xstrdup(path);
	if ((q->fd = mkstemp(tpl)) != -1)
		unlink(tpl);
	else
		q->fd = open("/dev/null", O_WRONLY);
	free(tpl);
	if (q->fd == -1)
		return;
	if ((q->saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(q->fd, STDERR_FILENO) == -1) {
		if (q->saved != -1)
			close(q->saved);
		close(q->fd);
		q->saved = q->fd = -1;
	}
}

/* Give stderr back; what was said is dropped. */
static void
audio_pa_loud(struct audio_pa_quiet *q)
{
	if (q->fd == -1)
		return;
	fflush(stderr);
	dup2(q->saved, STDERR_FILENO);
	close(q->saved);
	close(q->fd);
	q->saved = q->fd = -1;
}

/* Initialize PortAudio quietly; -1 with *cause. */
static int
audio_pa_init(char **cause)
{
	struct audio_pa_quiet	q;
	PaError			err;

#ifdef HAVE_ALSA
	if (getenv("UNKNOT_AUDIO_DEBUG") == NULL)
		snd_lib_error_set_handler(audio_pa_alsa_silent);
#endif
	/* Never let probing start a JACK server. */
	setenv("JACK_NO_START_SERVER", "1", 0);
	audio_pa_quiet(&q);
	err = Pa_Initialize();
	audio_pa_loud(&q);
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
	struct audio_pa_quiet	q;

	audio_pa_quiet(&q);
	Pa_Terminate();
	audio_pa_loud(&q);
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

/* Publish where the buffer being mixed will be heard (sequence lock). */
static void
audio_pa_publish(struct audio_pa *p, int64_t pos, double dac)
{
	unsigned	s;

	s = atomic_load_explicit(&p->seq, memory_order_relaxed);
	atomic_store_explicit(&p->seq, s + 1, memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
	atomic_store_explicit(&p->pub_pos, pos, memory_order_relaxed);
	atomic_store_explicit(&p->pub_dac, (int64_t)(dac * 1e9),
	    memory_order_relaxed);
	atomic_store_explicit(&p->seq, s + 2, memory_order_release);
}

/* The stream callback: mix the mixer's cues into every channel. */
static int
audio_pa_callback(const void *in, void *output, unsigned long frames,
    const PaStreamCallbackTimeInfo *ti, PaStreamCallbackFlags flags,
    void *arg)
{
	struct audio_pa	*p = arg;
	float		*out = output;
	double		 dac;
	unsigned long	 done, n, i;
	int		 c;

	dac = ti->outputBufferDacTime;
	if (dac <= 0)
		dac = (ti->currentTime > 0 ? ti->currentTime :
		    Pa_GetStreamTime(p->stream)) + p->latency;
	audio_pa_publish(p, mixer_pos(p->mixer), dac);
	for (done = 0; done < frames; done += n) {
		n = frames - done < AUDIO_PA_CHUNK ? frames - done :
		    AUDIO_PA_CHUNK;
		mixer_render(p->mixer, p->buf, n);
		for (i = 0; i < n; i++) {
			for (c = 0; c < p->channels; c++)
				out[(done + i) * p->channels + c] = p->buf[i];
		}
	}
	atomic_fetch_add_explicit(&p->calls, 1, memory_order_relaxed);
	return paContinue;
}

/* Open a stream at the first rate the device takes; -1 with *cause. */
static int
audio_pa_stream(struct audio_pa *p, PaDeviceIndex dev, unsigned want,
    char **cause)
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
	if (op.suggestedLatency < AUDIO_PA_LATENCY)
		op.suggestedLatency = AUDIO_PA_LATENCY;
	rates[0] = want;
	rates[1] = info->defaultSampleRate;
	rates[2] = 44100;
	for (i = 0; i < nitems(rates); i++) {
		if (rates[i] < 8000 || rates[i] > 384000)
			continue;
		err = Pa_OpenStream(&p->stream, NULL, &op, rates[i],
		    paFramesPerBufferUnspecified, paNoFlag,
		    audio_pa_callback, p);
		if (err == paNoError)
			break;
		p->stream = NULL;
	}
	if (err != paNoError) {
		xasprintf(cause, "%s: %s", info->name, Pa_GetErrorText(err));
		return -1;
	}
	p->rate = (unsigned)(rates[i] + 0.5);
	p->channels = op.channelCount;
	si = Pa_GetStreamInfo(p->stream);
	p->latency = si != NULL ? si->outputLatency : op.suggestedLatency;
	return 0;
}

/* Open the named or default device. */
static int
audio_pa_open(void **out, struct audio_req *req, char **cause)
{
	struct audio_pa		*p;
	struct audio_pa_quiet	 q;
	PaDeviceIndex		 dev;
	int			 rc;

	if (audio_pa_init(cause) != 0)
		return -1;
	p = xcalloc(1, sizeof *p);
	p->mixer = req->mixer;
	atomic_init(&p->seq, 0);
	atomic_init(&p->pub_pos, 0);
	atomic_init(&p->pub_dac, 0);
	atomic_init(&p->calls, 0);
	audio_pa_quiet(&q);
	rc = audio_pa_find(req->device, &dev, cause);
	if (rc == 0)
		rc = audio_pa_stream(p, dev, req->rate ? req->rate : AUDIO_RATE,
		    cause);
	audio_pa_loud(&q);
	if (rc != 0) {
		free(p);
		audio_pa_done();
		return -1;
	}
	req->rate = p->rate;
	*out = p;
	return 0;
}

/* Start the stream. */
static int
audio_pa_start(void *arg, char **cause)
{
	struct audio_pa		*p = arg;
	struct audio_pa_quiet	 q;
	PaError			 err;

	audio_pa_quiet(&q);
	err = Pa_StartStream(p->stream);
	audio_pa_loud(&q);
	if (err != paNoError) {
		xasprintf(cause, "PortAudio: %s", Pa_GetErrorText(err));
		return -1;
	}
	p->started = true;
	p->seen_at = audio_pa_clock();
	return 0;
}

/* Stop (letting queued buffers play) and close. */
static void
audio_pa_close(void *arg)
{
	struct audio_pa		*p = arg;
	struct audio_pa_quiet	 q;

	if (p == NULL)
		return;
	audio_pa_quiet(&q);
	if (p->started && Pa_IsStreamActive(p->stream) == 1)
		Pa_StopStream(p->stream);
	else if (p->started)
		Pa_AbortStream(p->stream);
	Pa_CloseStream(p->stream);
	audio_pa_loud(&q);
	free(p);
	audio_pa_done();
}

/* The sample heard now: the last buffer's start, moved on by the time
 * since it was (or will be) at the converter. */
static int64_t
audio_pa_now(void *arg)
{
	struct audio_pa	*p = arg;
	unsigned	 s1, s2;
	int64_t		 pos, dac;
	double		 t;

	do {
		s1 = atomic_load_explicit(&p->seq, memory_order_acquire);
		pos = atomic_load_explicit(&p->pub_pos, memory_order_relaxed);
		dac = atomic_load_explicit(&p->pub_dac, memory_order_relaxed);
		atomic_thread_fence(memory_order_acquire);
		s2 = atomic_load_explicit(&p->seq, memory_order_relaxed);
	} while (s1 != s2 || (s1 & 1));
	if (s1 == 0 || (t = Pa_GetStreamTime(p->stream)) <= 0)
		return -1;
	return pos + llround((t - (double)dac / 1e9) * p->rate);
}

/* Has the stream stopped, failed, or gone silent? */
static int
audio_pa_check(void *arg, char **cause)
{
	struct audio_pa	*p = arg;
	unsigned	 calls;
	int64_t		 now;
	PaError		 err;

	if (!p->started)
		return 0;
	if ((err = Pa_IsStreamActive(p->stream)) != 1) {
		*cause = xstrdup(err < 0 ? Pa_GetErrorText(err) :
		    "the device stopped");
		return -1;
	}
	calls = atomic_load_explicit(&p->calls, memory_order_relaxed);
	now = audio_pa_clock();
	if (calls != p->seen_calls) {
		p->seen_calls = calls;
		p->seen_at = now;
	} else if (now - p->seen_at > AUDIO_PA_STALL_NS) {
		*cause = xstrdup("the device stopped responding");
		return -1;
	}
	return 0;
}

/* A string as JSON. */
static void
audio_pa_json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			fprintf(f, "\\u%04x", (unsigned char)*s);
		else
			fputc(*s, f);
	}
	fputc('"', f);
}

/* One device as a line of text or a JSON object. */
static void
audio_pa_show(FILE *f, PaDeviceIndex i, bool json, bool first)
{
	const PaDeviceInfo	*info = Pa_GetDeviceInfo(i);
	const PaHostApiInfo	*host = Pa_GetHostApiInfo(info->hostApi);
	char			*name, *hname;
	bool			 def = i == Pa_GetDefaultOutputDevice();

	name = text_sanitize(info->name);
	hname = text_sanitize(host != NULL ? host->name : "?");
	if (json) {
		fprintf(f, "%s\n  {\"index\": %d, \"name\": ", first ? "" : ",",
		    i);
		audio_pa_json_str(f, name);
		fprintf(f, ", \"host\": ");
		audio_pa_json_str(f, hname);
		fprintf(f, ", \"channels\": %d, \"rate\": %.0f, "
		    "\"default\": %s}", info->maxOutputChannels,
		    info->defaultSampleRate, def ? "true" : "false");
	} else {
		fprintf(f, "%c %3d  %s  (%s, %d channels, %.0f Hz)\n",
		    def ? '*' : ' ', i, name, hname, info->maxOutputChannels,
		    info->defaultSampleRate);
	}
	free(name);
	free(hname);
}

/* Print the output devices; the default one is marked with '*'. */
int
audio_pa_list(FILE *f, bool json, char **cause)
{
	struct audio_pa_quiet	q;
	PaDeviceIndex		i, n;
	bool			first = true;

	if (audio_pa_init(cause) != 0)
		return -1;
	audio_pa_quiet(&q);
	n = Pa_GetDeviceCount();
	audio_pa_loud(&q);
	if (n < 0) {
		xasprintf(cause, "PortAudio: %s", Pa_GetErrorText(n));
		audio_pa_done();
		return -1;
	}
	if (json)
		fputc('[', f);
	for (i = 0; i < n; i++) {
		if (!audio_pa_output(i))
			continue;
		audio_pa_show(f, i, json, first);
		first = false;
	}
	if (json)
		fprintf(f, "%s]\n", first ? "" : "\n");
	else if (first)
		fprintf(f, "no sound output devices\n");
	audio_pa_done();
	return 0;
}

const struct audio_ops audio_pa_ops = {
	.name = "portaudio",
	.open = audio_pa_open,
	.close = audio_pa_close,
	.start = audio_pa_start,
	.write = NULL,
	.now = audio_pa_now,
	.check = audio_pa_check,
	.mixes = true,
};

#endif /* HAVE_PORTAUDIO */
