/* SPDX-License-Identifier: GPL-3.0-or-later */
/* one_pcm.c: preloaded (LD_PRELOAD) into a session, makes the ALSA PCM
 * named by $ONE_PCM take one playback stream at a time, as a sound card
 * opened without a software mixer does: while one is open, opening it
 * again fails with EBUSY. For audio_pulse.sh. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* RTLD_NEXT */
#endif

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <alsa/asoundlib.h>

int	snd_pcm_open(snd_pcm_t **, const char *, snd_pcm_stream_t, int);
int	snd_pcm_close(snd_pcm_t *);

static pthread_mutex_t	 one_lock = PTHREAD_MUTEX_INITIALIZER;
static snd_pcm_t	*one_held;	/* the stream open on it */

/* ALSA's own function name: the next one after this library, or, as the
 * program loads ALSA for itself alone (RTLD_LOCAL), the one it loaded. */
static void *
one_real(const char *name)
{
	void	*f, *lib;

	if ((f = dlsym(RTLD_NEXT, name)) != NULL)
		return f;
	if ((lib = dlopen("libasound.so.2", RTLD_LAZY | RTLD_NOLOAD)) == NULL)
		return NULL;
	f = dlsym(lib, name);
	dlclose(lib);
	return f;
}

/* Open a PCM; the second open of $ONE_PCM at a time fails. */
int
snd_pcm_open(snd_pcm_t **pcm, const char *name, snd_pcm_stream_t stream,
    int mode)
{
	int		(*real)(snd_pcm_t **, const char *, snd_pcm_stream_t,
			    int);
	const char	*one = getenv("ONE_PCM");
	int		 rc;

	*(void **)&real = one_real("snd_pcm_open");
	if (real == NULL)
		return -ENOSYS;
	if (one == NULL || name == NULL || strcmp(name, one) != 0 ||
	    stream != SND_PCM_STREAM_PLAYBACK)
		return real(pcm, name, stream, mode);
	pthread_mutex_lock(&one_lock);
	if (one_held != NULL)
		rc = -EBUSY;
	else if ((rc = real(pcm, name, stream, mode)) == 0)
		one_held = *pcm;
	pthread_mutex_unlock(&one_lock);
	return rc;
}

/* Close a PCM, and $ONE_PCM is free again if it was that one. */
int
snd_pcm_close(snd_pcm_t *pcm)
{
	int	(*real)(snd_pcm_t *);

	*(void **)&real = one_real("snd_pcm_close");
	if (real == NULL)
		return -ENOSYS;
	pthread_mutex_lock(&one_lock);
	if (pcm == one_held)
		one_held = NULL;
	pthread_mutex_unlock(&one_lock);
	return real(pcm);
}
