/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain.c: the plain front end: one line per event on stdout, input lines
 * on stdin. No cursor movement, nothing but printable text. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plain.h"
#include "say.h"
#include "text.h"
#include "util.h"

struct plain {
	const struct routine	*r;
	FILE			*out;
	plain_read_fn		 rd;		/* stdin, but for tests */
	void			*rd_arg;
	char			 buf[PLAIN_MAX_LINE + 1];
	size_t			 len;
	int			 skipping;	/* dropping an overlong line */
	int			 eof;
	int64_t			 last_left;	/* seconds left last printed */
	int			 last_step;
	unsigned		 last_side;
	unsigned		 last_set;
	int64_t			 last_total;
	int64_t			 now;		/* session ms of the last view */
	struct fe_input		 queue[64];
	size_t			 nq;
	bool			 speech;	/* words, not events */
	bool			 times;		/* [MM:SS] before words */
	int			 said_step;	/* last step started aloud */
};

static const struct {
	const char		*word;
	enum fe_input_kind	 kind;
	enum sess_input		 input;
} plain_words[] = {
	{ "next", FE_SESSION, SI_NEXT },
	{ "start", FE_SESSION, SI_NEXT },
	{ "bracing", FE_SESSION, SI_BRACING },
	{ "b", FE_SESSION, SI_BRACING },
	{ "release", FE_SESSION, SI_RELEASE },
	{ "released", FE_SESSION, SI_RELEASE },
	{ "r", FE_SESSION, SI_RELEASE },
	{ "skip", FE_SESSION, SI_SKIP },
	{ "s", FE_SESSION, SI_SKIP },
	{ "skip point", FE_SESSION, SI_SKIP_POINT },
	{ "sp", FE_SESSION, SI_SKIP_POINT },
	{ "prev", FE_SESSION, SI_PREV },
	{ "previous", FE_SESSION, SI_PREV },
	{ "p", FE_SESSION, SI_PREV },
	{ "pause", FE_SESSION, SI_PAUSE },
	{ "resume", FE_SESSION, SI_PAUSE },
	{ "extend", FE_SESSION, SI_EXTEND },
	{ "+", FE_SESSION, SI_EXTEND },
	{ "quit", FE_QUIT, SI_QUIT },
	{ "q", FE_QUIT, SI_QUIT },
	{ "louder", FE_VOLUME_UP, SI_NEXT },
	{ "softer", FE_VOLUME_DOWN, SI_NEXT },
	{ "mute", FE_MUTE, SI_NEXT },
	{ "voice", FE_VOICE, SI_NEXT },
};

/* The answers to the symptom question. */
static const struct {
	const char	*word;
	int		 value;
} plain_answers[] = {
	{ "yes", 1 }, { "y", 1 }, { "no", 0 }, { "n", 0 }
};

/* The answers to the difficulty question after an exercise. */
static const struct {
	const char	*word;
	int		 value;
} plain_how[] = {
	{ "easy", 1 }, { "e", 1 }, { "ok", 2 }, { "o", 2 }, { "hard", 3 },
	{ "h", 3 }
};

/* Every command, for help and for a line that means nothing. */
#define PLAIN_COMMANDS "a rating 0-10 (t or 10 for 10), Enter or next, " \
    "bracing (b), release (r), skip (s), skip point (sp), prev (p), " \
    "pause, resume, extend (+), yes, no, easy (e), ok (o), hard (h), " \
    "louder, softer, mute, voice, " \
    "quit (q), help (?)"
static const char plain_help[] = "input not understood; commands: "
    PLAIN_COMMANDS;
static const char plain_commands[] = "commands: " PLAIN_COMMANDS;

/* Parse one input line. */
struct fe_input
plain_parse(const char *line, size_t len, const char **error)
{
	struct fe_input	 in = { FE_NONE, SI_NEXT, 0 };
	char		 word[32];
	size_t		 i, n = 0;

	*error = NULL;
	while (len > 0 && (*line == ' ' || *line == '\t'))
		line++, len--;
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t' ||
	    line[len - 1] == '\r'))
		len--;
	if (len == 0) {
		in.kind = FE_SESSION;
		return in;
	}
	if (len >= sizeof word) {
		*error = "input not understood";
		return in;
	}
	if (memchr(line, '\0', len) != NULL) {
		/* No word holds a NUL: "b\0x" is not b. */
		*error = plain_help;
		return in;
	}
	for (i = 0; i < len; i++)
		word[n++] = (line[i] >= 'A' && line[i] <= 'Z') ?
		    line[i] - 'A' + 'a' : line[i];
	word[n] = '\0';
	if ((n == 1 && word[0] >= '0' && word[0] <= '9') ||
	    strcmp(word, "10") == 0 || strcmp(word, "t") == 0) {
		in.kind = FE_SESSION;
		in.input = SI_RATING;
		in.value = word[0] == 't' ? 10 : atoi(word);
		return in;
	}
	if (strcmp(word, "help") == 0 || strcmp(word, "?") == 0) {
		*error = plain_commands;
		return in;
	}
	for (i = 0; i < nitems(plain_answers); i++) {
		if (strcmp(word, plain_answers[i].word) == 0) {
			in.kind = FE_SESSION;
			in.input = SI_ANSWER;
			in.value = plain_answers[i].value;
			return in;
		}
	}
	for (i = 0; i < nitems(plain_how); i++) {
		if (strcmp(word, plain_how[i].word) == 0) {
			in.kind = FE_SESSION;
			in.input = SI_DIFFICULTY;
			in.value = plain_how[i].value;
			return in;
		}
	}
	for (i = 0; i < nitems(plain_words); i++) {
		if (strcmp(word, plain_words[i].word) == 0) {
			in.kind = plain_words[i].kind;
			in.input = plain_words[i].input;
			return in;
		}
	}
	*error = plain_help;
	return in;
}

/* Print "[MM:SS] label: text" with untrusted text made safe. */
static void
plain_line(struct plain *p, int64_t at, const char *label, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg, *safe;
	long	 s = (long)(at / 1000);

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	safe = text_sanitize(msg);
	for (char *c = safe; *c != '\0'; c++) {
		if (*c == '\n')
			*c = ' ';
	}
	if (!p->speech)
		fprintf(p->out, "[%02ld:%02ld] %s: %s\n", s / 60, s % 60, label,
		    safe);
	else if (p->times)
		fprintf(p->out, "[%02ld:%02ld] %s%s\n", s / 60, s % 60,
		    plain_say_label(label), safe);
	else
		fprintf(p->out, "%s%s\n", plain_say_label(label), safe);
	fflush(p->out);
	free(safe);
	free(msg);
}

/* A read of stdin that never blocks: -1 with EAGAIN while nothing is
 * there. */
static ssize_t
plain_stdin(void *arg, void *buf, size_t n)
{
	struct pollfd	pfd = { STDIN_FILENO, POLLIN, 0 };

	(void)arg;
	if (poll(&pfd, 1, 0) <= 0) {
		errno = EAGAIN;
		return -1;
	}
	return read(STDIN_FILENO, buf, n);
}

/* Set fe up as the plain front end writing to out, reading with rd. */
static struct plain *
plain_new(struct frontend *fe, const struct routine *r, FILE *out,
    plain_read_fn rd, void *rd_arg)
{
	struct plain	*p;

	p = xcalloc(1, sizeof *p);
	p->r = r;
	p->out = out;
	p->rd = rd;
	p->rd_arg = rd_arg;
	p->last_step = -1;
	p->last_left = -1;
	p->said_step = -1;
	fe->ops = &frontend_plain;
	fe->data = p;
	return p;
}

/* Open fe as the plain front end with no routine, reading with rd. */
void
plain_open_reader(struct frontend *fe, FILE *out, plain_read_fn rd,
    void *rd_arg)
{
	plain_new(fe, NULL, out, rd, rd_arg);
}

/* Print a list of strings as one line: "a, b, c". */
static void
plain_list(struct plain *p, const char *label, char **v, unsigned n)
{
	char	*line;

	if (n == 0)
		return;
	line = text_join(v, n, ", ");
	plain_line(p, 0, label, "%s", line);
	free(line);
}

/* Print the coaching rules, as the curses screen shows them. */
static void
plain_rules(struct plain *p)
{
	char	*s;
	size_t	 i;

	for (i = 0; (s = routine_coaching_rule(p->r, i)) != NULL; i++) {
		plain_line(p, 0, "rule", "%s", s);
		free(s);
	}
}

/* Print what the curses screen says of the routine besides safety: the
 * summary, who wrote it and for whom, the therapist's notes, the tools. */
static void
plain_about(struct plain *p)
{
	const struct routine	*r = p->r;

	if (r->summary != NULL)
		plain_line(p, 0, "summary", "%s", r->summary);
	if (r->author != NULL)
		plain_line(p, 0, "author", "%s", r->author);
	if (r->assigned_to != NULL)
		plain_line(p, 0, "for", "%s", r->assigned_to);
	if (r->notes != NULL)
		plain_line(p, 0, "notes", "%s", r->notes);
	plain_list(p, "tools", r->tools, r->n_tools);
}

/* Print the routine's opening: title, safety notes, how to start. */
static int
plain_open(struct frontend *fe, const struct routine *r, char **cause)
{
	struct plain	*p;
	unsigned	 i;
	long		 secs;

	(void)cause;
	p = plain_new(fe, r, stdout, plain_stdin, NULL);
	p->speech = !fe->events;
	p->times = fe->timestamps;
	secs = (long)(routine_seconds(r) + 0.5);
	if (secs < 90)
		plain_line(p, 0, "routine", "%s (%s), %ld seconds", r->title,
		    r->id, secs);
	else
		plain_line(p, 0, "routine", "%s (%s), about %ld minutes",
		    r->title, r->id, (secs + 30) / 60);
	for (i = 0; i < r->n_safety; i++)
		plain_line(p, 0, "safety", "%s", r->safety[i]);
	plain_rules(p);
	plain_about(p);
	plain_line(p, 0, "prompt", "How much does it hurt now, 0-10? "
	    "Type a number, or press Enter to start; help lists the "
	    "commands.");
	return 0;
}

/* Nothing to give back: plain mode never changes the terminal. */
static void
plain_close(struct frontend *fe)
{
	free(fe->data);
	fe->data = NULL;
}

/* Nothing to do around a suspension. */
static void
plain_nop(struct frontend *fe)
{
	(void)fe;
}

/* The side as a word. */
static const char *
plain_side(unsigned side)
{
	return say_side(side);
}

/* Describe a step as it starts. */
static void
plain_step_start(struct plain *p, const struct sess_action *a)
{
	const struct rt_step	*st = &p->r->steps[a->step];
	const char		*side = plain_side(a->side);
	char			 where[128];

	plain_line(p, a->at, "step_start", "%s %d of %u, %s: %s%s%s",
	    p->speech ? "Step" : "step", a->step + 1, p->r->n_steps,
	    routine_kind_name(st->kind), routine_step_title(st),
	    *side ? ", " : "", side);
	if (st->point != NULL)
		plain_line(p, a->at, "point", "%s", st->point);
	if (st->referral != NULL)
		plain_line(p, a->at, "referral", "%s", st->referral);
	if (st->where != NULL) {
		bodymap_region(st->where, (int)a->side, where, sizeof where);
		plain_line(p, a->at, "where", "%s", where);
	}
	if (st->text != NULL)
		plain_line(p, a->at, "text", "%s", st->text);
	p->last_left = -1;
}

/* Getting into position: the point first, then when the timer starts. */
static void
plain_ready(struct plain *p, const struct sess_action *a)
{
	const struct rt_step	*st = &p->r->steps[a->step];
	const char		*side = plain_side(a->side);
	const char		*what = st->kind == RT_HOLD ? "hold" : "set";

	if (st->point != NULL)
		plain_line(p, a->at, "ready", "Find the point: %s%s%s%s The %s "
		    "starts in %u s; press Enter when you are on it.",
		    st->point, *side ? " (" : "", side, *side ? ")" : "", what,
		    st->setup);
	else
		plain_line(p, a->at, "ready", "Get into position%s%s. The %s "
		    "starts in %u s; press Enter when you are ready.",
		    *side ? ", " : "", side, what, st->setup);
}

/* Print the aftercare that fits the session and the closing prompt. */
static void
plain_aftercare(struct plain *p, int64_t at, enum aftercare_kind kind)
{
	const char	**lines = aftercare_list(p->r, kind);
	unsigned	  i;

	for (i = 0; lines[i] != NULL; i++)
		plain_line(p, at, "aftercare", "%s", lines[i]);
	free(lines);
	plain_line(p, at, "prompt", "How do you feel now, 0-10? Type a "
	    "number, or press Enter to finish.");
}

/* A change of state: the aftercare, a switch of sides, a rest, a pause
 * for the symptom question, getting ready. */
static void
plain_state(struct plain *p, const struct sess_action *a)
{
	if (a->value == SS_AFTERCARE)
		plain_aftercare(p, a->at, (enum aftercare_kind)a->arg);
	else if (a->value == SS_SWITCH)
		plain_line(p, a->at, "switch", p->speech ? "%c%s." : "%c%s",
		    p->speech ? 'S' : 's', SAY_SWITCH + 1);
	else if (a->value == SS_SET_REST)
		plain_line(p, a->at, "rest", p->speech ? "%c%s." : "%c%s",
		    p->speech ? 'R' : 'r', SAY_REST + 1);
	else if (a->value == SS_CHECK)
		plain_line(p, a->at, "paused", p->speech ? "The hold is "
		    "paused." : "the hold is paused");
	else if (a->value == SS_READY)
		plain_ready(p, a);
}

/* Say a step as it starts: its number, kind, title and side, then the
 * point, its referral and the text; for the second side of a step only
 * the side. */
static void
plain_speak_step(struct plain *p, const struct sess_action *a)
{
	const struct rt_step	*st = &p->r->steps[a->step];
	const char		*side = plain_side(a->side);

	if (a->step == p->said_step && *side != '\0') {
		plain_line(p, a->at, "step_start", "Now the %s: %s.", side,
		    routine_step_title(st));
		p->last_left = -1;
		return;
	}
	p->said_step = a->step;
	plain_step_start(p, a);
}

/* Say one engine action in words, as a person would. */
static void
plain_speak(struct plain *p, const struct sess_action *a, bool breath)
{
	char	buf[256];

	switch (a->kind) {
	case SA_STATE:
		plain_state(p, a);
		return;
	case SA_PHASE:
		if (breath) {
			plain_say_breath(buf, sizeof buf, a->value, a->arg);
			plain_line(p, a->at, "breath", "%s.", buf);
		}
		return;
	case SA_PROMPT:
		plain_line(p, a->at, "prompt", "%s", coach_prompt_text());
		return;
	case SA_ADVICE:
		plain_line(p, a->at, "advice", "%s", a->text ? a->text : "");
		if (a->value == ADV_STOP)
			plain_line(p, a->at, "prompt", "Press Enter to go on.");
		return;
	case SA_CHECK:
		plain_line(p, a->at, "check", "%s Type yes or no.", a->text);
		return;
	case SA_HOW:
		plain_line(p, a->at, "prompt", "%s.", a->text);
		return;
	case SA_STEP_START:
		plain_speak_step(p, a);
		return;
	default:
		break;
	}
	if (plain_say_action(buf, sizeof buf, a))
		plain_line(p, a->at, session_act_name(a->kind), "%s", buf);
}

/* Print one engine action. */
static void
plain_action(struct frontend *fe, const struct sess_action *a)
{
	struct plain	*p = fe->data;
	const char	*name = session_act_name(a->kind);

	if (a->at > p->now)
		p->now = a->at;
	if (p->speech) {
		plain_speak(p, a, fe->animate);
		return;
	}
	switch (a->kind) {
	case SA_STATE:
		plain_state(p, a);
		break;
	case SA_PHASE:
		if (fe->animate)
			plain_line(p, a->at, "breath", "%s for %.1f s",
			    pacer_phase_name(a->value), a->arg / 1000.0);
		break;
	case SA_CUE:
		break;
	case SA_PROMPT:
		plain_line(p, a->at, "prompt", "%s", coach_prompt_text());
		break;
	case SA_ADVICE:
		plain_line(p, a->at, "advice", "%s", a->text ? a->text : "");
		if (a->value == ADV_STOP)
			plain_line(p, a->at, "prompt", "Press Enter to go on.");
		break;
	case SA_REP:
		plain_line(p, a->at, "rep", "set %lld, rep %d", (long long)a->arg,
		    a->value);
		break;
	case SA_STEP_START:
		plain_step_start(p, a);
		break;
	case SA_STEP_END:
		plain_line(p, a->at, name, "step %d%s%s after %.1f s: %s",
		    a->step + 1, a->side ? ", " : "", plain_side(a->side),
		    a->arg / 1000.0, session_status_name(a->value));
		break;
	case SA_STATUS:
		plain_line(p, a->at, name, "step %d%s%s: %s", a->step + 1,
		    a->side ? ", " : "", plain_side(a->side),
		    session_status_name(a->value));
		break;
	case SA_CHECK:
		plain_line(p, a->at, name, "%s Type yes or no.", a->text);
		break;
	case SA_SYMPTOM:
		plain_line(p, a->at, name, "%s", a->value ? "yes" : "no");
		break;
	case SA_HOW:
		plain_line(p, a->at, name, "step %d: %s", a->step + 1, a->text);
		break;
	case SA_SET:
		plain_line(p, a->at, name, "step %d%s%s: %d of %lld reps",
		    a->step + 1, a->side ? ", " : "", plain_side(a->side),
		    a->value, (long long)a->arg);
		break;
	case SA_DIFFICULTY:
		plain_line(p, a->at, name, "step %d: %s", a->step + 1,
		    session_difficulty_name(a->value));
		break;
	case SA_SKIP:
		plain_line(p, a->at, name, "step %d%s%s%s", a->step + 1,
		    !a->value ? "" : p->r->steps[a->step].kind == RT_HOLD ?
		    ", the whole point" : ", the whole step",
		    a->side && !a->value ? ", " : "",
		    a->value ? "" : plain_side(a->side));
		break;
	case SA_PRE_PAIN:
	case SA_POST_PAIN:
		plain_line(p, a->at, name, "%d", a->value);
		break;
	case SA_RATING:
		plain_line(p, a->at, name, "%d at %.1f s", a->value,
		    a->arg / 1000.0);
		break;
	case SA_RELEASE:
		plain_line(p, a->at, name, "released after %.1f s",
		    a->arg / 1000.0);
		break;
	case SA_EXTEND:
		plain_line(p, a->at, name, "hold is now %lld s",
		    (long long)(a->arg / 1000));
		break;
	case SA_FINISH:
		plain_line(p, a->at, name, "%s", session_outcome_name(a->value));
		break;
	default:
		plain_line(p, a->at, name, "step %d", a->step + 1);
		break;
	}
}

/* Print the countdown now and then: every 10 s, and 5 s before the end. */
static void
plain_draw(struct frontend *fe, const struct sess_view *v)
{
	struct plain	*p = fe->data;
	int64_t		 left;

	p->now = v->routine_elapsed;
	if (v->state != SS_STEP || v->st == NULL || v->paused)
		return;
	if (v->step != p->last_step || v->side != p->last_side ||
	    v->step_total != p->last_total || v->set != p->last_set) {
		p->last_step = v->step;
		p->last_side = v->side;
		p->last_total = v->step_total;
		p->last_set = v->set;
		p->last_left = (v->step_total + 999) / 1000;
	}
	left = (v->step_total - v->step_elapsed + 999) / 1000;
	if (left >= p->last_left || left <= 0)
		return;
	if (p->speech) {	/* once, near the end: few lines to hear */
		if (left == 10 && left < v->step_total / 1000) {
			plain_line(p, v->routine_elapsed, "remaining",
			    "10 seconds left.");
			p->last_left = left;
		}
		return;
	}
	if ((left % 10 == 0 || left == 5) && left < v->step_total / 1000) {
		plain_line(p, v->routine_elapsed, "remaining", "%lld s",
		    (long long)left);
		p->last_left = left;
	}
}

/* Print a notice. */
static void
plain_notice(struct frontend *fe, const char *msg)
{
	struct plain	*p = fe->data;

	plain_line(p, p->now, "notice", "%s", msg);
}

/* Input comes from stdin. */
static int
plain_fd(struct frontend *fe)
{
	struct plain	*p = fe->data;

	return p->eof ? -1 : STDIN_FILENO;
}

/* Take complete lines out of the buffer into the queue while it has room;
 * the others wait in the buffer for the queue to empty. */
static void
plain_lines(struct plain *p)
{
	const char	*error;
	char		*nl;
	size_t		 n;
	struct fe_input	 in;

	while (p->nq < nitems(p->queue) &&
	    (nl = memchr(p->buf, '\n', p->len)) != NULL) {
		n = nl - p->buf;
		if (!p->skipping) {
			in = plain_parse(p->buf, n, &error);
			if (error != NULL)
				plain_line(p, p->now, "notice", "%s", error);
			else
				p->queue[p->nq++] = in;
		}
		p->skipping = 0;
		memmove(p->buf, nl + 1, p->len - n - 1);
		p->len -= n + 1;
	}
	if (p->len == PLAIN_MAX_LINE && memchr(p->buf, '\n', p->len) == NULL) {
		if (!p->skipping)
			plain_line(p, p->now, "notice", "input line too long");
		p->len = 0;
		p->skipping = 1;
	}
}

/* Fill the empty queue: from lines still waiting in the buffer, else from
 * what one read brings. */
static void
plain_fill(struct plain *p)
{
	ssize_t	n;

	if (memchr(p->buf, '\n', p->len) != NULL) {
		plain_lines(p);
		return;
	}
	if (p->eof)
		return;
	n = p->rd(p->rd_arg, p->buf + p->len, PLAIN_MAX_LINE - p->len);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		p->eof = 1;
		if (p->len > 0 && !p->skipping) {
			p->buf[p->len++] = '\n';
			plain_lines(p);
		}
	} else if (n > 0) {
		p->len += n;
		plain_lines(p);
	}
}

/* Read what stdin has, one input at a time. */
static struct fe_input
plain_read(struct frontend *fe)
{
	struct plain	*p = fe->data;
	struct fe_input	 in = { FE_NONE, SI_NEXT, 0 };

	if (p->nq == 0)
		plain_fill(p);
	if (p->nq > 0) {
		in = p->queue[0];
		memmove(p->queue, p->queue + 1, --p->nq * sizeof *p->queue);
		return in;
	}
	if (p->eof)
		in.kind = FE_EOF;
	return in;
}

/* Plain mode has no animation. */
static int
plain_frame_ms(struct frontend *fe, const struct sess_view *v)
{
	(void)fe;
	(void)v;
	return 0;
}

/* An utterance, with the ms of its time, with --plain=voice. */
static void
plain_say(struct frontend *fe, int64_t at, const char *text,
    const char *clip)
{
	struct plain	*p = fe->data;

	if (fe->voice_lines)
		plain_line(p, at, "say", "%lld.%03lld %s%s%s%s",
		    (long long)(at / 1000), (long long)(at % 1000),
		    clip ? "(clip " : "", clip ? clip : "", clip ? ") " : "",
		    text);
}

const struct frontend_ops frontend_plain = {
	.name = "plain",
	.flags = FE_LINES,
	.open = plain_open,
	.close = plain_close,
	.suspend = plain_nop,
	.resume = plain_nop,
	.resize = plain_nop,
	.action = plain_action,
	.draw = plain_draw,
	.notice = plain_notice,
	.fd = plain_fd,
	.read = plain_read,
	.frame_ms = plain_frame_ms,
	.say = plain_say,
};
