/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_export.c: unknot export, the guided track as an audio file. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "audio.h"
#include "cmd.h"
#include "export.h"
#include "library.h"

/* unknot export ROUTINE -o FILE: the guided track as an audio file. */
int
cmd_export(const struct cmd_args *a, struct opts *o)
{
	const char	*out = cmd_arg(a, "output");
	const char	*format = cmd_arg(a, "format");
	struct routine	*r;
	char		*cause = NULL;
	int		 rc, sf_format;

	if (out == NULL) {
		fprintf(stderr, "unknot: export: -o FILE is missing (the "
		    "audio file to write)\n");
		return cmd_usage(cmd_find("export"));
	}
	if (audio_file_format(out, format, &sf_format, &cause) != 0) {
		return cmd_fail(cause, 2);
	}
	r = cmd_load(a->argv[0]);
	if (r == NULL)
		return 2;
	rc = export_write(r, out, format, cmd_arg(a, "cues"),
	    cmd_has(a, "force"), o->volume >= 0 ? o->volume : 100, o->voice,
	    o->cfg.voice_countdown, &cause);
	routine_free(r);
	if (rc != 0) {
		return cmd_fail(cause, 1);
	}
	return 0;
}
