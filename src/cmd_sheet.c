/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_sheet.c: unknot sheet: a routine as a printable homework sheet,
 * PDF or HTML, written whole or not at all. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cmd.h"
#include "library.h"
#include "outfile.h"
#include "sheet.h"

enum cmd_sheet_format { SHEET_PDF, SHEET_HTML };

struct cmd_sheet_args {
	const char		*out;
	const char		*format;
	const char		*paper;
	enum cmd_sheet_format	 fmt;
	struct sheet_info	 si;
};

/* Whether s ends in suffix, ignoring case. */
static bool
cmd_sheet_ends(const char *s, const char *suffix)
{
	size_t	n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* The format: as given, else from the file name, else PDF. */
static int
cmd_sheet_format(struct cmd_sheet_args *a)
{
	if (a->format == NULL)
		a->fmt = cmd_sheet_ends(a->out, ".html") ||
		    cmd_sheet_ends(a->out, ".htm") ? SHEET_HTML : SHEET_PDF;
	else if (strcmp(a->format, "pdf") == 0)
		a->fmt = SHEET_PDF;
	else if (strcmp(a->format, "html") == 0)
		a->fmt = SHEET_HTML;
	else {
		fprintf(stderr, "unknot: --format must be pdf or html, not "
		    "'%s'\n", a->format);
		return -1;
	}
	return 0;
}

/* Whether the locale's paper is US Letter (216 mm wide). */
static bool
cmd_sheet_locale_letter(void)
{
#ifdef __GLIBC__
	union {
		const char	*s;
		uintptr_t	 w;
	} u;

	u.s = nl_langinfo(_NL_PAPER_WIDTH);
	return (unsigned)u.w == 216;
#else
	return false;
#endif
}

/* The paper: as given, else the locale's (LC_PAPER), else A4. */
static int
cmd_sheet_paper(struct cmd_sheet_args *a)
{
	bool	letter;

	if (a->paper == NULL)
		letter = cmd_sheet_locale_letter();
	else if (strcasecmp(a->paper, "a4") == 0)
		letter = false;
	else if (strcasecmp(a->paper, "letter") == 0)
		letter = true;
	else {
		fprintf(stderr, "unknot: --paper must be a4 or letter, not "
		    "'%s'\n", a->paper);
		return -1;
	}
	a->si.paper_w = letter ? SHEET_LETTER_W : SHEET_A4_W;
	a->si.paper_h = letter ? SHEET_LETTER_H : SHEET_A4_H;
	return 0;
}

/* Fill the output file, for outfile_write(). */
static int
cmd_sheet_write(FILE *f, void *arg, char **cause)
{
	struct cmd_sheet_args	*a = arg;

	if (a->fmt == SHEET_HTML)
		return sheet_html(f, &a->si, cause);
	return sheet_pdf(f, &a->si, cause);
}

/* unknot sheet ROUTINE -o FILE: write a routine's homework sheet. */
int
cmd_sheet(const struct cmd_args *args, struct opts *o)
{
	struct cmd_sheet_args	 a;
	struct routine		*r;
	char			*cause = NULL;
	int			 rc;

	(void)o;
	memset(&a, 0, sizeof a);
	a.out = cmd_arg(args, "output");
	a.format = cmd_arg(args, "format");
	a.paper = cmd_arg(args, "paper");
	if (a.out == NULL) {
		fprintf(stderr, "unknot: sheet: -o FILE is missing (the "
		    "sheet to write)\n");
		return cmd_usage(cmd_find("sheet"));
	}
	if (cmd_sheet_format(&a) != 0 || cmd_sheet_paper(&a) != 0)
		return 2;
	if (a.fmt == SHEET_PDF && !sheet_pdf_available()) {
		sheet_pdf(NULL, &a.si, &cause);
		return cmd_fail(cause, 1);
	}
	r = cmd_load(args->argv[0]);
	if (r == NULL)
		return 2;
	a.si.r = r;
	a.si.date = calendar_now();
	rc = outfile_write(a.out, cmd_has(args, "force") ? 0 : OUTFILE_NEW,
	    cmd_sheet_write, &a, &cause);
	routine_free(r);
	if (rc != 0) {
		return cmd_fail(cause, 1);
	}
	return 0;
}
