/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voice.h: speech synthesised offline into sound buffers for the mixer.
 *
 * A table of backends, like the audio one: flite (English, the cmu_us_slt
 * voice), espeak-ng (other languages) and none. Texts are rendered ahead
 * of time, resampled to the stream's rate and kept, so that nothing is
 * synthesised while a session runs but what could not be foreseen. */
#ifndef UNKNOT_VOICE_H
#define UNKNOT_VOICE_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "mixer.h"
#include "routine.h"

#define VOICE_GAIN	0.5f	/* speech peak, of full scale */
#define VOICE_LATE_MS	500	/* a count later than this is dropped */

/* A speech backend. */
struct voice_ops {
	const char	*name;
	/* Does it speak this language (a BCP 47 tag such as "en", "de-AT";
	 * NULL is English)? */
	bool	 (*speaks)(const char *language);
	/* Set up for a language; -1 with *cause. */
	int	 (*open)(void **, const char *language, char **cause);
	void	 (*close)(void *);
	/* Say text into mono float samples at *rate (caller frees *v);
	 * -1 with *cause. */
	int	 (*synth)(void *, const char *text, float **v, size_t *n,
		    unsigned *rate, char **cause);
};

#ifdef HAVE_FLITE
extern const struct voice_ops voice_flite_ops;
#endif
#ifdef HAVE_ESPEAK
extern const struct voice_ops voice_espeak_ops;
#endif

struct voice;

/* The first backend of the table that speaks language, set up to render
 * at rate; NULL with *cause when none does (a build without speech). */
struct voice	*voice_open(const char *language, unsigned rate,
		    char **cause);
void		 voice_close(struct voice *);
/* The backend's name: "flite", "espeak-ng". */
const char	*voice_name(const struct voice *);
/* The rendered sound of text, rendering it now if it was not and nothing
 * renders ahead; NULL with *cause, or with *cause NULL while it is still
 * to come from voice_render_ahead(). Valid until voice_close(). */
const struct sound *voice_sound(struct voice *, const char *text,
		    char **cause);
/* Render every text now; -1 with *cause at the first that fails. */
int		 voice_render(struct voice *, const char *const *texts,
		    unsigned n, char **cause);
/* Render every text in a thread of its own, in order, while the session
 * runs; -1 with *cause if it cannot start. */
int		 voice_render_ahead(struct voice *, const char *const *texts,
		    unsigned n, char **cause);
/* The real path of a step's recorded clip: inside the routine's own
 * directory or a sounds directory, like cue sounds; NULL with *cause. */
char		*voice_clip_path(const struct routine *, const char *clip,
		    char **cause);
/* Add an error to d for each clip the routine names that cannot be found
 * or read (unknot check). */
void		 voice_check_clips(const struct routine *, struct diags *);
/* Load the clips the routine's steps name, before voice_render_ahead();
 * *notice (caller frees) names those that could not be had. */
void		 voice_clips(struct voice *, const struct routine *,
		    char **notice);
/* A step's clip as loaded; NULL if it could not be. */
const struct sound *voice_clip(struct voice *, const char *clip);
/* The names of the backends this build has, "flite espeak-ng" or "". */
const char	*voice_backends(void);
/* Where an utterance of len samples due at sample due starts, given the
 * last one ends at busy: at once or after it, never over it; -1 if it is
 * a count (droppable) that would start more than late samples late. */
int64_t		 voice_place(int64_t busy, int64_t due, bool droppable,
		    int64_t late);

#endif
