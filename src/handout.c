/* SPDX-License-Identifier: GPL-3.0-or-later */
/* handout.c: a routine as a Markdown handout a therapist can paste into an
 * e-mail. Every text from the routine is escaped, so that it reads as the
 * author wrote it and cannot become a link, markup or HTML. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "aftercare.h"
#include "handout.h"
#include "text.h"
#include "util.h"

/* Write untrusted text as one line of Markdown that still reads well as
 * plain text: unsafe characters replaced, newlines as spaces, and escaped
 * only what Markdown would take for markup within a line (emphasis, code,
 * links, HTML, tables, entities) and, at the start of a paragraph, for a
 * heading, quote or list. */
static void
handout_text(FILE *f, const char *s)
{
	char	*safe = text_sanitize(s), *p;
	size_t	 len = strlen(safe);

	/* A folded text ends with a newline; a line should not. '>' is
	 * escaped below wherever it is. */
	while (len > 0 && strchr(" \t\r\n", safe[len - 1]) != NULL)
		safe[--len] = '\0';
	p = safe;
	if (strchr("#-+=", *p) != NULL && *p != '\0')
		fputc('\\', f);
	for (; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\t' || *p == '\r')
			fputc(' ', f);
		else if (strchr("\\`*_[]<>|~&", *p) != NULL ||
		    (*p == '.' && p > safe && p[-1] >= '0' && p[-1] <= '9' &&
		    strspn(safe, "0123456789") == (size_t)(p - safe)))
			fprintf(f, "\\%c", *p);
		else
			fputc(*p, f);
	}
	free(safe);
}

/* A labelled list of strings on one line, if it has any. */
static void
handout_list(FILE *f, const char *label, char **v, unsigned n)
{
	unsigned	i;

	if (n == 0)
		return;
	fprintf(f, "- **%s:** ", label);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs(", ", f);
		handout_text(f, v[i]);
	}
	fputc('\n', f);
}

/* A labelled string, if set. */
static void
handout_field(FILE *f, const char *label, const char *v)
{
	if (v == NULL)
		return;
	fprintf(f, "- **%s:** ", label);
	handout_text(f, v);
	fputc('\n', f);
}

/* Minutes and seconds. */
static void
handout_duration(char *buf, size_t len, double seconds)
{
	long	s = (long)(seconds + 0.5);

	snprintf(buf, len, "%ld:%02ld", s / 60, s % 60);
}

/* The sides of a step in words, or "". */
static const char *
handout_sides(const struct rt_step *st)
{
	if (st->kind == RT_RELEASE && st->after == RT_AFTER_EACH)
		return ", after each side of the hold";
	if (st->sides == (RT_SIDE_LEFT | RT_SIDE_RIGHT))
		return st->right_first ? ", right side, then left" :
		    ", left side, then right";
	if (st->sides == RT_SIDE_LEFT)
		return ", left side";
	if (st->sides == RT_SIDE_RIGHT)
		return ", right side";
	return "";
}

/* The seconds of a hold or stretch: "30 seconds", or per side "45
 * seconds on the left, 30 on the right" in the order they run. */
static void
handout_seconds(FILE *f, const struct rt_step *st)
{
	unsigned	a = routine_first_side(st);
	unsigned	b = a ^ (RT_SIDE_LEFT | RT_SIDE_RIGHT);

	if (!routine_per_side(st))
		fprintf(f, "%u seconds", st->seconds);
	else
		fprintf(f, "%u seconds on the %s, %u on the %s",
		    routine_side_seconds(st, a), a == RT_SIDE_RIGHT ? "right" :
		    "left", routine_side_seconds(st, b), b == RT_SIDE_RIGHT ?
		    "right" : "left");
}

/* What a step asks for in a few words: the hold, the reps, the breaths,
 * the sides, and the time it all takes when that is not plain. */
static void
handout_what(FILE *f, const struct routine *r, const struct rt_step *st)
{
	char	dur[32];

	handout_duration(dur, sizeof dur, routine_step_seconds(r, st));
	switch (st->kind) {
	case RT_HOLD:
		fputs("hold ", f);
		handout_seconds(f, st);
		fprintf(f, " (up to %u)", st->max_seconds);
		break;
	case RT_STRETCH:
		handout_seconds(f, st);
		break;
	case RT_EXERCISE:
		fprintf(f, "%u %s of %u", st->sets, st->sets == 1 ? "set" :
		    "sets", st->reps);
		break;
	case RT_BREATHE:
		fprintf(f, "%u breaths of ", st->cycles);
		handout_text(f, st->pattern);
		break;
	default:
		fprintf(f, "%u seconds", st->seconds);
		break;
	}
	if (!routine_per_side(st))	/* else said with the seconds */
		fputs(handout_sides(st), f);
	if (st->kind == RT_EXERCISE || st->kind == RT_BREATHE ||
	    st->sides == (RT_SIDE_LEFT | RT_SIDE_RIGHT))
		fprintf(f, " (%s in all)", dur);
	if (st->breathing != NULL) {
		fputs("; breathing: ", f);
		handout_text(f, st->breathing);
	}
}

/* One step as an item of a numbered list, its details indented under it. */
static void
handout_step(FILE *f, const struct routine *r, unsigned i)
{
	const struct rt_step	*st = &r->steps[i];

	fprintf(f, "%u. **", i + 1);
	handout_text(f, routine_step_title(st));
	fputs("**: ", f);
	handout_what(f, r, st);
	fputc('\n', f);
	if (st->point != NULL) {
		fputs("   - *Where:* ", f);
		handout_text(f, st->point);
		fputc('\n', f);
	}
	if (st->referral != NULL) {
		fputs("   - *Pain may spread to:* ", f);
		handout_text(f, st->referral);
		fputc('\n', f);
	}
	if (st->text != NULL) {
		fputs("   - ", f);
		handout_text(f, st->text);
		fputc('\n', f);
	}
}

/* The facts before the steps: targets, tools, frequency, time, range. */
static void
handout_facts(FILE *f, const struct routine *r)
{
	char	dur[32];

	handout_list(f, "Works on", r->targets, r->n_targets);
	handout_list(f, "Helps with", r->relieves, r->n_relieves);
	handout_list(f, "You need", r->tools, r->n_tools);
	handout_duration(dur, sizeof dur, routine_seconds(r));
	fprintf(f, "- **Time:** about %s\n", dur);
	if (r->per_week != 0) {
		fprintf(f, "- **How often:** %u times a week", r->per_week);
		if (r->weeks != 0)
			fprintf(f, " for %u weeks", r->weeks);
		fputc('\n', f);
	}
	if (routine_has_step(r, RT_HOLD))
		fprintf(f, "- **How firmly:** aim for %u to %u out of 10; at "
		    "%u or more, ease off\n", r->target_lo, r->target_hi,
		    r->ease_off_at);
	handout_field(f, "From", r->author);
	handout_field(f, "For", r->assigned_to);
	handout_field(f, "Contact", r->contact);
}

/* Bullet points, one per string. */
static void
handout_bullets(FILE *f, const char *const *v, unsigned n)
{
	unsigned	i;

	for (i = 0; i < n; i++) {
		fputs("- ", f);
		handout_text(f, v[i]);
		fputc('\n', f);
	}
}

/* Write the handout. */
void
handout_markdown(FILE *f, const struct routine *r)
{
	const char	**after;
	unsigned	  i;

	fputs("# ", f);
	handout_text(f, r->title);
	fputs("\n\n", f);
	if (r->summary != NULL) {
		handout_text(f, r->summary);
		fputs("\n\n", f);
	}
	handout_facts(f, r);
	if (r->n_safety != 0) {
		fputs("\n## Before you start\n\n", f);
		handout_bullets(f, (const char *const *)r->safety, r->n_safety);
	}
	fputs("\n## Steps\n\n", f);
	for (i = 0; i < r->n_steps; i++)
		handout_step(f, r, i);
	if (r->notes != NULL) {
		fputs("\n## Notes\n\n", f);
		handout_text(f, r->notes);
		fputc('\n', f);
	}
	/* The aftercare of the kind of session the routine is for. */
	after = aftercare_list(r, aftercare_routine_kind(r));
	for (i = 0; after[i] != NULL; i++)
		continue;
	fputs("\n## Afterwards\n\n", f);
	handout_bullets(f, after, i);
	free(after);
}
