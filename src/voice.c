/* voice.c: the speech backend table and the rendered utterances. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <math.h>
#include <stdatomic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sounds.h"
#include "util.h"
#include "voice.h"

/* The backends, in the order they are asked whether they speak a
 * language: the first that does is used. */
static const struct voice_ops *const voice_table[] = {
#ifdef HAVE_FLITE
	&voice_flite_ops,
#endif
#ifdef HAVE_ESPEAK
	&voice_espeak_ops,
#endif
	NULL
};

/* One rendered text. */
struct voice_entry {
	char		*text;
	struct sound	 snd;
};

struct voice {
	const struct voice_ops	 *ops;
	void			 *data;
	unsigned		  rate;
	/* Rendered so far; the worker adds to it under the lock. */
	pthread_mutex_t		  lock;
	struct voice_entry	**entry;
	unsigned		  n_entry;
	unsigned		  cap;
	/* The worker rendering ahead, and what it has still to do. */
	pthread_t		  worker;
	bool			  running;	/* started, not yet joined */
	atomic_bool		  stop;
	char			**todo;
	unsigned		  n_todo;
};

/* The backends' names. */
const char *
voice_backends(void)
{
	static char	names[64];
	size_t		i, len = 0;

	names[0] = '\0';
	for (i = 0; voice_table[i] != NULL && len < sizeof names; i++)
		len += snprintf(names + len, sizeof names - len, "%s%s",
		    i > 0 ? " " : "", voice_table[i]->name);
	return names;
}

/* Set up the first backend that speaks the language. */
struct voice *
voice_open(const char *language, unsigned rate, char **cause)
{
	struct voice	*v;
	size_t		 i;

	for (i = 0; voice_table[i] != NULL; i++) {
		if (voice_table[i]->speaks(language))
			break;
	}
	if (voice_table[i] == NULL) {
		if (i == 0)
			*cause = xstrdup("this build has no voice");
		else
			xasprintf(cause, "no voice speaks '%s'",
			    language ? language : "en");
		return NULL;
	}
	v = xcalloc(1, sizeof *v);
	v->ops = voice_table[i];
	v->rate = rate;
	pthread_mutex_init(&v->lock, NULL);
	atomic_init(&v->stop, false);
	if (v->ops->open(&v->data, language, cause) != 0) {
		free(v);
		return NULL;
	}
	return v;
}

/* Free every rendered sound and the backend. */
void
voice_close(struct voice *v)
{
	unsigned	i;

	if (v == NULL)
		return;
	if (v->running) {
		atomic_store(&v->stop, true);
		pthread_join(v->worker, NULL);
	}
	for (i = 0; i < v->n_todo; i++)
		free(v->todo[i]);
	free(v->todo);
	pthread_mutex_destroy(&v->lock);
	for (i = 0; i < v->n_entry; i++) {
		free(v->entry[i]->text);
		sound_free(&v->entry[i]->snd);
		free(v->entry[i]);
	}
	free(v->entry);
	v->ops->close(v->data);
	free(v);
}

/* The backend's name. */
const char *
voice_name(const struct voice *v)
{
	return v->ops->name;
}

/* Scale speech to VOICE_GAIN at its peak, so every backend and every
 * sentence is as loud as the next. */
static void
voice_level(struct sound *s)
{
	float	peak = 0.0f, g;
	size_t	i;

	for (i = 0; i < s->n; i++) {
		if (fabsf(s->v[i]) > peak)
			peak = fabsf(s->v[i]);
	}
	if (peak <= 0.0f)
		return;
	g = VOICE_GAIN / peak;
	for (i = 0; i < s->n; i++)
		s->v[i] *= g;
}

/* Synthesise text and resample it to the stream's rate. */
static int
voice_synth(struct voice *v, const char *text, struct sound *out,
    char **cause)
{
	float		*pcm;
	size_t		 n;
	unsigned	 rate;

	if (v->ops->synth(v->data, text, &pcm, &n, &rate, cause) != 0)
		return -1;
	if (n == 0) {
		free(pcm);
		xasprintf(cause, "%s said nothing for \"%s\"", v->ops->name,
		    text);
		return -1;
	}
	sounds_resample(pcm, n, rate, v->rate, out);
	free(pcm);
	out->duck = true;
	voice_level(out);
	return 0;
}

/* The rendered sound of text, if it is there yet. */
static const struct sound *
voice_find(struct voice *v, const char *text)
{
	const struct sound	*snd = NULL;
	unsigned		 i;

	pthread_mutex_lock(&v->lock);
	for (i = 0; i < v->n_entry; i++) {
		if (strcmp(v->entry[i]->text, text) == 0) {
			snd = &v->entry[i]->snd;
			break;
		}
	}
	pthread_mutex_unlock(&v->lock);
	return snd;
}

/* Render text into a new entry and add it; -1 with *cause. */
static int
voice_add(struct voice *v, const char *text, char **cause)
{
	struct voice_entry	*e;

	e = xcalloc(1, sizeof *e);
	if (voice_synth(v, text, &e->snd, cause) != 0) {
		free(e);
		return -1;
	}
	e->text = xstrdup(text);
	pthread_mutex_lock(&v->lock);
	if (v->n_entry == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->entry = xreallocarray(v->entry, v->cap, sizeof *v->entry);
	}
	v->entry[v->n_entry++] = e;
	pthread_mutex_unlock(&v->lock);
	return 0;
}

/* The rendered sound of text: rendered now if nothing renders ahead;
 * while the worker does, NULL (with *cause NULL) until it is done. */
const struct sound *
voice_sound(struct voice *v, const char *text, char **cause)
{
	const struct sound	*snd;

	*cause = NULL;
	if ((snd = voice_find(v, text)) != NULL || v->running)
		return snd;
	if (voice_add(v, text, cause) != 0)
		return NULL;
	return voice_find(v, text);
}

/* Render every text now. */
int
voice_render(struct voice *v, const char *const *texts, unsigned n,
    char **cause)
{
	unsigned	i;

	for (i = 0; i < n; i++) {
		if (voice_sound(v, texts[i], cause) == NULL)
			return -1;
	}
	return 0;
}

/* The worker: render the texts in order (the first needed first); one
 * that fails is left out, and asked for later it is not said. */
static void *
voice_work(void *arg)
{
	struct voice	*v = arg;
	unsigned	 i;
	char		*cause;

	for (i = 0; i < v->n_todo && !atomic_load(&v->stop); i++) {
		if (voice_add(v, v->todo[i], &cause) != 0)
			free(cause);
	}
	return NULL;
}

/* Render the texts in a thread of their own, so that a session starts at
 * once; -1 with *cause if the thread cannot start. */
int
voice_render_ahead(struct voice *v, const char *const *texts, unsigned n,
    char **cause)
{
	unsigned	i;
	int		error;

	v->todo = xreallocarray(NULL, n ? n : 1, sizeof *v->todo);
	for (i = 0; i < n; i++)
		v->todo[i] = xstrdup(texts[i]);
	v->n_todo = n;
	if ((error = pthread_create(&v->worker, NULL, voice_work, v)) != 0) {
		xasprintf(cause, "voice: %s", strerror(error));
		return -1;
	}
	v->running = true;
	return 0;
}

/* Where an utterance starts: not before the last one ends. */
int64_t
voice_place(int64_t busy, int64_t due, bool droppable, int64_t late)
{
	int64_t	start = due > busy ? due : busy;

	if (droppable && start - due > late)
		return -1;
	return start;
}
