/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mixer.c: lock-free scheduling and mixing of preloaded cue sounds. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "mixer.h"

/* Set up an empty mixer at stream sample 0. */
void
mixer_init(struct mixer *m, int volume)
{
	unsigned	i;

	memset(m->ring, 0, sizeof m->ring);
	atomic_init(&m->head, 0);
	atomic_init(&m->tail, 0);
	atomic_init(&m->gen, 0);
	for (i = 0; i < MIXER_CUTS; i++)
		atomic_init(&m->cut[i], INT64_MAX);
	atomic_init(&m->duck_from, 0);
	atomic_init(&m->duck_to, 0);
	atomic_init(&m->volume, volume < 0 ? 0 : volume > 100 ? 100 : volume);
	atomic_init(&m->muted, false);
	m->scale = 1.0f;
	atomic_init(&m->pos, 0);
	atomic_init(&m->dropped, 0);
	m->n_voices = 0;
	m->seen_gen = 0;
}

/* Producer: queue one cue for the consumer. */
int
mixer_push(struct mixer *m, int64_t start, const struct sound *snd)
{
	size_t	head, tail;

	head = atomic_load_explicit(&m->head, memory_order_relaxed);
	tail = atomic_load_explicit(&m->tail, memory_order_acquire);
	if (head - tail >= MIXER_RING)
		return -1;
	m->ring[head % MIXER_RING].start = start;
	m->ring[head % MIXER_RING].snd = snd;
	m->ring[head % MIXER_RING].gen =
	    atomic_load_explicit(&m->gen, memory_order_relaxed);
	atomic_store_explicit(&m->head, head + 1, memory_order_release);
	return 0;
}

/* Producer: start a new generation; older cues from cut on are dropped. */
int64_t
mixer_reset(struct mixer *m, int64_t guard)
{
	unsigned	g;
	int64_t		cut;

	cut = mixer_pos(m) + guard;
	g = atomic_load_explicit(&m->gen, memory_order_relaxed) + 1;
	atomic_store_explicit(&m->cut[g % MIXER_CUTS], cut,
	    memory_order_relaxed);
	atomic_store_explicit(&m->gen, g, memory_order_release);
	return cut;
}

/* Producer: duck speech in [from, to); the consumer may see the old
 * bounds with the new for one render, which only moves where it ducks. */
void
mixer_duck(struct mixer *m, int64_t from, int64_t to)
{
	atomic_store_explicit(&m->duck_to, to, memory_order_relaxed);
	atomic_store_explicit(&m->duck_from, from, memory_order_relaxed);
}

/* Producer: change the volume; takes effect at the next render. */
void
mixer_set_volume(struct mixer *m, int volume)
{
	if (volume < 0)
		volume = 0;
	if (volume > 100)
		volume = 100;
	atomic_store_explicit(&m->volume, volume, memory_order_relaxed);
}

/* Producer: mute or unmute. */
void
mixer_set_muted(struct mixer *m, bool muted)
{
	atomic_store_explicit(&m->muted, muted, memory_order_relaxed);
}

/* The next sample the consumer renders. */
int64_t
mixer_pos(const struct mixer *m)
{
	return atomic_load_explicit(&m->pos, memory_order_acquire);
}

/* The gain for a volume: squared, so that half volume is about -12 dB. */
float
mixer_gain(int volume)
{
	float	v = (float)volume / 100.0f;

	return v * v;
}

/* Consumer: does a cue of generation g survive the resets since? */
static bool
mixer_survives(struct mixer *m, const struct mixer_ev *ev, unsigned now_gen)
{
	int64_t	cut;

	if (ev->gen == now_gen)
		return true;
	if (now_gen - ev->gen >= MIXER_CUTS)
		return false;
	/* The first reset after the cue was pushed decides. */
	cut = atomic_load_explicit(&m->cut[(ev->gen + 1) % MIXER_CUTS],
	    memory_order_relaxed);
	return ev->start < cut;
}

/* Consumer: apply resets to the voices and take new cues from the ring. */
static void
mixer_take(struct mixer *m)
{
	unsigned	g, i, j;
	size_t		head, tail;
	struct mixer_ev	ev;

	g = atomic_load_explicit(&m->gen, memory_order_acquire);
	if (g != m->seen_gen) {
		for (i = j = 0; i < m->n_voices; i++) {
			if (!mixer_survives(m, &m->voice[i], g))
				continue;
			m->voice[j] = m->voice[i];
			m->voice[j++].gen = g;
		}
		m->n_voices = j;
		m->seen_gen = g;
	}
	tail = atomic_load_explicit(&m->tail, memory_order_relaxed);
	head = atomic_load_explicit(&m->head, memory_order_acquire);
	for (; tail != head; tail++) {
		ev = m->ring[tail % MIXER_RING];
		if (!mixer_survives(m, &ev, g))
			continue;
		if (m->n_voices == MIXER_VOICES) {
			atomic_fetch_add_explicit(&m->dropped, 1,
			    memory_order_relaxed);
			continue;
		}
		ev.gen = g;
		m->voice[m->n_voices++] = ev;
	}
	atomic_store_explicit(&m->tail, tail, memory_order_release);
}

/* Is stream sample k inside one of the n cue ranges? */
static bool
mixer_under_cue(const int64_t (*cue)[2], unsigned n, int64_t k)
{
	unsigned	i;

	for (i = 0; i < n; i++) {
		if (k >= cue[i][0] && k < cue[i][1])
			return true;
	}
	return false;
}

/* Consumer: mix the voices sounding in [pos, pos + frames) into out;
 * speech is ducked wherever a cue sounds with it, so no cue is lost
 * under it. */
void
mixer_render(struct mixer *m, float *out, size_t frames)
{
	int64_t			pos, from, to, end;
	int64_t			cue[MIXER_VOICES + 1][2];
	float			gain, g;
	unsigned		i, j, n_cue = 0;
	const struct mixer_ev	*v;
	const float		*src;
	const int16_t		*s16;
	int64_t			k;

	mixer_take(m);
	pos = atomic_load_explicit(&m->pos, memory_order_relaxed);
	memset(out, 0, frames * sizeof *out);
	gain = atomic_load_explicit(&m->muted, memory_order_relaxed) ? 0.0f :
	    mixer_gain(atomic_load_explicit(&m->volume, memory_order_relaxed));
	gain *= m->scale;
	cue[0][0] = atomic_load_explicit(&m->duck_from, memory_order_relaxed);
	cue[0][1] = atomic_load_explicit(&m->duck_to, memory_order_relaxed);
	if (cue[0][1] > pos && cue[0][1] > cue[0][0])
		n_cue = 1;
	for (i = 0; i < m->n_voices; i++) {
		v = &m->voice[i];
		if (!v->snd->duck) {
			cue[n_cue][0] = v->start;
			cue[n_cue++][1] = v->start + (int64_t)v->snd->n;
		}
	}
	for (i = 0; i < m->n_voices; i++) {
		v = &m->voice[i];
		end = v->start + (int64_t)v->snd->n;
		from = v->start > pos ? v->start : pos;
		to = end < pos + (int64_t)frames ? end : pos + (int64_t)frames;
		src = v->snd->v;
		s16 = v->snd->s16;
		for (k = from; k < to; k++) {
			g = gain;
			if (v->snd->duck && n_cue > 0 &&
			    mixer_under_cue(cue, n_cue, k))
				g *= MIXER_DUCK;
			out[k - pos] += g * (s16 != NULL ?
			    (float)s16[k - v->start] / 32768.0f :
			    src[k - v->start]);
		}
	}
	pos += (int64_t)frames;
	/* Forget the voices that have ended. */
	for (i = j = 0; i < m->n_voices; i++) {
		if (m->voice[i].start + (int64_t)m->voice[i].snd->n > pos)
			m->voice[j++] = m->voice[i];
	}
	m->n_voices = j;
	atomic_store_explicit(&m->pos, pos, memory_order_release);
}

/* Consumer, offline: take the queued cues now, so the ring has room again
 * without rendering; -1 if some were dropped for want of a voice. */
int
mixer_drain(struct mixer *m)
{
	unsigned	before;

	before = atomic_load_explicit(&m->dropped, memory_order_relaxed);
	mixer_take(m);
	if (atomic_load_explicit(&m->dropped, memory_order_relaxed) != before)
		return -1;
	return 0;
}

/* Consumer: is anything still to be heard? */
bool
mixer_busy(struct mixer *m)
{
	mixer_take(m);
	return m->n_voices > 0;
}

/* Consumer: is a pushed cue still in the ring? */
bool
mixer_waiting(struct mixer *m)
{
	return atomic_load(&m->head) != atomic_load(&m->tail);
}

/* Consumer: where the last known cue ends. */
int64_t
mixer_end(struct mixer *m)
{
	int64_t		end, e;
	unsigned	i;

	mixer_take(m);
	end = atomic_load_explicit(&m->pos, memory_order_relaxed);
	for (i = 0; i < m->n_voices; i++) {
		e = m->voice[i].start + (int64_t)m->voice[i].snd->n;
		if (e > end)
			end = e;
	}
	return end;
}
