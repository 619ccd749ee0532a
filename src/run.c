/* run.c: the loop that drives a guided session. */
#include <stdio.h>

#include "cmd.h"

/* unknot run. */
int
cmd_run(int argc, char **argv, struct opts *o)
{
	(void)argc; (void)argv; (void)o;
	fprintf(stderr, "unknot: guided sessions are not available yet\n");
	return 1;
}
