/* cmd_verify.c: unknot verify, who signed a routine and whether it is
 * as they signed it. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "calendar.h"
#include "cmd.h"
#include "cmd_sign.h"
#include "library.h"
#include "sign.h"
#include "util.h"

/* unknot verify: check a routine's signature; 0 if it can be trusted. */
int
cmd_verify(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
		CMD_GLOBAL_OPTIONS,
		{ "public-key", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	const char		*usage = "verify ROUTINE [-p PUBKEY]";
	struct sign_pubkey	 pk;
	struct sign_info	 info;
	const char		*key = NULL;
	char			*path, *cause;
	int			 ch, rv;

	while ((ch = getopt_long(argc, argv, "hp:", longopts, NULL)) != -1) {
		if (ch == 'p')
			key = optarg;
		else if ((rv = cmd_common(ch, o, usage)) != 1)
			return rv - 10;
	}
	if ((rv = cmd_sign_ready(argc, usage)) != -1)
		return rv;
	if ((key != NULL && cmd_sign_pubkey(key, &pk, &cause) != 0) ||
	    (path = library_resolve(argv[optind], &cause)) == NULL) {
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
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
