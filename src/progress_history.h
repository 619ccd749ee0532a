/* SPDX-License-Identifier: GPL-3.0-or-later */
/* progress_history.h: where the history puts a client on a routine's
 * progression. */
#ifndef UNKNOT_PROGRESS_HISTORY_H
#define UNKNOT_PROGRESS_HISTORY_H

#include <stddef.h>

#include "history.h"
#include "progress.h"
#include "routine.h"

/* What the rules need of a session in the history: its peak, and whether
 * it was stopped. */
void	progress_history_one(const struct hist_session *,
	    struct progress_session *);
/* Replay the progression over the sessions of this routine file (same id
 * and hash) in the history; *n is how many, *notice what the history had
 * to say (a corrupt file moved aside) or left alone. -1 with *cause if
 * the history cannot be read (pr is then week 1). */
int	progress_history(const struct routine *, struct progress *,
	    size_t *n, char **notice, char **cause);
/* Set the routine's steps to the week the history decides, and keep the
 * line to tell in r->progress_note. Nothing without a progression. */
void	progress_history_apply(struct routine *);

#endif
