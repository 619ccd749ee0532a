/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mixer.h: cues scheduled at sample positions, mixed into a stream.
 *
 * One producer (the thread that runs the session) pushes cues; one consumer
 * (the audio callback, or the file writer) renders them. Between the two
 * there is only a lock-free single-producer/single-consumer ring and a few
 * atomics: the consumer never allocates, blocks or does I/O. */
#ifndef UNKNOT_MIXER_H
#define UNKNOT_MIXER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MIXER_RING	256	/* cues in flight from producer to consumer */
#define MIXER_VOICES	32	/* cues sounding (or waiting) at once */
#define MIXER_CUTS	16	/* resets remembered by generation */

#define MIXER_DUCK	0.35f	/* speech gain while a cue sounds */

/* A preloaded sound: mono samples at the stream's rate, float, or 16-bit
 * (s16 not NULL: speech, kept at half the memory). */
struct sound {
	float	*v;
	int16_t	*s16;
	size_t	 n;
	bool	 duck;	/* speech: softer while a cue sounds over it */
};

/* One scheduled cue: where it starts, what it plays, when it was pushed. */
struct mixer_ev {
	int64_t			 start;	/* stream sample */
	const struct sound	*snd;
	unsigned		 gen;	/* reset generation at push time */
};

struct mixer {
	/* Producer to consumer. */
	struct mixer_ev		 ring[MIXER_RING];
	atomic_size_t		 head;	/* next slot the producer writes */
	atomic_size_t		 tail;	/* next slot the consumer reads */
	atomic_uint		 gen;	/* bumped by each reset */
	_Atomic int64_t		 cut[MIXER_CUTS]; /* by gen: first dropped */
	_Atomic int64_t		 duck_from;	/* speech is ducked here too: */
	_Atomic int64_t		 duck_to;	/* a cue of another stream */
	atomic_int		 volume;	/* 0-100 */
	atomic_bool		 muted;
	float			 scale;	/* set before rendering starts: the
					 * export's loudness gain */
	/* Consumer to producer. */
	_Atomic int64_t		 pos;	/* next sample the consumer renders */
	atomic_uint		 dropped; /* cues lost to a full table */
	/* Consumer only. */
	struct mixer_ev		 voice[MIXER_VOICES];
	unsigned		 n_voices;
	unsigned		 seen_gen;
};

void	 mixer_init(struct mixer *, int volume);
/* Producer: schedule snd at stream sample start; -1 if the ring is full. */
int	 mixer_push(struct mixer *, int64_t start, const struct sound *);
/* Producer: drop every cue that starts at or after the returned sample
 * (the first sample the consumer may not have rendered yet, plus guard
 * frames); cues before it play on. */
int64_t	 mixer_reset(struct mixer *, int64_t guard);
/* Producer: duck speech in [from, to) as if a cue sounded there (one
 * that another stream plays). */
void	 mixer_duck(struct mixer *, int64_t from, int64_t to);
void	 mixer_set_volume(struct mixer *, int);
void	 mixer_set_muted(struct mixer *, bool);
/* Either side: the next sample the consumer will render. */
int64_t	 mixer_pos(const struct mixer *);
/* Consumer: render frames mono float samples from pos on, advance pos. */
void	 mixer_render(struct mixer *, float *out, size_t frames);
/* Consumer, offline: move the queued cues to the voices without rendering;
 * -1 if a cue was dropped because every voice was taken. */
int	 mixer_drain(struct mixer *);
/* Consumer: true while a cue is still sounding or waiting to start. */
bool	 mixer_busy(struct mixer *);
/* Consumer: true if the producer has pushed a cue not yet taken (a
 * sequentially consistent read, for a consumer that decides to stop). */
bool	 mixer_waiting(struct mixer *);
/* Consumer: the last sample any known cue still sounds at (exclusive). */
int64_t	 mixer_end(struct mixer *);
/* The gain for a 0-100 volume: a perceptual (squared) curve. */
float	 mixer_gain(int volume);

#endif
