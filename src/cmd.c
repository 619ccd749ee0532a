/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.c: the command table, the global options and the one option parser
 * every command goes through, help and version. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curses.h>
#include <cyaml/cyaml.h>
#include <samplerate.h>
#include <sndfile.h>
#include <sqlite3.h>
#include <yaml.h>
#ifdef HAVE_PORTAUDIO
#include <portaudio.h>
#endif
#ifdef HAVE_SODIUM
#include <sodium.h>
#endif

#include "cmd.h"
#include "errout.h"
#include "library.h"
#include "outfile.h"
#include "plain.h"
#include "schema.h"
#include "util.h"
#include "voice.h"

/* getopt_long values of the global options; the command's own options
 * get CMD_OWN + their index. */
enum {
	CMD_PLAIN = 'P', CMD_NO_SOUND = 'S', CMD_DEVICE = 'D',
	CMD_CONFIG = 'C', CMD_VOLUME = 'L', CMD_HELP = 'h', CMD_VERSION = 'V',
	CMD_VOICE = 'O',
	CMD_OWN = 1000
};

const struct cmd_global cmd_global_options[] = {
	{ { "plain", 0, "[=MODES]", "lines for a screen reader, no screen "
	    "drawing; MODES, comma-separated: events (one machine-readable "
	    "line per event), breath, timestamps, voice (what the voice "
	    "says)" }, CMD_PLAIN },
	{ { "no-sound", 0, NULL, "visual cues only" }, CMD_NO_SOUND },
	{ { "device", 0, "NAME", "sound output device (see 'unknot "
	    "devices')" }, CMD_DEVICE },
	{ { "volume", 0, "N", "cue volume, 0 to 100" }, CMD_VOLUME },
	{ { "voice", 0, "on|off", "spoken guidance (default: on)" },
	    CMD_VOICE },
	{ { "config", 0, "FILE", "read FILE instead of the config file" },
	    CMD_CONFIG },
	{ { "help", 'h', NULL, "show this help and exit" }, CMD_HELP },
	{ { NULL, 0, NULL, NULL }, 0 }
};

static const struct cmd_option cmd_list_options[] = {
	{ "json", 0, NULL, "as JSON" },
	{ "ids", 0, NULL, "only the ids, one a line" },
	{ "sort", 0, "id|title", "the order (default: id)" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_check_options[] = {
	{ "strict", 0, NULL, "warnings are errors" },
	{ "format", 0, "F", "text, or json for editors and tools" },
	{ "keys", 0, NULL, "list the keys of the routine format and exit" },
	{ "config-keys", 0, NULL, "list the keys of the config file and exit" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_show_options[] = {
	{ "format", 0, "F", "text, or markdown for a handout" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_new_options[] = {
	{ "output", 'o', "FILE", "write to FILE instead of standard output" },
	{ "force", 'f', NULL, "replace FILE if it exists" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_export_options[] = {
	{ "output", 'o', "FILE", "the audio file to write" },
	{ "force", 'f', NULL, "replace files that exist" },
	{ "format", 0, "F", "wav, flac, ogg or opus (default: from FILE)" },
	{ "cues", 'c', "FILE", "also write a cue sheet to FILE" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_sheet_options[] = {
	{ "output", 'o', "FILE", "the sheet to write" },
	{ "force", 'f', NULL, "replace FILE if it exists" },
	{ "format", 0, "F", "pdf or html (default: from FILE, else pdf)" },
	{ "paper", 0, "P", "a4 or letter (default: from the locale)" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_json_options[] = {
	{ "json", 0, NULL, "as JSON" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_report_options[] = {
	{ "routine", 0, "ID", "only this routine" },
	{ "since", 0, "YYYY-MM-DD", "only sessions from this day on" },
	{ "format", 0, "F", "text, markdown, csv, json, html or fhir" },
	{ "output", 'o', "FILE", "write to FILE instead of standard output" },
	{ "json", 0, NULL, "the same as --format json" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_remind_options[] = {
	{ "ics", 0, "FILE", "write an iCalendar file of what is due" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_keygen_options[] = {
	{ "secret-key", 's', "SECKEY", "write the secret key to SECKEY" },
	{ "public-key", 'p', "PUBKEY", "write the public key to PUBKEY" },
	{ "unencrypted", 'W', NULL, "do not encrypt the secret key" },
	{ "force", 'f', NULL, "replace key files that exist" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_sign_options[] = {
	{ "key", 'k', "KEY", "the secret key (default: signing.key)" },
	{ "comment", 'c', "COMMENT", "a comment, signed too" },
	{ "author", 'a', "NAME", "who signs (default: author: in ROUTINE)" },
	{ "client", 0, "NAME", "whom the routine is for" },
	{ "expires", 0, "YYYY-MM-DD", "the last day the signature holds" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_verify_options[] = {
	{ "public-key", 'p', "PUBKEY", "check against this key (file or "
	    "base64)" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_import_options[] = {
	{ "public-key", 'p', "PUBKEY", "check against this key (file or "
	    "base64)" },
	{ "force", 'f', NULL, "install even if unsigned, changed or "
	    "already there" },
	{ NULL, 0, NULL, NULL }
};
static const struct cmd_option cmd_note_options[] = {
	{ "routine", 0, "ID", "a note to this routine, not the last session" },
	{ NULL, 0, NULL, NULL }
};

static const struct cmd_option cmd_no_options[] = {
	{ NULL, 0, NULL, NULL }
};

const struct cmd_entry cmd_table[] = {
	{ "run", "[ROUTINE]", "guided session (no ROUTINE: pick one)",
	    cmd_no_options, 0, 1, 0, cmd_run },
	{ "list", "[--json | --ids] [--sort id | title]",
	    "routines on the search path",
	    cmd_list_options, 0, 0, CMD_NO_CONFIG, cmd_list },
	{ "show", "[--format F] ROUTINE",
	    "the steps, targets, tools and safety notes",
	    cmd_show_options, 1, 1, CMD_NO_CONFIG, cmd_show },
	{ "check", "[--strict] [--format F] FILE...", "validate routine files",
	    cmd_check_options, 0, -1, CMD_NO_CONFIG, cmd_check },
	{ "new", "[-f] [-o FILE]", "write a commented template routine",
	    cmd_new_options, 0, 0, CMD_NO_CONFIG, cmd_new },
	{ "edit", "ROUTINE", "edit a routine, checked before it is saved",
	    cmd_no_options, 1, 1, CMD_NO_CONFIG, cmd_edit },
	{ "export", "ROUTINE [-f] -o FILE [--format F] [--cues FILE]",
	    "render the guided track to an audio file",
	    cmd_export_options, 1, 1, 0, cmd_export },
	{ "sheet", "ROUTINE [-f] -o FILE [--format F] [--paper P]",
	    "a printable homework sheet (PDF or HTML)",
	    cmd_sheet_options, 1, 1, CMD_NO_CONFIG, cmd_sheet },
	{ "devices", "[--json]", "sound output devices",
	    cmd_json_options, 0, 0, 0, cmd_devices },
	{ "history", "[--json]", "past sessions, newest first",
	    cmd_json_options, 0, 0, 0, cmd_history },
	{ "report", "[--routine ID] [--since YYYY-MM-DD] [--format F] "
	    "[-o FILE]", "adherence and progress, for a therapist",
	    cmd_report_options, 0, 0, 0, cmd_report },
	{ "remind", "[--ics FILE]", "what is due now, or a calendar of it",
	    cmd_remind_options, 0, 0, 0, cmd_remind },
	{ "keygen", "[-s SECKEY] [-p PUBKEY] [--unencrypted] [--force]",
	    "a key pair for signing routines",
	    cmd_keygen_options, 0, 0, CMD_NO_CONFIG, cmd_keygen },
	{ "sign", "ROUTINE [-k KEY] [-c COMMENT] [--author NAME] "
	    "[--client NAME] [--expires YYYY-MM-DD]",
	    "sign a routine for a client",
	    cmd_sign_options, 1, 1, CMD_NO_CONFIG, cmd_sign },
	{ "verify", "ROUTINE [-p PUBKEY]",
	    "who signed a routine, and is it intact",
	    cmd_verify_options, 1, 1, CMD_NO_CONFIG, cmd_verify },
	{ "import", "FILE [-p PUBKEY] [--force]",
	    "install a routine a therapist sent",
	    cmd_import_options, 1, 1, CMD_NO_CONFIG, cmd_import },
	{ "note", "[--routine ID] [TEXT]",
	    "a note to your therapist on the last session or a routine",
	    cmd_note_options, 0, -1, CMD_NO_CONFIG, cmd_note },
	{ "checkin", "[0-10]",
	    "how sore the area of the last pressure session is today",
	    cmd_no_options, 0, 1, CMD_NO_CONFIG, cmd_checkin },
	{ "help", "[COMMAND]", "this list, or a command's options",
	    cmd_no_options, 0, 1, CMD_NO_CONFIG, cmd_help_command },
	/* command table: add entries above this line */
};
const unsigned cmd_table_n = nitems(cmd_table);

/* Print the usage summary of unknot itself. */
static void
cmd_usage_all(FILE *f)
{
	const struct cmd_global	*gl;
	const struct cmd_option	*g;
	unsigned		 i;
	char			 left[64];

	fprintf(f, "usage: unknot [OPTIONS] [run] [ROUTINE]\n"
	    "       unknot [OPTIONS] COMMAND [ARGS]\n\n"
	    "A terminal coach for releasing muscle trigger points at home.\n\n"
	    "Commands:\n");
	for (i = 0; i < cmd_table_n; i++)
		fprintf(f, "  %-8s %-22s %s\n", cmd_table[i].name,
		    cmd_table[i].usage, cmd_table[i].summary);
	fprintf(f, "\nOptions (before or after the command):\n");
	for (gl = cmd_global_options; gl->opt.name != NULL; gl++) {
		g = &gl->opt;
		snprintf(left, sizeof left, "%c%c%c --%s%s%s",
		    g->letter ? '-' : ' ', g->letter ? g->letter : ' ',
		    g->letter ? ',' : ' ', g->name,
		    g->arg && *g->arg != '[' ? " " : "", g->arg ? g->arg : "");
		fprintf(f, "  %-22s %s\n", left, g->help);
	}
	fprintf(f, "  -V, --version          show the version (and libraries) "
	    "and exit\n\n"
	    "ROUTINE is an id from 'unknot list' or a file name.\n"
	    "'unknot help COMMAND' shows a command's options.\n"
	    "Exit status: 0 success, 1 failure, 2 bad usage or invalid "
	    "routine.\n"
	    "See unknot(1) and unknot-routine(5).\n");
}

/* Print the version, the libraries in use and the licence. */
static void
cmd_version(void)
{
	printf("unknot %s\n", PACKAGE_VERSION);
	printf("  %s\n", curses_version());
	printf("  libcyaml %s, libyaml %s\n", cyaml_version_str,
	    yaml_get_version_string());
	printf("  %s\n", sf_version_string());
	printf("  libsamplerate %s\n", src_get_version());
	printf("  SQLite %s\n", sqlite3_libversion());
#ifdef HAVE_SODIUM
	printf("  libsodium %s\n", sodium_version_string());
#else
	printf("  built without signing (libsodium)\n");
#endif
#ifdef HAVE_PORTAUDIO
	printf("  %s\n", Pa_GetVersionText());
#else
	printf("  built without sound (PortAudio)\n");
#endif
	if (*voice_backends() != '\0')
		printf("  voice: %s\n", voice_backends());
	else
		printf("  built without a voice (flite, espeak-ng)\n");
	printf("License GPL-3.0-or-later "
	    "<https://www.gnu.org/licenses/gpl-3.0.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\nThere is NO WARRANTY, to the extent permitted by law.\n");
}

/* Print one option line of a command's help. */
static void
cmd_help_option(FILE *f, const struct cmd_option *c)
{
	char	left[64];

	snprintf(left, sizeof left, "%c%c%c --%s%s%s",
	    c->letter ? '-' : ' ', c->letter ? c->letter : ' ',
	    c->letter ? ',' : ' ', c->name,
	    c->arg && *c->arg != '[' ? " " : "", c->arg ? c->arg : "");
	fprintf(f, "  %-24s %s\n", left, c->help);
}

/* Print a command's usage line, summary and options. */
void
cmd_help(FILE *f, const struct cmd_entry *e)
{
	const struct cmd_option	*c;
	const struct cmd_global	*g;

	fprintf(f, "usage: unknot %s%s%s\n%s.\n", e->name, *e->usage ? " " : "",
	    e->usage, e->summary);
	if (e->options[0].name != NULL) {
		fprintf(f, "\nOptions:\n");
		for (c = e->options; c->name != NULL; c++)
			cmd_help_option(f, c);
	}
	fprintf(f, "\nGlobal options, before or after the command:\n");
	for (g = cmd_global_options; g->opt.name != NULL; g++)
		cmd_help_option(f, &g->opt);
}

/* Print a command's usage line to stderr; bad usage is exit status 2. */
int
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, "usage: unknot %s%s%s\n", e->name, *e->usage ? " " : "",
	    e->usage);
	return 2;
}

/* The command called name, or NULL. */
const struct cmd_entry *
cmd_find(const char *name)
{
	unsigned	i;

	for (i = 0; i < cmd_table_n; i++) {
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	}
	return NULL;
}

/* The argument of the last own option called name, or NULL. */
const char *
cmd_arg(const struct cmd_args *a, const char *name)
{
	const char	*arg = NULL;
	unsigned	 i;

	for (i = 0; i < a->n; i++) {
		if (strcmp(a->opt[i].name, name) == 0)
			arg = a->opt[i].arg;
	}
	return arg;
}

/* Was the own option called name given? */
bool
cmd_has(const struct cmd_args *a, const char *name)
{
	unsigned	i;

	for (i = 0; i < a->n; i++) {
		if (strcmp(a->opt[i].name, name) == 0)
			return true;
	}
	return false;
}

/* Load the routine a command names (an id or a file): why it cannot be
 * loaded, then its diagnostics (or the files that come close to the name)
 * go to stderr; NULL if it cannot. */
struct routine *
cmd_load(const char *arg)
{
	struct routine	*r;
	struct diags	 d;
	char		*cause = NULL;

	diags_init(&d);
	r = library_load(arg, &d, &cause);
	if (r == NULL && cause != NULL)
		fprintf(stderr, "unknot: %s\n", cause);
	diags_print(&d, stderr);
	diags_free(&d);
	free(cause);
	return r;
}

/* Say what went wrong (and free it); returns status. */
int
cmd_fail(char *cause, int status)
{
	fprintf(stderr, "unknot: %s\n", cause);
	free(cause);
	return status;
}

/* A volume from 0 to 100 in plain digits (no sign, blanks or hex); -1 if
 * it is not one. */
static int
cmd_volume(const char *s)
{
	unsigned long long	v;

	if (schema_parse_uint(s, 100, &v) != 0)
		return -1;
	return (int)v;
}

/* --plain[=MODE,...]: plain mode, in words unless events are asked for;
 * 0, or -1 after naming a mode it does not know. */
static int
cmd_plain(const char *arg, struct opts *o)
{
	struct plain_modes	 m = { o->events, o->breath, o->timestamps,
	    o->voice_lines };
	char			*cause = NULL;

	o->plain = true;
	if (plain_say_modes(arg, &m, &cause) != 0) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return -1;
	}
	o->events = m.events;
	o->breath = m.breath;
	o->timestamps = m.timestamps;
	o->voice_lines = m.voice;
	return 0;
}

/* --voice on|off; 0, or -1 after saying what is wrong. */
static int
cmd_voice(const char *arg, struct opts *o)
{
	if (strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0) {
		fprintf(stderr, "unknot: --voice takes 'on' or 'off', not "
		    "'%s'\n", arg);
		return -1;
	}
	o->voice = strcmp(arg, "on") == 0;
	o->voice_given = true;
	return 0;
}

/* Apply a global option; 0, or -1 after saying what is wrong with it. */
static int
cmd_global(int ch, const char *arg, struct opts *o)
{
	switch (ch) {
	case CMD_PLAIN:
		return cmd_plain(arg, o);
	case CMD_VOICE:
		return cmd_voice(arg, o);
	case CMD_NO_SOUND:
		o->no_sound = true;
		return 0;
	case CMD_DEVICE:
		if (*arg == '\0') {
			fprintf(stderr, "unknot: --device needs a device name "
			    "(see 'unknot devices')\n");
			return -1;
		}
		o->device = arg;
		return 0;
	case CMD_CONFIG:
		if (*arg == '\0') {
			fprintf(stderr, "unknot: --config needs a file name\n");
			return -1;
		}
		o->config = arg;
		return 0;
	case CMD_VOLUME:
		if ((o->volume = cmd_volume(arg)) < 0) {
			fprintf(stderr, "unknot: --volume must be from 0 to "
			    "100, not '%s'\n", arg);
			return -1;
		}
		return 0;
	}
	return -1;
}

/* Add one option to a getopt_long table and its short string. */
static void
cmd_add_option(struct option *lo, size_t *n, char *shortopts,
    const struct cmd_option *c, int val)
{
	char	s[4] = { 0 };

	lo[*n].name = c->name;
	lo[*n].has_arg = c->arg == NULL ? no_argument : *c->arg == '[' ?
	    optional_argument : required_argument;
	lo[*n].flag = NULL;
	lo[*n].val = c->letter ? c->letter : val;
	(*n)++;
	if (c->letter) {
		s[0] = (char)c->letter;
		if (lo[*n - 1].has_arg == required_argument)
			s[1] = ':';
		strcat(shortopts, s);
	}
}

/* Add the global options to a getopt_long table and its short string. */
static void
cmd_add_globals(struct option *lo, size_t *n, char *shortopts)
{
	const struct cmd_global	*g;

	for (g = cmd_global_options; g->opt.name != NULL; g++)
		cmd_add_option(lo, n, shortopts, &g->opt, g->value);
}

/* The own option a getopt_long value stands for, or NULL. */
static const struct cmd_option *
cmd_own(const struct cmd_entry *e, int ch)
{
	const struct cmd_option	*c;

	for (c = e->options; c->name != NULL; c++) {
		if ((c->letter && c->letter == ch) ||
		    (!c->letter && ch == CMD_OWN + (int)(c - e->options)))
			return c;
	}
	return NULL;
}

/* Whether option c names a file (FILE, SECKEY, PUBKEY, KEY). */
static bool
cmd_file_arg(const struct cmd_option *c)
{
	static const char	*names[] = { "FILE", "SECKEY", "PUBKEY", "KEY" };
	size_t			 i;

	for (i = 0; c->arg != NULL && i < nitems(names); i++) {
		if (strcmp(c->arg, names[i]) == 0)
			return true;
	}
	return false;
}

/* One option seen by cmd_parse: 0 to go on, else -1 with *status. */
static int
cmd_parse_one(const struct cmd_entry *e, int ch, struct cmd_args *a,
    struct opts *o, int *status)
{
	const struct cmd_option	*c;

	*status = 2;
	if (ch == CMD_HELP) {
		cmd_help(stdout, e);
		*status = 0;
		return -1;
	}
	if (ch == '?' || ch == ':') {
		cmd_usage(e);
		return -1;
	}
	if ((c = cmd_own(e, ch)) == NULL)
		return cmd_global(ch, optarg, o);
	if (cmd_file_arg(c) && optarg != NULL && *optarg == '\0') {
		fprintf(stderr, "unknot: %s: --%s needs a file name\n",
		    e->name, c->name);
		cmd_usage(e);
		return -1;
	}
	if (a->n == CMD_MAX_OPTS) {
		fprintf(stderr, "unknot: %s: too many options\n", e->name);
		return -1;
	}
	a->opt[a->n].name = c->name;
	a->opt[a->n].arg = optarg;
	a->n++;
	return 0;
}

/* Say what is wrong with the operands before the usage line: the first
 * one missing (its word in the usage, outside brackets and options), or
 * the first one too many. */
static void
cmd_operands_wrong(const struct cmd_entry *e, const struct cmd_args *a)
{
	const char	*p = e->usage, *w;
	int		 k = 0, depth = 0;
	bool		 optarg_next = false;

	if (e->max_args >= 0 && a->argc > e->max_args) {
		fprintf(stderr, "unknot: %s: '%s' is one argument too many\n",
		    e->name, a->argv[e->max_args]);
		return;
	}
	while (*p != '\0') {
		if (*p == ' ') {
			p++;
			continue;
		}
		w = p;
		for (; *p != '\0' && (*p != ' ' || depth > 0); p++) {
			if (*p == '[')
				depth++;
			else if (*p == ']' && depth > 0)
				depth--;
		}
		if (*w == '[')
			continue;
		if (*w == '-') {
			optarg_next = true;	/* "-o FILE": FILE is its */
			continue;
		}
		if (optarg_next) {
			optarg_next = false;
			continue;
		}
		if (k++ == a->argc) {
			fprintf(stderr, "unknot: %s: %.*s is missing\n",
			    e->name, (int)(p - w), w);
			return;
		}
	}
	fprintf(stderr, "unknot: %s: an argument is missing\n", e->name);
}

/*
 * Parse a command's options (its own and the global ones, in any order
 * among the operands) and check the number of operands. 0 to run it, else
 * -1 with the exit status in *status (0 after --help, 2 on bad usage).
 */
static int
cmd_parse(const struct cmd_entry *e, int argc, char **argv, struct opts *o,
    struct cmd_args *a, int *status)
{
	struct option	 lo[CMD_MAX_OPTS + 8];
	char		 shortopts[2 * CMD_MAX_OPTS + 4] = "";
	size_t		 n = 0, i;
	int		 ch;

	for (i = 0; i < CMD_MAX_OPTS && e->options[i].name != NULL; i++)
		cmd_add_option(lo, &n, shortopts, &e->options[i],
		    CMD_OWN + (int)i);
	cmd_add_globals(lo, &n, shortopts);
	memset(&lo[n], 0, sizeof lo[n]);
	memset(a, 0, sizeof *a);
	optind = 0;	/* glibc: full reinitialisation */
	while ((ch = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
		if (cmd_parse_one(e, ch, a, o, status) != 0)
			return -1;
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < e->min_args || (e->max_args >= 0 &&
	    a->argc > e->max_args)) {
		cmd_operands_wrong(e, a);
		*status = cmd_usage(e);
		return -1;
	}
	return 0;
}

/* Read the config file and let it fill what the options left unset. */
static int
cmd_config(struct opts *o)
{
	struct diags	d;
	int		rv;

	diags_init(&d);
	rv = settings_load(o->config, &o->cfg, &d);
	diags_print(&d, stderr);
	diags_free(&d);
	if (rv != 0)
		return -1;
	if (o->volume < 0)
		o->volume = o->cfg.volume;
	if (!o->cfg.sound)
		o->no_sound = true;
	if (o->device == NULL)
		o->device = o->cfg.device;
	if (!o->voice_given)
		o->voice = o->cfg.voice;
	return 0;
}

/* Parse the options before the command; the index of the command name (or
 * argc), or -1 with *status. */
static int
cmd_parse_global(int argc, char **argv, struct opts *o, int *status)
{
	struct option	lo[16];
	char		shortopts[16] = "+V";
	size_t		n = 0;
	int		ch;
	static const struct cmd_option version = { "version", 'V', NULL, "" };

	cmd_add_globals(lo, &n, shortopts);
	cmd_add_option(lo, &n, shortopts, &version, CMD_VERSION);
	memset(&lo[n], 0, sizeof lo[n]);
	*status = 2;
	optind = 0;	/* glibc: full reinitialisation */
	while ((ch = getopt_long(argc, argv, shortopts, lo, NULL)) != -1) {
		switch (ch) {
		case CMD_HELP:
			cmd_usage_all(stdout);
			*status = 0;
			return -1;
		case CMD_VERSION:
			cmd_version();
			*status = 0;
			return -1;
		case '?':
		case ':':
			cmd_usage_all(stderr);
			return -1;
		default:
			if (cmd_global(ch, optarg, o) != 0)
				return -1;
		}
	}
	return optind;
}

/* The command a command line names: NULL for "unknot ROUTINE" (a run),
 * with *status 2 when the name is neither a command nor a routine. */
static const struct cmd_entry *
cmd_which(int argc, char **argv, int *status)
{
	const struct cmd_entry	*e;
	int			 i;

	*status = 0;
	if (argc == 0)
		return NULL;
	if ((e = cmd_find(argv[0])) != NULL)
		return e;
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-') {
			fprintf(stderr, "unknot: unknown command '%s'\n",
			    argv[0]);
			cmd_usage_all(stderr);
			*status = 2;
			break;
		}
	}
	return NULL;
}

/* Parse a command line and run the command; the exit status. */
static int
cmd_dispatch(int argc, char **argv)
{
	const struct cmd_entry	*e;
	struct opts		 o;
	struct cmd_args		 a;
	char			*name, **av;
	int			 i, status, r;

	memset(&o, 0, sizeof o);
	o.volume = -1;
	/* getopt_long() starts its messages with argv[0]. */
	argv[0] = (char *)(uintptr_t)"unknot";
	if ((i = cmd_parse_global(argc, argv, &o, &status)) < 0)
		return status;
	argc -= i;
	argv += i;
	if ((e = cmd_which(argc, argv, &status)) == NULL) {
		if (status != 0)
			return status;
		e = cmd_find("run");
		argc++;		/* "unknot [ROUTINE]": argv[-1] becomes "run" */
		argv--;
	}
	/* Messages from getopt_long(): "unknot: list: ...". */
	xasprintf(&name, "unknot: %s", e->name);
	av = xcalloc((size_t)argc + 1, sizeof *av);
	memcpy(av + 1, argv + 1, (size_t)(argc - 1) * sizeof *av);
	av[0] = name;
	r = cmd_parse(e, argc, av, &o, &a, &status);
	/* A command that works on files alone still checks a config file
	 * named with --config: a mistake in it is not passed over. */
	if (r == 0 && ((e->flags & CMD_NO_CONFIG) == 0 || o.config != NULL) &&
	    cmd_config(&o) != 0) {
		r = -1;
		status = 2;
	}
	if (r == 0)
		status = e->fn(&a, &o);
	free(av);
	free(name);
	return status;
}

/* unknot help [COMMAND]: the list of commands, or one command's options. */
int
cmd_help_command(const struct cmd_args *a, struct opts *o)
{
	const struct cmd_entry	*e;

	(void)o;
	if (a->argc == 0) {
		cmd_usage_all(stdout);
		return 0;
	}
	if ((e = cmd_find(a->argv[0])) == NULL) {
		fprintf(stderr, "unknot: no command '%s' (see 'unknot help')\n",
		    a->argv[0]);
		return 2;
	}
	cmd_help(stdout, e);
	return 0;
}

/* Parse argv and run the command; the exit status, made a failure (and
 * said) if the output did not all reach stdout (a full disk, say). */
int
cmd_main(int argc, char **argv)
{
	int	status;

	/* The person's locale for text (UTF-8 widths, day names), never for
	 * numbers: routine files, UNKNOT_TIME_SCALE, JSON and CSV are
	 * written with a decimal point whatever the locale. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	errout_init();
	status = cmd_dispatch(argc, argv);
	if (status == 0 && outfile_flush_stdout() != 0)
		return 1;
	return status;
}
