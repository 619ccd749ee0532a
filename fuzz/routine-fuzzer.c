/* routine-fuzzer.c: libFuzzer target for the routine loader: YAML parsing,
 * the strict schema checks, libcyaml loading, the semantic checks, the
 * defaults and the durations. Aborts if a loaded routine breaks a promise
 * the rest of the program relies on. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "routine.h"
#include "text.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Abort unless s (if set) is text that is safe to show on a terminal. */
static void
routine_fuzzer_text(const char *s)
{
	size_t	bad;

	if (s != NULL && text_is_unsafe(s, strlen(s), true, &bad))
		abort();
}

/* Abort unless every string in a list is safe to show. */
static void
routine_fuzzer_list(char **v, unsigned n)
{
	unsigned	i;

	for (i = 0; i < n; i++)
		routine_fuzzer_text(v[i]);
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
	routine_fuzzer_text(r->id);
	routine_fuzzer_text(r->title);
	routine_fuzzer_text(r->summary);
	routine_fuzzer_text(r->author);
	routine_fuzzer_text(r->assigned_to);
	routine_fuzzer_text(r->notes);
	routine_fuzzer_list(r->targets, r->n_targets);
	routine_fuzzer_list(r->relieves, r->n_relieves);
	routine_fuzzer_list(r->tools, r->n_tools);
	routine_fuzzer_list(r->safety, r->n_safety);
	routine_fuzzer_list(r->aftercare, r->n_aftercare);
	for (i = 0; i < r->n_patterns; i++)
		routine_fuzzer_text(r->patterns[i].name);
	for (i = 0; i < r->n_steps; i++) {
		st = &r->steps[i];
		if ((unsigned)st->kind >= RT_KIND_COUNT)
			abort();
		routine_fuzzer_text(routine_step_title(st));
		routine_fuzzer_text(st->text);
		routine_fuzzer_text(st->point);
		routine_fuzzer_text(st->referral);
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

/* Print the diagnostics and abort unless what reaches the terminal is
 * safe text, one line each, whatever the file held. */
static void
routine_fuzzer_printed(struct diags *d)
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

/* Load one input; a routine comes back exactly when there is no error, and
 * every diagnostic has a position. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags	 d;
	struct routine	*r;
	size_t		 i;

	diags_init(&d);
	r = routine_parse("fuzz.yaml", (const char *)data, size, &d);
	if ((r != NULL) != (d.errors == 0))
		abort();
	for (i = 0; i < d.n; i++) {
		if (d.v[i].line == 0 || d.v[i].col == 0 || d.v[i].msg == NULL)
			abort();
	}
	if (r != NULL)
		routine_fuzzer_loaded(r);
	routine_fuzzer_printed(&d);
	routine_free(r);
	diags_free(&d);
	return 0;
}
