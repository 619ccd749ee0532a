/* cmd.h: the subcommands and the options they share. */
#ifndef UNKNOT_CMD_H
#define UNKNOT_CMD_H

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
int	cmd_sheet(int, char **, struct opts *);		/* cmd_sheet.c */

#endif
