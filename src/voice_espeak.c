/* voice_espeak.c: speech through espeak-ng, for the languages flite does
 * not speak. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include <espeak-ng/speak_lib.h>

#include "util.h"
#include "voice.h"

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
	if (voice_espeak_rate == 0) {
		voice_espeak_rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS,
		    0, NULL, espeakINITIALIZE_DONT_EXIT);
		if (voice_espeak_rate <= 0) {
			voice_espeak_rate = 0;
			*cause = xstrdup("espeak-ng did not start");
			return -1;
		}
		espeak_SetSynthCallback(voice_espeak_cb);
	}
	if (espeak_SetVoiceByName(language ? language : "en") != EE_OK) {
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

	if (espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
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
