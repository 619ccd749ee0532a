/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui.h: the curses screens as the rest of the program sees them; the
 * session screen itself is frontend_curses (frontend.h). */
#ifndef UNKNOT_UI_H
#define UNKNOT_UI_H

#include <stdbool.h>

#include "library.h"

/* Let the person choose a routine from lib on the terminal: 0 with
 * *chosen_file set to a copy of its file, or to NULL if they left without
 * choosing (*interrupted true if with Ctrl-C); -1 with *cause if the
 * terminal cannot be used. */
int	ui_pick(const struct library *, bool color, char **chosen_file,
	    bool *interrupted, char **cause);
/* True if curses can drive $TERM on fd; else false with *cause (an unknown
 * terminal type). Nothing on the terminal changes. */
bool	ui_term_usable(int fd, char **cause);

#endif
