/* SPDX-License-Identifier: GPL-3.0-or-later */
/* handout.h: a routine as a handout for the client, in Markdown. */
#ifndef UNKNOT_HANDOUT_H
#define UNKNOT_HANDOUT_H

#include <stdio.h>

#include "routine.h"

/* Write the routine as a Markdown handout: what it is for, what is needed,
 * how often, safety first, then the steps with their holds, sides, points
 * and words, and the aftercare. */
void	handout_markdown(FILE *, const struct routine *);

#endif
