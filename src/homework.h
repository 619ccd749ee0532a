/* SPDX-License-Identifier: GPL-3.0-or-later */
/* homework.h: prescribed routines not begun yet.
 *
 * A routine installed in the data directory ($XDG_DATA_HOME/unknot/
 * routines) with a frequency is homework from its start date
 * (`frequency: {start: YYYY-MM-DD}`), else from the day it was put there
 * (the file's modification time): `remind` and `remind --ics` remind the
 * person of its first session even before any is recorded, and the
 * picker starts on it. */
#ifndef UNKNOT_HOMEWORK_H
#define UNKNOT_HOMEWORK_H

#include <stddef.h>
#include <time.h>

#include "history.h"

/* Add to *v (n routines from the history) every prescribed routine of
 * the data directory the history has no session of, installed at or
 * before now: sessions 0, program_start and last its file's time. */
void	homework_add(struct hist_routine **v, size_t *n, time_t now);
/* When the routine file path, never run, is due from: its start date,
 * else its file's time (if not ahead of now); 0 if unreadable. */
time_t	homework_due_from(const char *path, time_t now);

#endif
