/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sounds.h: the bank of cue sounds, loaded and resampled ahead of time.
 *
 * Sound files are looked up only inside the sounds directories: the ones
 * in $UNKNOT_SOUNDS (colon-separated), $XDG_DATA_HOME/unknot/sounds, then
 * PKGDATADIR/sounds. The default set is NAME.flac (or .wav, .ogg, .opus)
 * for each cue name; a routine or the config may name other files, or
 * "none" to silence a cue (the last-seconds ticks, say). Any file that is
 * missing, refused or unreadable is replaced by a synthesized tone, with a
 * notice. */
#ifndef UNKNOT_SOUNDS_H
#define UNKNOT_SOUNDS_H

#include <stddef.h>

#include "mixer.h"
#include "cue.h"
#include "routine.h"

#define SOUNDS_MAX_SECONDS	20	/* longer files are cut */
#define SOUNDS_NONE		"none"	/* as a file name: the cue is silent */
#define SOUNDS_RATE_MIN		1000
#define SOUNDS_RATE_MAX		384000

struct sounds {
	unsigned	rate;
	struct sound	cue[CUE_COUNT];
};

/* The sounds directories, in search order; NULL-ended, free with
 * sounds_free_dirs(). */
char		**sounds_dirs(void);
void		  sounds_free_dirs(char **);
/* The real path of sound file name inside one of dirs; NULL with *cause
 * for "..", a path outside them, a symbolic link leading out of them, or
 * a file found in none. */
char		 *sounds_resolve(const char *name, char *const *dirs,
		    char **cause);
/* Read a sound file (any format libsndfile knows) as mono float at rate;
 * -1 with *cause. */
int		  sounds_read(const char *path, unsigned rate, struct sound *,
		    char **cause);
/* Resample n samples from one rate to another (windowed sinc). */
void		  sounds_resample(const float *in, size_t n, unsigned from,
		    unsigned to, struct sound *);
/* The built-in tone for a cue at rate. */
void		  sounds_synth(enum cue_kind, unsigned rate, struct sound *);
/* The file name stem of a cue's default sound ("inhale", "bell", ...). */
/* Load every cue at rate: the routine's file, else the config's, else the
 * default set, else a built-in tone. Never fails; *notice (caller frees)
 * tells about replaced files, NULL if all were found. */
struct sounds	 *sounds_load(const struct rt_sounds *routine,
		    const struct rt_sounds *config, unsigned rate,
		    char **notice);
void		  sounds_free(struct sounds *);
void		  sound_free(struct sound *);

#endif
