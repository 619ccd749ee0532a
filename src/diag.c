/* SPDX-License-Identifier: GPL-3.0-or-later */
/* diag.c: collecting and printing GNU-style diagnostics. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

/* Start an empty list. */
void
diags_init(struct diags *d)
{
	memset(d, 0, sizeof *d);
}

/* Free every diagnostic. */
void
diags_free(struct diags *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].msg);
		free(d->v[i].code);
		free(d->v[i].fix);
	}
	free(d->v);
	diags_init(d);
}

/* Add one diagnostic at file:line:col. */
struct diag *
diags_add(struct diags *d, enum diag_level level, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	struct diag	*dg;
	va_list		 ap;

	va_start(ap, fmt);
	dg = diags_vadd(d, level, file, line, col, fmt, ap);
	va_end(ap);
	return dg;
}

/* A new slot at the end of the list. */
static struct diag *
diags_slot(struct diags *d)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	return &d->v[d->n++];
}

/* Move every diagnostic of src to the end of dst; src is left empty. */
void
diags_move(struct diags *dst, struct diags *src)
{
	size_t	i;

	for (i = 0; i < src->n; i++)
		*diags_slot(dst) = src->v[i];
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	free(src->v);
	diags_init(src);
}

/* Add one diagnostic at file:line:col, from a va_list; returns it. */
struct diag *
diags_vadd(struct diags *d, enum diag_level level, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	struct diag	*dg;

	dg = diags_slot(d);
	dg->level = level;
	dg->file = xstrdup(file ? file : "-");
	dg->line = line;
	dg->col = col;
	dg->code = dg->fix = NULL;
	dg->end_line = dg->end_col = 0;
	xvasprintf(&dg->msg, fmt, ap);
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
	return dg;
}

/* Look for an error at one place. */
int
diags_has_error(const struct diags *d, const char *file, unsigned line,
    unsigned col)
{
	size_t	i;

	for (i = 0; i < d->n; i++) {
		if (d->v[i].level == DIAG_ERROR && d->v[i].line == line &&
		    d->v[i].col == col && strcmp(d->v[i].file, file) == 0)
			return 1;
	}
	return 0;
}

/* Turn warnings into errors. */
void
diags_promote(struct diags *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		d->v[i].level = DIAG_ERROR;
	d->errors += d->warnings;
	d->warnings = 0;
}

/* Order two diagnostics by file, line and column. */
static int
diags_cmp(const struct diag *x, const struct diag *y)
{
	int	 c;

	if ((c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return 0;
}

/* Sort by position, stable so that messages at one place keep their order;
 * one message said twice at one place (a cascade) is kept once. */
void
diags_sort(struct diags *d)
{
	struct diag	 t;
	size_t		 i, j, n;

	for (i = 1; i < d->n; i++) {
		t = d->v[i];
		for (j = i; j > 0 && diags_cmp(&d->v[j - 1], &t) > 0; j--)
			d->v[j] = d->v[j - 1];
		d->v[j] = t;
	}
	for (i = n = 0; i < d->n; i++) {
		if (n > 0 && diags_cmp(&d->v[n - 1], &d->v[i]) == 0 &&
		    strcmp(d->v[n - 1].msg, d->v[i].msg) == 0) {
			if (d->v[i].level == DIAG_ERROR)
				d->errors--;
			else
				d->warnings--;
			free(d->v[i].file);
			free(d->v[i].msg);
			free(d->v[i].code);
			free(d->v[i].fix);
			continue;
		}
		d->v[n++] = d->v[i];
	}
	d->n = n;
}

/* A copy of untrusted text (a key or value from the file, a file name) fit
 * for one line on a terminal: controls and escapes become U+FFFD, newlines
 * spaces. */
static char *
diags_safe(const char *s)
{
	return text_sanitize_line(s);
}

/* Print every diagnostic, sorted, as FILE:LINE:COL: level: message. */
void
diags_print(struct diags *d, FILE *f)
{
	size_t		 i;
	struct diag	*dg;
	char		*file, *msg;

	diags_sort(d);
	for (i = 0; i < d->n; i++) {
		dg = &d->v[i];
		file = diags_safe(dg->file);
		msg = diags_safe(dg->msg);
		fprintf(f, "%s:%u:%u: %s: %s", file, dg->line, dg->col,
		    dg->level == DIAG_ERROR ? "error" : "warning", msg);
		if (dg->code != NULL)
			fprintf(f, " [%s]", dg->code);
		fputc('\n', f);
		free(msg);
		free(file);
	}
}
