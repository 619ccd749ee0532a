/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz_check.h: the checks the loader fuzz targets share: text that is
 * safe to show, and diagnostics that have a position and print as safe
 * text, one line each, whatever the input held. Each aborts on a broken
 * promise, for libFuzzer to report. */
#ifndef UNKNOT_FUZZ_CHECK_H
#define UNKNOT_FUZZ_CHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"

/* Abort unless s (if set) is text that is safe to show on a terminal,
 * newlines allowed or not. */
static inline void
fuzz_check_text(const char *s, bool newlines)
{
	size_t	bad;

	if (s != NULL && text_is_unsafe(s, strlen(s), newlines, &bad))
		abort();
}

/* Abort unless the input failed exactly when there is an error, every
 * diagnostic has a position and a message, and what diags_print() writes
 * is safe text, one line a diagnostic. */
static inline void
fuzz_check_diags(struct diags *d, bool failed)
{
	char	*out = NULL;
	size_t	 len = 0, bad, i, lines = 0;
	FILE	*f;

	if (failed != (d->errors != 0))
		abort();
	for (i = 0; i < d->n; i++) {
		if (d->v[i].line == 0 || d->v[i].col == 0 ||
		    d->v[i].msg == NULL)
			abort();
	}
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

#endif
