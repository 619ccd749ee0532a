/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: unknot's entry point; the command layer (cmd.c) does the rest,
 * so that the tests can link all of it from libunknot.a. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "cmd.h"

int
main(int argc, char **argv)
{
	return cmd_main(argc, argv);
}
