/* main.c: start-up, global options and subcommand dispatch. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <cyaml/cyaml.h>
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
#include "settings.h"
#include "util.h"

struct command {
	const char	*name;
	cmd_fn		 fn;
	const char	*usage;
	const char	*summary;
};

static const struct command main_commands[] = {
	{ "run", cmd_run, "[ROUTINE]", "guided session (no ROUTINE: pick one)" },
	{ "list", cmd_list, "[--json]", "routines on the search path" },
	{ "show", cmd_show, "ROUTINE", "the steps, targets, tools and safety notes" },
	{ "check", cmd_check, "FILE...", "validate routine files" },
	{ "new", cmd_new, "[-o FILE]", "write a commented template routine" },
	{ "export", cmd_export, "ROUTINE -o FILE [--format F] [--cues FILE]", "render the guided track to an audio file" },
	{ "devices", cmd_devices, "", "sound output devices" },
	{ "history", cmd_history, "[--json]", "past sessions, newest first" },
	{ "report", cmd_report, "[--format F] [-o FILE]", "adherence and progress, for a therapist" },
	{ "remind", cmd_remind, "[--ics FILE]", "what is due now, or a calendar of it" },
	{ "keygen", cmd_keygen, "[--unencrypted]", "a key pair for signing routines" },
	{ "sign", cmd_sign, "ROUTINE [-k KEY]", "sign a routine for a client" },
	{ "verify", cmd_verify, "ROUTINE", "who signed a routine, and is it intact" },
	{ "import", cmd_import, "FILE [--force]", "install a routine a therapist sent" },
	/* command table: add entries above this line */
};

/* Print the usage summary. */
static void
main_usage(FILE *f)
{
	size_t	i;

	fprintf(f, "usage: unknot [OPTIONS] [run] [ROUTINE]\n"
	    "       unknot [OPTIONS] COMMAND [ARGS]\n\n"
	    "A terminal coach for releasing muscle trigger points at home.\n\n"
	    "Commands:\n");
	for (i = 0; i < nitems(main_commands); i++)
		fprintf(f, "  %-8s %-22s %s\n", main_commands[i].name,
		    main_commands[i].usage, main_commands[i].summary);
	fprintf(f, "\nOptions:\n"
	    "  -h, --help          show this help and exit\n"
	    "  -V, --version       show the version (and libraries) and exit\n"
	    "      --plain         one line per event, no screen drawing\n"
	    "      --no-sound      visual cues only\n"
	    "      --device NAME   sound output device (see 'unknot devices')\n"
	    "      --volume N      cue volume, 0 to 100\n"
	    "      --config FILE   read FILE instead of the config file\n\n"
	    "ROUTINE is an id from 'unknot list' or a file name.\n"
	    "Exit status: 0 success, 1 failure, 2 bad usage or invalid "
	    "routine.\n"
	    "See unknot(1) and unknot-routine(5).\n");
}

/* Print the version and the versions of the libraries in use. */
static void
main_version(void)
{
	printf("unknot %s\n", PACKAGE_VERSION);
	printf("  %s\n", curses_version());
	printf("  libcyaml %s, libyaml %s\n", cyaml_version_str,
	    yaml_get_version_string());
	printf("  %s\n", sf_version_string());
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
}

/* Parse a volume from 0 to 100; -1 if it is not one. */
static int
main_volume(const char *s)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0 || v > 100)
		return -1;
	return (int)v;
}

/* Handle one global option; 0 if it was one, 2 on a bad value, -1 if
 * the option is not a global one. */
int
main_global_option(int ch, const char *arg, struct opts *o)
{
	switch (ch) {
	case 'P':
		o->plain = true;
		return 0;
	case 'S':
		o->no_sound = true;
		return 0;
	case 'D':
		o->device = arg;
		return 0;
	case 'C':
		o->config = arg;
		return 0;
	case 'L':
		if ((o->volume = main_volume(arg)) < 0) {
			fprintf(stderr, "unknot: --volume must be from 0 to "
			    "100, not '%s'\n", arg);
			return 2;
		}
		return 0;
	}
	return -1;
}

/* Read the config file and let it fill what the options left unset. */
static int
main_config(struct opts *o)
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
	return 0;
}

/* True for the commands that work on routine files alone. */
static int
main_routine_command(const char *name)
{
	return strcmp(name, "check") == 0 || strcmp(name, "new") == 0 ||
	    strcmp(name, "list") == 0 || strcmp(name, "show") == 0 ||
	    strcmp(name, "keygen") == 0 || strcmp(name, "sign") == 0 ||
	    strcmp(name, "verify") == 0 || strcmp(name, "import") == 0;
}

/* The subcommand called name, or NULL. */
static const struct command *
main_find(const char *name)
{
	size_t	i;

	for (i = 0; i < nitems(main_commands); i++) {
		if (strcmp(main_commands[i].name, name) == 0)
			return &main_commands[i];
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "plain", no_argument, NULL, 'P' },
		{ "no-sound", no_argument, NULL, 'S' },
		{ "device", required_argument, NULL, 'D' },
		{ "config", required_argument, NULL, 'C' },
		{ "volume", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts		 o;
	const struct command	*cmd;
	char			*run_argv[3];
	int			 ch, r;

	/* The person's locale for text (UTF-8 widths, day names), never
	 * for numbers: routine files, UNKNOT_TIME_SCALE, JSON and CSV are
	 * written with a decimal point whatever the locale. */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	memset(&o, 0, sizeof o);
	o.volume = -1;
	while ((ch = getopt_long(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			main_usage(stdout);
			return 0;
		case 'V':
			main_version();
			return 0;
		case '?':
			main_usage(stderr);
			return 2;
		default:
			if ((r = main_global_option(ch, optarg, &o)) != 0)
				return r;
			break;
		}
	}
	argc -= optind;
	argv += optind;
	/* The routine commands do not depend on settings: a broken config
	 * must not stop a therapist checking a file. */
	if ((argc == 0 || !main_routine_command(argv[0])) &&
	    main_config(&o) != 0)
		return 2;
	optind = 0;	/* glibc: full reinitialisation for the command */
	if (argc == 0 || (cmd = main_find(argv[0])) == NULL) {
		/* "unknot" or "unknot ROUTINE": a guided session. */
		run_argv[0] = (char *)"run";
		run_argv[1] = argc > 0 ? argv[0] : NULL;
		run_argv[2] = NULL;
		if (argc > 1) {
			fprintf(stderr, "unknot: unknown command '%s'\n",
			    argv[0]);
			main_usage(stderr);
			return 2;
		}
		return cmd_run(argc + 1, run_argv, &o);
	}
	return cmd->fn(argc, argv, &o);
}
