/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_routine.c: the commands on routine files: list, show, check and
 * new. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "bodymap.h"
#include "calendar.h"
#include "cmd.h"
#include "cmd_progress.h"
#include "diag_json.h"
#include "handout.h"
#include "json.h"
#include "library.h"
#include "outfile.h"
#include "routine.h"
#include "sign.h"
#include "text.h"
#include "util.h"
#include "voice.h"
#include "voice.h"

/* Minutes and seconds, for tables. */
static void
cmd_duration(char *buf, size_t len, double seconds)
{
	long	s = (long)(seconds + 0.5);

	snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

/* Print a string cut or padded to width columns. */
static void
cmd_cell(const char *s, int width)
{
	text_cell(stdout, s, width);
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
	struct json	j;
	size_t		i;

	json_init(&j, stdout, 1);
	json_array(&j);
	for (i = 0; i < lib->n; i++) {
		json_object(&j);
		json_key(&j, "id");
		json_str(&j, lib->v[i].id);
		json_key(&j, "title");
		json_str(&j, lib->v[i].title);
		json_key(&j, "seconds");
		json_real(&j, lib->v[i].seconds, 0);
		json_key(&j, "targets");
		json_str(&j, lib->v[i].targets);
		json_key(&j, "file");
		json_str(&j, lib->v[i].file);
		json_end(&j);
	}
	json_end(&j);
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

/* Columns for a table: $COLUMNS if set, else the terminal's width, else
 * 80. */
static int
cmd_columns(void)
{
	struct winsize	 ws;
	const char	*s = getenv("COLUMNS");
	char		*end;
	long		 v;

	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtol(s, &end, 10);
		if (errno == 0 && *end == '\0' && v > 0 && v < 10000)
			return (int)v;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Widths of the ID, TITLE and TARGETS columns in a table cols wide: ids
 * whole, titles whole when the targets keep 12 columns, the targets
 * what is left (0: left out). */
static void
cmd_list_widths(const struct library *lib, int cols, int *idw, int *tw,
    int *gw)
{
	size_t	i;
	int	maxt = 5, rest;

	*idw = 2;
	for (i = 0; i < lib->n; i++) {
		if (text_width(lib->v[i].id) > *idw)
			*idw = text_width(lib->v[i].id);
		if (text_width(lib->v[i].title) > maxt)
			maxt = text_width(lib->v[i].title);
	}
	if (*idw > 32)
		*idw = 32;
	/* "  ID TITLE TIME  TARGETS" */
	rest = cols - 2 - *idw - 1 - 1 - 5 - 2;
	if (rest >= maxt + 12)
		*tw = maxt;
	else
		*tw = rest * 60 / 100;
	if (*tw < 10)
		*tw = 10;
	*gw = rest - *tw;
	if (*gw < 8) {
		*gw = 0;
		*tw = rest + 2 > 10 ? rest + 2 : 10;
	}
}

/* Order entries by id. */
static int
cmd_by_id(const void *a, const void *b)
{
	return strcmp(((const struct lib_entry *)a)->id,
	    ((const struct lib_entry *)b)->id);
}

/* One row of the table: the file is named when it is not ID.yaml. */
static void
cmd_list_row(const struct lib_entry *e, int idw, int tw, int gw)
{
	char	*safe, dur[32];

	printf("  ");
	cmd_cell(e->id, idw);
	putchar(' ');
	cmd_cell(e->title, tw);
	cmd_duration(dur, sizeof dur, e->seconds);
	printf(" %5s", dur);
	if ((gw > 0 && *e->targets != '\0') || cmd_unusual_name(e))
		printf("  ");
	if (cmd_unusual_name(e)) {
		if (gw > 0)
			cmd_cell(e->targets, gw);
		safe = text_sanitize_line(e->file);
		printf("%s(%s)", gw > 0 ? "  " : "", safe);
		free(safe);
	} else if (gw > 0)
		cmd_cell_trim(e->targets, gw);
	putchar('\n');
}

/* Print the library as a table grouped by the directory each routine came
 * from, in search path order, as wide as the terminal. */
static void
cmd_list_table(const struct library *lib)
{
	char		**path, *dir, *safe;
	size_t		  i, p;
	int		  here, header, idw, tw, gw;

	cmd_list_widths(lib, cmd_columns(), &idw, &tw, &gw);
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
				safe = text_sanitize_line(path[p]);
				printf("%s%s:\n", p ? "\n" : "", safe);
				free(safe);
				printf("  %-*s %-*s %5s%s\n", idw, "ID", tw,
				    "TITLE", "TIME", gw > 0 ? "  TARGETS" : "");
				header = 1;
			}
			cmd_list_row(&lib->v[i], idw, tw, gw);
		}
	}
	library_free_path(path);
}

/* unknot list: the routines on the search path. */
int
cmd_list(const struct cmd_args *a, struct opts *o)
{
	struct library	 lib;
	struct diags	 d;
	size_t		 i;
	const char	*sort = cmd_arg(a, "sort");
	bool		 ids = cmd_has(a, "ids");

	if (cmd_has(a, "json"))
		o->json = true;
	if (sort != NULL && strcmp(sort, "id") != 0 &&
	    strcmp(sort, "title") != 0) {
		fprintf(stderr, "unknot: --sort takes id or title, not '%s'\n",
		    sort);
		return cmd_usage(cmd_find("list"));
	}
	diags_init(&d);
	library_scan(&lib, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if ((sort == NULL || strcmp(sort, "id") == 0) && lib.n > 1)
		qsort(lib.v, lib.n, sizeof *lib.v, cmd_by_id);	/* by title */
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

/* "left" or "right". */
static const char *
cmd_side_word(unsigned side)
{
	return side == RT_SIDE_RIGHT ? "right" : "left";
}

/* What a step does in a few words: length, sides, pattern. */
static void
cmd_show_step(const struct routine *r, unsigned i)
{
	const struct rt_step	*st = &r->steps[i];
	char			 dur[32], *title;
	unsigned		 a = routine_first_side(st);
	unsigned		 b = a ^ (RT_SIDE_LEFT | RT_SIDE_RIGHT);

	cmd_duration(dur, sizeof dur, routine_step_seconds(r, st));
	title = text_sanitize(routine_step_title(st));
	printf("%2u. %-8s %-40s %6s", i + 1, routine_kind_name(st->kind),
	    title, dur);
	free(title);
	if (st->kind == RT_HOLD && routine_per_side(st))
		printf("  %s %us, %s %us hold (up to %us)", cmd_side_word(a),
		    routine_side_seconds(st, a), cmd_side_word(b),
		    routine_side_seconds(st, b), st->max_seconds);
	else if (st->kind == RT_HOLD)
		printf("  %us hold (up to %us)", st->seconds, st->max_seconds);
	if (st->kind == RT_STRETCH && routine_per_side(st))
		printf("  %s %us, %s %us", cmd_side_word(a),
		    routine_side_seconds(st, a), cmd_side_word(b),
		    routine_side_seconds(st, b));
	if (st->kind == RT_EXERCISE)
		printf("  %u x %u reps", st->sets, st->reps);
	if (st->kind == RT_BREATHE)
		printf("  %u x %s", st->cycles, st->pattern);
	if (st->kind == RT_RELEASE && st->after == RT_AFTER_EACH)
		printf(", after each side of the hold");
	else if (st->sides == (RT_SIDE_LEFT | RT_SIDE_RIGHT))
		printf(", %s then %s", cmd_side_word(a), cmd_side_word(b));
	else if (st->sides == RT_SIDE_LEFT)
		printf(", left side");
	else if (st->sides == RT_SIDE_RIGHT)
		printf(", right side");
	printf("\n");
	cmd_show_field("      ", "Point: ", st->point);
	cmd_show_field("      ", "Refers to: ", st->referral);
	if (st->where != NULL)
		bodymap_show(st->where, (int)st->sides, "      ", stdout);
	cmd_show_field("      ", "", st->text);
}

/* unknot show: a routine's steps and notes. */
int
cmd_show(const struct cmd_args *a, struct opts *o)
{
	const char	*format = cmd_arg(a, "format");
	struct routine	*r;
	char		 dur[32], *sig;
	unsigned	 i;

	(void)o;
	if (format != NULL && strcmp(format, "markdown") != 0 &&
	    strcmp(format, "text") != 0) {
		fprintf(stderr, "unknot: --format: expected text or markdown, "
		    "not '%s'\n", format);
		return 2;
	}
	if ((r = cmd_load(a->argv[0])) == NULL)
		return 2;
	if (format != NULL && strcmp(format, "markdown") == 0) {
		handout_markdown(stdout, r);
		routine_free(r);
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	}
	cmd_duration(dur, sizeof dur, routine_seconds(r));
	cmd_show_field("", "", r->title);
	printf("id: %s, %s long, %u steps\n", r->id, dur, r->n_steps);
	cmd_show_field("", "", r->summary);
	cmd_show_list("Targets: ", r->targets, r->n_targets, ", ");
	cmd_show_list("Relieves: ", r->relieves, r->n_relieves, ", ");
	cmd_show_list("Tools: ", r->tools, r->n_tools, ", ");
	cmd_show_field("", "Author: ", r->author);
	cmd_show_field("", "Assigned to: ", r->assigned_to);
	cmd_show_field("", "Contact: ", r->contact);
	sig = sign_summary(r->file, calendar_now());
	cmd_show_field("", "Signature: ", sig);
	free(sig);
	if (r->per_week != 0)
		printf("Frequency: %u times a week%s%.0u%s%s%s\n", r->per_week,
		    r->weeks ? " for " : "", r->weeks, r->weeks ? " weeks" : "",
		    r->start ? ", from " : "", r->start ? r->start : "");
	cmd_show_field("", "Notes: ", r->notes);
	cmd_progress_show(r);
	printf("Discomfort: aim for %u to %u out of 10; ease off at %u.\n",
	    r->target_lo, r->target_hi, r->ease_off_at);
	cmd_show_list("Safety:\n  - ", r->safety, r->n_safety, "\n  - ");
	printf("\nSteps:\n");
	for (i = 0; i < r->n_steps; i++)
		cmd_show_step(r, i);
	cmd_show_list("\nAftercare after holds, instead of the standard:\n"
	    "  - ", r->replace_aftercare.pressure,
	    r->replace_aftercare.n_pressure, "\n  - ");
	cmd_show_list("\nAftercare after exercises, instead of the "
	    "standard:\n  - ", r->replace_aftercare.exercise,
	    r->replace_aftercare.n_exercise, "\n  - ");
	cmd_show_list("\nAftercare after breathing only, instead of the "
	    "standard:\n  - ", r->replace_aftercare.breathing,
	    r->replace_aftercare.n_breathing, "\n  - ");
	cmd_show_list("\nAftercare:\n  - ", r->aftercare, r->n_aftercare,
	    "\n  - ");
	routine_free(r);
	return 0;
}

/* 1 for check --format json, 0 for text, -1 after saying it is neither. */
static int
cmd_check_format(const char *arg)
{
	if (arg == NULL || strcmp(arg, "text") == 0)
		return 0;
	if (strcmp(arg, "json") == 0)
		return 1;
	fprintf(stderr, "unknot: --format: expected text or json, not "
	    "'%s'\n", arg);
	return -1;
}

/* unknot check: validate files; silent when clean. */
int
cmd_check(const struct cmd_args *a, struct opts *o)
{
	struct routine	*r;
	struct diags	 d;
	size_t		 n = 0;
	int		 i, status = 0, json;
	bool		 strict = cmd_has(a, "strict");

	(void)o;
	if ((json = cmd_check_format(cmd_arg(a, "format"))) < 0)
		return 2;
	if ((cmd_has(a, "keys") || cmd_has(a, "config-keys")) &&
	    (a->argc > 0 || (cmd_has(a, "keys") &&
	    cmd_has(a, "config-keys")))) {
		fprintf(stderr, "unknot: check: --keys and --config-keys "
		    "take no file, and only one of them\n");
		return cmd_usage(cmd_find("check"));
	}
	if (cmd_has(a, "keys")) {
		routine_print_keys(stdout);
		return 0;
	}
	if (cmd_has(a, "config-keys")) {
		settings_print_keys(stdout);
		return 0;
	}
	if (a->argc == 0) {
		fprintf(stderr, "unknot: check: FILE is missing (a routine "
		    "file to check)\n");
		return cmd_usage(cmd_find("check"));
	}
	if (json)
		fputc('[', stdout);
	for (i = 0; i < a->argc; i++) {
		diags_init(&d);
		r = routine_load_flags(a->argv[i], ROUTINE_NO_HASH, &d);
		if (r != NULL)
			voice_check_clips(r, &d);
		if (strict)
			diags_promote(&d);
		if (json)
			diag_json_print(stdout, &d, &n);
		else
			diags_print(&d, stderr);
		if (r == NULL || d.errors != 0)
			status = 2;
		routine_free(r);
		diags_free(&d);
	}
	if (json)
		printf("%s]\n", n ? "\n" : "");
	if (fflush(stdout) != 0)
		return 1;
	return status;
}

const char cmd_template[] =
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
"# contact: \"020 7946 0000, Monday to Friday, 9 to 5\"\n"
"# frequency: {per_week: 3, weeks: 2, start: 2026-12-07}  # start: optional\n"
"# notes: \"Work the left side a little longer.\"  # see the hold's seconds\n"
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
"      where:                      # on the body map, mirrored for the other side\n"
"        view: back                # or front\n"
"        x: 0.37                   # 0 left edge of the figure, 1 right edge\n"
"        y: 0.205                  # 0 top of the head, 1 the soles\n"
"        area:                     # the referral area, shaded\n"
"          - {x: 0.47, y: 0.15, r: 0.03}\n"
"      text: Lean into the ball against a wall. Breathe slowly.\n"
"      seconds: 30                 # 10 to 60 is the usual range; or per side,\n"
"                                  # {left: 45, right: 30}: the left longer\n"
"      max_seconds: 60\n"
"      sides: [left, right]\n"
"      breathing: easy             # or box, resonance, 4-7-8, long-exhale, slow\n"
"      rate_every: 15              # ask for a 0-10 rating this often\n"
"      setup: 8                    # seconds to find the point first\n"
"  - release:\n"
"      text: Soft strokes over the area to let it settle.\n"
"      seconds: 30\n"
"      after: each side            # straight after each side's hold; or\n"
"                                  # both sides: once both are held\n"
"  - breathe: {pattern: resonance, cycles: 4}\n"
"switch_seconds: 5                 # pause to change sides\n"
"aftercare:                        # added to the standard aftercare\n"
"  - Gentle shoulder rolls this evening.\n"
"# checkins:                        # reminders after a session (remind)\n"
"#   - {hours: 72, text: \"How is the shoulder three days on?\"}\n"
"# standard_checkins: false         # only yours, not water and soreness\n"
"# replace_aftercare:               # your own lines instead of the standard\n"
"#   pressure:                      # after holds; also exercise, breathing\n"
"#     - Drink some water; ice the area this evening, no stretching today.\n"
"# How it grows, week by week (see unknot-routine(5)):\n"
"# progression:\n"
"#   weeks:                        # holds of 20 s, then 30, then 45\n"
"#     - {hold: 20}\n"
"#     - {hold: 30}\n"
"#     - {hold: 45}\n"
"#   advance: {sessions: 3, median_at_most: 4}  # median of the last 3\n"
"#   step_back: {rating_at_least: 8, stopped: true}\n";

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
cmd_new(const struct cmd_args *a, struct opts *o)
{
	const char	*out = cmd_arg(a, "output");
	char		*cause = NULL;

	(void)o;
	if (outfile_write(out != NULL ? out : "-", cmd_has(a, "force") ? 0 :
	    OUTFILE_NEW,
	    cmd_new_fill, NULL, &cause) != 0) {
		return cmd_fail(cause, 1);
	}
	return 0;
}
