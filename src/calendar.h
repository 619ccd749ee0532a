/* SPDX-License-Identifier: GPL-3.0-or-later */
/* calendar.h: local dates for the history, reports and reminders.
 *
 * Every day, week, midnight and "tomorrow" is counted here, on the local
 * calendar (TZ) with mktime() and tm_isdst = -1, so a day that daylight
 * saving makes 23 or 25 hours long is still one day, and a week seven of
 * them; never as 86400 s steps. Elapsed time (24 h of rest after a
 * session) is not calendar time and stays in seconds where it is used.
 *
 * Times come from the history, where a wrong clock can have put any 64-bit
 * value: every function here is defined for every time_t, and one that the
 * calendar does not place (outside the years 1000 to 9999: a four-digit
 * year) is left as it is (calendar_midnight(), calendar_add_days(),
 * calendar_at()), is 0 days from anything (calendar_days()) or is not
 * formatted (calendar_format()). calendar_plausible() says which times a
 * clock that was right can have written; the others are reported as
 * "clock was wrong" and left out of adherence and reminders. */
#ifndef UNKNOT_CALENDAR_H
#define UNKNOT_CALENDAR_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define CALENDAR_PAST_YEARS	10	/* sessions older than this ... */
#define CALENDAR_AHEAD		86400	/* ... or this far ahead of now (s)
					 * were recorded by a wrong clock */

/* "Now": UNKNOT_NOW (seconds since the epoch, for tests) if it is set to a
 * time from 1970 to 9999, else the clock. */
time_t	 calendar_now(void);
/* Local midnight of the day t falls on. */
time_t	 calendar_midnight(time_t t);
/* The same local time of day, days days later (or earlier). */
time_t	 calendar_add_days(time_t t, long days);
/* The day of t, days days later, at hour:min local time. */
time_t	 calendar_at(time_t t, long days, int hour, int min);
/* The local hour and minute of t (0:00 if it is not on the calendar). */
void	 calendar_clock(time_t t, int *hour, int *min);
/* Whole calendar days from the day of a to the day of b (negative if b's
 * day is earlier). */
long	 calendar_days(time_t a, time_t b);
/* Parse YYYY-MM-DD (1970 or later) as its local midnight; -1 if it is not
 * a valid date. */
int	 calendar_parse_date(const char *s, time_t *out);
/* The window of times a right clock can have written by now:
 * [now - CALENDAR_PAST_YEARS years, now + CALENDAR_AHEAD). */
void	 calendar_window(time_t now, time_t *from, time_t *until);
/* Whether t is in that window. */
bool	 calendar_plausible(time_t t, time_t now);
/* strftime() of t, local or UTC, into buf; 0 (and "?" in buf) if t is not
 * on the calendar (years 1000 to 9999), else the length. */
size_t	 calendar_format(char *buf, size_t len, const char *fmt, time_t t,
	     bool utc);

#endif
