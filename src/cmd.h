/* cmd.h: the subcommands and the options they share. */
#ifndef UNKNOT_CMD_H
#define UNKNOT_CMD_H

#include <getopt.h>
#include <stdbool.h>

#include "settings.h"

/* Options given before or after the subcommand, plus the config file. */
struct opts {
	bool		 plain;		/* --plain, or not a terminal */
	bool		 no_sound;	/* --no-sound */
	const char	*device;	/* --device NAME, NULL: default */
	int		 volume;	/* 0-100, -1: from config */
	const char	*config;	/* --config FILE, NULL: XDG */
	bool		 json;		/* --json where it applies */
	bool		 breath;	/* --plain=breath: print breathing phases */
	struct settings	 cfg;		/* the config file, over defaults */
};

/* Each returns the exit status: 0 ok, 1 runtime failure, 2 bad usage or
 * invalid routine. argv[0] is the subcommand's name; getopt_long is reset. */
/* Apply a global option (from main.c's option table) seen by a command's
 * own getopt_long: 0 if applied, 2 on a bad value, -1 if not global. */
int	main_global_option(int ch, const char *arg, struct opts *);

/* The long options every command accepts, plus its own. */
#define CMD_GLOBAL_OPTIONS						\
	{ "plain", no_argument, NULL, 'P' },				\
	{ "no-sound", no_argument, NULL, 'S' },				\
	{ "device", required_argument, NULL, 'D' },			\
	{ "config", required_argument, NULL, 'C' },			\
	{ "volume", required_argument, NULL, 'L' },			\
	{ "help", no_argument, NULL, 'h' }

/* Print a command's usage line; returns status (2 bad usage, 0 --help). */
int	cmd_usage(const char *usage, int status);
/* A command's option ch that is not its own: --help, a global option or
 * a bad one. 1 to go on, else the exit status + 10. */
int	cmd_common(int ch, struct opts *, const char *usage);

typedef int (*cmd_fn)(int argc, char **argv, struct opts *);

int	cmd_run(int, char **, struct opts *);
int	cmd_list(int, char **, struct opts *);
int	cmd_show(int, char **, struct opts *);
int	cmd_check(int, char **, struct opts *);
int	cmd_new(int, char **, struct opts *);
int	cmd_devices(int, char **, struct opts *);	/* audio */
int	cmd_export(int, char **, struct opts *);	/* audio */
int	cmd_history(int, char **, struct opts *);	/* history */
int	cmd_report(int, char **, struct opts *);	/* history */
int	cmd_remind(int, char **, struct opts *);	/* history */
int	cmd_keygen(int, char **, struct opts *);	/* cmd_keygen.c */
int	cmd_sign(int, char **, struct opts *);		/* cmd_sign.c */
int	cmd_verify(int, char **, struct opts *);	/* cmd_verify.c */
int	cmd_import(int, char **, struct opts *);	/* cmd_import.c */

#endif
