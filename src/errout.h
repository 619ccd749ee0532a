/* SPDX-License-Identifier: GPL-3.0-or-later */
/* errout.h: standard error through a filter of what a terminal would act
 * on.
 *
 *	errout_init();		first thing: stderr is filtered from now on
 *	f = errout_open(fd);	the same filter onto fd (for the tests)
 *
 * Newlines and tabs pass; every other control character (C0, DEL, C1,
 * the bidirectional overrides) and each byte that is not UTF-8 is written
 * as U+FFFD. A character split between two writes is put back together.
 * Whatever writes to fd 2 itself (a sanitizer, a library's own write) is
 * not filtered. */
#ifndef UNKNOT_ERROUT_H
#define UNKNOT_ERROUT_H

#include <stdio.h>

void	 errout_init(void);
FILE	*errout_open(int fd);

#endif
