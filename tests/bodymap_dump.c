/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bodymap_dump: print the body map figure of every hold with a place, at
 * both sizes and for each side it runs, for tests/bodymap.py to check
 * against the outline it computes itself. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>

#include "bodymap.h"
#include "routine.h"
#include "util.h"

/* Print one figure with a header line naming it. */
static void
dump_one(const char *file, unsigned step, const struct rt_step *st, int side,
    int cols, int rows)
{
	printf("FIGURE %s %u %d %s %d %d\n", file, step + 1, side,
	    bodymap_view_name(st->where->view), cols, rows);
	bodymap_print(st->where, side, cols, rows, "", stdout);
}

int
main(int argc, char **argv)
{
	struct diags	 diags = { 0 };
	struct routine	*r;
	unsigned	 i;
	int		 a, s, status = 0;

	for (a = 1; a < argc; a++) {
		if ((r = routine_load(argv[a], &diags)) == NULL) {
			fprintf(stderr, "bodymap_dump: %s does not load\n",
			    argv[a]);
			status = 1;
			continue;
		}
		for (i = 0; i < r->n_steps; i++) {
			const struct rt_step *st = &r->steps[i];

			if (st->kind != RT_HOLD)
				continue;
			if (st->where == NULL) {
				printf("NOPLACE %s %u\n", argv[a], i + 1);
				continue;
			}
			for (s = 1; s <= 2; s++) {
				if (st->sides != 0 && (st->sides & s) == 0)
					continue;
				dump_one(argv[a], i, st, st->sides ? s : 0,
				    BODYMAP_COLS, BODYMAP_ROWS);
				dump_one(argv[a], i, st, st->sides ? s : 0,
				    BODYMAP_SMALL_COLS, BODYMAP_SMALL_ROWS);
				if (st->sides == 0)
					break;
			}
		}
		routine_free(r);
	}
	diags_free(&diags);
	return status;
}
