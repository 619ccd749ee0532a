/* SPDX-License-Identifier: GPL-3.0-or-later */
/* settings-fuzzer.c: libFuzzer target for the config loader: YAML parsing,
 * the strict schema checks, libcyaml loading and the range checks. Aborts
 * if accepted settings are out of the ranges the program relies on. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "settings.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Check what accepted settings promise. */
static void
settings_fuzzer_loaded(const struct settings *c)
{
	if (c->volume < 0 || c->volume > 100)
		abort();
	if (c->discomfort && (c->target_lo > c->target_hi ||
	    c->target_hi > 10 || c->ease_off_at <= c->target_hi))
		abort();
	if (c->device != NULL && c->device[0] == '\0')
		abort();
	fuzz_check_text(c->device, false);
}

/* Parse one input; it fails exactly when there is an error, the
 * diagnostics are sound (fuzz_check.h) and accepted settings keep their
 * promises. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct settings	 c;
	int		 rv;

	if (size > SETTINGS_MAX_BYTES)
		return 0;
	diags_init(&d);
	rv = settings_parse("config.yaml", (const char *)data, size, &c, &d);
	fuzz_check_diags(&d, rv != 0);
	if (rv == 0)
		settings_fuzzer_loaded(&c);
	settings_free(&c);
	diags_free(&d);
	return 0;
}
