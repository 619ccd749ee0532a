/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_progress.h: the progression in unknot show. */
#ifndef UNKNOT_CMD_PROGRESS_H
#define UNKNOT_CMD_PROGRESS_H

#include "routine.h"

/* Set the steps to the week the history decides and print the schedule,
 * the rules and where the client is on it; nothing without a
 * progression. */
void	cmd_progress_show(struct routine *);

#endif
