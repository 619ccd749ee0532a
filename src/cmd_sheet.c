/* cmd_sheet.c: unknot sheet: a routine as a printable homework sheet,
 * PDF or HTML, written whole or not at all. */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "calendar.h"
#include "cmd.h"
#include "library.h"
#include "sheet.h"
#include "util.h"

#define SHEET_USAGE \
	"sheet ROUTINE -o FILE [--format pdf|html] [--paper a4|letter] [-f]"

enum cmd_sheet_format { SHEET_PDF, SHEET_HTML };

struct cmd_sheet_args {
	const char		*out;
	const char		*format;
	const char		*paper;
	bool			 force;
	enum cmd_sheet_format	 fmt;
	struct sheet_info	 si;
};

/* Parse the options; 0 to go on, else an exit status + 10. */
static int
cmd_sheet_options(int argc, char **argv, struct opts *o,
    struct cmd_sheet_args *a)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'F' },
		{ "paper", required_argument, NULL, 'p' },
		{ "force", no_argument, NULL, 'f' },
		{ "plain", no_argument, NULL, 'P' },
		{ "no-sound", no_argument, NULL, 'S' },
		{ "device", required_argument, NULL, 'D' },
		{ "config", required_argument, NULL, 'C' },
		{ "volume", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	while ((ch = getopt_long(argc, argv, "o:fh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'o':
			a->out = optarg;
			break;
		case 'F':
			a->format = optarg;
			break;
		case 'p':
			a->paper = optarg;
			break;
		case 'f':
			a->force = true;
			break;
		case 'h':
			printf("usage: unknot %s\n", SHEET_USAGE);
			return 10;
		default:
			if (ch == '?' || main_global_option(ch, optarg, o) != 0)
				return 12;
		}
	}
	if (a->out == NULL || argc - optind != 1) {
		fprintf(stderr, "usage: unknot %s\n", SHEET_USAGE);
		return 12;
	}
	return 0;
}

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

/* Fill the output file: the callback of util_write_*. */
static int
cmd_sheet_write(FILE *f, void *arg, char **cause)
{
	struct cmd_sheet_args	*a = arg;

	if (a->fmt == SHEET_HTML)
		return sheet_html(f, &a->si, cause);
	return sheet_pdf(f, &a->si, cause);
}

/* unknot sheet: write a routine's homework sheet. */
int
cmd_sheet(int argc, char **argv, struct opts *o)
{
	struct cmd_sheet_args	 a;
	struct routine		*r;
	struct diags		 d;
	char			*cause = NULL;
	int			 rc;

	memset(&a, 0, sizeof a);
	if ((rc = cmd_sheet_options(argc, argv, o, &a)) != 0)
		return rc - 10;
	if (cmd_sheet_format(&a) != 0 || cmd_sheet_paper(&a) != 0)
		return 2;
	if (a.fmt == SHEET_PDF && !sheet_pdf_available()) {
		sheet_pdf(NULL, &a.si, &cause);
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return 1;
	}
	diags_init(&d);
	r = library_load(argv[optind], &d, &cause);
	diags_print(&d, stderr);
	diags_free(&d);
	if (r == NULL) {
		if (cause != NULL)
			fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return 2;
	}
	a.si.r = r;
	a.si.date = calendar_now();
	rc = (a.force ? util_write_atomic : util_write_new)(a.out,
	    cmd_sheet_write, &a, &cause);
	routine_free(r);
	if (rc != 0) {
		fprintf(stderr, "unknot: %s%s\n", cause, a.force ? "" :
		    strstr(cause, "the file exists") != NULL ?
		    " (-f replaces it)" : "");
		free(cause);
		return 1;
	}
	return 0;
}
