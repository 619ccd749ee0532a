/* settings-fuzzer.c: libFuzzer target for the config loader: YAML parsing,
 * the strict schema checks, libcyaml loading and the range checks. Aborts
 * if accepted settings are out of the ranges the program relies on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"
#include "text.h"

int	LLVMFuzzerInitialize(int *, char ***);
int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE	*settings_fuzzer_null;

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
	diags_print(&d, settings_fuzzer_null);
	settings_free(&c);
	diags_free(&d);
	return 0;
}

/* Open the sink for printed diagnostics. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if ((settings_fuzzer_null = fopen("/dev/null", "w")) == NULL)
		abort();
	return 0;
}
