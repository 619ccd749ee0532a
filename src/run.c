/* SPDX-License-Identifier: GPL-3.0-or-later */
/* run.c: the loop of a guided session. It blocks in ppoll() until the
 * session's next deadline, the next animation frame or input; signal
 * handlers only set flags, which the loop acts on. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ask.h"
#include "audio.h"
#include "errlog.h"
#include "history.h"
#include "run.h"
#include "speech.h"
#include "util.h"

/* Set by the signal handlers, read by the loop. */
static volatile sig_atomic_t run_quit_signal;
static volatile sig_atomic_t run_tstp;
static volatile sig_atomic_t run_cont;
static volatile sig_atomic_t run_winch;

/* The longest the picture waits for the sound of a cue an input started. */
#define RUN_LEAD_MAX_MS	200
/* A wait shorter than this is not worth holding the picture for. */
#define RUN_LEAD_MIN_MS	5
/* The most cues foreseen for the audio at once. */
#define RUN_CUES_AHEAD	64
/* Frames of an animation a second, at most: more are not seen. */
#define RUN_FRAMES_MAX	60

struct run {
	const struct routine	*r;
	const struct run_params	*p;
	struct clock		*clk;
	struct session		*s;
	struct frontend		 fe;
	struct audio		*audio;
	struct speech		*speech;
	struct history		*hist;
	int64_t			 sid;
	int			 eof;
	int			 out_fd;	/* stdout to watch, or -1 */
	int			 signo;
	sigset_t		 oldmask;
	/* Actions held back from the screen until pend_at (scaled ms), when
	 * the sound of the cue among them is heard. */
	struct sess_action	*pend;
	size_t			 n_pend, pend_cap;
	int64_t			 pend_at;
	int64_t			 turn_at;	/* scaled ms of the last turn */
	bool			 hidden;	/* paused: the screen cannot
						 * show the session */
	bool			 heard;		/* an input came */
	enum outcome		 outcome;	/* from SA_FINISH */
	char			*said;		/* what went wrong while the
						 * screen asked, or NULL */
};

/* Note a signal for the loop. */
static void
run_signal(int sig)
{
	switch (sig) {
	case SIGTSTP:
		run_tstp = 1;
		break;
	case SIGCONT:
		run_cont = 1;
		break;
	case SIGWINCH:
		run_winch = 1;
		break;
	default:
		if (run_quit_signal == 0)
			run_quit_signal = sig;
		break;
	}
}

/* SIGPIPE: plain mode's stdout was closed (| head): no one is following
 * the session any more, so it ends as interrupted. */
static const int run_signals[] = {
	SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGTSTP, SIGCONT, SIGWINCH
};

/* Install the handlers with the signals blocked outside ppoll(). */
static void
run_signals_install(struct run *rn)
{
	struct sigaction	sa;
	sigset_t		set;
	size_t			i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = run_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&set);
	for (i = 0; i < nitems(run_signals); i++) {
		sigaction(run_signals[i], &sa, NULL);
		sigaddset(&set, run_signals[i]);
	}
	/* On the full screen stdout is the terminal: a SIGPIPE could only
	 * come from a library's socket, which must not end the session. */
	if (!(rn->fe.ops->flags & FE_LINES))
		signal(SIGPIPE, SIG_IGN);
	sigprocmask(SIG_BLOCK, &set, &rn->oldmask);
}

/* Restore the default handlers and the signal mask. A SIGPIPE from the
 * session's last lines is dropped: the status already tells. */
static void
run_signals_restore(struct run *rn)
{
	size_t	i;

	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < nitems(run_signals); i++) {
		if (run_signals[i] != SIGPIPE)
			signal(run_signals[i], SIG_DFL);
	}
	sigprocmask(SIG_SETMASK, &rn->oldmask, NULL);
	signal(SIGPIPE, SIG_DFL);
}

/* Pass a notice to the screen, if there is one. */
static void
run_notice(struct run *rn, const char *msg)
{
	if (msg != NULL && *msg != '\0')
		rn->fe.ops->notice(&rn->fe, msg);
}

/* Is there no sound output (asked for, or none that works)? */
static bool
run_silent(const struct run *rn)
{
	return audio_silent(rn->audio);
}

/* Hold an action back from the screen. */
static void
run_hold(struct run *rn, const struct sess_action *a)
{
	if (rn->n_pend == rn->pend_cap) {
		rn->pend_cap = rn->pend_cap ? rn->pend_cap * 2 : 32;
		rn->pend = xreallocarray(rn->pend, rn->pend_cap,
		    sizeof *rn->pend);
	}
	rn->pend[rn->n_pend++] = *a;
}

/* Show what was held back. */
static void
run_release(struct run *rn)
{
	size_t	i;

	for (i = 0; i < rn->n_pend; i++)
		rn->fe.ops->action(&rn->fe, &rn->pend[i]);
	rn->n_pend = 0;
}

/* Hand a cue the session emitted to the audio; the real ms until it is
 * heard (0 for any other action). */
static int64_t
run_cue(struct run *rn, const struct sess_action *a)
{
	struct cue_at	c;

	if (a->kind != SA_CUE)
		return 0;
	c.at = a->at;
	c.kind = (enum cue_kind)a->value;
	c.step = a->step;
	return audio_cue(rn->audio, &c);
}

/* Hand the audio the cues the session foresees in the window it schedules
 * ahead (none if it does not), and let it check its device. */
static void
run_cues_ahead(struct run *rn, int64_t now_ms)
{
	struct sess_action	up[RUN_CUES_AHEAD];
	struct cue_at		cues[RUN_CUES_AHEAD];
	int64_t			to;
	unsigned		n = 0, i, k = 0;

	if (audio_ahead(rn->audio, now_ms, &to))
		n = session_upcoming_cues(rn->s, now_ms, to, up,
		    RUN_CUES_AHEAD);
	if (n == RUN_CUES_AHEAD)
		to = up[n - 1].at;	/* beyond this the list may be cut */
	for (i = 0; i < n && up[i].at < to; i++) {
		if (up[i].kind != SA_CUE)
			continue;
		cues[k].at = up[i].at;
		cues[k].kind = (enum cue_kind)up[i].value;
		cues[k].step = up[i].step;
		k++;
	}
	audio_follow(rn->audio, now_ms, cues, k, to);
}

/* Hand every pending action to the history (first, so that what is shown
 * is already saved) and to audio, then to the screen: at once, or, when a
 * cue an input started will only be heard a stream latency from now, at
 * that moment, so that picture and sound agree. */
static void
run_drain(struct run *rn)
{
	struct sess_action	a;
	const char		*msg;
	int64_t			lead, most = 0;
	size_t			first = rn->n_pend;
	int			reschedule = 0;

	while (session_poll(rn->s, &a)) {
		history_record(rn->hist, rn->sid, &a, time(NULL));
		if (a.kind == SA_FINISH)
			rn->outcome = (enum outcome)a.value;
		if ((lead = run_cue(rn, &a)) > most)
			most = lead;
		speech_action(rn->speech, &rn->fe, &a);
		run_hold(rn, &a);
		switch (a.kind) {
		case SA_PAUSE:
		case SA_RESUME:
		case SA_SKIP:
		case SA_PREV:
		case SA_EXTEND:
		case SA_RELEASE:
		case SA_EASE_OFF:
		case SA_BRACING:
			reschedule = 1;
			break;
		default:
			break;
		}
	}
	if (most > RUN_LEAD_MAX_MS)
		most = RUN_LEAD_MAX_MS;
	/* A hold already running is not made longer: inputs in quick
	 * succession must not keep the screen still. */
	if (first == 0 && most >= RUN_LEAD_MIN_MS && rn->n_pend > 0)
		rn->pend_at = clock_now(rn->clk) +
		    (int64_t)(most * rn->clk->scale);
	else if (first == 0)
		run_release(rn);
	if (reschedule)
		audio_reset(rn->audio);
	run_notice(rn, history_take_notice(rn->hist));
	if ((msg = audio_take_notice(rn->audio)) != NULL) {
		run_notice(rn, msg);
		rn->fe.silent = run_silent(rn);	/* the device went away */
	}
}

/* Feed one input to the session. */
static void
run_input(struct run *rn, enum sess_input in, int value)
{
	session_input(rn->s, clock_now(rn->clk), in, value);
	run_drain(rn);
}

/* Stop for Ctrl-Z: pause, give the terminal back, stop; on return
 * take it again and resume unless the person had paused. */
static void
run_suspend(struct run *rn)
{
	struct sess_view	v;
	sigset_t		set;
	int			was_paused;

	session_view(rn->s, clock_now(rn->clk), &v);
	was_paused = v.paused;
	if (!was_paused)
		run_input(rn, SI_PAUSE, 0);
	run_release(rn);
	rn->fe.ops->suspend(&rn->fe);
	signal(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP);
	/* Stopped here until SIGCONT. */
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGTSTP, run_signal);
	run_tstp = 0;
	run_cont = 0;
	rn->fe.ops->resume(&rn->fe);
	if (!was_paused)
		run_input(rn, SI_PAUSE, 0);
}

/* While the screen cannot show the session (a window too small), the
 * timer does not run unseen: pause it, and go on once it shows again,
 * unless the person had paused it. Space cannot resume it meanwhile. */
static void
run_fit(struct run *rn)
{
	struct sess_view	v;
	bool			hidden;

	hidden = rn->fe.ops->hidden != NULL && rn->fe.ops->hidden(&rn->fe);
	if (hidden == rn->hidden)
		return;
	session_view(rn->s, clock_now(rn->clk), &v);
	if (hidden && !v.paused && (v.state == SS_STEP ||
	    v.state == SS_SWITCH || v.state == SS_SET_REST ||
	    v.state == SS_READY)) {
		rn->hidden = true;
		run_input(rn, SI_PAUSE, 0);
	} else if (!hidden) {
		rn->hidden = false;
		if (v.paused)
			run_input(rn, SI_PAUSE, 0);
	}
}

/* Act on the flags the handlers set. */
static void
run_flags(struct run *rn)
{
	if (run_quit_signal != 0 && rn->signo == 0) {
		rn->signo = run_quit_signal;
		run_input(rn, SI_QUIT, rn->signo);
	}
	if (run_tstp)
		run_suspend(rn);
	if (run_cont) {
		run_cont = 0;
		rn->fe.ops->resume(&rn->fe);
	}
	if (run_winch) {
		run_winch = 0;
		rn->fe.ops->resize(&rn->fe);
	}
}

/* Turn the voice on or off, and say which. */
static void
run_voice_toggle(struct run *rn)
{
	rn->fe.voice = speech_toggle(rn->speech);
	run_notice(rn, rn->fe.voice ? "voice on" : rn->fe.silent ?
	    "voice off (no sound)" : "voice off");
}

/* Read every input the front end has. */
static void
run_read(struct run *rn)
{
	struct fe_input	in;

	for (;;) {
		in = rn->fe.ops->read(&rn->fe);
		switch (in.kind) {
		case FE_NONE:
			return;
		case FE_EOF:
			rn->eof = 1;
			return;
		case FE_SESSION:
			rn->heard = true;
			if (!rn->hidden || in.input != SI_PAUSE)
				run_input(rn, in.input, in.value);
			break;
		case FE_QUIT:
			rn->heard = true;
			run_input(rn, SI_QUIT, 0);
			break;
		case FE_VOLUME_UP:
		case FE_VOLUME_DOWN:
			rn->fe.volume += in.kind == FE_VOLUME_UP ? 10 : -10;
			if (rn->fe.volume > 100)
				rn->fe.volume = 100;
			if (rn->fe.volume < 0)
				rn->fe.volume = 0;
			audio_set_volume(rn->audio, rn->fe.volume);
			break;
		case FE_MUTE:
			rn->fe.muted = !rn->fe.muted;
			audio_set_muted(rn->audio, rn->fe.muted);
			break;
		case FE_VOICE:
			run_voice_toggle(rn);
			break;
		}
	}
}

/* A wake-up later than the wait allowed by more than a few seconds of
 * real time means the process did not run (SIGSTOP, a debugger, a machine
 * whose monotonic clock counts its sleep): from the last turn, whose
 * screen the person saw last, that time is a pause, so that no step runs
 * out while nobody was there. */
static void
run_gap(struct run *rn, int64_t ms)
{
	int64_t	 now = clock_now(rn->clk);
	char	*msg;

	if (!clock_stalled(rn->clk, rn->turn_at, ms, now) ||
	    !session_gap(rn->s, rn->turn_at, now))
		return;
	run_drain(rn);
	xasprintf(&msg, "Paused for the %lld s the program was stopped.",
	    (long long)((double)(now - rn->turn_at) / rn->clk->scale / 1000));
	run_notice(rn, msg);
	free(msg);
}

/* Plain mode's stdout when it is a pipe or socket, whose reader going
 * away (| head) the loop must see even when it has nothing to print;
 * else -1. */
static int
run_out_fd(const struct run *rn)
{
	if (!(rn->fe.ops->flags & FE_LINES) || isatty(STDOUT_FILENO))
		return -1;
	return STDOUT_FILENO;
}

/* Wait for the next deadline, frame or input; ms < 0 waits for input. */
static void
run_wait(struct run *rn, int64_t ms)
{
	struct pollfd	pfd[2];
	struct timespec	ts, *tsp = NULL;
	int		n;

	/* ppoll() skips a negative fd. The input: */
	pfd[0].fd = rn->fe.ops->fd(&rn->fe);
	pfd[0].events = POLLIN;
	pfd[0].revents = 0;
	/* and stdout, where POLLERR says the reader went away. */
	pfd[1].fd = rn->out_fd;
	pfd[1].events = 0;
	pfd[1].revents = 0;
	if (ms >= 0) {
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (ms % 1000) * 1000000;
		tsp = &ts;
	}
	n = ppoll(pfd, 2, tsp, &rn->oldmask);
	run_gap(rn, ms);
	if (n > 0 && (pfd[1].revents & POLLERR)) {
		rn->out_fd = -1;
		if (rn->signo == 0) {
			rn->signo = SIGPIPE;
			run_input(rn, SI_QUIT, SIGPIPE);
		}
		return;
	}
	if (n > 0 && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
		run_read(rn);
	/* The terminal went away without a SIGHUP reaching us: end as if
	 * it had, rather than wake up for ever on a dead descriptor. */
	if (n > 0 && (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL)) &&
	    !rn->eof && rn->signo == 0) {
		rn->signo = SIGHUP;
		run_input(rn, SI_QUIT, SIGHUP);
	}
}

/* One turn: tick, drain, draw, schedule audio; returns ms to wait. */
static int64_t
run_turn(struct run *rn)
{
	struct sess_view	v;
	int64_t			now, deadline, wait, frame_at;
	int			frame;

	run_fit(rn);
	now = rn->turn_at = clock_now(rn->clk);
	session_tick(rn->s, now);
	run_drain(rn);
	if (rn->n_pend > 0 && now >= rn->pend_at)
		run_release(rn);
	session_view(rn->s, now, &v);
	speech_view(rn->speech, &rn->fe, &v, session_time(rn->s, now));
	/* Plain mode with stdin closed goes on by itself; a symptom
	 * question nobody can answer stops the point (the gentler way). */
	if (rn->eof && (v.state == SS_PRE || v.state == SS_AFTERCARE ||
	    (v.state == SS_CHECK && v.question == NULL))) {
		run_input(rn, SI_NEXT, 0);
		return 0;
	}
	if (rn->eof && v.state == SS_CHECK) {
		run_input(rn, SI_ANSWER, 1);
		return 0;
	}
	if (rn->n_pend == 0)
		rn->fe.ops->draw(&rn->fe, &v);
	run_cues_ahead(rn, session_time(rn->s, now));
	deadline = session_next_deadline(rn->s, now);
	if (rn->n_pend > 0 && rn->pend_at < deadline)
		deadline = rn->pend_at;
	wait = deadline == INT64_MAX ? -1 : clock_wait_ms(rn->clk, deadline);
	/* The next frame, from session ms to real ones: at most
	 * RUN_FRAMES_MAX a second, however wide the bar or fast the clock,
	 * and one already due (the drawing took past it) soon, not at the
	 * next deadline. */
	if ((frame = rn->fe.ops->frame_ms(&rn->fe, &v)) > 0) {
		frame_at = clock_wait_ms(rn->clk, now + frame);
		frame = frame_at < 1000 / RUN_FRAMES_MAX ?
		    1000 / RUN_FRAMES_MAX : (int)frame_at;
	}
	if (frame > 0 && (wait < 0 || wait > frame))
		wait = frame;
	/* Audio is scheduled a couple of seconds ahead: come back in time. */
	if (!v.paused && v.state != SS_PRE && v.state != SS_AFTERCARE &&
	    (wait < 0 || wait > 1000))
		wait = 1000;
	return wait;
}

/* Why the session is a rehearsal, not one to count: 1 its time was
 * scaled, 2 it ran unattended (no input, stdin not a terminal); else 0. */
static int
run_rehearsal(const struct run *rn)
{
	if (rn->clk->scale != 1.0)
		return 1;
	if (!rn->heard && !isatty(STDIN_FILENO))
		return 2;
	return 0;
}

/* Record that the session is a rehearsal, if it is one: a scaled clock
 * from the start (a session killed on the way stays one), unattended at
 * the end. */
static void
run_mark_rehearsal(struct run *rn, bool end)
{
	struct sess_action	a;

	memset(&a, 0, sizeof a);
	a.kind = SA_REHEARSAL;
	a.step = -1;
	a.at = end ? session_time(rn->s, clock_now(rn->clk)) : 0;
	a.value = run_rehearsal(rn);
	if (a.value == 1 ? !end : (a.value == 2 && end))
		history_record(rn->hist, rn->sid, &a, time(NULL));
}

/* What follows the session, as the command layer words it; NULL if
 * nothing does. */
static char *
run_after(struct run *rn)
{
	if (rn->p->after == NULL || rn->signo != 0)
		return NULL;
	return rn->p->after(rn->hist, rn->r, rn->outcome, rn->p->after_arg);
}

/* Whether to ask for the client's words after the session: one that ran
 * to its aftercare (completed or partial; not one quit or interrupted),
 * not a rehearsal (never counted, and never attended), with someone at
 * the input: plain mode, or a terminal once the screen is gone. */
static bool
run_asks_words(struct run *rn)
{
	if (rn->signo != 0 || (rn->outcome != OUT_COMPLETED &&
	    rn->outcome != OUT_PARTIAL) || run_rehearsal(rn) != 0)
		return false;
	return (rn->fe.ops->flags & FE_LINES) || isatty(STDIN_FILENO);
}

/* A question after the session on the front end's screen. */
static char *
run_ask_line(struct ask_io *io, const char *question, const char *hint)
{
	struct run	*rn = io->arg;

	return rn->fe.ops->ask(&rn->fe, question, hint, &io->gone);
}

/* What went wrong while the screen asks: said once it is gone. */
static void
run_ask_say(struct ask_io *io, const char *msg)
{
	struct run	*rn = io->arg;
	char		*s;

	xasprintf(&s, "%s%s\n", rn->said != NULL ? rn->said : "", msg);
	free(rn->said);
	rn->said = s;
}

/* The client's words on the front end's screen. */
static void
run_ask_screen(struct run *rn)
{
	struct ask_io	io;

	history_flush(rn->hist);
	memset(&io, 0, sizeof io);
	io.line = run_ask_line;
	io.say = run_ask_say;
	io.arg = rn;
	ask_after(rn->hist, rn->sid, rn->r, rn->s, &io);
}

/* Plan what the voice says, and open it if it is wanted. */
static void
run_voice_open(struct run *rn)
{
	char	*off, *notice;

	rn->fe.voice_lines = rn->p->voice_lines;
	rn->speech = speech_new(rn->r, rn->audio, rn->p->voice,
	    rn->p->voice_countdown, &off, &notice);
	rn->fe.voice = speech_on(rn->speech);
	/* Asked for in so many words, its absence is worth a notice. */
	if (rn->p->voice_given)
		run_notice(rn, off);
	run_notice(rn, notice);
	free(off);
	free(notice);
}

/* Drive a session to its end. */
int
run_session(const struct routine *r, const struct frontend_ops *ops,
    const struct run_params *p, struct clock *clk)
{
	struct run	 rn;
	struct errlog	 err;
	struct ask_io	 io;
	char		*cause = NULL, *notice = NULL, *next, *unsaved;
	int		 status;
	bool		 asks;

	memset(&rn, 0, sizeof rn);
	rn.r = r;
	rn.p = p;
	rn.clk = clk;
	rn.fe.ops = ops;
	rn.fe.color = p->color;
	rn.fe.animate = p->animate;
	rn.fe.events = p->events;
	rn.fe.timestamps = p->timestamps;
	rn.fe.volume = p->volume;
	if ((rn.hist = history_open(NULL, &cause)) == NULL) {
		fprintf(stderr, "unknot: history: %s\n", cause);
		free(cause);
		cause = NULL;
	}
	/* Before the stream's threads exist, so that they start with the
	 * signals blocked and every signal wakes the loop's ppoll(). */
	run_signals_install(&rn);
	/* What the sound libraries print from their threads, from the
	 * moment the stream starts, must not reach the screen or mix with
	 * plain mode's lines: it goes to the log at the end. */
	errlog_capture(&err);
	rn.audio = audio_open(p->device, rn.fe.volume, p->no_sound, r,
	    clk->scale, &notice);
	if (ops->open(&rn.fe, r, &cause) != 0) {
		free(notice);
		audio_close(rn.audio);
		errlog_release(&err);
		history_close(rn.hist);
		run_signals_restore(&rn);
		fprintf(stderr, "unknot: %s\n", cause);
		free(cause);
		return 1;
	}
	/* Only once there is a screen: a session that never started is
	 * not one to record. */
	rn.sid = history_begin(rn.hist, r, time(NULL));
	rn.fe.silent = run_silent(&rn);
	rn.out_fd = run_out_fd(&rn);
	run_notice(&rn, notice);
	free(notice);
	run_notice(&rn, r->progress_note);
	run_voice_open(&rn);
	rn.s = session_new(r, clock_now(clk));
	run_mark_rehearsal(&rn, false);
	while (!session_done(rn.s)) {
		run_wait(&rn, run_turn(&rn));
		run_flags(&rn);
	}
	run_drain(&rn);
	run_release(&rn);
	run_mark_rehearsal(&rn, true);
	/* The client's words, after the aftercare: on a screen of their
	 * own while there is one, else on the lines once it is gone. */
	asks = run_asks_words(&rn);
	if (asks && ops->ask != NULL)
		run_ask_screen(&rn);
	/* Lines go on after the session; a screen is gone first. */
	next = run_after(&rn);
	if (next != NULL && (ops->flags & FE_LINES))
		run_notice(&rn, next);
	ops->close(&rn.fe);
	if (rn.said != NULL)
		fputs(rn.said, stderr);
	free(rn.said);
	if (next != NULL && !(ops->flags & FE_LINES))
		printf("%s\n", next);
	free(next);
	if (asks && ops->ask == NULL) {
		history_flush(rn.hist);
		ask_io_lines(&io, stdin, stdout);
		ask_after(rn.hist, rn.sid, r, rn.s, &io);
	}
	audio_close(rn.audio);
	speech_free(rn.speech);
	errlog_release(&err);
	history_flush(rn.hist);
	unsaved = history_unsaved(rn.hist);
	history_close(rn.hist);
	/* Last: a Ctrl-C while the last cue plays out must not lose the log
	 * or the history. */
	run_signals_restore(&rn);
	session_free(rn.s);
	free(rn.pend);
	status = rn.signo ? 128 + rn.signo : 0;
	/* After the screen is gone, where it stays: a session that was not
	 * saved is a failure. */
	if (unsaved != NULL) {
		fprintf(stderr, "unknot: %s\n", unsaved);
		free(unsaved);
		if (status == 0)
			status = 1;
	}
	return status;
}
