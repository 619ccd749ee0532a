/* SPDX-License-Identifier: GPL-3.0-or-later */
/* soundlib.c: the sound libraries (PortAudio, libsndfile, libsamplerate)
 * (and ALSA's, which PortAudio plays through) loaded with dlopen() on the
 * first call into them. Linked in, they and
 * what they pull in were mapped by every command, though only those that
 * play, export or read sounds use them. Each function here has the
 * library's own name and prototype (the library's header says so, and
 * the compiler checks it), so the callers are written as for a linked
 * library; a library that cannot be loaded makes its functions fail as
 * they fail on an error of their own, with dlerror()'s words. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <samplerate.h>
#include <sndfile.h>
#ifdef HAVE_PORTAUDIO
#include <portaudio.h>
#include <pa_linux_alsa.h>
#endif
#ifdef HAVE_ALSA
#include <errno.h>
#include <alsa/asoundlib.h>
#endif

#ifndef SOUNDLIB_SNDFILE
#define SOUNDLIB_SNDFILE	"libsndfile.so.1"
#endif
#ifndef SOUNDLIB_SAMPLERATE
#define SOUNDLIB_SAMPLERATE	"libsamplerate.so.0"
#endif
#ifndef SOUNDLIB_PORTAUDIO
#define SOUNDLIB_PORTAUDIO	"libportaudio.so.2"
#endif
#ifndef SOUNDLIB_ALSA
#define SOUNDLIB_ALSA		"libasound.so.2"
#endif

/* One library: its file, whether and why it failed to load. */
struct soundlib {
	const char	*file;
	pthread_once_t	 once;
	void		*handle;
	char		 error[256];
};

/* Load a library; -1 with the reason kept if it cannot be. */
static int
soundlib_open(struct soundlib *l)
{
	const char	*err;

	if ((l->handle = dlopen(l->file, RTLD_NOW | RTLD_LOCAL)) != NULL)
		return 0;
	err = dlerror();
	snprintf(l->error, sizeof l->error, "%s", err != NULL ? err : l->file);
	return -1;
}

/* Give up a library that lacks a function. */
static void
soundlib_missing(struct soundlib *l, const char *name)
{
	snprintf(l->error, sizeof l->error, "%s has no %s", l->file, name);
	dlclose(l->handle);
	l->handle = NULL;
}

/* A library's functions are listed as X(return type, name, (parameters),
 * (arguments), what it returns when the library is not there). This
 * defines the library, a pointer for each function, the loader that
 * finds them all (once) and each function. */
#define SOUNDLIB_DEFINE(lib, LIST)					\
	static struct soundlib soundlib_##lib = { SOUNDLIB_##lib##_FILE, \
	    PTHREAD_ONCE_INIT, NULL, "" };				\
	LIST(SOUNDLIB_PTR)						\
	/* Load the library and find its functions. */			\
	static void							\
	soundlib_##lib##_load(void)					\
	{								\
		struct soundlib	*l = &soundlib_##lib;			\
		const char	*missing = NULL;			\
									\
		if (soundlib_open(l) != 0)				\
			return;						\
		LIST(SOUNDLIB_SYM)					\
		if (missing != NULL)					\
			soundlib_missing(l, missing);			\
	}								\
	/* True once the library is loaded. */				\
	static int							\
	soundlib_##lib##_ready(void)					\
	{								\
		pthread_once(&soundlib_##lib.once, soundlib_##lib##_load); \
		return soundlib_##lib.handle != NULL;			\
	}
#define SOUNDLIB_PTR(ret, name, params, args, fail)			\
	static ret (*soundlib_fn_##name) params;
#define SOUNDLIB_SYM(ret, name, params, args, fail)			\
	if (missing == NULL && (*(void **)&soundlib_fn_##name =		\
	    dlsym(l->handle, #name)) == NULL)				\
		missing = #name;
#define SOUNDLIB_STUB(lib, ret, name, params, args, fail)		\
	ret								\
	name params							\
	{								\
		if (!soundlib_##lib##_ready())				\
			return fail;					\
		return soundlib_fn_##name args;				\
	}

#define SOUNDLIB_sndfile_FILE	SOUNDLIB_SNDFILE
#define SOUNDLIB_SNDFILE_LIST(X)					\
	X(SNDFILE *, sf_open, (const char *path, int mode, SF_INFO *info), \
	    (path, mode, info), NULL)					\
	X(SNDFILE *, sf_open_fd, (int fd, int mode, SF_INFO *info,	\
	    int close_desc), (fd, mode, info, close_desc), NULL)	\
	X(int, sf_close, (SNDFILE *f), (f), 0)				\
	X(int, sf_command, (SNDFILE *f, int cmd, void *data, int size), \
	    (f, cmd, data, size), 0)					\
	X(int, sf_format_check, (const SF_INFO *info), (info), 0)	\
	X(sf_count_t, sf_readf_float, (SNDFILE *f, float *p,		\
	    sf_count_t n), (f, p, n), 0)				\
	X(sf_count_t, sf_writef_float, (SNDFILE *f, const float *p,	\
	    sf_count_t n), (f, p, n), 0)				\
	X(const char *, sf_strerror, (SNDFILE *f), (f),			\
	    soundlib_sndfile.error)					\
	X(const char *, sf_version_string, (void), (),			\
	    "libsndfile (not loaded)")
SOUNDLIB_DEFINE(sndfile, SOUNDLIB_SNDFILE_LIST)
#define SOUNDLIB_SNDFILE_STUB(ret, name, params, args, fail)		\
	SOUNDLIB_STUB(sndfile, ret, name, params, args, fail)
SOUNDLIB_SNDFILE_LIST(SOUNDLIB_SNDFILE_STUB)

#define SOUNDLIB_samplerate_FILE	SOUNDLIB_SAMPLERATE
#define SOUNDLIB_SAMPLERATE_LIST(X)					\
	X(int, src_simple, (SRC_DATA *d, int type, int channels),	\
	    (d, type, channels), 1)					\
	X(const char *, src_strerror, (int error), (error),		\
	    soundlib_samplerate.error)					\
	X(const char *, src_get_version, (void), (),			\
	    "libsamplerate (not loaded)")
SOUNDLIB_DEFINE(samplerate, SOUNDLIB_SAMPLERATE_LIST)
#define SOUNDLIB_SAMPLERATE_STUB(ret, name, params, args, fail)		\
	SOUNDLIB_STUB(samplerate, ret, name, params, args, fail)
SOUNDLIB_SAMPLERATE_LIST(SOUNDLIB_SAMPLERATE_STUB)

#ifdef HAVE_PORTAUDIO
#define SOUNDLIB_portaudio_FILE	SOUNDLIB_PORTAUDIO
#define SOUNDLIB_PORTAUDIO_LIST(X)					\
	X(PaError, Pa_Initialize, (void), (), paNotInitialized)	\
	X(PaError, Pa_Terminate, (void), (), paNotInitialized)		\
	X(const char *, Pa_GetErrorText, (PaError e), (e),		\
	    soundlib_portaudio.error)					\
	X(const char *, Pa_GetVersionText, (void), (),			\
	    "PortAudio (not loaded)")					\
	X(PaDeviceIndex, Pa_GetDefaultOutputDevice, (void), (),	\
	    paNoDevice)							\
	X(PaDeviceIndex, Pa_GetDeviceCount, (void), (),			\
	    paNotInitialized)						\
	X(const PaDeviceInfo *, Pa_GetDeviceInfo, (PaDeviceIndex i),	\
	    (i), NULL)							\
	X(const PaHostApiInfo *, Pa_GetHostApiInfo, (PaHostApiIndex i), \
	    (i), NULL)							\
	X(PaError, Pa_OpenStream, (PaStream **s,			\
	    const PaStreamParameters *in, const PaStreamParameters *out, \
	    double rate, unsigned long frames, PaStreamFlags flags,	\
	    PaStreamCallback *cb, void *arg),				\
	    (s, in, out, rate, frames, flags, cb, arg), paNotInitialized) \
	X(PaError, Pa_StartStream, (PaStream *s), (s), paNotInitialized) \
	X(PaError, Pa_StopStream, (PaStream *s), (s), paNotInitialized) \
	X(PaError, Pa_AbortStream, (PaStream *s), (s), paNotInitialized) \
	X(PaError, Pa_CloseStream, (PaStream *s), (s), paNotInitialized) \
	X(PaError, Pa_IsStreamActive, (PaStream *s), (s),		\
	    paNotInitialized)						\
	X(PaTime, Pa_GetStreamTime, (PaStream *s), (s), 0)		\
	X(const PaStreamInfo *, Pa_GetStreamInfo, (PaStream *s), (s),	\
	    NULL)							\
	X(PaHostApiTypeId, Pa_GetStreamHostApiType, (PaStream *s), (s), \
	    paInDevelopment)
SOUNDLIB_DEFINE(portaudio, SOUNDLIB_PORTAUDIO_LIST)
#define SOUNDLIB_PORTAUDIO_STUB(ret, name, params, args, fail)		\
	SOUNDLIB_STUB(portaudio, ret, name, params, args, fail)
SOUNDLIB_PORTAUDIO_LIST(SOUNDLIB_PORTAUDIO_STUB)

/* PortAudio's ALSA extension (void: nothing to say if it is missing). */
void
PaAlsa_EnableRealtimeScheduling(PaStream *s, int enable)
{
	void	(*fn)(PaStream *, int) = NULL;

	if (soundlib_portaudio_ready())
		*(void **)&fn = dlsym(soundlib_portaudio.handle,
		    "PaAlsa_EnableRealtimeScheduling");
	if (fn != NULL)
		fn(s, enable);
}
#endif

#ifdef HAVE_ALSA
#define SOUNDLIB_alsa_FILE	SOUNDLIB_ALSA
#define SOUNDLIB_ALSA_LIST(X)						\
	X(int, snd_lib_error_set_handler, (snd_lib_error_handler_t h),	\
	    (h), -ENOENT)						\
	X(int, snd_config_search, (snd_config_t *c, const char *key,	\
	    snd_config_t **out), (c, key, out), -ENOENT)
SOUNDLIB_DEFINE(alsa, SOUNDLIB_ALSA_LIST)
#define SOUNDLIB_ALSA_STUB(ret, name, params, args, fail)		\
	SOUNDLIB_STUB(alsa, ret, name, params, args, fail)
SOUNDLIB_ALSA_LIST(SOUNDLIB_ALSA_STUB)

/* ALSA's configuration tree: the library's own, as snd_config_update()
 * leaves it. */
snd_config_t *snd_config;

/* Read ALSA's configuration, and point snd_config at it. */
int
snd_config_update(void)
{
	int		 (*update)(void);
	snd_config_t	**top;
	int		   r;

	if (!soundlib_alsa_ready())
		return -ENOENT;
	*(void **)&update = dlsym(soundlib_alsa.handle, "snd_config_update");
	top = dlsym(soundlib_alsa.handle, "snd_config");
	if (update == NULL || top == NULL)
		return -ENOENT;
	r = update();
	snd_config = *top;
	return r;
}
#endif
