/* SPDX-License-Identifier: GPL-3.0-or-later */
/* json.c: writing JSON values, and the emitter every JSON writer uses. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <locale.h>
#include <math.h>
#include <string.h>

#include "json.h"
#include "text.h"

/* Write a JSON string: quotes, backslashes and controls escaped (C1 and
 * bidirectional controls too, so that the output is safe on a terminal),
 * bytes that are not UTF-8 (file names) as U+FFFD. */
void
json_string(FILE *f, const char *s)
{
	size_t		 len, i, n;
	uint32_t	 c;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	fputc('"', f);
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		if ((n = text_next(s + i, len - i, &c)) == 0) {
			fputs("\\ufffd", f);
			n = 1;
			continue;
		}
		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (text_is_control(c))
				fprintf(f, "\\u%04x", (unsigned)c);
			else
				fwrite(s + i, 1, n, f);
			break;
		}
	}
	fputc('"', f);
}

/* Start writing to f. */
void
json_init(struct json *j, FILE *f, unsigned lines)
{
	memset(j, 0, sizeof *j);
	j->f = f;
	j->lines = lines;
}

/* From now on, containers down to depth lines have their members on lines
 * of their own; the depth it was. */
unsigned
json_lines(struct json *j, unsigned lines)
{
	unsigned	old = j->lines;

	j->lines = lines;
	return old;
}

/* Write the indent of a line at depth d. */
static void
json_indent(struct json *j, unsigned d)
{
	fputc('\n', j->f);
	while (d-- > 0)
		fputs("  ", j->f);
}

/* The separator and layout before a value or a key. */
static void
json_before(struct json *j)
{
	if (j->key) {
		j->key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (j->any[j->depth])
		fputc(',', j->f);
	if (j->depth <= j->lines)
		json_indent(j, j->depth);
	else if (j->any[j->depth])
		fputc(' ', j->f);
	j->any[j->depth] = true;
}

/* Open a container: '{' or '['. */
static void
json_open(struct json *j, int c)
{
	json_before(j);
	fputc(c, j->f);
	if (j->depth == JSON_DEPTH)
		return;
	j->depth++;
	j->open[j->depth] = (char)c;
	j->any[j->depth] = false;
}

/* Open an object. */
void
json_object(struct json *j)
{
	json_open(j, '{');
}

/* Open an array. */
void
json_array(struct json *j)
{
	json_open(j, '[');
}

/* Close the innermost container; at depth 0, end the line. */
void
json_end(struct json *j)
{
	if (j->depth == 0)
		return;
	if (j->any[j->depth] && j->depth <= j->lines)
		json_indent(j, j->depth - 1);
	fputc(j->open[j->depth] == '{' ? '}' : ']', j->f);
	j->depth--;
	if (j->depth == 0)
		fputc('\n', j->f);
}

/* The key of the next member of an object. */
void
json_key(struct json *j, const char *k)
{
	json_before(j);
	json_string(j->f, k);
	fputs(": ", j->f);
	j->key = true;
}

/* A string value; NULL is null. */
void
json_str(struct json *j, const char *s)
{
	json_before(j);
	json_string(j->f, s);
}

/* An integer value. */
void
json_int(struct json *j, long long v)
{
	json_before(j);
	fprintf(j->f, "%lld", v);
}

/* A real in the C locale, whatever LC_NUMERIC says; NaN and infinities
 * are not JSON: null. */
void
json_real(struct json *j, double v, int decimals)
{
	static locale_t	 c;
	locale_t	 old;

	json_before(j);
	if (!isfinite(v)) {
		fputs("null", j->f);
		return;
	}
	if (c == (locale_t)0)
		c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	old = c != (locale_t)0 ? uselocale(c) : (locale_t)0;
	fprintf(j->f, "%.*f", decimals, v);
	if (old != (locale_t)0)
		uselocale(old);
}

/* true or false. */
void
json_bool(struct json *j, bool v)
{
	json_before(j);
	fputs(v ? "true" : "false", j->f);
}

/* null. */
void
json_null(struct json *j)
{
	json_before(j);
	fputs("null", j->f);
}

/* -1 if writing failed, else 0. */
int
json_error(const struct json *j)
{
	return ferror(j->f) ? -1 : 0;
}
