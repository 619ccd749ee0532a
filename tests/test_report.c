/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_report.c: adherence, trends, reports in four formats from a history
 * made by the real session engine, reminders and the iCalendar output.
 *
 * With --make-history DB YAML [EXERCISE-YAML] it only writes that history
 * (and the routine file it was made from) for tests/report.sh; with
 * EXERCISE-YAML also four sessions of a routine of exercises, a stretch
 * and breathing over the same two weeks (tests/report_exercise.sh). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "history.h"
#include "remind.h"
#include "report.h"
#include "routine.h"
#include "session.h"
#include "util.h"
#include "tap.h"
#include "testlib.h"

#define DAY	86400
#define T0	1735725600	/* Wed 2025-01-01 10:00:00 UTC */

static const char test_yaml[] =
    TESTLIB_POINTS_YAML("Base of the skull, \"sub\"occipital");

/* A session driven through the engine on a clock the test moves. */
struct drive {
	struct session	*s;
	struct history	*h;
	int64_t		 sid;
	time_t		 w0;
	int64_t		 now;
};

/* Hand what the engine emitted to the history. */
static void
drive_pump(struct drive *d)
{
	struct sess_action	a;

	while (session_poll(d->s, &a))
		history_record(d->h, d->sid, &a, d->w0 + (time_t)(d->now / 1000));
}

/* Let ms pass, deadline by deadline. */
static void
drive_wait(struct drive *d, int64_t ms)
{
	int64_t	end = d->now + ms, dl;

	while (d->now < end) {
		dl = session_next_deadline(d->s, d->now);
		if (dl <= d->now)
			dl = d->now + 1;
		d->now = dl < end ? dl : end;
		session_tick(d->s, d->now);
		drive_pump(d);
	}
}

/* Press something. */
static void
drive_in(struct drive *d, enum sess_input in, int value)
{
	if (session_input(d->s, d->now, in, value) != 0)
		printf("# input %d refused at %lld\n", in, (long long)d->now);
	drive_pump(d);
}

/* How one scripted session goes. */
struct plan {
	int	day;
	int	pre, peak, post;
	int64_t	release_ms;	/* right side */
	int	skip_last;
	int	quit;		/* stop during the stretch */
};

/* The five sessions: two weeks of a 3-per-week prescription, one stopped,
 * one with an ease-off (8) and one with the last point skipped. */
static const struct plan plans[] = {
	{ 0, 6, 7, 3, 20000, 0, 0 },
	{ 2, 5, 8, 3, 15000, 1, 0 },
	{ 4, 5, 6, -1, 12000, 0, 1 },
	{ 7, 4, 6, 2, 10000, 0, 0 },
	{ 9, 4, 5, 1, 8000, 0, 0 },
};

/* Run one planned session of rt through the engine into h. */
static void
drive_session(struct history *h, const struct routine *rt,
    const struct plan *p)
{
	struct drive	d;

	memset(&d, 0, sizeof d);
	d.h = h;
	d.w0 = T0 + (time_t)p->day * DAY;
	d.sid = history_begin(h, rt, d.w0);
	d.s = session_new(rt, 0);
	drive_pump(&d);
	drive_in(&d, SI_RATING, p->pre);
	drive_in(&d, SI_NEXT, 0);		/* left side of the first hold */
	drive_wait(&d, 10000);
	drive_in(&d, SI_RATING, 5);
	drive_wait(&d, 10000);
	drive_in(&d, SI_RATING, p->peak);
	drive_wait(&d, 10000);			/* its 30 s are up */
	drive_in(&d, SI_NEXT, 0);		/* no switch pause */
	drive_wait(&d, p->release_ms);
	drive_in(&d, SI_RELEASE, 0);		/* on to the stretch */
	if (p->quit) {
		drive_wait(&d, 5000);
		drive_in(&d, SI_QUIT, 0);
	} else {
		drive_wait(&d, 20000);		/* the last hold */
		if (p->skip_last) {
			drive_wait(&d, 3000);
			drive_in(&d, SI_SKIP, 0);
		} else {
			drive_wait(&d, 10000);
			drive_in(&d, SI_RATING, 3);
			drive_wait(&d, 20000);
		}
		drive_in(&d, SI_RATING, p->post);
		drive_in(&d, SI_NEXT, 0);	/* finish */
	}
	if (!session_done(d.s))
		printf("# session of day %d did not finish\n", p->day);
	session_free(d.s);
}

static void	make_ex_history(struct history *);

/* Write the five sessions into the history at path, and the exercise
 * sessions if ex. */
static void
make_history(const char *path, bool ex)
{
	struct history	*h;
	struct routine	*rt = testlib_routine("test-points.yaml",
	    test_yaml);
	char		*cause = NULL;
	size_t		 i;

	if ((h = history_open(path, &cause)) == NULL)
		fatalx("%s", cause);
	for (i = 0; i < nitems(plans); i++)
		drive_session(h, rt, &plans[i]);
	if (ex)
		make_ex_history(h);
	if (history_flush(h) != 0)
		fatalx("history not written");
	history_close(h);
	routine_free(rt);
}

/* A routine of exercises, a stretch and breathing, for the exercise
 * sessions of the same two weeks. */
static const char test_ex_yaml[] =
    "unknot: 1\n"
    "id: test-exercise\n"
    "title: Test exercises\n"
    "frequency: {per_week: 2, weeks: 2}\n"
    "steps:\n"
    "  - exercise: {title: Wall squat, text: Slowly., sets: 3, reps: 5,\n"
    "      rep_seconds: 2, rest_seconds: 5, setup: 0}\n"
    "  - exercise: {title: Side raise, text: Lift., sets: 2, reps: 4,\n"
    "      rep_seconds: 3, rest_seconds: 0, setup: 0, sides: [left, right]}\n"
    "  - stretch: {title: Calf stretch, seconds: 30}\n"
    "  - breathe: {title: Slow breaths, pattern: slow, cycles: 3}\n";

/* How one scripted exercise session goes: the squat skipped so many ms
 * into it (0: not), the answers after each exercise (0: none), and a
 * quit so many ms into the left side raise (0: none). */
struct ex_plan {
	int	day;
	int64_t	skip_squat;
	int	how_squat, how_raise;
	int64_t	quit_raise;
};

/* Four sessions: one full, one with the squat skipped in its second set,
 * one with the squat's question left to close by itself, one quit in the
 * side raise. */
static const struct ex_plan ex_plans[] = {
	{ 1, 0, 1, 2, 0 },
	{ 3, 17000, 0, 3, 0 },
	{ 8, 0, 0, 3, 0 },
	{ 10, 0, 2, 0, 7000 },
};

/* Run one planned exercise session of rt through the engine into h. */
static void
drive_ex_session(struct history *h, const struct routine *rt,
    const struct ex_plan *p)
{
	struct drive	d;

	memset(&d, 0, sizeof d);
	d.h = h;
	d.w0 = T0 + (time_t)p->day * DAY;
	d.sid = history_begin(h, rt, d.w0);
	d.s = session_new(rt, 0);
	drive_pump(&d);
	drive_in(&d, SI_NEXT, 0);		/* the squat */
	if (p->skip_squat > 0) {
		drive_wait(&d, p->skip_squat);
		drive_in(&d, SI_SKIP, 0);
	} else {
		drive_wait(&d, 40000);		/* 3 sets of 10 s, 2 rests */
		if (p->how_squat > 0)
			drive_in(&d, SI_DIFFICULTY, p->how_squat);
	}
	if (p->quit_raise > 0) {
		drive_wait(&d, p->quit_raise);
		drive_in(&d, SI_QUIT, 0);
	} else {
		drive_wait(&d, 24000);		/* left: 2 sets of 12 s */
		drive_in(&d, SI_NEXT, 0);	/* no switch pause */
		drive_wait(&d, 24000);		/* right */
		if (p->how_raise > 0)
			drive_in(&d, SI_DIFFICULTY, p->how_raise);
		drive_wait(&d, 30000);		/* the stretch */
		drive_wait(&d, 60000);		/* the breaths */
		drive_in(&d, SI_NEXT, 0);	/* finish */
	}
	if (!session_done(d.s))
		printf("# exercise session of day %d did not finish\n",
		    p->day);
	session_free(d.s);
}

/* Write the exercise sessions into h. */
static void
make_ex_history(struct history *h)
{
	struct routine	*rt = testlib_routine("test-exercise.yaml",
	    test_ex_yaml);
	size_t		 i;

	for (i = 0; i < nitems(ex_plans); i++)
		drive_ex_session(h, rt, &ex_plans[i]);
	routine_free(rt);
}

/* Write yaml to path, or stop. */
static void
write_yaml(const char *path, const char *yaml)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL || fputs(yaml, f) == EOF ||
	    fclose(f) != 0)
		fatal("%s", path);
}

/* A session for the adherence tests. */
static struct hist_session
sess(int day, const char *outcome)
{
	struct hist_session	s;

	memset(&s, 0, sizeof s);
	s.start = T0 + (time_t)day * DAY;
	s.end = s.start + 600;
	s.finished = strcmp(outcome, "unfinished") != 0;
	s.outcome = (char *)(uintptr_t)outcome;	/* read, never freed */
	return s;
}

/* Adherence counting and its wording. */
static void
test_adherence(void)
{
	struct hist_session	v[8];
	struct report_adherence	a;
	time_t			from = calendar_midnight(T0);
	char			*s;

	is_int(from, T0 - 10 * 3600, "midnight");
	v[0] = sess(0, "completed");
	v[1] = sess(2, "completed");
	v[2] = sess(4, "completed");
	v[3] = sess(7, "completed");
	v[4] = sess(9, "completed");
	v[5] = sess(10, "stopped");
	v[6] = sess(15, "completed");
	v[7] = sess(-3, "completed");
	report_adherence(3, 2, from, T0 + 16 * DAY, v, 8, &a);
	is_int(a.weeks_in, 2, "weeks capped at the prescription");
	is_int(a.done, 5, "completed sessions in the window");
	is_int(a.expected, 6, "expected");
	is_int(a.other, 1, "stopped ones apart");
	is_int(a.after, 1, "completed after the prescription");
	is_int(a.week[0].done, 3, "week 1");
	is_int(a.week[1].done, 2, "week 2");
	is_int(a.to, from + 14 * DAY, "window ends with the prescription");
	s = report_adherence_text(&a);
	is_str(s, "5 of 6 sessions in 2 weeks, and 1 after the prescribed 2 "
	    "weeks; 1 not finished", "wording");
	free(s);
	report_adherence_free(&a);

	report_adherence(3, 2, from, T0 + 3 * DAY, v, 2, &a);
	is_int(a.weeks_in, 1, "first week");
	is_int(a.expected, 3, "three expected so far");
	is_int(a.done, 2, "two done by now");
	s = report_adherence_text(&a);
	is_str(s, "2 of 3 sessions in 1 week (week 1 of 2 still running)",
	    "wording while running");
	free(s);
	report_adherence_free(&a);

	report_adherence(2, 0, from, T0 + 20 * DAY, v, 7, &a);
	is_int(a.weeks_in, 3, "open-ended: weeks so far");
	is_int(a.expected, 6, "open-ended: expected");
	is_int(a.done, 6, "open-ended: all completed count");
	report_adherence_free(&a);
}

/* A point with these release times (-1: none). */
static const char *
trend_of(const int64_t *ms, size_t n)
{
	struct hist_sample	v[8];
	struct hist_point	p;
	size_t			i;

	memset(&p, 0, sizeof p);
	memset(v, 0, sizeof v);
	for (i = 0; i < n; i++)
		v[i].release_ms = ms[i];
	p.v = v;
	p.n = n;
	return report_trend(&p);
}

/* Release trend, dates and formats. */
static void
test_small(void)
{
	static const int64_t faster[] = { 20000, 15000, -1, 12000, 8000 };
	static const int64_t slower[] = { 5000, 7000, 9000 };
	static const int64_t two[] = { 5000, 9000 };
	static const int64_t steady[] = { 10000, 10400, 9800 };
	static const int64_t one[] = { 10000, -1 };
	enum report_format	 f;
	time_t			 t;

	is_str(trend_of(faster, 5), "faster", "trend faster");
	is_str(trend_of(slower, 3), "slower", "trend slower");
	is_str(trend_of(two, 2), NULL, "no trend from two releases");
	is_str(trend_of(steady, 3), "steady", "trend steady");
	is_str(trend_of(one, 2), NULL, "no trend from one release");
	ok(calendar_parse_date("2025-01-01", &t) == 0 && t == T0 - 10 * 3600,
	    "date parsed as local midnight");
	ok(calendar_parse_date("2024-02-29", &t) == 0, "leap day");
	ok(calendar_parse_date("2025-02-29", &t) == -1, "no 29 Feb 2025");
	ok(calendar_parse_date("2025-13-01", &t) == -1, "no month 13");
	ok(calendar_parse_date("2025-1-01", &t) == -1, "two-digit month");
	ok(calendar_parse_date("2025-01-01x", &t) == -1, "trailing junk");
	ok(calendar_parse_date("yesterday", &t) == -1, "not a date");
	ok(report_parse_format("markdown", &f) == 0 && f == REPORT_MARKDOWN,
	    "format markdown");
	ok(report_parse_format("csv", &f) == 0 && f == REPORT_CSV,
	    "format csv");
	ok(report_parse_format("xml", &f) == -1, "format xml refused");
}

/* A report of the history at db in a format, as a string. */
static char *
report_of(const char *db, enum report_format fmt, const char *routine,
    time_t since)
{
	struct history		*h;
	struct report_opts	 o;
	char			*buf = NULL, *cause = NULL;
	size_t			 len;
	FILE			*f;

	memset(&o, 0, sizeof o);
	o.format = fmt;
	o.now = T0 + 12 * DAY;
	o.routine = routine;
	o.since = since;
	h = history_open_read(db, &cause);
	f = open_memstream(&buf, &len);
	if (h == NULL || report_write(f, h, &o, &cause) != 0)
		printf("# report: %s\n", cause);
	fclose(f);
	history_close(h);
	return buf;
}

/* Count occurrences of needle in s. */
static int
count(const char *s, const char *needle)
{
	int	n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* Say whether s has needle, and show s if not. */
static int
has(const char *s, const char *needle)
{
	if (strstr(s, needle) != NULL)
		return 1;
	printf("# missing: %s\n", needle);
	return 0;
}

/* The report of the engine-made history, in every format. */
static void
test_reports(const char *db)
{
	char	*s;

	s = report_of(db, REPORT_TEXT, NULL, 0);
	ok(has(s, "Test points (test-points)"), "text: routine");
	ok(has(s, "Frequency: 3 per week for 2 weeks (as recorded)"),
	    "text: frequency from the history");
	ok(has(s, "Adherence: 4 of 6 sessions in 2 weeks (week 2 of 2 still "
	    "running); 1 not finished, since 2025-01-01"), "text: adherence");
	ok(has(s, "  week 1 (from 2025-01-01): 2 of 3\n"
	    "  week 2 (from 2025-01-08): 2 of 3\n"), "text: by week");
	ok(has(s, "Routine file SHA-256: "), "text: hash");
	ok(has(s, "  DATE              DURATION  OUTCOME      PAIN      POINTS"
	    "  PEAK\n  2025-01-01 10:00      1:40  completed    6 -> 3    3/3"
	    "     7\n  2025-01-03 10:00      1:08  partial      5 -> 3    2/3"
	    "     8\n    not done: Base of the skull, \"sub\"occipital: "
	    "skipped\n"), "text: sessions with their length; a skipped point "
	    "makes a session partial, and is named");
	ok(has(s, "2025-01-05 10:00      0:47  stopped      5 -> -    2/3"
	    "     6\n"), "text: stopped session");
	ok(has(s, "  Top of the shoulder (left)\n    sessions 5, discomfort "
	    "avg 5.7, peak 8, ease-offs 1, bracing 0, skips 0\n    peak per "
	    "session: 7 8 6 6 5\n    time to release: -, -, -, -, -\n"),
	    "text: left point");
	ok(has(s, "  Top of the shoulder (right)\n    sessions 5, discomfort "
	    "avg -, peak -, ease-offs 0, bracing 0, skips 0\n    peak per "
	    "session: - - - - -\n    time to release: 20 s, 15 s, 12 s, 10 s, "
	    "8 s (faster)\n"), "text: right point, release trend");
	ok(has(s, "  Base of the skull, \"sub\"occipital\n    sessions 4, "
	    "discomfort avg 3.0, peak 3, ease-offs 0, bracing 0, skips 1\n"),
	    "text: last point");
	free(s);

	s = report_of(db, REPORT_MARKDOWN, "test-points", 0);
	ok(has(s, "# unknot report\n"), "markdown: title");
	ok(has(s, "## Test points (`test-points`)\n"), "markdown: routine");
	ok(has(s, "- **Adherence: 4 of 6 sessions in 2 weeks"),
	    "markdown: adherence");
	ok(has(s, "| 2025-01-03 10:00 | 1:08 | partial | 5 | 3 | 2/3 | 8 |"),
	    "markdown: session row");
	ok(has(s, "| Top of the shoulder (right) | 5 | - | - | 0 | 0 | 0 | "
	    "- - - - - | 20 s, 15 s, 12 s, 10 s, 8 s | faster |"),
	    "markdown: point row");
	ok(has(s, "| Base of the skull, \"sub\"occipital | 4 | 3.0 | 3 | 0 | 0 "
	    "| 1 |"), "markdown: skips");
	free(s);

	s = report_of(db, REPORT_JSON, NULL, 0);
	ok(has(s, "\"adherence\": {\"from\": \"2025-01-01T00:00:00Z\", "
	    "\"to\": \"2025-01-13T10:00:00Z\", \"weeks\": 2, \"done\": 4, "
	    "\"expected\": 6, \"other\": 1, \"after\": 0"), "json: adherence");
	ok(has(s, "\"release_trend\": \"faster\""), "json: trend");
	ok(has(s, "\"avg\": 5.7, \"peak\": 8, \"ease_offs\": 1"),
	    "json: left point");
	is_int(count(s, "\"outcome\": \"completed\""), 3, "json: completed");
	is_int(count(s, "\"outcome\": \"partial\""), 1, "json: partial");
	ok(has(s, "\"not_done\": \"Base of the skull, \\\"sub\\\"occipital: "
	    "skipped\""), "json: what was not done");
	is_int(count(s, "\"release_ms\": 20000"), 1, "json: release ms");
	free(s);

	s = report_of(db, REPORT_CSV, NULL, 0);
	ok(has(s, "session_id,session_start,session_outcome,routine_id,"
	    "routine_sha256,seq,wall,at_ms,kind,step,step_kind,step_title,"
	    "point,side,value,arg_ms,routine_signature,client,therapist,"
	    "flags,text\r\n"), "csv: header");
	is_int(count(s, ",rating,"), 13, "csv: a row per rating");
	is_int(count(s, ",release,"), 5, "csv: a row per release");
	ok(has(s, ",\"Base of the skull, \"\"sub\"\"occipital\","),
	    "csv: quoting");
	ok(has(s, "1,2025-01-01T10:00:00Z,completed,test-points,"),
	    "csv: first row");
	free(s);

	s = report_of(db, REPORT_CSV, NULL, T0 + 5 * DAY);
	is_int(count(s, ",rating,"), 6, "csv: --since keeps later sessions");
	free(s);
	s = report_of(db, REPORT_TEXT, "nothing-like-it", 0);
	ok(has(s, "No sessions recorded."), "text: unknown routine");
	free(s);
	s = report_of(db, REPORT_JSON, "nothing-like-it", 0);
	ok(has(s, "\"routines\": []"), "json: unknown routine");
	free(s);
}

/* The routine of routine_at(); arrays, as the struct holds char *. */
static char test_points_id[] = "test-points";
static char test_points_title[] = "Test points";

/* A routine as history_routines() gives it. */
static struct hist_routine
routine_at(unsigned per_week, unsigned weeks, size_t done, time_t last)
{
	struct hist_routine	r;

	memset(&r, 0, sizeof r);
	r.id = test_points_id;
	r.title = test_points_title;
	r.per_week = per_week;
	r.weeks = weeks;
	r.seconds = 160;
	r.program_start = T0;
	r.program_done = done;
	r.first = T0;
	r.last = r.last_done = last;
	r.last_end = last + 600;
	r.holds = r.last_held = true;
	r.sessions = done + 1;
	return r;
}

/* The lines of `unknot remind` at now, joined. */
static char *
remind_at(const struct hist_routine *r, time_t now)
{
	char	**v, *s = xstrdup(""), *t;
	size_t	  n, i;

	n = remind_lines(r, 1, now, &v);
	for (i = 0; i < n; i++) {
		xasprintf(&t, "%s%s\n", s, v[i]);
		free(s);
		s = t;
	}
	remind_free(v, n);
	return s;
}

/* What is due when. */
static void
test_remind(void)
{
	struct hist_routine	 r = routine_at(3, 2, 2, T0 + 2 * DAY);
	char			*s;

	is_int(remind_next(&r, T0), T0 + 2 * DAY + 7 * DAY / 3,
	    "next: a third of a week after the last");
	s = remind_at(&r, T0 + 2 * DAY + 3600);
	is_str(s, "Today's session (Test points): drink plenty of water, "
	    "keep moving gently, and leave intense exercise until 10:10 "
	    "tomorrow; some soreness for a day or two is normal.\n",
	    "an hour after: aftercare only");
	free(s);
	s = remind_at(&r, T0 + 3 * DAY + 12 * 3600);
	is_str(s, "Yesterday's session (Test points): soreness should be "
	    "fading by now; intense exercise is fine again after 24 h.\n",
	    "36 h after");
	free(s);
	s = remind_at(&r, T0 + 4 * DAY + 2 * 3600);
	is_str(s, "Test points: next session due today (3 per week, session "
	    "3 of 6). Start it with 'unknot run test-points'.\n",
	    "due today");
	free(s);
	s = remind_at(&r, T0 + 6 * DAY);
	is_str(s, "Test points: next session overdue since Sun 5 Jan (2 days;"
	    " 3 per week, session 3 of 6). Start it with 'unknot run "
	    "test-points'.\n", "overdue");
	free(s);
	s = remind_at(&r, T0 + 14 * DAY);
	is_str(s, "", "nothing once the prescribed weeks are over");
	free(s);
	r.program_done = 6;
	s = remind_at(&r, T0 + 6 * DAY);
	is_str(s, "", "nothing once all sessions are done");
	free(s);
	r = routine_at(0, 0, 2, T0 + 2 * DAY);
	s = remind_at(&r, T0 + 6 * DAY);
	is_str(s, "", "nothing without a frequency");
	free(s);
	r = routine_at(2, 0, 2, T0 + 2 * DAY);
	s = remind_at(&r, T0 + 8 * DAY);
	ok(has(s, "overdue since Mon 6 Jan (3 days; 2 per week)"),
	    "open-ended: overdue");
	free(s);
	s = remind_at(&r, T0 + 60 * DAY);
	is_str(s, "", "open-ended: quiet after 30 days");
	free(s);
	r = routine_at(3, 2, 2, T0 + 2 * DAY);
	s = remind_next_text(&r, T0 + 2 * DAY + 3600);
	is_str(s, "Next session: Sun 5 Jan (3 per week, session 3 of 6).",
	    "next session text");
	free(s);
	s = remind_next_text(&r, T0 + 3 * DAY);
	is_str(s, "Next session: tomorrow (3 per week, session 3 of 6).",
	    "next session tomorrow");
	free(s);
	/* A session without pressure holds: no soreness talk. */
	r.holds = r.last_held = false;
	s = remind_at(&r, T0 + 2 * DAY + 3600);
	is_str(s, "", "an hour after a breathing session: no aftercare line");
	free(s);
}

/* A routine without holds: sessions in the calendar under their own
 * name, and no water or soreness check-ins. */
static void
test_ics_breathing(void)
{
	struct hist_routine	 r = routine_at(3, 2, 2, T0 + 2 * DAY);
	char			*buf = NULL, *cause = NULL;
	size_t			 len;
	FILE			*f;
	int			 n;

	r.holds = r.last_held = false;
	f = open_memstream(&buf, &len);
	n = remind_ics(f, &r, 1, T0 + 2 * DAY + 3600, &cause);
	fclose(f);
	is_int(n, 4, "breathing: four sessions left, no check-ins");
	is_int(count(buf, "SUMMARY:Session: Test points\r\n"), 4,
	    "breathing: not called trigger point sessions");
	is_int(count(buf, "Soreness"), 0, "breathing: no soreness checks");
	free(buf);
	free(cause);
}

/* The routine's own check-ins instead of the standard ones: in the
 * calendar at their hours after the session, and in remind once due. */
static void
test_ics_checkins(void)
{
	struct hist_routine	 r = routine_at(3, 2, 2, T0 + 2 * DAY);
	static char		 ice[] = "Ice it now.", days[] = "Three days on?";
	struct rt_checkin	 c[2] = { { 6, ice }, { 72, days } };
	char			*buf = NULL, *cause = NULL, *s;
	size_t			 len;
	FILE			*f;
	int			 n;

	r.checkins = c;
	r.n_checkins = 2;
	r.no_standard_checkins = true;
	f = open_memstream(&buf, &len);
	n = remind_ics(f, &r, 1, T0 + 2 * DAY + 3600, &cause);
	fclose(f);
	is_int(n, 6, "four sessions and the two check-ins of its own");
	/* The session ended 2025-01-03 10:10 UTC: 6 h and 72 h on. */
	ok(has(buf, "DTSTART:20250103T161000Z") &&
	    has(buf, "DTSTART:20250106T101000Z"), "at 16:10 and three days on");
	is_int(count(buf, "SUMMARY:Check-in: Test points\r\n"), 2,
	    "named as check-ins");
	is_int(count(buf, "Soreness") + count(buf, "Drink a glass"), 0,
	    "no standard check-ins");
	free(buf);
	s = remind_at(&r, T0 + 2 * DAY + 600 + 7 * 3600);
	ok(strstr(s, "Ice it now.") != NULL && strstr(s, "drink plenty") ==
	    NULL, "remind 7 h on: the 6 h check-in, no soreness line");
	free(s);
	s = remind_at(&r, T0 + 2 * DAY + 600 + 5 * 3600);
	ok(strstr(s, "Ice it now.") == NULL, "... not before its time");
	free(s);
	free(cause);
}

/* The calendar: RFC 5545 lines, events and alarms. */
static void
test_ics(void)
{
	struct hist_routine	 r = routine_at(3, 2, 2, T0 + 2 * DAY);
	char			*buf = NULL, *cause = NULL, *line, *end;
	size_t			 len;
	FILE			*f;
	int			 n, longest = 0, bad_eol = 0;

	f = open_memstream(&buf, &len);
	n = remind_ics(f, &r, 1, T0 + 2 * DAY + 3600, &cause);
	fclose(f);
	is_int(n, 7, "four sessions left and three check-ins");
	is_int(count(buf, "BEGIN:VEVENT\r\n"), 7, "seven events");
	is_int(count(buf, "BEGIN:VALARM\r\n"), 7, "each with an alarm");
	is_int(count(buf, "\r\nUID:"), 7, "each with a UID");
	is_int(count(buf, "\r\nDTSTAMP:20250103T110000Z\r\n"), 7,
	    "each with DTSTAMP");
	ok(has(buf, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"), "header");
	ok(has(buf, "DTSTART:20250105T100000Z\r\nDTEND:20250105T101500Z"),
	    "first session on the day due, at the usual time");
	ok(has(buf, "DTSTART:20250107T100000Z"), "second two days later");
	ok(has(buf, "DTSTART:20250110T100000Z"), "third");
	ok(has(buf, "DTSTART:20250112T100000Z"), "fourth, within 2 weeks");
	ok(has(buf, "UID:session-test-points-1735725600-6@unknot"),
	    "stable UID per session number");
	ok(has(buf, "DTSTART:20250103T111000Z"), "water an hour after");
	ok(has(buf, "DTSTART:20250104T101000Z"), "soreness check at 24 h");
	ok(has(buf, "DTSTART:20250105T101000Z"), "soreness check at 48 h");
	ok(has(buf, "TRIGGER:-PT10M"), "sessions alarm 10 minutes before");
	ok(has(buf, "SUMMARY:Trigger point session: Test points"), "summary");
	ok(has(buf, "\\, "), "commas escaped");
	ok(has(buf, "\r\nEND:VCALENDAR\r\n"), "footer");
	for (line = buf; *line != '\0'; line = end + 2) {
		if ((end = strstr(line, "\r\n")) == NULL) {
			bad_eol = 1;
			break;
		}
		if (end - line > longest)
			longest = (int)(end - line);
		if (memchr(line, '\n', end - line) != NULL)
			bad_eol = 1;
	}
	ok(!bad_eol, "every line ends in CRLF");
	ok(longest <= 75, "no line longer than 75 octets");
	ok(count(buf, "\r\n ") > 0, "long lines are folded");
	free(buf);

	buf = NULL;
	f = open_memstream(&buf, &len);
	n = remind_ics(f, &r, 1, T0 + 30 * DAY, &cause);
	fclose(f);
	is_int(n, -1, "nothing to put in a calendar");
	ok(cause != NULL, "and why");
	free(cause);
	free(buf);
}

/* Remove the history at db and its -wal and -shm files. */
static void
remove_db(const char *db)
{
	char	*cmd;

	xasprintf(&cmd, "rm -f '%s' '%s-wal' '%s-shm'", db, db, db);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", db);
	free(cmd);
}

/* A new history for one session of rt: *db its file, d driving. */
static void
drive_open(struct drive *d, const struct routine *rt, const char *name,
    char **db)
{
	char	*cause = NULL;

	xasprintf(db, "%s/unknot-%s-%ld.db", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp", name, (long)getpid());
	memset(d, 0, sizeof *d);
	if ((d->h = history_open(*db, &cause)) == NULL)
		fatalx("%s", cause);
	d->w0 = T0 + DAY;
	d->sid = history_begin(d->h, rt, d->w0);
	d->s = session_new(rt, 0);
	drive_pump(d);
}

/* End the session d drove and close its history. */
static void
drive_close(struct drive *d)
{
	session_free(d->s);
	if (history_flush(d->h) != 0)
		fatalx("history not written");
	history_close(d->h);
}

/* A step skipped, then done after going back to it (SI_PREV), counts
 * by its latest status in the session: done, not skipped. */
static void
test_back_again(void)
{
	static const char	 yaml[] =
	    "unknot: 1\n"
	    "id: test-back\n"
	    "title: Back and again\n"
	    "steps:\n"
	    "  - stretch: {title: Calf stretch, seconds: 30}\n"
	    "  - stretch: {title: Hip stretch, seconds: 30}\n";
	struct routine		*rt = testlib_routine("test-back.yaml", yaml);
	struct drive		 d;
	char			*db, *s;

	drive_open(&d, rt, "back", &db);
	drive_in(&d, SI_NEXT, 0);
	drive_wait(&d, 6000);
	drive_in(&d, SI_SKIP, 0);	/* the calf stretch, 6 s in */
	drive_wait(&d, 6000);
	drive_in(&d, SI_PREV, 0);	/* the hip's 6 s, back to the calf */
	drive_wait(&d, 30000);		/* the calf, done */
	drive_wait(&d, 30000);		/* the hip, done */
	drive_in(&d, SI_NEXT, 0);
	ok(session_done(d.s), "back and again: the session finished");
	drive_close(&d);
	routine_free(rt);
	s = report_of(db, REPORT_TEXT, "test-back", 0);
	/* 6 s skipped and 30 s done in each. */
	ok(has(s, "  1. Calf stretch (stretch)\n    sessions 1: done 1, "
	    "skipped 0, stopped 0, not reached 0; time in it 0:36\n"),
	    "back and again: the calf counts as done, its latest status");
	ok(has(s, "  2. Hip stretch (stretch)\n    sessions 1: done 1, "
	    "skipped 0, stopped 0, not reached 0; time in it 0:36\n"),
	    "back and again: the hip, left by going back, counts as done");
	free(s);
	remove_db(db);
	free(db);
}

/* A step done, then gone back to and skipped, stays done: in the steps,
 * in the session's outcome and in what it did not do. */
static void
test_done_then_skipped(void)
{
	static const char	 yaml[] =
	    "unknot: 1\n"
	    "id: test-again\n"
	    "title: Done and again\n"
	    "steps:\n"
	    "  - stretch: {title: Calf stretch, seconds: 30}\n"
	    "  - stretch: {title: Hip stretch, seconds: 30}\n";
	struct routine		*rt = testlib_routine("test-again.yaml", yaml);
	struct drive		 d;
	char			*db, *s;

	drive_open(&d, rt, "again", &db);
	drive_in(&d, SI_NEXT, 0);
	drive_wait(&d, 30000);		/* the calf, done */
	drive_wait(&d, 6000);
	drive_in(&d, SI_PREV, 0);	/* the hip's 6 s, back to the calf */
	drive_wait(&d, 2000);
	drive_in(&d, SI_SKIP_POINT, 0);	/* the calf skipped, 2 s in */
	drive_wait(&d, 30000);		/* the hip, done */
	drive_in(&d, SI_NEXT, 0);
	ok(session_done(d.s), "done and again: the session finished");
	drive_close(&d);
	routine_free(rt);
	s = report_of(db, REPORT_TEXT, "test-again", 0);
	ok(has(s, "  1. Calf stretch (stretch)\n    sessions 1: done 1, "
	    "skipped 0, stopped 0, not reached 0; time in it 0:32\n"),
	    "done and again: the calf counts as done, not as skipped");
	ok(has(s, "  2. Hip stretch (stretch)\n    sessions 1: done 1, "
	    "skipped 0, stopped 0, not reached 0; time in it 0:36\n"),
	    "done and again: the hip too");
	free(s);
	s = report_of(db, REPORT_JSON, "test-again", 0);
	ok(has(s, "\"outcome\": \"completed\"") &&
	    has(s, "\"not_done\": \"\""),
	    "done and again: the session is complete, nothing not done");
	free(s);
	remove_db(db);
	free(db);
}

/* Two steps of one title are one row of the steps: the second skipped
 * is the row's latest status, not a revisit of the first done. */
static void
test_same_title(void)
{
	static const char	 yaml[] =
	    "unknot: 1\n"
	    "id: test-twice\n"
	    "title: Twice\n"
	    "steps:\n"
	    "  - stretch: {title: Calf stretch, seconds: 30}\n"
	    "  - stretch: {title: Calf stretch, seconds: 30}\n";
	struct routine		*rt = testlib_routine("test-twice.yaml", yaml);
	struct drive		 d;
	char			*db, *s;

	drive_open(&d, rt, "twice", &db);
	drive_in(&d, SI_NEXT, 0);
	drive_wait(&d, 30000);		/* the first, done */
	drive_wait(&d, 4000);
	drive_in(&d, SI_SKIP_POINT, 0);	/* the second, skipped */
	drive_in(&d, SI_NEXT, 0);
	drive_close(&d);
	routine_free(rt);
	s = report_of(db, REPORT_TEXT, "test-twice", 0);
	ok(has(s, "sessions 1: done 0, skipped 1, stopped 0, not reached 0; "
	    "time in it 0:34\n"),
	    "two steps of one title: the second's skip is the row's status");
	free(s);
	remove_db(db);
	free(db);
}

/* Run the tests, or with --make-history only write the history. */
int
main(int argc, char **argv)
{
	char	*db;

	setenv("TZ", "UTC", 1);
	tzset();
	if ((argc == 4 || argc == 5) &&
	    strcmp(argv[1], "--make-history") == 0) {
		/* With a second file, the exercise sessions too. */
		make_history(argv[2], argc == 5);
		write_yaml(argv[3], test_yaml);
		if (argc == 5)
			write_yaml(argv[4], test_ex_yaml);
		return 0;
	}
	test_adherence();
	test_small();
	test_remind();
	test_ics_breathing();
	test_ics_checkins();
	test_ics();
	test_back_again();
	test_done_then_skipped();
	test_same_title();
	xasprintf(&db, "%s/unknot-report-%ld.db", getenv("TMPDIR") != NULL ?
	    getenv("TMPDIR") : "/tmp", (long)getpid());
	make_history(db, false);
	test_reports(db);
	remove_db(db);
	free(db);
	return done_testing();
}
