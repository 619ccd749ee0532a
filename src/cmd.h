/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd.h: the command layer: the command table, the options every command
 * shares, and one option parser for all of them. Only this layer (cmd*.c
 * and main.c) parses options, prints usage or knows the global options. */
#ifndef UNKNOT_CMD_H
#define UNKNOT_CMD_H

#include <stdbool.h>
#include <stdio.h>

#include "settings.h"

struct routine;

#define CMD_MAX_OPTS	32	/* a command's own options on one line */

/* The global options, given before or after the command name, plus the
 * config file. */
struct opts {
	bool		 plain;		/* --plain, or not a terminal */
	bool		 no_sound;	/* --no-sound */
	const char	*device;	/* --device NAME, NULL: default */
	int		 volume;	/* 0-100, -1: from config */
	const char	*config;	/* --config FILE, NULL: XDG */
	bool		 json;		/* --json where it applies */
	bool		 breath;	/* --plain=breath: print breathing phases */
	bool		 events;	/* --plain=events: one line per event */
	bool		 timestamps;	/* --plain=timestamps */
	bool		 voice;		/* --voice on|off, else config */
	bool		 voice_given;	/* --voice was given */
	bool		 voice_lines;	/* --plain=voice: print utterances */
	struct settings	 cfg;		/* the config file, over defaults */
};

/* One option of a command: its long name, its short letter (0: none), the
 * name of its argument (NULL: it takes none) and a line of help. */
struct cmd_option {
	const char	*name;
	int		 letter;
	const char	*arg;
	const char	*help;
};

/* A global option and the getopt_long value that stands for it. */
struct cmd_global {
	struct cmd_option	opt;
	int			value;
};

/* What the parser found: the command's own options in the order given
 * (opt[i].name is the long name, arg NULL when it takes none), then the
 * operands. */
struct cmd_args {
	unsigned	  n;
	struct {
		const char	*name;
		const char	*arg;
	}		  opt[CMD_MAX_OPTS];
	int		  argc;
	char		**argv;
};

#define CMD_NO_CONFIG	0x1	/* works on files alone: never reads config */

/* A command: what `unknot help`, `unknot COMMAND --help`, the completion
 * and the manual are checked against. */
struct cmd_entry {
	const char		 *name;
	const char		 *usage;	/* what follows the name */
	const char		 *summary;
	const struct cmd_option	 *options;	/* its own; NULL-terminated */
	int			  min_args;	/* operands */
	int			  max_args;	/* -1: any number */
	int			  flags;
	int			(*fn)(const struct cmd_args *, struct opts *);
};

/* The command table and the global options. */
extern const struct cmd_entry	cmd_table[];
extern const unsigned		cmd_table_n;
extern const struct cmd_global	cmd_global_options[];

/* Parse argv and run the command; returns the exit status. */
int	cmd_main(int argc, char **argv);
/* The command called name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);
/* Print a command's usage line, summary and options. */
void	cmd_help(FILE *, const struct cmd_entry *);
/* Print "usage: unknot NAME USAGE" to stderr; returns 2. */
int	cmd_usage(const struct cmd_entry *);
/* The argument of the last own option called name, or NULL. */
const char *cmd_arg(const struct cmd_args *, const char *name);
/* Print "unknot: CAUSE" to stderr and free cause; returns status. */
int	cmd_fail(char *cause, int status);
/* Was the own option called name given? */
bool	cmd_has(const struct cmd_args *, const char *name);
/* Load the routine named by an id or a file, saying on stderr what is
 * wrong with it; NULL if it cannot be loaded. */
struct routine *cmd_load(const char *arg);

/* The commands, one file or family each: cmd_run.c, cmd_routine.c (list,
 * show, check, new), cmd_edit.c, cmd_export.c, cmd_devices.c, cmd_report.c (history,
 * report), cmd_remind.c, cmd_sheet.c, cmd_keygen.c, cmd_sign.c,
 * cmd_verify.c, cmd_import.c; cmd.c has help. */
int	cmd_run(const struct cmd_args *, struct opts *);
int	cmd_list(const struct cmd_args *, struct opts *);
int	cmd_show(const struct cmd_args *, struct opts *);
int	cmd_check(const struct cmd_args *, struct opts *);
int	cmd_new(const struct cmd_args *, struct opts *);
int	cmd_export(const struct cmd_args *, struct opts *);
int	cmd_devices(const struct cmd_args *, struct opts *);
int	cmd_history(const struct cmd_args *, struct opts *);
int	cmd_report(const struct cmd_args *, struct opts *);
int	cmd_remind(const struct cmd_args *, struct opts *);
int	cmd_sheet(const struct cmd_args *, struct opts *);
int	cmd_edit(const struct cmd_args *, struct opts *);
int	cmd_help_command(const struct cmd_args *, struct opts *);
int	cmd_keygen(const struct cmd_args *, struct opts *);	/* cmd_keygen.c */
int	cmd_sign(const struct cmd_args *, struct opts *);	/* cmd_sign.c */
int	cmd_verify(const struct cmd_args *, struct opts *);	/* cmd_verify.c */
int	cmd_import(const struct cmd_args *, struct opts *);	/* cmd_import.c */

/* The commented template routine of 'unknot new' (cmd_routine.c). */
extern const char cmd_template[];

#endif
