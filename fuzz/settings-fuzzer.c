/* settings-fuzzer.c: libFuzzer target for the config loader: YAML parsing,
 * the strict schema checks, libcyaml loading and the range checks. Aborts
 * if accepted settings are out of the ranges the program relies on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check what accepted settings promise. */
static void
settings_fuzzer_loaded(const struct settings *c)
{
	size_t	bad;

	if (c->volume < 0 || c->volume > 100)
		abort();
	if (c->discomfort && (c->target_lo > c->target_hi ||
	    c->target_hi > 10 || c->ease_off_at <= c->target_hi))
		abort();
	if (c->device != NULL && (c->device[0] == '\0' ||
	    text_is_unsafe(c->device, strlen(c->device), false, &bad)))
		abort();
}

/* Print the diagnostics and abort unless what reaches the terminal is
 * safe text, one line each, whatever the file held. */
static void
settings_fuzzer_printed(struct diags *d)
{
	char	*out = NULL;
	size_t	 len = 0, bad, i, lines = 0;
	FILE	*f;

	if ((f = open_memstream(&out, &len)) == NULL)
		abort();
	diags_print(d, f);
	fclose(f);
	if (text_is_unsafe(out, len, true, &bad))
		abort();
	for (i = 0; i < len; i++)
		lines += out[i] == '\n';
	if (lines != d->n)
		abort();
	free(out);
}

/* Parse one input; it fails exactly when there is an error, and every
 * diagnostic has a position. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct settings	 c;
	size_t		 i;
	int		 rv;

	if (size > SETTINGS_MAX_BYTES)
		return 0;
	diags_init(&d);
	rv = settings_parse("config.yaml", (const char *)data, size, &c, &d);
	if ((rv == 0) != (d.errors == 0))
		abort();
	for (i = 0; i < d.n; i++) {
		if (d.v[i].line == 0 || d.v[i].col == 0 || d.v[i].msg == NULL)
			abort();
	}
	if (rv == 0)
		settings_fuzzer_loaded(&c);
	settings_fuzzer_printed(&d);
	settings_free(&c);
	diags_free(&d);
	return 0;
}
