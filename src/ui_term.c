/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ui_term.c: whether curses can drive the terminal $TERM names, asked of
 * terminfo before anything is set up or recorded. Apart from ui.c, because
 * <term.h> defines a macro for every capability name. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <curses.h>
#include <stdlib.h>
#include <unistd.h>

#include "text.h"
#include "ui.h"
#include "util.h"

/* Last: its capability macros would rename members in the headers above. */
#include <term.h>

/* True if terminfo describes $TERM well enough for a curses screen on fd;
 * else false with *cause saying why. The terminal is not touched. */
bool
ui_term_usable(int fd, char **cause)
{
	const char	*term = getenv("TERM");
	TERMINAL	*saved = cur_term;
	char		*name;
	int		 err = 0;

	if (setupterm(NULL, fd, &err) != OK) {
		name = text_sanitize(term != NULL ? term : "");
		if (err == 1)
			xasprintf(cause, "terminal type \"%s\" is a hardcopy "
			    "terminal", name);
		else if (err == -1)
			xasprintf(cause, "no terminfo database was found for "
			    "terminal type \"%s\"", name);
		else
			xasprintf(cause, "terminal type \"%s\" is unknown",
			    name);
		free(name);
		set_curterm(saved);
		return false;
	}
	del_curterm(set_curterm(saved));
	return true;
}
