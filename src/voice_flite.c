/* SPDX-License-Identifier: GPL-3.0-or-later */
/* voice_flite.c: speech through flite and its cmu_us_slt voice. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <flite/flite.h>

#include "util.h"
#include "voice.h"

/* The voice's library; it brings libflite and the lexicon with it. It is
 * loaded only when a voice is wanted: linked in, its tables would cost
 * every command some megabytes. */
#ifndef VOICE_FLITE_LIB
#define VOICE_FLITE_LIB	"libflite_cmu_us_slt.so.1"
#endif

/* What is used of flite, found in the loaded library. */
static struct {
	int		 (*init)(void);
	cst_voice	*(*reg)(const char *);
	cst_wave	*(*to_wave)(const char *, cst_voice *);
	void		 (*del)(cst_wave *);
} voice_flite;

/* Load the library and find the functions; -1 with *cause. */
static int
voice_flite_load(char **cause)
{
	void	*h;

	if (voice_flite.to_wave != NULL)
		return 0;
	if ((h = dlopen(VOICE_FLITE_LIB, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		xasprintf(cause, "flite: %s", dlerror());
		return -1;
	}
	*(void **)&voice_flite.init = dlsym(h, "flite_init");
	*(void **)&voice_flite.reg = dlsym(h, "register_cmu_us_slt");
	*(void **)&voice_flite.del = dlsym(h, "delete_wave");
	*(void **)&voice_flite.to_wave = dlsym(h, "flite_text_to_wave");
	if (voice_flite.init == NULL || voice_flite.reg == NULL ||
	    voice_flite.del == NULL || voice_flite.to_wave == NULL) {
		xasprintf(cause, "flite: %s lacks a function it should have",
		    VOICE_FLITE_LIB);
		voice_flite.to_wave = NULL;
		return -1;
	}
	return 0;
}

/* English, or no language given. */
static bool
voice_flite_speaks(const char *language)
{
	return language == NULL || strcasecmp(language, "en") == 0 ||
	    strncasecmp(language, "en-", 3) == 0;
}

/* Register the voice (once: flite keeps it for the process). */
static int
voice_flite_open(void **out, const char *language, char **cause)
{
	static cst_voice	*voice;

	if (voice_flite_load(cause) != 0)
		return -1;
	if (voice == NULL) {
		voice_flite.init();
		voice = voice_flite.reg(NULL);
	}
	if (voice == NULL) {
		*cause = xstrdup("flite: the cmu_us_slt voice did not load");
		return -1;
	}
	*out = voice;
	return 0;
}

/* The voice stays registered. */
static void
voice_flite_close(void *p)
{
	(void)p;
}

/* Say text into float samples at the voice's rate. */
static int
voice_flite_synth(void *p, const char *text, float **v, size_t *n,
    unsigned *rate, char **cause)
{
	cst_wave	*w;
	int		 i, len;

	if ((w = voice_flite.to_wave(text, p)) == NULL) {
		xasprintf(cause, "flite could not say \"%s\"", text);
		return -1;
	}
	len = w->num_samples > 0 ? w->num_samples : 0;
	*v = xreallocarray(NULL, len > 0 ? (size_t)len : 1, sizeof **v);
	for (i = 0; i < len; i++)
		(*v)[i] = (float)w->samples[i * w->num_channels] / 32768.0f;
	*n = (size_t)len;
	*rate = (unsigned)w->sample_rate;
	voice_flite.del(w);
	return 0;
}

const struct voice_ops voice_flite_ops = {
	.name = "flite",
	.speaks = voice_flite_speaks,
	.open = voice_flite_open,
	.close = voice_flite_close,
	.synth = voice_flite_synth,
};
