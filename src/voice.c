/* SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "yamltree.h"

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
	bool			  ahead;	/* a session: never synthesise
						 * in the caller's thread */
	bool			  running;	/* started, not yet joined */
	atomic_bool		  stop;
	atomic_bool		  done;		/* the worker has finished */
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
	atomic_init(&v->done, false);
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

/* Keep speech as 16-bit samples: half the memory of float, and speech
 * synthesised at 16 bits has nothing finer to lose. */
static void
voice_compact(struct sound *s)
{
	size_t	i;
	float	x;

	s->s16 = xreallocarray(NULL, s->n ? s->n : 1, sizeof *s->s16);
	for (i = 0; i < s->n; i++) {
		x = s->v[i] * 32767.0f;
		s->s16[i] = (int16_t)lrintf(x > 32767.0f ? 32767.0f :
		    x < -32768.0f ? -32768.0f : x);
	}
	free(s->v);
	s->v = NULL;
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
	voice_compact(out);
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

/* Add a rendered entry. */
static void
voice_append(struct voice *v, struct voice_entry *e)
{
	pthread_mutex_lock(&v->lock);
	if (v->n_entry == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 64;
		v->entry = xreallocarray(v->entry, v->cap, sizeof *v->entry);
	}
	v->entry[v->n_entry++] = e;
	pthread_mutex_unlock(&v->lock);
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
	voice_append(v, e);
	return 0;
}

static void	*voice_work(void *);

/* Start the worker on the texts in v->todo; -1 with *cause. */
static int
voice_start(struct voice *v, char **cause)
{
	int	error;

	atomic_store(&v->done, false);
	if ((error = pthread_create(&v->worker, NULL, voice_work, v)) != 0) {
		xasprintf(cause, "voice: %s", strerror(error));
		return -1;
	}
	v->running = true;
	return 0;
}

/* A text nobody foresaw, in a session: have the worker render it, if it
 * is free, for the next time it is asked for. */
static void
voice_later(struct voice *v, const char *text)
{
	unsigned	 i;
	char		*cause;

	if (v->running && !atomic_load(&v->done))
		return;
	if (v->running) {
		pthread_join(v->worker, NULL);
		v->running = false;
	}
	for (i = 0; i < v->n_todo; i++)
		free(v->todo[i]);
	v->todo = xreallocarray(v->todo, 1, sizeof *v->todo);
	v->todo[0] = xstrdup(text);
	v->n_todo = 1;
	if (voice_start(v, &cause) != 0)
		free(cause);
}

/* The rendered sound of text. Outside a session it is rendered now if it
 * was not; in a session (voice_render_ahead) it never is, so that nothing
 * waits for the synthesiser: NULL (with *cause NULL) until the worker has
 * it. */
const struct sound *
voice_sound(struct voice *v, const char *text, char **cause)
{
	const struct sound	*snd;

	*cause = NULL;
	if ((snd = voice_find(v, text)) != NULL)
		return snd;
	if (v->ahead) {
		voice_later(v, text);
		return NULL;
	}
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
		if (voice_find(v, v->todo[i]) == NULL &&
		    voice_add(v, v->todo[i], &cause) != 0)
			free(cause);
	}
	atomic_store(&v->done, true);
	return NULL;
}

/* Render the texts in a thread of their own, so that a session starts at
 * once; -1 with *cause if the thread cannot start. */
int
voice_render_ahead(struct voice *v, const char *const *texts, unsigned n,
    char **cause)
{
	unsigned	i;

	v->todo = xreallocarray(NULL, n ? n : 1, sizeof *v->todo);
	for (i = 0; i < n; i++)
		v->todo[i] = xstrdup(texts[i]);
	v->n_todo = n;
	v->ahead = true;
	return voice_start(v, cause);
}

/* The directories a clip may come from: the routine's own, then the
 * sounds directories. */
static char **
voice_clip_dirs(const struct routine *r)
{
	char	**sd, **dirs, *real = NULL, *slash;
	size_t	  n, i;

	sd = sounds_dirs();
	for (n = 0; sd[n] != NULL; n++)
		;
	dirs = xcalloc(n + 2, sizeof *dirs);
	i = 0;
	if (r->file != NULL && (real = realpath(r->file, NULL)) != NULL &&
	    (slash = strrchr(real, '/')) != NULL) {
		*slash = '\0';
		dirs[i++] = xstrdup(*real != '\0' ? real : "/");
	}
	free(real);
	for (n = 0; sd[n] != NULL; n++)
		dirs[i++] = sd[n];
	free(sd);
	return dirs;
}

/* The real path of a step's clip, confined like cue sounds; NULL with
 * *cause. */
char *
voice_clip_path(const struct routine *r, const char *clip, char **cause)
{
	char	**dirs, *path;

	dirs = voice_clip_dirs(r);
	path = sounds_resolve(clip, dirs, cause);
	sounds_free_dirs(dirs);
	return path;
}

/* Where step i's voice: is in the routine's file, if it can be told. */
static void
voice_clip_pos(const struct yt_node *root, unsigned i, unsigned *line,
    unsigned *col)
{
	const struct yt_node	*steps, *v;

	*line = *col = 0;
	if (root == NULL)
		return;
	steps = yamltree_get(root, "steps");
	if (steps == NULL || steps->type != YT_SEQ || i >= steps->n ||
	    steps->kids[i]->type != YT_MAP || steps->kids[i]->n != 2)
		return;
	if ((v = yamltree_get(steps->kids[i]->kids[1], "voice")) == NULL)
		return;
	*line = v->line;
	*col = v->col;
}

/* The routine's file as a tree, for positions; NULL if it cannot be had
 * (it was read before, so this is rare). */
static struct yt_node *
voice_tree(const struct routine *r)
{
	struct yt_node	*root;
	struct diags	 d;
	char		*buf, *cause;
	size_t		 len;

	if (r->file == NULL ||
	    util_read_file(r->file, ROUTINE_MAX_BYTES, &buf, &len,
	    &cause) != 0) {
		if (r->file != NULL)
			free(cause);
		return NULL;
	}
	diags_init(&d);
	root = yamltree_parse(r->file, buf, len, NULL, &d);
	diags_free(&d);
	free(buf);
	return root;
}

/* Check that every clip the routine names can be found and read. */
void
voice_check_clips(const struct routine *r, struct diags *d)
{
	struct sound	 snd;
	struct yt_node	*root = NULL;
	char		*path, *cause;
	unsigned	 i, line, col;

	for (i = 0; i < r->n_steps; i++) {
		if (r->steps[i].voice == NULL)
			continue;
		if ((path = voice_clip_path(r, r->steps[i].voice,
		    &cause)) != NULL &&
		    sounds_read(path, SOUNDS_RATE_MIN, &snd, &cause) == 0) {
			sound_free(&snd);
			free(path);
			continue;
		}
		if (root == NULL)
			root = voice_tree(r);
		voice_clip_pos(root, i, &line, &col);
		diags_add(d, DIAG_ERROR, r->file, line, col,
		    "step %u: voice: %s", i + 1, cause);
		free(cause);
		free(path);
	}
	yamltree_free(root);
}

/* The key a clip is kept under, apart from any text. */
static char *
voice_clip_key(const char *clip)
{
	char	*key;

	xasprintf(&key, "\001clip:%s", clip);
	return key;
}

/* Load every clip the routine names; a notice for those that cannot be
 * had (their steps say the words instead). */
void
voice_clips(struct voice *v, const struct routine *r, char **notice)
{
	struct voice_entry	*e;
	char			*path, *cause, *key, *t;
	unsigned		 i;

	*notice = NULL;
	for (i = 0; i < r->n_steps; i++) {
		if (r->steps[i].voice == NULL)
			continue;
		key = voice_clip_key(r->steps[i].voice);
		if (voice_find(v, key) != NULL) {
			free(key);
			continue;
		}
		e = xcalloc(1, sizeof *e);
		if ((path = voice_clip_path(r, r->steps[i].voice,
		    &cause)) == NULL ||
		    sounds_read(path, v->rate, &e->snd, &cause) != 0) {
			xasprintf(&t, "%s%s%s; saying step %u instead",
			    *notice ? *notice : "", *notice ? "; " : "",
			    cause, i + 1);
			free(*notice);
			*notice = t;
			free(cause);
			free(path);
			free(key);
			free(e);
			continue;
		}
		free(path);
		e->snd.duck = true;
		voice_level(&e->snd);
		voice_compact(&e->snd);
		e->text = key;
		voice_append(v, e);
	}
}

/* A step's clip, if it was loaded. */
const struct sound *
voice_clip(struct voice *v, const char *clip)
{
	const struct sound	*snd;
	char			*key;

	key = voice_clip_key(clip);
	snd = voice_find(v, key);
	free(key);
	return snd;
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
