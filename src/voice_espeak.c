/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voice_espeak.c: speech through espeak-ng, for the languages flite does
 * not speak. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "util.h"
#include "voice.h"

/* Loaded only when a voice is wanted, like flite. */
#ifndef VOICE_ESPEAK_LIB
#define VOICE_ESPEAK_LIB	"libespeak-ng.so.1"
#endif

/* What is used of espeak-ng, found in the loaded library. */
static struct {
	int		 (*init)(espeak_AUDIO_OUTPUT, int, const char *, int);
	void		 (*callback)(t_espeak_callback *);
	espeak_ERROR	 (*voice)(const char *);
	espeak_ERROR	 (*synth)(const void *, size_t, unsigned int,
			    espeak_POSITION_TYPE, unsigned int, unsigned int,
			    unsigned int *, void *);
} voice_espeak;

/* Load the library and find the functions; -1 with *cause. */
static int
voice_espeak_load(char **cause)
{
	void	*h;

	if (voice_espeak.synth != NULL)
		return 0;
	if ((h = dlopen(VOICE_ESPEAK_LIB, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		xasprintf(cause, "espeak-ng: %s", dlerror());
		return -1;
	}
	*(void **)&voice_espeak.init = dlsym(h, "espeak_Initialize");
	*(void **)&voice_espeak.callback = dlsym(h, "espeak_SetSynthCallback");
	*(void **)&voice_espeak.voice = dlsym(h, "espeak_SetVoiceByName");
	*(void **)&voice_espeak.synth = dlsym(h, "espeak_Synth");
	if (voice_espeak.init == NULL || voice_espeak.callback == NULL ||
	    voice_espeak.voice == NULL || voice_espeak.synth == NULL) {
		xasprintf(cause, "espeak-ng: %s lacks a function it should "
		    "have", VOICE_ESPEAK_LIB);
		voice_espeak.synth = NULL;
		return -1;
	}
	return 0;
}

/* What one synthesis collects. */
struct voice_espeak_buf {
	float	*v;
	size_t	 n, cap;
};

static int	voice_espeak_rate;	/* 0 until initialised */

/* espeak-ng has a voice for most tags; whether it has this one is only
 * known by asking. */
static bool
voice_espeak_speaks(const char *language)
{
	return true;
}

/* espeak-ng hands samples over here, a chunk at a time. */
static int
voice_espeak_cb(short *wav, int n, espeak_EVENT *ev)
{
	struct voice_espeak_buf	*b = ev != NULL ? ev->user_data : NULL;
	int			 i;

	if (b == NULL || wav == NULL)
		return 0;
	if (b->n + (size_t)n > b->cap) {
		b->cap = (b->n + (size_t)n) * 2;
		b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
	}
	for (i = 0; i < n; i++)
		b->v[b->n++] = (float)wav[i] / 32768.0f;
	return 0;
}

/* Initialise once, and choose the voice for the language. */
static int
voice_espeak_open(void **out, const char *language, char **cause)
{
	if (voice_espeak_load(cause) != 0)
		return -1;
	if (voice_espeak_rate == 0) {
		voice_espeak_rate = voice_espeak.init(AUDIO_OUTPUT_SYNCHRONOUS,
		    0, NULL, espeakINITIALIZE_DONT_EXIT);
		if (voice_espeak_rate <= 0) {
			voice_espeak_rate = 0;
			*cause = xstrdup("espeak-ng did not start");
			return -1;
		}
		voice_espeak.callback(voice_espeak_cb);
	}
	if (voice_espeak.voice(language ? language : "en") != EE_OK) {
		xasprintf(cause, "espeak-ng has no voice for '%s'",
		    language ? language : "en");
		return -1;
	}
	*out = NULL;
	return 0;
}

/* Nothing per voice to free. */
static void
voice_espeak_close(void *p)
{
	(void)p;
}

/* Say text into float samples. */
static int
voice_espeak_synth(void *p, const char *text, float **v, size_t *n,
    unsigned *rate, char **cause)
{
	struct voice_espeak_buf	b = { NULL, 0, 0 };

	if (voice_espeak.synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	    espeakCHARS_UTF8, NULL, &b) != EE_OK) {
		free(b.v);
		xasprintf(cause, "espeak-ng could not say \"%s\"", text);
		return -1;
	}
	*v = b.v != NULL ? b.v : xcalloc(1, sizeof **v);
	*n = b.n;
	*rate = (unsigned)voice_espeak_rate;
	return 0;
}

const struct voice_ops voice_espeak_ops = {
	.name = "espeak-ng",
	.speaks = voice_espeak_speaks,
	.open = voice_espeak_open,
	.close = voice_espeak_close,
	.synth = voice_espeak_synth,
};
