/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_note.h: the soreness question, asked by unknot checkin and at the
 * start of a session. */
#ifndef UNKNOT_CMD_NOTE_H
#define UNKNOT_CMD_NOTE_H

#include <stdio.h>
#include <time.h>

#define CMD_NOTE_SORE_FROM	(20 * 3600)	/* s after the last pressure */
#define CMD_NOTE_SORE_UNTIL	(72 * 3600)	/* session, the start asks */

/* Ask "How sore is that area today, 0-10?" on out, reading lines from in
 * until a number 0-10 or an empty line; the number, or -1 if skipped. */
int	cmd_note_ask_sore(FILE *in, FILE *out);
/* At the start of a session: if the last pressure session ended 20-72 h
 * before now and has no check-in yet, ask once and record the answer. */
void	cmd_note_start_checkin(FILE *in, FILE *out, time_t now);

#endif
