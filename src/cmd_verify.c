/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_verify.c: unknot verify, who signed a routine and whether it is
 * as they signed it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "calendar.h"
#include "cmd.h"
#include "cmd_sign.h"
#include "diag.h"
#include "library.h"
#include "sign.h"
#include "text.h"
#include "util.h"

/* Whether the routine itself can be read, a regular file (as for every
 * routine file); says why not: the signature is not what is wrong then. */
static bool
cmd_verify_there(const char *path)
{
	char	*cause, *safe;
	int	 fd;

	if (util_open_file(path, SIZE_MAX, &fd, NULL, &cause) == 0) {
		close(fd);
		return true;
	}
	safe = text_sanitize_line(cause);
	fprintf(stderr, "unknot: %s\n", safe);
	free(safe);
	free(cause);
	return false;
}

/* unknot verify: check a routine's signature; 0 if it can be trusted. */
int
cmd_verify(const struct cmd_args *a, struct opts *o)
{
	struct sign_pubkey	 pk;
	struct sign_info	 info;
	struct diags		 d;
	const char		*key = cmd_arg(a, "public-key");
	char			*path = NULL, *cause = NULL;
	int			 rv;

	(void)o;
	if ((rv = cmd_sign_ready()) != -1)
		return rv;
	diags_init(&d);
	if (key == NULL || cmd_sign_pubkey(key, &pk, &cause) == 0)
		path = library_resolve(a->argv[0], &d, &cause);
	diags_print(&d, stderr);
	diags_free(&d);
	if (path == NULL) {
		return cmd_fail(cause, 2);
	}
	if (!cmd_verify_there(path)) {
		free(path);
		return 2;
	}
	sign_check(path, key != NULL ? &pk : NULL, calendar_now(), &info);
	cmd_sign_print(stdout, &info);
	rv = 0;
	if (info.state == SIGN_NEW_KEY)
		printf("The key is not trusted yet: 'unknot import' trusts it "
		    "for its author from then on.\n");
	else if (!sign_acceptable(info.state)) {
		cmd_sign_refuse(path, &info);
		rv = 1;
	}
	sign_info_free(&info);
	free(path);
	return rv;
}
