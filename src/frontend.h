/* SPDX-License-Identifier: GPL-3.0-or-later */
/* frontend.h: what the run loop needs of a screen (curses or plain). */
#ifndef UNKNOT_FRONTEND_H
#define UNKNOT_FRONTEND_H

#include <stdbool.h>
#include <stdint.h>

#include "session.h"

/* Inputs a front end reads: a session input, or one for the loop. */
enum fe_input_kind {
	FE_NONE,
	FE_SESSION,	/* .input/.value go to session_input() */
	FE_QUIT,	/* confirmed quit: stop early, exit 0 */
	FE_VOLUME_UP,
	FE_VOLUME_DOWN,
	FE_MUTE,	/* toggles */
	FE_VOICE,	/* toggles the voice */
	FE_EOF		/* no more input will come (plain mode, stdin closed) */
};

struct fe_input {
	enum fe_input_kind	kind;
	enum sess_input		input;
	int			value;
};

struct frontend;

/* What a front end is (frontend_ops.flags). */
#define FE_LINES	0x1	/* lines on stdout, not a screen: a reader
				 * of stdout going away (| head) ends the
				 * session, and what follows it is a notice */

struct frontend_ops {
	const char *name;
	int	    flags;	/* FE_* */
	/* Take the terminal; -1 with *cause. */
	int	(*open)(struct frontend *, const struct routine *,
		    char **cause);
	/* Give the terminal back as it was; safe to call twice. */
	void	(*close)(struct frontend *);
	/* Before SIGTSTP stops us / after SIGCONT. */
	void	(*suspend)(struct frontend *);
	void	(*resume)(struct frontend *);
	/* The window size changed (SIGWINCH). */
	void	(*resize)(struct frontend *);
	/* Something happened: advice, prompt, step start, ... */
	void	(*action)(struct frontend *, const struct sess_action *);
	/* Redraw what changed for this view. */
	void	(*draw)(struct frontend *, const struct sess_view *);
	/* A one-line notice (no sound device, history not writable). */
	void	(*notice)(struct frontend *, const char *);
	/* The fd to wait on for input. */
	int	(*fd)(struct frontend *);
	/* Read one input if there is one; FE_NONE when nothing is ready. */
	struct fe_input (*read)(struct frontend *);
	/* Session ms from this view until its picture next changes by
	 * itself (the next cell of an animation), 0: it does not. */
	int	(*frame_ms)(struct frontend *, const struct sess_view *);
	/* True while the screen cannot show the session (a window too
	 * small): the loop keeps it paused meanwhile. NULL: never. */
	bool	(*hidden)(struct frontend *);
	/* An utterance due at session ms at, or the step's recorded clip
	 * in its stead if clip is not NULL (shown by plain mode with
	 * --plain=voice). NULL: nothing to show. */
	void	(*say)(struct frontend *, int64_t at, const char *text,
		    const char *clip);
	/* A question after the session on a screen of its own, with a
	 * one-line field (hint: what to type, or NULL): the line typed,
	 * NULL when skipped; *gone set when no more input will come (the
	 * terminal went away, a signal). NULL: asked on the lines after
	 * the front end closed. */
	char	*(*ask)(struct frontend *, const char *question,
		    const char *hint, bool *gone);
};

struct frontend {
	const struct frontend_ops *ops;
	void			  *data;	/* the front end's own state */
	bool			   color;	/* NO_COLOR unset, config allows */
	bool			   animate;	/* breathing animation on */
	int			   volume;	/* for the help line, 0-100 */
	bool			   muted;
	bool			   silent;	/* no sound output at all */
	bool			   events;	/* plain: machine lines */
	bool			   timestamps;	/* plain: session times */
	bool			   voice;	/* the voice speaks */
	bool			   voice_lines;	/* --plain=voice */
};

extern const struct frontend_ops frontend_curses;	/* ui.c */
extern const struct frontend_ops frontend_plain;	/* plain.c */

#endif
