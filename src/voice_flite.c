/* voice_flite.c: speech through flite and its cmu_us_slt voice. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <flite/flite.h>

#include "util.h"
#include "voice.h"

cst_voice	*register_cmu_us_slt(const char *);

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

	if (voice == NULL) {
		flite_init();
		voice = register_cmu_us_slt(NULL);
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

	if ((w = flite_text_to_wave(text, p)) == NULL) {
		xasprintf(cause, "flite could not say \"%s\"", text);
		return -1;
	}
	len = w->num_samples > 0 ? w->num_samples : 0;
	*v = xreallocarray(NULL, len > 0 ? (size_t)len : 1, sizeof **v);
	for (i = 0; i < len; i++)
		(*v)[i] = (float)w->samples[i * w->num_channels] / 32768.0f;
	*n = (size_t)len;
	*rate = (unsigned)w->sample_rate;
	delete_wave(w);
	return 0;
}

const struct voice_ops voice_flite_ops = {
	.name = "flite",
	.speaks = voice_flite_speaks,
	.open = voice_flite_open,
	.close = voice_flite_close,
	.synth = voice_flite_synth,
};
