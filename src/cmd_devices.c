/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_devices.c: unknot devices, the sound output devices. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "audio.h"
#include "cmd.h"

/* unknot devices [--json]: the devices the sound backend can play on. */
int
cmd_devices(const struct cmd_args *a, struct opts *o)
{
	char	*cause;

	if (cmd_has(a, "json"))
		o->json = true;
	if (audio_list(stdout, o->json, &cause) != 0) {
		return cmd_fail(cause, 1);
	}
	return 0;
}
