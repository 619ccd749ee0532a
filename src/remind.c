/* SPDX-License-Identifier: GPL-3.0-or-later */
/* remind.c: `unknot remind`: the next session due per the prescribed
 * frequency, aftercare check-ins, and the same as an iCalendar file. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "calendar.h"
#include "history.h"
#include "outfile.h"
#include "remind.h"
#include "report.h"
#include "text.h"
#include "util.h"

/* Elapsed time, for rest after a session and for spacing sessions: not
 * calendar days (those are calendar.c's). */
#define REMIND_DAY	86400
#define REMIND_WEEK	(7 * REMIND_DAY)

/* Only sessions a right clock recorded by now (and of routine_id, NULL:
 * all): one recorded a year ahead must not silence the reminders. */
void
remind_filter(struct hist_filter *f, const char *routine_id, time_t now)
{
	memset(f, 0, sizeof *f);
	f->routine_id = routine_id;
	calendar_window(now, &f->since, &f->until);
}

/* End of the prescription of r, or 0 if it is open-ended: weeks calendar
 * weeks from the day it started. */
static time_t
remind_program_end(const struct hist_routine *r)
{
	if (r->weeks == 0)
		return 0;
	return calendar_add_days(calendar_midnight(r->program_start),
	    7L * r->weeks);
}

/* The prescription is over: all its sessions done or its weeks past. */
static bool
remind_over(const struct hist_routine *r, time_t now)
{
	if (r->weeks == 0)
		return false;
	return r->program_done >= (size_t)r->per_week * r->weeks ||
	    now >= remind_program_end(r);
}

/* When the next session of r is due, 0 if none is. */
time_t
remind_next(const struct hist_routine *r, time_t now)
{
	time_t	base, next, step;

	if (r->per_week == 0 || remind_over(r, now))
		return 0;
	/* Homework not begun: due from the day it was given. */
	if (r->sessions == 0)
		return r->program_start;
	base = r->last_done != 0 ? r->last_done : r->last;
	/* A week / per_week later: whole days on the calendar, the rest in
	 * hours, so the hour of day is kept across daylight saving. */
	step = REMIND_WEEK / (time_t)r->per_week;
	next = calendar_add_days(base, (long)(step / REMIND_DAY)) +
	    step % REMIND_DAY;
	if (r->weeks != 0 && next >= remind_program_end(r))
		return 0;
	return next;
}

/* "Sun 5 Jan" for t, local. */
static void
remind_day(char *buf, size_t len, time_t t)
{
	char	wd[16], day[8], mon[16];

	calendar_format(wd, sizeof wd, "%a", t, false);
	calendar_format(day, sizeof day, "%d", t, false);
	calendar_format(mon, sizeof mon, "%b", t, false);
	snprintf(buf, len, "%s %s %s", wd, day + (day[0] == '0'), mon);
}

/* "3 per week, session 4 of 9" (or "3 per week"). */
static char *
remind_plan(const struct hist_routine *r)
{
	char	*s;

	if (r->weeks == 0)
		xasprintf(&s, "%u per week", r->per_week);
	else
		xasprintf(&s, "%u per week, session %zu of %u", r->per_week,
		    r->program_done + 1, r->per_week * r->weeks);
	return s;
}

/* A line saying when the next session is due. */
char *
remind_next_text(const struct hist_routine *r, time_t now)
{
	time_t		 next = remind_next(r, now);
	char		 day[64], *plan, *s;
	long		 days;

	if (next == 0)
		return NULL;
	days = calendar_days(now, next);
	if (days <= 0)
		snprintf(day, sizeof day, "today");
	else if (days == 1)
		snprintf(day, sizeof day, "tomorrow");
	else
		remind_day(day, sizeof day, next);
	plan = remind_plan(r);
	xasprintf(&s, "Next session: %s (%s).", day, plan);
	free(plan);
	return s;
}

/* Add a line to a list. */
static void
remind_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

/* The line for homework whose start date is still ahead. */
static char *
remind_start_line(const struct hist_routine *r, time_t next)
{
	char	*title, *plan, *s, day[64];

	title = text_sanitize(r->title);
	plan = remind_plan(r);
	remind_day(day, sizeof day, next);
	xasprintf(&s, "%s: first session due %s (%s). Start it then with "
	    "'unknot run %s'.", title, day, plan, r->id);
	free(plan);
	free(title);
	return s;
}

/* The due or overdue line for one routine, or NULL. */
static char *
remind_due_line(const struct hist_routine *r, time_t now)
{
	time_t		 next = remind_next(r, now);
	char		*title, *plan, *s, day[64];
	long		 late;

	if (next == 0)
		return NULL;
	if ((late = calendar_days(next, now)) < 0)
		return r->sessions == 0 ? remind_start_line(r, next) : NULL;
	if (r->weeks == 0 && late > REMIND_OPEN_DAYS)
		return NULL;
	title = text_sanitize(r->title);
	plan = remind_plan(r);
	if (late == 0)
		xasprintf(&s, "%s: next session due today (%s). Start it with "
		    "'unknot run %s'.", title, plan, r->id);
	else {
		remind_day(day, sizeof day, next);
		xasprintf(&s, "%s: next session overdue since %s (%ld day%s; "
		    "%s). Start it with 'unknot run %s'.", title, day, late,
		    late == 1 ? "" : "s", plan, r->id);
	}
	free(plan);
	free(title);
	return s;
}

/* The latest session over all routines whose end a right clock wrote,
 * or NULL. */
const struct hist_routine *
remind_latest(const struct hist_routine *v, size_t n, time_t now)
{
	const struct hist_routine	*best = NULL;
	size_t				 i;

	for (i = 0; i < n; i++) {
		if (!calendar_plausible(v[i].last_end, now))
			continue;
		if (best == NULL || v[i].last_end > best->last_end)
			best = &v[i];
	}
	return best;
}

/* "Today's session", "Yesterday's session" or "The session on Mon 3
 * Mar", for a session that ended at t. */
static void
remind_which(char *buf, size_t len, time_t t, time_t now)
{
	char	day[32];

	switch (calendar_days(t, now)) {
	case 0:
		snprintf(buf, len, "Today's session");
		break;
	case 1:
		snprintf(buf, len, "Yesterday's session");
		break;
	default:
		remind_day(day, sizeof day, t);
		snprintf(buf, len, "The session on %s", day);
		break;
	}
}

/* The aftercare line for the latest session, or NULL. */
static char *
remind_aftercare_line(const struct hist_routine *r, time_t now)
{
	time_t		 end = r->last_end, ok;
	double		 age = difftime(now, end);
	char		 which[64], at[32], *title, *s;

	/* Soreness talk only after pressure holds were done, and unless the
	 * routine has only its own check-ins. */
	if (age < 0 || age >= 2 * REMIND_DAY || !r->last_held ||
	    r->no_standard_checkins)
		return NULL;
	remind_which(which, sizeof which, end, now);
	title = text_sanitize(r->title);
	if (age < REMIND_DAY) {
		ok = end + REMIND_DAY;
		calendar_format(at, sizeof at, calendar_days(now, ok) == 0 ?
		    "%H:%M" : "%H:%M tomorrow", ok, false);
		xasprintf(&s, "%s (%s): drink plenty of water, keep moving "
		    "gently, and leave intense exercise until %s; some "
		    "soreness for a day or two is normal.", which, title, at);
	} else
		xasprintf(&s, "%s (%s): soreness should be fading by now; "
		    "intense exercise is fine again after 24 h.", which,
		    title);
	free(title);
	return s;
}

/* The routine's own check-in for the latest session whose time came
 * last, if it came less than a day ago; NULL if none. */
static char *
remind_checkin_line(const struct hist_routine *r, time_t now)
{
	const struct rt_checkin	*c = NULL;
	char			 which[64], *title, *text, *s;
	time_t			 at;
	unsigned		 i;

	for (i = 0; i < r->n_checkins; i++) {
		at = r->last_end + (time_t)r->checkins[i].hours * 3600;
		if (at <= now && now - at < REMIND_DAY && (c == NULL ||
		    r->checkins[i].hours > c->hours))
			c = &r->checkins[i];
	}
	if (c == NULL)
		return NULL;
	remind_which(which, sizeof which, r->last_end, now);
	title = text_sanitize(r->title);
	text = text_sanitize(c->text);
	xasprintf(&s, "%s (%s): %s", which, title, text);
	free(text);
	free(title);
	return s;
}

/* The lines `unknot remind` prints at now. */
size_t
remind_lines(const struct hist_routine *v, size_t n, time_t now,
    char ***out)
{
	const struct hist_routine	*last;
	size_t				 i, k = 0;
	char				*s;

	*out = NULL;
	for (i = 0; i < n; i++) {
		if ((s = remind_due_line(&v[i], now)) != NULL)
			remind_add(out, &k, s);
	}
	if ((last = remind_latest(v, n, now)) == NULL)
		return k;
	if ((s = remind_aftercare_line(last, now)) != NULL)
		remind_add(out, &k, s);
	if ((s = remind_checkin_line(last, now)) != NULL)
		remind_add(out, &k, s);
	return k;
}

/* Free what remind_lines() returned. */
void
remind_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Write one content line, folded at 75 octets (never inside a UTF-8
 * character), with CRLF. */
static void
remind_line(FILE *f, const char *s)
{
	size_t	len = strlen(s), used = 0, max = 75, n;

	while (len - used > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[used + n] & 0xc0) == 0x80)
			n--;
		fwrite(s + used, 1, n, f);
		fputs("\r\n ", f);
		used += n;
		max = 74;	/* the leading space counts */
	}
	fputs(s + used, f);
	fputs("\r\n", f);
}

/* Write NAME:VALUE with VALUE escaped as TEXT (RFC 5545 3.3.11). */
static void
remind_text(FILE *f, const char *name, const char *value)
{
	char		*buf, *safe = text_sanitize(value);
	const char	*p;
	size_t		 n = strlen(name);

	buf = xmalloc(n + 2 + 2 * strlen(safe));
	memcpy(buf, name, n);
	buf[n++] = ':';
	for (p = safe; *p != '\0'; p++) {
		if (*p == '\\' || *p == ';' || *p == ',') {
			buf[n++] = '\\';
			buf[n++] = *p;
		} else if (*p == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else if ((unsigned char)*p >= 0x20 || *p == '\t')
			buf[n++] = *p;
	}
	buf[n] = '\0';
	remind_line(f, buf);
	free(buf);
	free(safe);
}

/* Write NAME:VALUE with the time as UTC DATE-TIME. */
static void
remind_time(FILE *f, const char *name, time_t t)
{
	char	buf[64], stamp[32];

	calendar_format(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", t, true);
	snprintf(buf, sizeof buf, "%s:%s", name, stamp);
	remind_line(f, buf);
}

/* Only characters safe in a UID. */
static void
remind_uid_part(char *buf, size_t len, const char *s)
{
	size_t	i;

	for (i = 0; i + 1 < len && s[i] != '\0'; i++) {
		buf[i] = (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-' ||
		    s[i] == '.' ? s[i] : '_';
	}
	buf[i] = '\0';
}

/* What one calendar event says. */
struct remind_event {
	const char	*uid;
	time_t		 start;
	time_t		 seconds;
	const char	*summary;
	const char	*description;
	int		 alarm_min;	/* minutes before the start */
};

/* Write one VEVENT with its VALARM. */
static void
remind_event(FILE *f, const struct remind_event *e, time_t now)
{
	char	buf[256];

	remind_line(f, "BEGIN:VEVENT");
	snprintf(buf, sizeof buf, "UID:%s", e->uid);
	remind_line(f, buf);
	remind_time(f, "DTSTAMP", now);
	remind_time(f, "DTSTART", e->start);
	remind_time(f, "DTEND", e->start + e->seconds);
	remind_text(f, "SUMMARY", e->summary);
	remind_text(f, "DESCRIPTION", e->description);
	remind_line(f, "CATEGORIES:HEALTH");
	remind_line(f, "TRANSP:TRANSPARENT");
	remind_line(f, "BEGIN:VALARM");
	remind_line(f, "ACTION:DISPLAY");
	if (e->alarm_min == 0)
		remind_line(f, "TRIGGER:PT0S");
	else {
		snprintf(buf, sizeof buf, "TRIGGER:-PT%dM", e->alarm_min);
		remind_line(f, buf);
	}
	remind_text(f, "DESCRIPTION", e->summary);
	remind_line(f, "END:VALARM");
	remind_line(f, "END:VEVENT");
}

/* The k-th next session (0-based) from first, spread over the week. */
static time_t
remind_slot(time_t first, unsigned per_week, unsigned k)
{
	if (per_week > 7)
		return first + (time_t)k * (REMIND_WEEK / per_week);
	return calendar_add_days(first, (long)((k * 7.0) / per_week + 0.5));
}

/* The first session slot: on the day it is due (today if that is past),
 * at the time of day of the latest session, and not before now. */
static time_t
remind_first(const struct hist_routine *r, time_t next, time_t now)
{
	time_t	t;
	int	hour, min;

	calendar_clock(r->last, &hour, &min);
	if ((t = calendar_at(next, 0, hour, min)) >= now)
		return t;
	if ((t = calendar_at(now, 0, hour, min)) >= now)
		return t;
	return calendar_at(now, 1, hour, min);
}

/* The next sessions of one routine; the number written. */
static int
remind_ics_sessions(FILE *f, const struct hist_routine *r, time_t now)
{
	struct remind_event	 e;
	time_t			 next, first, end, t;
	unsigned		 k, left, num;
	char			 id[64], uid[160], *summary, *desc, *title;

	if ((next = remind_next(r, now)) == 0)
		return 0;
	end = remind_program_end(r);
	left = r->weeks != 0 ? r->per_week * r->weeks -
	    (unsigned)r->program_done : r->per_week * REMIND_OPEN_WEEKS;
	if (left > REMIND_MAX_EVENTS)
		left = REMIND_MAX_EVENTS;
	first = remind_first(r, next, now);
	remind_uid_part(id, sizeof id, r->id);
	title = text_sanitize(r->title);
	xasprintf(&summary, "%s: %s", r->holds ? "Trigger point session" :
	    "Session", title);
	for (k = 0; k < left; k++) {
		t = remind_slot(first, r->per_week, k);
		if (end != 0 && t >= end)
			break;
		num = (unsigned)r->program_done + k + 1;
		snprintf(uid, sizeof uid, "session-%s-%lld-%u@unknot", id,
		    (long long)r->program_start, num);
		if (r->weeks != 0)
			xasprintf(&desc, "Session %u of %u (%u per week for %u "
			    "weeks). Start it with: unknot run %s", num,
			    r->per_week * r->weeks, r->per_week, r->weeks,
			    r->id);
		else
			xasprintf(&desc, "%u per week. Start it with: unknot "
			    "run %s", r->per_week, r->id);
		e = (struct remind_event){ uid, t,
		    r->seconds >= 300 ? r->seconds : 900, summary, desc, 10 };
		remind_event(f, &e, now);
		free(desc);
	}
	free(summary);
	free(title);
	return (int)k;
}

/* The routine's own check-ins after the latest session still ahead of
 * now; the number written. */
static int
remind_ics_checkins(FILE *f, const struct hist_routine *r, time_t now)
{
	struct remind_event	 e;
	char			 id[64], uid[160], *title, *summary;
	time_t			 at;
	unsigned		 i;
	int			 n = 0;

	remind_uid_part(id, sizeof id, r->id);
	title = text_sanitize(r->title);
	xasprintf(&summary, "Check-in: %s", title);
	for (i = 0; i < r->n_checkins; i++) {
		at = r->last_end + (time_t)r->checkins[i].hours * 3600;
		if (at <= now)
			continue;
		snprintf(uid, sizeof uid, "checkin-%s-%lld-%u@unknot", id,
		    (long long)r->last_end, i + 1);
		e = (struct remind_event){ uid, at, 300, summary,
		    r->checkins[i].text, 0 };
		remind_event(f, &e, now);
		n++;
	}
	free(summary);
	free(title);
	return n;
}

/* What the soreness check-ins ask the client to do. */
#define REMIND_ASK_CHECKIN						\
	"Run 'unknot checkin' to tell your therapist how sore the area is."

/* The aftercare check-ins after the latest session still ahead of now;
 * the number written. */
static int
remind_ics_aftercare(FILE *f, const struct hist_routine *r, time_t now)
{
	static const struct {
		const char	*what;
		time_t		 after;
		const char	*summary;
		const char	*text;
	} checks[] = {
		{ "water", 3600, "Drink a glass of water",
		  "An hour after your trigger point session: drink plenty of "
		  "water today to help the tissue recover. Gentle movement "
		  "helps too; leave intense exercise for 24 hours." },
		{ "soreness-24h", REMIND_DAY, "Soreness check (24 h)",
		  "Some soreness after trigger point work is normal, like after "
		  "a workout, and fades within 24 to 48 hours. Intense "
		  "exercise is fine again from now. " REMIND_ASK_CHECKIN },
		{ "soreness-48h", 2 * REMIND_DAY, "Soreness check (48 h)",
		  "Any soreness should be gone by now. If it is not, use "
		  "lighter pressure next time; if the pain persists or keeps "
		  "coming back, see a licensed professional. "
		  REMIND_ASK_CHECKIN },
	};
	struct remind_event	 e;
	char			 id[64], uid[160];
	size_t			 i;
	int			 n;

	n = remind_ics_checkins(f, r, now);
	if (!r->last_held || r->no_standard_checkins)
		return n;
	remind_uid_part(id, sizeof id, r->id);
	for (i = 0; i < nitems(checks); i++) {
		if (r->last_end + checks[i].after <= now)
			continue;
		snprintf(uid, sizeof uid, "aftercare-%s-%lld-%s@unknot", id,
		    (long long)r->last_end, checks[i].what);
		e = (struct remind_event){ uid, r->last_end + checks[i].after,
		    300, checks[i].summary, checks[i].text, 0 };
		remind_event(f, &e, now);
		n++;
	}
	return n;
}

/* When the last check-in after the latest session r falls: 48 h after
 * it, or later for a check-in of the routine's own. */
static time_t
remind_checkins_end(const struct hist_routine *r)
{
	time_t		end = r->last_end + 2 * REMIND_DAY, at;
	unsigned	i;

	for (i = 0; i < r->n_checkins; i++) {
		at = r->last_end + (time_t)r->checkins[i].hours * 3600;
		if (at >= end)
			end = at + 1;
	}
	return end;
}

/* Write the calendar of the next sessions and check-ins. */
int
remind_ics(FILE *f, const struct hist_routine *v, size_t n, time_t now,
    char **cause)
{
	const struct hist_routine	*last = remind_latest(v, n, now);
	size_t				 i;
	int				 events = 0;
	bool				 any = false;

	for (i = 0; i < n; i++)
		any = any || remind_next(&v[i], now) != 0;
	if (!any && (last == NULL || remind_checkins_end(last) <= now)) {
		xasprintf(cause, "nothing to put in a calendar: no session is "
		    "due and no session ended in the last 48 hours");
		return -1;
	}
	remind_line(f, "BEGIN:VCALENDAR");
	remind_line(f, "VERSION:2.0");
	remind_line(f, "PRODID:-//unknot//unknot " PACKAGE_VERSION "//EN");
	remind_line(f, "CALSCALE:GREGORIAN");
	remind_line(f, "METHOD:PUBLISH");
	for (i = 0; i < n; i++)
		events += remind_ics_sessions(f, &v[i], now);
	if (last != NULL)
		events += remind_ics_aftercare(f, last, now);
	remind_line(f, "END:VCALENDAR");
	return events;
}

struct remind_ics_arg {
	const struct hist_routine	*v;
	size_t				 n;
	time_t				 now;
};

/* Write the calendar into an open file, for outfile_write(). */
static int
remind_ics_into(FILE *f, void *arg, char **cause)
{
	struct remind_ics_arg	*a = arg;

	return remind_ics(f, a->v, a->n, a->now, cause);
}

/* Write the calendar to path ("-": stdout), whole or not at all. */
int
remind_write_ics(const char *path, const struct hist_routine *v, size_t n,
    time_t now, char **cause)
{
	struct remind_ics_arg	a = { v, n, now };

	return outfile_write(path, 0, remind_ics_into, &a, cause);
}
