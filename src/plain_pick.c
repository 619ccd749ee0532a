/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain_pick.c: plain mode's picker: the routines as a numbered list, and
 * a number or an id read from a line, for a screen reader or a script. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "library.h"
#include "plain.h"
#include "text.h"
#include "ui_int.h"
#include "util.h"

/* Print the numbered list; the entry the picker would start on is named
 * as the one Enter takes. */
static void
plain_pick_list(const struct library *lib, size_t def, FILE *out)
{
	char	*t;
	size_t	 i;
	long	 s;

	fprintf(out, "Routines:\n");
	for (i = 0; i < lib->n; i++) {
		t = text_sanitize(lib->v[i].title != NULL ? lib->v[i].title :
		    lib->v[i].id);
		s = (long)(lib->v[i].seconds + 0.5);
		fprintf(out, "%zu. %s (%s), about %ld minute%s\n", i + 1, t,
		    lib->v[i].id, (s + 30) / 60 > 0 ? (s + 30) / 60 : 1,
		    (s + 30) / 60 > 1 ? "s" : "");
		free(t);
	}
	if (def < lib->n) {
		t = text_sanitize(lib->v[def].title);
		fprintf(out, "Type a number or an id, Enter alone for %zu (%s), "
		    "or q to quit.\n", def + 1, t);
		free(t);
	} else
		fprintf(out, "Type a number or an id, or q to quit.\n");
	fflush(out);
}

/* The entry a line names (a number from 1, or an id), lib->n if none. */
static size_t
plain_pick_entry(const struct library *lib, const char *line)
{
	char	*end;
	long	 n;
	size_t	 i;

	n = strtol(line, &end, 10);
	if (end != line && *end == '\0')
		return n >= 1 && (size_t)n <= lib->n ? (size_t)n - 1 : lib->n;
	for (i = 0; i < lib->n; i++)
		if (strcmp(lib->v[i].id, line) == 0)
			return i;
	return lib->n;
}

/* Read one line from in a byte at a time, so that nothing after it is
 * taken from the session that follows; false at the end. A line too long
 * is cut. */
static bool
plain_pick_line(FILE *in, char *buf, size_t size)
{
	size_t	n = 0;
	ssize_t	r;
	char	c;

	while ((r = read(fileno(in), &c, 1)) == 1 && c != '\n')
		if (n + 1 < size)
			buf[n++] = c;
	buf[n] = '\0';
	return r == 1 || n > 0;
}

/* Read lines from in until one names a routine. */
char *
plain_pick(const struct library *lib, FILE *in, FILE *out, int *status)
{
	char	 line[PLAIN_MAX_LINE + 2], *safe;
	size_t	 def, k;

	*status = 2;
	if (lib->n == 0)
		return NULL;
	def = ui_preselect(lib);
	plain_pick_list(lib, def, out);
	while (plain_pick_line(in, line, sizeof line)) {
		line[strcspn(line, "\r")] = '\0';
		if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0) {
			*status = 0;
			return NULL;
		}
		k = *line == '\0' ? def : plain_pick_entry(lib, line);
		if (k < lib->n)
			return xstrdup(lib->v[k].file);
		safe = text_sanitize(line);
		fprintf(out, "No routine '%s': type a number from 1 to %zu or "
		    "an id.\n", safe, lib->n);
		fflush(out);
		free(safe);
	}
	*status = 1;
	return NULL;
}
