/* SPDX-License-Identifier: GPL-3.0-or-later */
/* routine-fuzzer.c: libFuzzer target for the routine loader: YAML parsing,
 * the strict schema checks, libcyaml loading, the semantic checks, the
 * defaults and the durations. Aborts if a loaded routine breaks a promise
 * the rest of the program relies on. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "routine.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless every string in a list is safe to show. */
static void
routine_fuzzer_list(char **v, unsigned n)
{
	unsigned	i;

	for (i = 0; i < n; i++)
		fuzz_check_text(v[i], true);
}

/* Check what a loaded routine promises: safe text, steps in range, known
 * patterns, a finite length. */
static void
routine_fuzzer_loaded(const struct routine *r)
{
	const struct rt_step	*st;
	double			 secs;
	unsigned		 i;

	if (r->n_steps < 1 || r->n_steps > ROUTINE_MAX_STEPS)
		abort();
	if (r->target_lo > r->target_hi || r->target_hi > 10 ||
	    r->ease_off_at <= r->target_hi)
		abort();
	fuzz_check_text(r->id, true);
	fuzz_check_text(r->title, true);
	fuzz_check_text(r->summary, true);
	fuzz_check_text(r->author, true);
	fuzz_check_text(r->assigned_to, true);
	fuzz_check_text(r->notes, true);
	routine_fuzzer_list(r->targets, r->n_targets);
	routine_fuzzer_list(r->relieves, r->n_relieves);
	routine_fuzzer_list(r->tools, r->n_tools);
	routine_fuzzer_list(r->safety, r->n_safety);
	routine_fuzzer_list(r->aftercare, r->n_aftercare);
	for (i = 0; i < r->n_patterns; i++)
		fuzz_check_text(r->patterns[i].name, true);
	for (i = 0; i < r->n_steps; i++) {
		st = &r->steps[i];
		if ((unsigned)st->kind >= RT_KIND_COUNT)
			abort();
		fuzz_check_text(routine_step_title(st), true);
		fuzz_check_text(st->text, true);
		fuzz_check_text(st->point, true);
		fuzz_check_text(st->referral, true);
		if (st->kind == RT_BREATHE &&
		    routine_pattern(r, st->pattern) == NULL)
			abort();
		if (st->breathing != NULL &&
		    routine_pattern(r, st->breathing) == NULL)
			abort();
		secs = routine_step_seconds(r, st);
		if (!(secs >= 0 && secs < 1e9))
			abort();
	}
	secs = routine_seconds(r);
	if (!(secs >= 0 && secs < 1e12))
		abort();
}

/* Load one input; a routine comes back exactly when there is no error,
 * the diagnostics are sound (fuzz_check.h) and a routine keeps its
 * promises. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct routine	*r;

	diags_init(&d);
	r = routine_parse("fuzz.yaml", (const char *)data, size, &d);
	fuzz_check_diags(&d, r == NULL);
	if (r != NULL)
		routine_fuzzer_loaded(r);
	routine_free(r);
	diags_free(&d);
	return 0;
}
