/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag_json.c: diagnostics as JSON objects. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>

#include "diag_json.h"
#include "json.h"
#include "text.h"

/* Write untrusted text as a JSON string of valid UTF-8 without controls, or
 * null. */
static void
diag_json_string(FILE *f, const char *s)
{
	char	*safe;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	safe = text_sanitize(s);
	json_string(f, safe);
	free(safe);
}

/* Write one diagnostic. */
static void
diag_json_one(FILE *f, const struct diag *dg)
{
	fputs("{\"file\": ", f);
	diag_json_string(f, dg->file);
	fprintf(f, ", \"line\": %u, \"column\": %u, \"end\": ",
	    dg->line ? dg->line : 1, dg->col ? dg->col : 1);
	if (dg->end_line != 0)
		fprintf(f, "{\"line\": %u, \"column\": %u}", dg->end_line,
		    dg->end_col);
	else
		fputs("null", f);
	fprintf(f, ", \"severity\": \"%s\", \"code\": ",
	    dg->level == DIAG_ERROR ? "error" : "warning");
	diag_json_string(f, dg->code);
	fputs(", \"message\": ", f);
	diag_json_string(f, dg->msg);
	fputs(", \"suggestion\": ", f);
	diag_json_string(f, dg->fix);
	fputc('}', f);
}

/* Write every diagnostic, sorted, as array elements. */
void
diag_json_print(FILE *f, struct diags *d, size_t *n)
{
	size_t	i;

	diags_sort(d);
	for (i = 0; i < d->n; i++) {
		fputs(*n == 0 ? "\n  " : ",\n  ", f);
		diag_json_one(f, &d->v[i]);
		(*n)++;
	}
}
