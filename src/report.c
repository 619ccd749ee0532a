/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.c: `unknot report`: the table of formats and the report written
 * in one of them. What a report says is report_model.c's; each format is
 * written by its own module. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "report.h"
#include "report_model.h"
#include "util.h"

/* The formats, by enum report_format. */
static const struct report_writer report_writers[] = {
	[REPORT_TEXT] = { "text", report_text },
	[REPORT_MARKDOWN] = { "markdown", report_markdown },
	[REPORT_CSV] = { "csv", report_csv },
	[REPORT_JSON] = { "json", report_json },
	[REPORT_HTML] = { "html", report_html },
	[REPORT_FHIR] = { "fhir", report_fhir },
};
_Static_assert(sizeof report_writers / sizeof report_writers[0] ==
    REPORT_NFORMATS, "a writer for every format");

/* Parse a report format name. */
int
report_parse_format(const char *s, enum report_format *f)
{
	size_t	i;

	for (i = 0; i < nitems(report_writers); i++) {
		if (strcmp(s, report_writers[i].name) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	}
	return -1;
}

/* The format names: "text, markdown, csv or json". */
char *
report_format_names(void)
{
	char	*s, *t;
	size_t	 i;

	s = xstrdup(report_writers[0].name);
	for (i = 1; i < nitems(report_writers); i++) {
		xasprintf(&t, "%s%s%s", s, i + 1 == nitems(report_writers) ?
		    " or " : ", ", report_writers[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* Write the report in the format asked for. */
int
report_write(FILE *f, struct history *h, const struct report_opts *o,
    char **cause)
{
	struct hist_routine	*r;
	struct report_ctx	 c;
	size_t			 n, i;
	int			 rv = 0;

	if ((unsigned)o->format >= REPORT_NFORMATS)
		fatalx("report format %d", (int)o->format);
	memset(&c, 0, sizeof c);
	c.f = f;
	c.h = h;
	c.o = o;
	rv = report_model_gather_all(h, o, &r, &n, &c.v, &c.n, cause);
	if (rv == 0)
		rv = report_writers[o->format].write(&c, cause);
	for (i = 0; i < c.n; i++)
		report_model_free(&c.v[i]);
	free(c.v);
	history_routines_free(r, n);
	return rv;
}
