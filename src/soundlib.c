/* SPDX-License-Identifier: GPL-3.0-or-later */
/* soundlib.c: the sound libraries (PortAudio, libsndfile, libsamplerate)
 * (and ALSA's, which PortAudio plays through) loaded with dlopen() on the
 * first call into them (dynlib.h). Linked in, they and what they pull in
 * were mapped by every command, though only those that play, export or
 * read sounds use them. A library that cannot be loaded makes its
 * functions fail with dlerror()'s words. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

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

#include "dynlib.h"

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

#define SOUNDLIB_SNDFILE_LIST(X, V)					\
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
	    dynlib_sndfile.error)					\
	X(const char *, sf_version_string, (void), (),			\
	    "libsndfile (not loaded)")
DYNLIB_DEFINE(sndfile, SOUNDLIB_SNDFILE, SOUNDLIB_SNDFILE_LIST)
#define SOUNDLIB_SNDFILE_STUB(ret, name, params, args, fail)		\
	DYNLIB_STUB(sndfile, ret, name, params, args, fail)
SOUNDLIB_SNDFILE_LIST(SOUNDLIB_SNDFILE_STUB, )

#define SOUNDLIB_SAMPLERATE_LIST(X, V)					\
	X(int, src_simple, (SRC_DATA *d, int type, int channels),	\
	    (d, type, channels), 1)					\
	X(const char *, src_strerror, (int error), (error),		\
	    dynlib_samplerate.error)					\
	X(const char *, src_get_version, (void), (),			\
	    "libsamplerate (not loaded)")
DYNLIB_DEFINE(samplerate, SOUNDLIB_SAMPLERATE, SOUNDLIB_SAMPLERATE_LIST)
#define SOUNDLIB_SAMPLERATE_STUB(ret, name, params, args, fail)		\
	DYNLIB_STUB(samplerate, ret, name, params, args, fail)
SOUNDLIB_SAMPLERATE_LIST(SOUNDLIB_SAMPLERATE_STUB, )

#ifdef HAVE_PORTAUDIO
#define SOUNDLIB_PORTAUDIO_LIST(X, V)					\
	X(PaError, Pa_Initialize, (void), (), paNotInitialized)	\
	X(PaError, Pa_Terminate, (void), (), paNotInitialized)		\
	X(const char *, Pa_GetErrorText, (PaError e), (e),		\
	    dynlib_portaudio.error)					\
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
DYNLIB_DEFINE(portaudio, SOUNDLIB_PORTAUDIO, SOUNDLIB_PORTAUDIO_LIST)
#define SOUNDLIB_PORTAUDIO_STUB(ret, name, params, args, fail)		\
	DYNLIB_STUB(portaudio, ret, name, params, args, fail)
SOUNDLIB_PORTAUDIO_LIST(SOUNDLIB_PORTAUDIO_STUB, )

/* A function of PortAudio's ALSA extension, NULL if it has none. */
static void *
soundlib_pa_alsa(const char *name)
{
	return dynlib_portaudio_ready() ?
	    dlsym(dynlib_portaudio.handle, name) : NULL;
}

/* PortAudio's ALSA extension (void: nothing to say if it is missing). */
void
PaAlsa_EnableRealtimeScheduling(PaStream *s, int enable)
{
	void	(*fn)(PaStream *, int);

	*(void **)&fn = soundlib_pa_alsa("PaAlsa_EnableRealtimeScheduling");
	if (fn != NULL)
		fn(s, enable);
}

/* PortAudio's ALSA extension (paNoError, and nothing changed, if it is
 * missing). */
PaError
PaAlsa_SetRetriesBusy(int retries)
{
	PaError	(*fn)(int);

	*(void **)&fn = soundlib_pa_alsa("PaAlsa_SetRetriesBusy");
	return fn != NULL ? fn(retries) : paNoError;
}
#endif

#ifdef HAVE_ALSA
#define SOUNDLIB_ALSA_LIST(X, V)						\
	X(int, snd_lib_error_set_handler, (snd_lib_error_handler_t h),	\
	    (h), -ENOENT)						\
	X(int, snd_config_search, (snd_config_t *c, const char *key,	\
	    snd_config_t **out), (c, key, out), -ENOENT)		\
	X(int, snd_config_update_ref, (snd_config_t **top), (top),	\
	    -ENOENT)							\
	V(snd_config_unref, (snd_config_t *top), (top))			\
	X(snd_config_iterator_t, snd_config_iterator_first,		\
	    (const snd_config_t *c), (c), NULL)				\
	X(snd_config_iterator_t, snd_config_iterator_next,		\
	    (const snd_config_iterator_t i), (i), NULL)			\
	X(snd_config_iterator_t, snd_config_iterator_end,		\
	    (const snd_config_t *c), (c), NULL)				\
	X(snd_config_t *, snd_config_iterator_entry,			\
	    (const snd_config_iterator_t i), (i), NULL)			\
	X(snd_config_type_t, snd_config_get_type, (const snd_config_t *c), \
	    (c), SND_CONFIG_TYPE_INTEGER)				\
	X(int, snd_config_get_id, (const snd_config_t *c,		\
	    const char **id), (c, id), -ENOENT)				\
	X(int, snd_config_get_string, (const snd_config_t *c,		\
	    const char **s), (c, s), -ENOENT)				\
	X(int, snd_config_remove, (snd_config_t *c), (c), -ENOENT)	\
	X(int, snd_config_add, (snd_config_t *parent,			\
	    snd_config_t *child), (parent, child), -ENOENT)		\
	X(int, snd_config_delete, (snd_config_t *c), (c), -ENOENT)
DYNLIB_DEFINE(alsa, SOUNDLIB_ALSA, SOUNDLIB_ALSA_LIST)
#define SOUNDLIB_ALSA_STUB(ret, name, params, args, fail)		\
	DYNLIB_STUB(alsa, ret, name, params, args, fail)
#define SOUNDLIB_ALSA_VSTUB(name, params, args)				\
	DYNLIB_VSTUB(alsa, name, params, args)
SOUNDLIB_ALSA_LIST(SOUNDLIB_ALSA_STUB, SOUNDLIB_ALSA_VSTUB)

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

	if (!dynlib_alsa_ready())
		return -ENOENT;
	*(void **)&update = dlsym(dynlib_alsa.handle, "snd_config_update");
	top = dlsym(dynlib_alsa.handle, "snd_config");
	if (update == NULL || top == NULL)
		return -ENOENT;
	r = update();
	snd_config = *top;
	return r;
}
#endif
