/* SPDX-License-Identifier: GPL-3.0-or-later */
/* audio.h: cue playback on the output stream's own sample clock.
 *
 * The run loop opens audio before the screen, calls audio_follow() on every
 * turn (at least once a second) with the cues the session foresees in the
 * window audio_ahead() names, audio_cue() with every cue the session
 * emits, audio_reset() after an input that changes what comes next (pause,
 * skip, prev, extend, release, a rating), and audio_close() at the end.
 * The audio layer knows cues (cue.h), not the engine. Nothing here ever
 * stops a session: without a device, or when it fails, cues fall silent
 * and a notice says so. */
#ifndef UNKNOT_AUDIO_H
#define UNKNOT_AUDIO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "limiter.h"
#include "loudness.h"
#include "mixer.h"
#include "cue.h"
#include "routine.h"

#define AUDIO_RATE	48000	/* asked of devices and used for export */

struct audio;

/* Open the output: device NAME (a PortAudio device name or number, "null",
 * or "file:PATH" to record what would play), else the default device,
 * else silence. volume is 0-100; no_sound: stay silent without a notice.
 * scale is UNKNOT_TIME_SCALE (session ms per real ms). Never NULL; *notice
 * (caller frees) is set when falling back or when sounds are missing. */
struct audio	*audio_open(const char *device, int volume, bool no_sound,
		    const struct routine *, double scale, char **notice);
/* Does the audio schedule cues ahead (a real-time stream)? If so, *to is
 * the end of the window of session ms from session_now_ms that
 * audio_follow() wants the cues of. session_now_ms is session_time(s, now):
 * the time the cues' "at" is in (not the view's routine_elapsed, which
 * jumps on skip). */
bool		 audio_ahead(const struct audio *, int64_t session_now_ms,
		    int64_t *to);
/* Notice a device that failed, map session ms to the stream's sample
 * clock, and schedule those of the n cues (every one due in session ms
 * [session_now_ms, to) if nothing is pressed, in time order) not yet
 * scheduled; one scheduled before in that window that is no longer among
 * them is taken back. */
void		 audio_follow(struct audio *, int64_t session_now_ms,
		    const struct cue_at *, unsigned n, int64_t to);
/* A cue the session emitted (session_poll); one that was not scheduled
 * ahead (one an input started) plays at once. Returns the real ms until
 * it is heard (the stream's latency), so that the picture can wait for
 * the sound; 0 if nothing was started, or its time is not known. */
int64_t		 audio_cue(struct audio *, const struct cue_at *);
/* Drop the cues scheduled but not yet started. */
void		 audio_reset(struct audio *);
void		 audio_set_volume(struct audio *, int);
void		 audio_set_muted(struct audio *, bool);
/* A notice that arose mid-session, once; NULL otherwise. Valid until the
 * next call or audio_close(). */
const char	*audio_take_notice(struct audio *);
/* The backend in use: "portaudio", "file" or "null". */
const char	*audio_backend(const struct audio *);
/* Is nothing being played (no sound asked for, or none that works)? */
bool		 audio_silent(const struct audio *);
/* Print the devices of the backend that can list them (JSON if json);
 * -1 with *cause, also when the build has no such backend. */
int		 audio_list(FILE *, bool json, char **cause);
/* Let the last cue ring out (a few seconds at most), then close. */
void		 audio_close(struct audio *);

/* Offline rendering to a file (export), written to fd (left open) and
 * called path in messages. format: "wav", "flac", "ogg", "opus", or NULL
 * to go by path's extension. */
struct audio	*audio_open_file(const char *path, int fd, const char *format,
		    int volume, const struct routine *, struct limiter *,
		    char **notice, char **cause);
/* Offline rendering into a loudness meter alone (the export's measuring
 * passes). */
struct audio	*audio_open_meter(int volume, const struct routine *,
		    struct loudness *, struct limiter *, char **notice,
		    char **cause);
/* Offline: scale everything by gain (the export's loudness), before
 * anything is rendered. */
void		 audio_set_gain(struct audio *, float gain);
/* Render up to session ms at, then place cue there; -1 with *cause. */
int		 audio_file_cue(struct audio *, int64_t at, enum cue_kind,
		    char **cause);
/* Render the rest (the last cue's tail) and close; -1 with *cause. The
 * audio is freed either way. */
int		 audio_file_finish(struct audio *, char **cause);

/* Speak with a voice for the routine's language (English if none): open
 * it at the stream's rate, load the steps' recorded clips (*notice, the
 * caller frees, names those that cannot be had) and render texts ahead
 * in a thread of their own (one not yet rendered when due is not said);
 * -1 with *cause (no voice in this build, none for the language, or no
 * sound to speak through). */
int		 audio_voice(struct audio *, const struct routine *,
		    const char *const *texts, unsigned n, char **notice,
		    char **cause);
/* Speak with a voice opened at AUDIO_RATE that stays the caller's (it
 * must outlive the audio). */
struct voice;
void		 audio_use_voice(struct audio *, struct voice *);
/* The voice's backend ("flite", ...), NULL if there is none. */
const char	*audio_voice_name(const struct audio *);
/* Say text (or play clip, a step's recorded clip, if it was loaded) at
 * session ms at, never over the utterance before it: after it ends. A droppable count
 * that would come too late is not said. Offline, renders up to it first.
 * The session ms it starts at; -1 if it is not said, with *cause set if
 * that is an error. */
int64_t		 audio_say(struct audio *, int64_t at, const char *text,
		    const char *clip, bool droppable, char **cause);

/* For the backends. */
struct audio_req {
	const char	*device;	/* backend-specific, may be NULL */
	bool		 use_fd;	/* file: write to fd, named device */
	int		 fd;
	const char	*format;	/* file: "wav", ..., NULL: extension */
	unsigned	 rate;		/* wanted; the backend sets the real one */
	bool		 offline;	/* file: no real-time clock */
	struct mixer	*mixer;		/* what to play */
	struct mixer	*key_mixer;	/* the cues a key starts, to play at
					 * once (a backend with kick) */
	struct loudness	*meter;		/* file: measure what is rendered;
					 * with no device, write nothing */
	struct limiter	*limiter;	/* file: limit what is rendered */
};

/* A backend; audio.c keeps a table of them and picks by the device name. */
#define AUDIO_KICK_AGAIN	(-2)	/* kick(): the stream was opened again */

struct audio_ops {
	const char *name;
	/* The --device names it takes: "x" that name alone, "x:" any name
	 * with that prefix (the rest goes to open), NULL every other name and
	 * the default device. */
	const char *match;
	/* Open the device; sets req->rate. -1 with *cause. */
	int	 (*open)(void **, struct audio_req *, char **cause);
	void	 (*close)(void *);
	/* Start consuming the mixer. -1 with *cause. */
	int	 (*start)(void *, char **cause);
	/* Render up to stream sample until (offline backends); -1. */
	int	 (*write)(void *, int64_t until, char **cause);
	/* The stream sample being heard now; -1 if not known yet. */
	int64_t	 (*now)(void *);
	/* -1 with *cause if the device failed since it started. */
	int	 (*check)(void *, char **cause);
	/* Print the devices it can play through (as JSON if json); -1 with
	 * *cause. NULL: it has none to list. */
	int	 (*list)(FILE *, bool json, char **cause);
	/* Play what was just pushed to key_mixer, at once: the real ms
	 * until it is heard, or -1 if it cannot now (that cue then goes to
	 * the mixer), AUDIO_KICK_AGAIN if it cannot and the mixer's stream
	 * was opened again, so that its clock is to be mapped afresh.
	 * quiet: nothing the mixer has mixed is still to be heard. NULL: no
	 * key_mixer. */
	int64_t	 (*kick)(void *, bool quiet);
	bool	  mixes;	/* plays the mixer (null does not) */
	bool	  offline;	/* can render faster than real time (export) */
};

extern const struct audio_ops audio_null_ops;
extern const struct audio_ops audio_file_ops;
#ifdef HAVE_PORTAUDIO
extern const struct audio_ops audio_pa_ops;
#endif

/* Map a file name's extension or a --format name to a libsndfile format;
 * -1 with *cause. */
int	audio_file_format(const char *path, const char *format, int *sf_format,
	    char **cause);

#endif
