/* SPDX-License-Identifier: GPL-3.0-or-later */
/* errlog.h: what goes to stderr while a session runs. */
#ifndef UNKNOT_ERRLOG_H
#define UNKNOT_ERRLOG_H

struct errlog {
	int		 saved;	/* the real stderr, -1 when not capturing */
	int		 fd;	/* where fd 2 points meanwhile */
	struct errlog	*prev;	/* the capture this one is inside */
};

/* Point fd 2 at a temporary file, so that what the sound libraries print
 * from their threads cannot reach a curses screen. Leaves fd 2 alone if
 * that cannot be done (or UNKNOT_AUDIO_DEBUG is set). Captures nest; one
 * still open at exit is released then (after a screen's own handler has
 * given the terminal back, if that was registered after this first
 * capture). */
void	errlog_capture(struct errlog *);
/* Give fd 2 back. Lines of unknot's own ("unknot: ...") are replayed to
 * stderr; all that was captured is appended to the log file, and one line
 * on stderr says where. Does nothing if not capturing. */
void	errlog_release(struct errlog *);
/* Give fd 2 back and drop what was said. */
void	errlog_discard(struct errlog *);
/* The log file: $XDG_STATE_HOME/unknot/messages.log. */
char	*errlog_path(void);

#endif
