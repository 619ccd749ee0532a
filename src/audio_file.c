/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio_file.c: the libsndfile writer backend, offline or in real time. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sndfile.h>

#include "audio.h"
#include "clock.h"
#include "util.h"

#define AUDIO_FILE_CHUNK	4096

struct audio_file {
	SNDFILE		*sf;
	char		*path;
	struct mixer	*mixer;
	unsigned	 rate;
	bool		 offline;
	struct loudness	*meter;		/* measure what is written, or NULL */
	struct limiter	*limiter;	/* limit it, or NULL */
	size_t		 skip;		/* the limiter's delay still to drop */
	int64_t		 origin;	/* ns of CLOCK_MONOTONIC at start */
	float		 buf[AUDIO_FILE_CHUNK];
};

static const struct {
	const char	*name;
	int		 format;
	bool		 alias;		/* an extension only, not listed */
} audio_file_formats[] = {
	{ "wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, false },
	{ "flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, false },
	{ "ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, false },
	{ "oga", SF_FORMAT_OGG | SF_FORMAT_VORBIS, true },
	{ "opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, false },
};

/* The formats to offer, from the table, as "wav, flac, ogg or opus". */
static char *
audio_file_names(void)
{
	char	*s = xstrdup(""), *t;
	size_t	 i, left = 0;

	for (i = 0; i < nitems(audio_file_formats); i++)
		left += !audio_file_formats[i].alias;
	for (i = 0; i < nitems(audio_file_formats); i++) {
		if (audio_file_formats[i].alias)
			continue;
		left--;
		xasprintf(&t, "%s%s%s", s, *s == '\0' ? "" : left == 0 ?
		    " or " : ", ", audio_file_formats[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* The libsndfile format for --format, or else for the file's extension. */
int
audio_file_format(const char *path, const char *format, int *sf_format,
    char **cause)
{
	const char	*ext;
	char		*names;
	size_t		 i;

	if (format == NULL) {
		ext = strrchr(path, '.');
		if (ext == NULL || strchr(ext, '/') != NULL) {
			names = audio_file_names();
			xasprintf(cause, "%s: no extension to tell the format "
			    "by; use --format %s", path, names);
			free(names);
			return -1;
		}
		format = ext + 1;
	}
	for (i = 0; i < nitems(audio_file_formats); i++) {
		if (strcasecmp(format, audio_file_formats[i].name) == 0) {
			*sf_format = audio_file_formats[i].format;
			return 0;
		}
	}
	names = audio_file_names();
	xasprintf(cause, "unknown audio format '%s' (%s)", format, names);
	free(names);
	return -1;
}

/* Limit what is written: the limiter's delay is dropped at the start
 * and flushed at the end, so every sample stays where the mixer put it. */
static void
audio_file_limit(struct audio_file *f, struct limiter *l)
{
	f->limiter = l;
	f->skip = l != NULL ? limiter_delay(l) : 0;
}

/* Write n rendered samples from f->buf: limited, measured, written. */
static int
audio_file_put(struct audio_file *f, size_t n, char **cause)
{
	float	*v = f->buf;

	if (f->limiter != NULL) {
		limiter_run(f->limiter, v, n);
		if (f->skip > 0) {
			if (f->skip >= n) {
				f->skip -= n;
				return 0;
			}
			v += f->skip;
			n -= f->skip;
			f->skip = 0;
		}
	}
	if (f->meter != NULL)
		loudness_add(f->meter, v, n);
	if (f->sf != NULL && sf_writef_float(f->sf, v, (sf_count_t)n) !=
	    (sf_count_t)n) {
		xasprintf(cause, "%s: %s", f->path, sf_strerror(f->sf));
		return -1;
	}
	return 0;
}

/* Flush what the limiter still holds. */
static int
audio_file_flush(struct audio_file *f, char **cause)
{
	size_t	n;

	if (f->limiter == NULL)
		return 0;
	n = limiter_delay(f->limiter) - f->skip;
	f->skip = 0;
	while (n > 0) {
		size_t	k = n < AUDIO_FILE_CHUNK ? n : AUDIO_FILE_CHUNK;

		memset(f->buf, 0, k * sizeof *f->buf);
		limiter_run(f->limiter, f->buf, k);
		if (f->meter != NULL)
			loudness_add(f->meter, f->buf, k);
		if (f->sf != NULL && sf_writef_float(f->sf, f->buf,
		    (sf_count_t)k) != (sf_count_t)k) {
			xasprintf(cause, "%s: %s", f->path,
			    sf_strerror(f->sf));
			return -1;
		}
		n -= k;
	}
	f->limiter = NULL;
	return 0;
}

/* No file: render into the meter alone. */
static int
audio_file_open_meter(void **out, struct audio_req *req)
{
	struct audio_file	*f;

	if (req->rate == 0)
		req->rate = AUDIO_RATE;
	f = xcalloc(1, sizeof *f);
	f->path = xstrdup("(meter)");
	f->mixer = req->mixer;
	f->rate = req->rate;
	f->offline = true;
	f->meter = req->meter;
	audio_file_limit(f, req->limiter);
	*out = f;
	return 0;
}

/* Create the file (mono, at the wanted rate). */
static int
audio_file_open(void **out, struct audio_req *req, char **cause)
{
	struct audio_file	*f;
	SF_INFO			 info;
	int			 fmt;
	double			 quality = 0.5;

	if (req->device == NULL && req->meter != NULL)
		return audio_file_open_meter(out, req);
	if (req->device == NULL || *req->device == '\0') {
		*cause = xstrdup("no output file given");
		return -1;
	}
	if (audio_file_format(req->device, req->format, &fmt, cause) != 0)
		return -1;
	if (req->rate == 0)
		req->rate = AUDIO_RATE;
	memset(&info, 0, sizeof info);
	info.samplerate = (int)req->rate;
	info.channels = 1;
	info.format = fmt;
	if (!sf_format_check(&info)) {
		xasprintf(cause, "%s: this format cannot be written at %u Hz",
		    req->device, req->rate);
		return -1;
	}
	f = xcalloc(1, sizeof *f);
	errno = 0;
	if (req->use_fd)
		f->sf = sf_open_fd(req->fd, SFM_WRITE, &info, SF_FALSE);
	else
		f->sf = sf_open(req->device, SFM_WRITE, &info);
	if (f->sf == NULL) {
		xasprintf(cause, "%s: %s", req->device, errno != 0 ?
		    strerror(errno) : sf_strerror(NULL));
		free(f);
		return -1;
	}
	sf_command(f->sf, SFC_SET_CLIPPING, NULL, SF_TRUE);
	if ((fmt & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG)
		sf_command(f->sf, SFC_SET_VBR_ENCODING_QUALITY, &quality,
		    sizeof quality);
	f->path = xstrdup(req->device);
	f->mixer = req->mixer;
	f->rate = req->rate;
	f->offline = req->offline;
	f->meter = req->meter;
	audio_file_limit(f, req->limiter);
	*out = f;
	return 0;
}

/* Render the mixer up to sample until into the file. */
static int
audio_file_write(void *p, int64_t until, char **cause)
{
	struct audio_file	*f = p;
	int64_t			 pos;
	size_t			 n;

	for (;;) {
		pos = mixer_pos(f->mixer);
		if (pos >= until)
			return 0;
		n = until - pos < AUDIO_FILE_CHUNK ? (size_t)(until - pos) :
		    AUDIO_FILE_CHUNK;
		mixer_render(f->mixer, f->buf, n);
		if (audio_file_put(f, n, cause) != 0)
			return -1;
	}
}

/* Write the tail of what is sounding, then close the file. */
static void
audio_file_close(void *p)
{
	struct audio_file	*f = p;
	char			*cause;

	if (f == NULL)
		return;
	if (audio_file_write(f, mixer_end(f->mixer), &cause) != 0 ||
	    audio_file_flush(f, &cause) != 0)
		free(cause);
	if (f->sf != NULL)
		sf_close(f->sf);
	free(f->path);
	free(f);
}

/* Start the real-time clock. */
static int
audio_file_start(void *p, char **cause)
{
	struct audio_file	*f = p;

	f->origin = clock_mono_ns();
	return 0;
}

/* Offline: what has been written; real time: the monotonic clock. */
static int64_t
audio_file_now(void *p)
{
	struct audio_file	*f = p;

	if (f->offline)
		return mixer_pos(f->mixer);
	return (clock_mono_ns() - f->origin) * (int64_t)f->rate /
	    1000000000;
}

/* A file does not disappear; write errors surface from write. */
static int
audio_file_check(void *p, char **cause)
{
	return 0;
}

const struct audio_ops audio_file_ops = {
	.name = "file",
	.match = "file:",
	.open = audio_file_open,
	.close = audio_file_close,
	.start = audio_file_start,
	.write = audio_file_write,
	.now = audio_file_now,
	.check = audio_file_check,
	.mixes = true,
	.offline = true,
};
