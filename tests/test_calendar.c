/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_calendar.c: days and weeks across both daylight saving changes in
 * Europe/Berlin and America/New_York, the window of times a right clock
 * can have written, and every function given the extremes of time_t.
 * The expected times were computed apart from unknot, with Python's
 * datetime and zoneinfo, e.g.
 * int(datetime(2025, 10, 27, tzinfo=ZoneInfo("Europe/Berlin")).timestamp()). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "history.h"
#include "remind.h"
#include "report.h"
#include "util.h"
#include "tap.h"

#define DAY	86400

/* One daylight saving change: the week around it, local times. */
struct dst_case {
	const char	*tz;
	const char	*name;
	const char	*sunday;	/* the day of the change */
	time_t		 mon;		/* Monday before, 00:00 */
	time_t		 sun;		/* the Sunday, 00:00 */
	time_t		 sun2330;	/* the Sunday, 23:30 */
	time_t		 next_mon;	/* the Monday after, 00:00 */
	time_t		 sat20;		/* the Saturday, 20:00 */
	time_t		 sun20;		/* the Sunday, 20:00 */
};

static const struct dst_case cases[] = {
	{ "Europe/Berlin", "Berlin, October", "2025-10-26", 1760911200,
	  1761429600, 1761517800, 1761519600, 1761415200, 1761505200 },
	{ "Europe/Berlin", "Berlin, March", "2025-03-30", 1742770800,
	  1743289200, 1743370200, 1743372000, 1743274800, 1743357600 },
	{ "America/New_York", "New York, March", "2025-03-09", 1740978000,
	  1741496400, 1741577400, 1741579200, 1741482000, 1741564800 },
	{ "America/New_York", "New York, November", "2025-11-02", 1761537600,
	  1762056000, 1762144200, 1762146000, 1762041600, 1762131600 },
};

/* Set the time zone. */
static void
zone(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

/* A session at start, completed or not. */
static struct hist_session
sess(time_t start, const char *outcome)
{
	struct hist_session	s;

	memset(&s, 0, sizeof s);
	s.start = start;
	s.end = start <= INT64_MAX - 600 ? start + 600 : start;
	s.finished = 1;
	s.outcome = (char *)(uintptr_t)outcome;	/* read, never freed */
	return s;
}

/* Name a check after its case. */
static const char *
named(const struct dst_case *c, const char *what)
{
	static char	buf[160];

	snprintf(buf, sizeof buf, "%s: %s", c->name, what);
	return buf;
}

/* Days, weeks, midnights and "tomorrow" across one change. */
static void
test_dst(const struct dst_case *c)
{
	struct hist_session	v[3];
	struct report_adherence	a;
	struct hist_routine	r;
	time_t			t;

	zone(c->tz);
	is_int(calendar_midnight(c->sun2330), c->sun,
	    named(c, "midnight of Sunday 23:30"));
	is_int(calendar_add_days(c->mon, 7), c->next_mon,
	    named(c, "Monday + 7 days is the next Monday"));
	is_int(calendar_add_days(c->sun, 1), c->next_mon,
	    named(c, "Sunday + 1 day is Monday"));
	is_int(calendar_add_days(c->next_mon, -7), c->mon,
	    named(c, "and back"));
	is_int(calendar_days(c->mon, c->sun2330), 6,
	    named(c, "Sunday 23:30 is 6 days after Monday"));
	is_int(calendar_days(c->sun2330, c->next_mon + 1800), 1,
	    named(c, "Monday 00:30 is the day after Sunday 23:30"));
	is_int(calendar_at(c->sat20, 1, 20, 0), c->sun20,
	    named(c, "tomorrow at 20:00"));
	ok(calendar_parse_date(c->sunday, &t) == 0 && t == c->sun,
	    named(c, "--since the Sunday is its midnight"));

	/* Weekly adherence from the Monday: Sunday 23:30 is week 1, the
	 * Monday after at 00:30 week 2. */
	v[0] = sess(c->sun2330, "completed");
	v[1] = sess(c->next_mon + 1800, "completed");
	v[2] = sess(c->mon + 1800, "completed");
	report_adherence(3, 0, c->mon, c->next_mon + 2 * DAY, v, 3, &a);
	is_int(a.weeks_in, 2, named(c, "two weeks begun"));
	is_int(a.week[1].start, c->next_mon,
	    named(c, "week 2 starts on the Monday at 00:00"));
	is_int(a.week[0].done, 2, named(c, "Sunday 23:30 counts in week 1"));
	is_int(a.week[1].done, 1, named(c, "Monday 00:30 counts in week 2"));
	report_adherence_free(&a);

	/* Daily sessions: due the next day at the same time of day. */
	memset(&r, 0, sizeof r);
	r.per_week = 7;
	r.last = r.last_done = r.program_start = r.last_end = c->sat20;
	r.sessions = 1;
	is_int(remind_next(&r, c->sat20 + 3600), c->sun20,
	    named(c, "a daily session is due at the same hour"));
}

/* Whether s is one of the formatted results a calendar can give. */
static int
formatted(size_t n, const char *s)
{
	return (n == 0 && strcmp(s, "?") == 0) || (n >= 10 && strlen(s) == n);
}

/* Every function with the extremes of time_t: defined results, no
 * overflow (run under UBSan with --enable-asan). */
static void
test_extremes(void)
{
	static const time_t	 v[] = { INT64_MIN, INT64_MIN + 1, -1, 0, 1,
	    INT64_MAX, INT64_MAX - 1, 253402300800LL, -62167219201LL,
	    INT64_MIN / 2, INT64_MAX / 2 };
	const time_t		 now = 1761519600;	/* Berlin, 27 Oct 2025 */
	struct hist_session	 s[nitems(v) + 1];
	struct report_adherence	 a;
	char			 buf[64], name[96];
	time_t			 from, until;
	size_t			 i, n;
	int			 good = 1;

	zone("Europe/Berlin");
	for (i = 0; i < nitems(v); i++) {
		n = calendar_format(buf, sizeof buf, "%Y-%m-%d %H:%M", v[i],
		    false);
		good = good && formatted(n, buf);
		n = calendar_format(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", v[i],
		    true);
		good = good && formatted(n, buf);
		good = good && calendar_days(v[i], now) >= -4000000L &&
		    calendar_days(now, v[i]) <= 4000000L;
		(void)calendar_midnight(v[i]);
		(void)calendar_add_days(v[i], 7);
		(void)calendar_add_days(v[i], LONG_MAX);
		(void)calendar_add_days(v[i], LONG_MIN);
		(void)calendar_at(v[i], 1, 10, 0);
		calendar_window(v[i], &from, &until);
		good = good && from <= v[i] && until >= v[i];
		snprintf(name, sizeof name, "%lld is not plausible",
		    (long long)v[i]);
		ok(!calendar_plausible(v[i], now), name);
	}
	ok(good, "format, days, window: defined for every extreme");

	n = calendar_format(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", -1, true);
	is_str(buf, "1969-12-31T23:59:59Z", "-1 is the last second of 1969");
	is_int(n, 20, "and its length is returned");
	calendar_format(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", 0, true);
	is_str(buf, "1970-01-01T00:00:00Z", "0 is the epoch");
	calendar_format(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ",
	    253402300799LL, true);
	is_str(buf, "9999-12-31T23:59:59Z", "the last second of 9999");
	calendar_format(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ",
	    -30610224000LL, true);
	is_str(buf, "1000-01-01T00:00:00Z", "the first second of year 1000");
	n = calendar_format(buf, sizeof buf, "%Y", -30610224001LL, true);
	ok(n == 0 && strcmp(buf, "?") == 0, "year 999: not a date");
	n = calendar_format(buf, sizeof buf, "%Y", INT64_MAX, true);
	ok(n == 0 && strcmp(buf, "?") == 0, "INT64_MAX: not a date, \"?\"");
	n = calendar_format(buf, sizeof buf, "%Y", 253402300800LL, false);
	ok(n == 0 && strcmp(buf, "?") == 0, "year 10000: not a date");
	n = calendar_format(buf, sizeof buf, "%Y", INT64_MIN, false);
	ok(n == 0 && strcmp(buf, "?") == 0, "INT64_MIN: not a date");
	is_int(calendar_midnight(INT64_MAX), INT64_MAX,
	    "midnight of INT64_MAX: left as it is");
	is_int(calendar_add_days(INT64_MIN, -7), INT64_MIN,
	    "INT64_MIN - 7 days: left as it is");
	is_int(calendar_days(INT64_MIN, INT64_MAX), 0,
	    "days between the extremes: 0");
	calendar_window(INT64_MAX, &from, &until);
	ok(until == INT64_MAX, "window of INT64_MAX: saturated");
	calendar_window(INT64_MIN, &from, &until);
	ok(from == INT64_MIN, "window of INT64_MIN: saturated");

	/* The window: ten calendar years back, one day ahead. */
	calendar_window(now, &from, &until);
	is_int(from, 1445900400, "window from 27 Oct 2015 00:00 Berlin");
	is_int(until, now + DAY, "window until a day ahead");
	ok(!calendar_plausible(from - 1, now) && calendar_plausible(from, now),
	    "ten years back: plausible from that second");
	ok(calendar_plausible(now + DAY - 1, now) &&
	    !calendar_plausible(now + DAY, now), "a day ahead: not plausible");
	/* The same now in a zone that kept summer time in 2015 and not in
	 * 2025: the window is made for that zone, not the last one kept. */
	zone("America/Sao_Paulo");
	calendar_window(now, &from, &until);
	is_int(from, 1445896800, "window from 26 Oct 2015 20:00 Sao Paulo");
	zone("Europe/Berlin");
	calendar_window(now, &from, &until);
	is_int(from, 1445900400, "back in Berlin: 27 Oct 2015 00:00");

	/* Adherence leaves them out and counts them. */
	for (i = 0; i < nitems(v); i++)
		s[i] = sess(v[i], "completed");
	s[i] = sess(now - 3600, "completed");
	report_adherence(3, 0, calendar_midnight(now - 3600), now, s,
	    nitems(s), &a);
	is_int(a.wrong, nitems(v), "adherence: the wrong clocks left out");
	is_int(a.done, 1, "adherence: the right one counted");
	is_int(a.weeks_in, 1, "adherence: one week");
	report_adherence_free(&a);
}

/* UNKNOT_NOW: a time from 1970 to 9999, else the clock. */
static void
test_now(void)
{
	time_t	t;

	setenv("UNKNOT_NOW", "1761519600", 1);
	is_int(calendar_now(), 1761519600, "UNKNOT_NOW");
	setenv("UNKNOT_NOW", "253402300800", 1);
	t = time(NULL);
	ok(calendar_now() - t < 5, "UNKNOT_NOW past 9999: the clock");
	setenv("UNKNOT_NOW", "-5", 1);
	ok(calendar_now() - t < 5, "UNKNOT_NOW negative: the clock");
	unsetenv("UNKNOT_NOW");
}

int
main(void)
{
	size_t	i;

	for (i = 0; i < nitems(cases); i++)
		test_dst(&cases[i]);
	test_extremes();
	test_now();
	return done_testing();
}
