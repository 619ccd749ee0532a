/* SPDX-License-Identifier: GPL-3.0-or-later */
/* calendar.c: local dates: midnights, days, weeks, "now", and the times a
 * right clock can have written. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

/* The extremes of time_t, a signed integer type. */
#define CALENDAR_TIME_MAX \
	((time_t)((((time_t)1 << (sizeof(time_t) * CHAR_BIT - 2)) - 1) * 2 + 1))
#define CALENDAR_TIME_MIN	(-CALENDAR_TIME_MAX - 1)
/* 9999-12-31T23:59:59Z, the last time UNKNOT_NOW may be. */
#define CALENDAR_LAST		253402300799LL
/* More days than years 1000 to 9999 have: no step this long stays on
 * the calendar. */
#define CALENDAR_MAX_DAYS	4000000L

/* Break t down, local or UTC; false if it is not from year 1000 to 9999
 * (four digits, as ISO 8601 wants them). */
static bool
calendar_tm(time_t t, struct tm *tm, bool utc)
{
	if ((utc ? gmtime_r(&t, tm) : localtime_r(&t, tm)) == NULL)
		return false;
	return tm->tm_year >= 1000 - 1900 && tm->tm_year <= 9999 - 1900;
}

/* mktime() of tm, whatever daylight saving is in force then; false if
 * the result cannot be told from an error. */
static bool
calendar_make(struct tm *tm, time_t *out)
{
	tm->tm_isdst = -1;
	*out = mktime(tm);
	return *out != (time_t)-1;
}

/* "Now" for the commands: UNKNOT_NOW or the clock. */
time_t
calendar_now(void)
{
	const char	*s = getenv("UNKNOT_NOW");
	char		*end;
	long long	 v;

	if (s != NULL && *s != '\0') {
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno == 0 && *end == '\0' && v > 0 && v <= CALENDAR_LAST)
			return (time_t)v;
	}
	return time(NULL);
}

/* Local midnight of the day t falls on. */
time_t
calendar_midnight(time_t t)
{
	return calendar_at(t, 0, 0, 0);
}

/* The day of t, days days later, at hour:min, or at t's time of day if
 * hour is -1. */
static time_t
calendar_step(time_t t, long days, int hour, int min)
{
	struct tm	tm;
	time_t		r;

	if (days < -CALENDAR_MAX_DAYS || days > CALENDAR_MAX_DAYS ||
	    !calendar_tm(t, &tm, false))
		return t;
	tm.tm_mday += (int)days;
	if (hour != -1) {
		tm.tm_hour = hour;
		tm.tm_min = min;
		tm.tm_sec = 0;
	}
	return calendar_make(&tm, &r) ? r : t;
}

/* The same local time of day, days days later. */
time_t
calendar_add_days(time_t t, long days)
{
	return calendar_step(t, days, -1, 0);
}

/* The day of t, days days later, at hour:min local time. */
time_t
calendar_at(time_t t, long days, int hour, int min)
{
	return calendar_step(t, days, hour, min);
}

/* The local hour and minute of t. */
void
calendar_clock(time_t t, int *hour, int *min)
{
	struct tm	tm;

	*hour = *min = 0;
	if (calendar_tm(t, &tm, false)) {
		*hour = tm.tm_hour;
		*min = tm.tm_min;
	}
}

/* Days from 0000-03-01 to the date y-m-d of the proleptic Gregorian
 * calendar (H. Hinnant's days_from_civil, shifted to stay positive). */
static long
calendar_day_number(long y, long m, long d)
{
	long	era, yoe, doy;

	y -= m <= 2;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy;
}

/* The local day number of t; false if it is not on the calendar. */
static bool
calendar_day_of(time_t t, long *day)
{
	struct tm	tm;

	if (!calendar_tm(t, &tm, false))
		return false;
	*day = calendar_day_number(tm.tm_year + 1900L, tm.tm_mon + 1L,
	    tm.tm_mday);
	return true;
}

/* Whole calendar days from the day of a to the day of b. */
long
calendar_days(time_t a, time_t b)
{
	long	da, db;

	if (!calendar_day_of(a, &da) || !calendar_day_of(b, &db))
		return 0;
	return db - da;
}

/* Parse YYYY-MM-DD as local midnight. */
int
calendar_parse_date(const char *s, time_t *out)
{
	struct tm	tm;
	int		y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-' || y < 1970)
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	if (!calendar_make(&tm, out))
		return -1;
	/* mktime normalises 2025-02-30 to March: refuse that. */
	if (tm.tm_year != y - 1900 || tm.tm_mon != m - 1 || tm.tm_mday != d)
		return -1;
	return 0;
}

/* The window last made, for the now and the TZ it was made for: a report
 * asks for it twice a session, and mktime() reads the zone each time. A
 * caller that changes TZ calls tzset() before it asks again. */
static struct {
	bool	ok;
	time_t	now, from, until;
	bool	has_tz;		/* TZ unset and TZ="" are different zones */
	char	tz[64];
} calendar_memo;

/* The window of times a right clock can have written by now, made. */
static void
calendar_window_make(time_t now, time_t *from, time_t *until)
{
	const time_t	years = (time_t)CALENDAR_PAST_YEARS * 366 * 86400;
	struct tm	tm;

	*until = now <= CALENDAR_TIME_MAX - CALENDAR_AHEAD ?
	    now + CALENDAR_AHEAD : CALENDAR_TIME_MAX;
	if (calendar_tm(now, &tm, false) && tm.tm_year >= CALENDAR_PAST_YEARS -
	    1900) {
		tm.tm_year -= CALENDAR_PAST_YEARS;
		if (calendar_make(&tm, from))
			return;
	}
	*from = now >= CALENDAR_TIME_MIN + years ? now - years :
	    CALENDAR_TIME_MIN;
}

/* The window of times a right clock can have written by now. */
void
calendar_window(time_t now, time_t *from, time_t *until)
{
	const char	*tz = getenv("TZ");
	bool		 has_tz = tz != NULL, keep;

	if (tz == NULL)
		tz = "";
	keep = strlen(tz) < sizeof calendar_memo.tz;
	if (keep && calendar_memo.ok && calendar_memo.now == now &&
	    calendar_memo.has_tz == has_tz &&
	    strcmp(calendar_memo.tz, tz) == 0) {
		*from = calendar_memo.from;
		*until = calendar_memo.until;
		return;
	}
	calendar_window_make(now, from, until);
	if (keep) {
		calendar_memo.ok = true;
		calendar_memo.now = now;
		calendar_memo.from = *from;
		calendar_memo.until = *until;
		calendar_memo.has_tz = has_tz;
		memcpy(calendar_memo.tz, tz, strlen(tz) + 1);
	}
}

/* Whether t is in the window of now. */
bool
calendar_plausible(time_t t, time_t now)
{
	time_t	from, until;

	calendar_window(now, &from, &until);
	return t >= from && t < until;
}

/* strftime() of t if it is on the calendar, else "?". */
size_t
calendar_format(char *buf, size_t len, const char *fmt, time_t t, bool utc)
{
	struct tm	tm;
	size_t		n = 0;

	if (len == 0)
		return 0;
	/* Every fmt is a literal in its caller, which -Wformat-nonliteral
	 * cannot see through this function. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (calendar_tm(t, &tm, utc))
		n = strftime(buf, len, fmt, &tm);
#pragma GCC diagnostic pop
	if (n == 0)
		snprintf(buf, len, "?");
	return n;
}
