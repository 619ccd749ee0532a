/* cmd.c: the routine commands: list, show, check and new. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "json.h"
#include "library.h"
#include "outfile.h"
#include "routine.h"
#include "text.h"
#include "util.h"

/* The long options every command accepts, plus its own. */
#define CMD_GLOBAL_OPTIONS						\
	{ "plain", no_argument, NULL, 'P' },				\
	{ "no-sound", no_argument, NULL, 'S' },				\
	{ "device", required_argument, NULL, 'D' },			\
	{ "config", required_argument, NULL, 'C' },			\
	{ "volume", required_argument, NULL, 'L' },			\
	{ "help", no_argument, NULL, 'h' }

/* Print a command's usage line; returns 2 for bad usage or 0 for --help. */
static int
cmd_usage(const char *usage, int status)
{
	fprintf(status ? stderr : stdout, "usage: unknot %s\n", usage);
	return status;
}

/* Common option handling: 1 to go on, else the exit status + 10. */
static int
cmd_common(int ch, struct opts *o, const char *usage)
{
	int	r;

	if (ch == 'h')
		return 10 + cmd_usage(usage, 0);
	if (ch == '?')
		return 10 + cmd_usage(usage, 2);
	if ((r = main_global_option(ch, optarg, o)) > 0)
		return 10 + r;
	return r == 0 ? 1 : 10 + cmd_usage(usage, 2);
}

/* Minutes and seconds, for tables. */
static void
cmd_duration(char *buf, size_t len, double seconds)
{
	long	s = (long)(seconds + 0.5);

	snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

/* Print a string cut or padded to width columns (ASCII-safe; wide
 * characters count by bytes only as an upper bound). */
static void
cmd_cell(const char *s, int width)
{
	char	*safe = text_sanitize(s);
	int	 w = text_width(safe);

	if (w <= width) {
		printf("%s%*s", safe, width - w, "");
	} else {
		int		 cols = 0;
		const char	*p = safe;
		char		 one[8];

		while (*p != '\0') {
			size_t n = 1;
			while ((p[n] & 0xc0) == 0x80)
				n++;
			memcpy(one, p, n);
			one[n] = '\0';
			if (cols + text_width(one) > width - 1)
				break;
			cols += text_width(one);
			fwrite(p, 1, n, stdout);
			p += n;
		}
		printf("~%*s", width - 1 - cols, "");
	}
	free(safe);
}

/* Print a last column: cut to width, without trailing blanks. */
static void
cmd_cell_trim(const char *s, int width)
{
	if (text_width(s) <= width) {
		char *safe = text_sanitize(s);
		fputs(safe, stdout);
		free(safe);
	} else
		cmd_cell(s, width);
}

/* Print the library as JSON. */
static void
cmd_list_json(const struct library *lib)
{
	size_t	i;

	printf("[");
	for (i = 0; i < lib->n; i++) {
		printf("%s\n  {\"id\": ", i ? "," : "");
		json_string(stdout, lib->v[i].id);
		printf(", \"title\": ");
		json_string(stdout, lib->v[i].title);
		printf(", \"seconds\": %.0f, \"targets\": ", lib->v[i].seconds);
		json_string(stdout, lib->v[i].targets);
		printf(", \"file\": ");
		json_string(stdout, lib->v[i].file);
		printf("}");
	}
	printf("%s]\n", lib->n ? "\n" : "");
}

/* The directory part of a file name, as a new string. */
static char *
cmd_dirname(const char *file)
{
	const char	*slash = strrchr(file, '/');

	return slash ? xstrndup(file, slash - file) : xstrdup(".");
}

/* True if a library entry's file is not simply ID.yaml. */
static int
cmd_unusual_name(const struct lib_entry *e)
{
	const char	*slash = strrchr(e->file, '/');
	const char	*base = slash ? slash + 1 : e->file;
	size_t		 n = strlen(e->id);

	return strncmp(base, e->id, n) != 0 || strcmp(base + n, ".yaml") != 0;
}

/* Print the library as a table grouped by the directory each routine came
 * from, in search path order; a file not named ID.yaml is named too. */
static void
cmd_list_table(const struct library *lib)
{
	char		**path, *dir, dur[32];
	size_t		  i, p;
	int		  here, header;

	path = library_path();
	for (p = 0; path[p] != NULL; p++) {
		header = 0;
		for (i = 0; i < lib->n; i++) {
			dir = cmd_dirname(lib->v[i].file);
			here = strcmp(dir, path[p]) == 0;
			free(dir);
			if (!here)
				continue;
			if (!header) {
				printf("%s%s:\n", p ? "\n" : "", path[p]);
				printf("  %-22s %-28s %5s  %s\n", "ID", "TITLE",
				    "TIME", "TARGETS");
				header = 1;
			}
			printf("  ");
			cmd_cell(lib->v[i].id, 22);
			putchar(' ');
			cmd_cell(lib->v[i].title, 28);
			cmd_duration(dur, sizeof dur, lib->v[i].seconds);
			printf(" %5s", dur);
			if (*lib->v[i].targets != '\0' ||
			    cmd_unusual_name(&lib->v[i]))
				printf("  ");
			if (cmd_unusual_name(&lib->v[i])) {
				cmd_cell(lib->v[i].targets, 17);
				printf("  (%s)", lib->v[i].file);
			} else
				cmd_cell_trim(lib->v[i].targets, 17);
			putchar('\n');
		}
	}
	library_free_path(path);
}

/* unknot list: the routines on the search path. */
int
cmd_list(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "ids", no_argument, NULL, 'i' },
		CMD_GLOBAL_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*usage = "list [--json | --ids]";
	struct library	 lib;
	struct diags	 d;
	size_t		 i;
	int		 ch, r, ids = 0;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (ch == 'j')
			o->json = true;
		else if (ch == 'i')
			ids = 1;
		else if ((r = cmd_common(ch, o, usage)) != 1)
			return r - 10;
	}
	if (optind != argc)
		return cmd_usage(usage, 2);
	diags_init(&d);
	library_scan(&lib, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (o->json)
		cmd_list_json(&lib);
	else if (ids) {
		for (i = 0; i < lib.n; i++)
			printf("%s\n", lib.v[i].id);
	} else if (lib.n == 0)
		printf("No routines found. Put routine files in "
		    "~/.local/share/unknot/routines or set UNKNOT_PATH.\n");
	else
		cmd_list_table(&lib);
	library_free(&lib);
	return 0;
}

/* Print a labelled list of strings, if it has any. */
static void
cmd_show_list(const char *label, char **v, unsigned n, const char *sep)
{
	unsigned	 i;
	char		*s;

	if (n == 0)
		return;
	printf("%s", label);
	for (i = 0; i < n; i++) {
		s = text_sanitize(v[i]);
		printf("%s%s", i ? sep : "", s);
		free(s);
	}
	printf("\n");
}

/* Print one labelled string, if set. */
static void
cmd_show_field(const char *indent, const char *label, const char *v)
{
	char	*s;

	if (v == NULL)
		return;
	s = text_sanitize(v);
	printf("%s%s%s\n", indent, label, s);
	free(s);
}

/* What a step does in a few words: length, sides, pattern. */
static void
cmd_show_step(const struct routine *r, unsigned i)
{
	const struct rt_step	*st = &r->steps[i];
	char			 dur[32], *title;

	cmd_duration(dur, sizeof dur, routine_step_seconds(r, st));
	title = text_sanitize(routine_step_title(st));
	printf("%2u. %-8s %-40s %6s", i + 1, routine_kind_name(st->kind),
	    title, dur);
	free(title);
	if (st->kind == RT_HOLD)
		printf("  %us hold (up to %us)", st->seconds, st->max_seconds);
	if (st->kind == RT_EXERCISE)
		printf("  %u x %u reps", st->sets, st->reps);
	if (st->kind == RT_BREATHE)
		printf("  %u x %s", st->cycles, st->pattern);
	if (st->sides == (RT_SIDE_LEFT | RT_SIDE_RIGHT))
		printf(", left then right");
	else if (st->sides == RT_SIDE_LEFT)
		printf(", left side");
	else if (st->sides == RT_SIDE_RIGHT)
		printf(", right side");
	printf("\n");
	cmd_show_field("      ", "Point: ", st->point);
	cmd_show_field("      ", "Refers to: ", st->referral);
	cmd_show_field("      ", "", st->text);
}

/* unknot show: a routine's steps and notes. */
int
cmd_show(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		CMD_GLOBAL_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*usage = "show ROUTINE";
	struct routine	*r;
	struct diags	 d;
	char		*cause = NULL, dur[32];
	unsigned	 i;
	int		 ch, rv;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if ((rv = cmd_common(ch, o, usage)) != 1)
			return rv - 10;
	}
	if (optind != argc - 1)
		return cmd_usage(usage, 2);
	diags_init(&d);
	if ((r = library_load(argv[optind], &d, &cause)) == NULL) {
		if (cause != NULL)
			fprintf(stderr, "unknot: %s\n", cause);
		diags_print(&d, stderr);
		diags_free(&d);
		free(cause);
		return 2;
	}
	diags_print(&d, stderr);
	diags_free(&d);
	cmd_duration(dur, sizeof dur, routine_seconds(r));
	cmd_show_field("", "", r->title);
	printf("id: %s, %s long, %u steps\n", r->id, dur, r->n_steps);
	cmd_show_field("", "", r->summary);
	cmd_show_list("Targets: ", r->targets, r->n_targets, ", ");
	cmd_show_list("Relieves: ", r->relieves, r->n_relieves, ", ");
	cmd_show_list("Tools: ", r->tools, r->n_tools, ", ");
	cmd_show_field("", "Author: ", r->author);
	cmd_show_field("", "Assigned to: ", r->assigned_to);
	if (r->per_week != 0)
		printf("Frequency: %u times a week%s%.0u%s\n", r->per_week,
		    r->weeks ? " for " : "", r->weeks, r->weeks ? " weeks" : "");
	cmd_show_field("", "Notes: ", r->notes);
	printf("Discomfort: aim for %u to %u out of 10; ease off at %u.\n",
	    r->target_lo, r->target_hi, r->ease_off_at);
	cmd_show_list("Safety:\n  - ", r->safety, r->n_safety, "\n  - ");
	printf("\nSteps:\n");
	for (i = 0; i < r->n_steps; i++)
		cmd_show_step(r, i);
	cmd_show_list("\nAftercare:\n  - ", r->aftercare, r->n_aftercare,
	    "\n  - ");
	routine_free(r);
	return 0;
}

/* unknot check: validate files; silent when clean. */
int
cmd_check(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "keys", no_argument, NULL, 'k' },
		{ "config-keys", no_argument, NULL, 'c' },
		CMD_GLOBAL_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*usage = "check FILE...";
	struct routine	*r;
	struct diags	 d;
	int		 ch, rv, i, status = 0;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (ch == 'k') {
			routine_print_keys(stdout);
			return 0;
		}
		if (ch == 'c') {
			settings_print_keys(stdout);
			return 0;
		}
		if ((rv = cmd_common(ch, o, usage)) != 1)
			return rv - 10;
	}
	if (optind >= argc)
		return cmd_usage(usage, 2);
	for (i = optind; i < argc; i++) {
		diags_init(&d);
		r = routine_load(argv[i], &d);
		diags_print(&d, stderr);
		if (r == NULL || d.errors != 0)
			status = 2;
		routine_free(r);
		diags_free(&d);
	}
	return status;
}

static const char cmd_template[] =
"# yaml-language-server: $schema=unknot-routine.schema.json\n"
"# An unknot routine. Check it with: unknot check FILE\n"
"# The whole format is described in unknot-routine(5).\n"
"unknot: 1                         # format version\n"
"id: my-routine                    # lower-case letters, digits and '-'\n"
"title: My routine\n"
"summary: What this routine is for, in one or two sentences.\n"
"targets: [upper trapezius]        # muscles worked\n"
"relieves: [tension headache]\n"
"tools: [tennis ball, wall]\n"
"safety:\n"
"  - Stop if you feel numbness, tingling, or sharp, shooting or burning pain.\n"
"  - No pressure on the front or side of the throat, over varicose veins,\n"
"    bruises or recent injuries.\n"
"# Homework fields, all optional:\n"
"# author: \"A. Therapist, LMT\"\n"
"# assigned_to: \"Client name\"\n"
"# frequency: {per_week: 3, weeks: 2}\n"
"# notes: \"Focus on the left side.\"\n"
"discomfort: {target: [4, 7], ease_off_at: 8}   # 0-10 scale\n"
"patterns:                         # your own breathing patterns (seconds)\n"
"  - {name: easy, inhale: 4, exhale: 6}\n"
"steps:\n"
"  - warmup:\n"
"      title: Warm up the area\n"
"      text: Broad, gentle strokes over the muscle with your hand.\n"
"      seconds: 60\n"
"  - hold:\n"
"      title: Upper trapezius\n"
"      point: Halfway between the neck and the tip of the shoulder.\n"
"      referral: Up the side of the neck to the temple.\n"
"      text: Lean into the ball against a wall. Breathe slowly.\n"
"      seconds: 30                 # 10 to 60 is the usual range\n"
"      max_seconds: 60\n"
"      sides: [left, right]\n"
"      breathing: easy             # or box, resonance, 4-7-8, long-exhale, slow\n"
"      rate_every: 15              # ask for a 0-10 rating this often\n"
"      setup: 8                    # seconds to find the point first\n"
"  - release:\n"
"      text: Soft strokes over the area to let it settle.\n"
"      seconds: 30\n"
"  - breathe: {pattern: resonance, cycles: 4}\n"
"switch_seconds: 5                 # pause to change sides\n"
"aftercare:                        # added to the standard aftercare\n"
"  - Gentle shoulder rolls this evening.\n";

/* Write the template, for outfile_write(). */
static int
cmd_new_fill(FILE *f, void *arg, char **cause)
{
	(void)arg;
	(void)cause;
	fputs(cmd_template, f);
	return 0;
}

/* unknot new: write a template routine. */
int
cmd_new(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		CMD_GLOBAL_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	const char	*usage = "new [-f] [-o FILE]", *out = NULL;
	char		*cause = NULL;
	int		 ch, rv, force = 0;

	while ((ch = getopt_long(argc, argv, "ho:f", longopts, NULL)) != -1) {
		if (ch == 'o')
			out = optarg;
		else if (ch == 'f')
			force = 1;
		else if ((rv = cmd_common(ch, o, usage)) != 1)
			return rv - 10;
	}
	if (optind != argc)
		return cmd_usage(usage, 2);
	if (outfile_write(out != NULL ? out : "-", force ? 0 : OUTFILE_NEW,
	    cmd_new_fill, NULL, &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return 1;
	}
	return 0;
}
