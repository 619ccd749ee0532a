/* SPDX-License-Identifier: GPL-3.0-or-later */
/* settings.h: the user's settings, $XDG_CONFIG_HOME/unknot/config.yaml. */
#ifndef UNKNOT_SETTINGS_H
#define UNKNOT_SETTINGS_H

#include <stdbool.h>
#include <stdio.h>

#include "diag.h"

#define SETTINGS_MAX_BYTES	(64 * 1024)

/* The parts of the countdown the voice says (voice_countdown). */
#define SETTINGS_COUNT_TEN	0x1	/* "10 seconds left" */
#define SETTINGS_COUNT_LAST	0x2	/* "3, 2, 1" */

struct settings {
	int		 volume;	/* 0-100, default 70 */
	bool		 sound;		/* default true */
	char		*device;	/* NULL: the default device */
	bool		 discomfort;	/* thresholds below were given */
	unsigned	 target_lo, target_hi, ease_off_at;
	bool		 color;		/* default true (NO_COLOR still wins) */
	bool		 animation;	/* breathing animation, default true */
	bool		 clock24;	/* time format, default true */
	bool		 voice;		/* spoken guidance, default true */
	unsigned	 voice_countdown; /* SETTINGS_COUNT_*: what of the
					 * countdown is said, default both */
};

/* Fill the defaults, then read path (NULL: the default file, which may be
 * missing). -1 with positioned diagnostics if the file is broken or an
 * explicitly named file cannot be read. */
int	settings_load(const char *path, struct settings *, struct diags *);
/* Fill the defaults, then parse a config held in memory (file names it in
 * diagnostics); -1 with positioned diagnostics if it is broken. */
int	settings_parse(const char *file, const char *buf, size_t len,
	    struct settings *, struct diags *);
void	settings_free(struct settings *);
/* The default file's name; the caller frees it. */
char	*settings_path(void);
/* Print every key the config accepts. */
void	settings_print_keys(FILE *);

#endif
