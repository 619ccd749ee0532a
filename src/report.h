/* SPDX-License-Identifier: GPL-3.0-or-later */
/* report.h: what the history says, for the person (`unknot history`) and
 * for a therapist (`unknot report`).
 *
 * The JSON report (report_write() with REPORT_JSON) is stable; fields are
 * only ever added (a change that is not an addition raises unknot_report).
 * Its JSON Schema is routines/unknot-report.schema.json (tests/
 * report_formats.sh checks the report against it). Times are UTC, "YYYY-MM-DDTHH:MM:SSZ", or null for a
 * time a wrong clock put outside the years 1000 to 9999; a number that is not
 * known is null. A session a wrong clock recorded (started or ended more
 * than 10 years before the report or more than a day after it) has
 * "clock_wrong": true and is left out of the adherence. Its shape:
 *
 * {
 *   "unknot_report": 1,                  format version
 *   "generated": "2025-03-14T10:00:00Z",
 *   "since": "2025-03-01" | null,        --since as given
 *   "flags": [ {                         what a therapist must not miss
 *     "kind": "symptom" | "rating_10" | "always_ease_off" |
 *             "week_without_session",
 *     "routine_id": "...",
 *     "session": 4 | null,               null for a point's or a week's
 *     "when": "...",                     the session's start; for a
 *                                        point, its first session's; for
 *                                        a week, the week's
 *     "title": "Top of the shoulder" | null, "side": "left" | null,
 *     "ease_off_at": 8 | null,           for always_ease_off
 *     "rehearsal": false,                a rehearsal's symptom or 10
 *     "text": "rated 10"
 *   }, ... ],
 *   "routines": [ {                      most recently used first
 *     "id": "upper-trapezius",
 *     "title": "Upper trapezius release",
 *     "client": "Sam Roe" | null,        assigned_to of the routine file
 *     "therapist": "Jane Doe LMT" | null, author of the routine file
 *     "period": { "from": "...", "to": "..." },  --since or the first
 *                                        session's day, to the report
 *     "done": { "completed": 3, "partial": 1, "other": 1,
 *               "missed_weeks": 1 | null },  rehearsals left out; weeks
 *                                        of the prescription over with no
 *                                        session, null without one
 *     "sha256": ["<64 hex>", ...],       routine file hashes seen, newest
 *                                        first; each session has its own
 *     "signature": "unsigned" | null,    of the file as it is now, in
 *                                        words; null if it is not found
 *     "progression": null | {            with a progression in the file
 *       "week": 2, "weeks": 4,           where the client is now
 *       "sessions": [ { "id": 1, "week": 1 }, ... ]
 *     },
 *     "frequency": null | {
 *       "per_week": 3, "weeks": 3,       weeks 0: open-ended
 *       "source": "file" | "history"     the routine file, or as recorded
 *     },
 *     "adherence": null | {              null without a frequency
 *       "from": "...", "to": "...",      the window counted
 *       "weeks": 2,                      calendar weeks (7 local days)
 *                                        begun in the window
 *       "done": 5,                       completed sessions in it
 *       "expected": 6,                   per_week * weeks
 *       "other": 1,                      stopped, interrupted, unfinished
 *       "after": 0,                      completed after the prescribed
 *                                        weeks
 *       "clock_wrong": 0,                sessions left out: clock was wrong
 *       "by_week": [ { "from": "...", "done": 3, "expected": 3,
 *                      "sessions": 4 }, ... ]  sessions: rehearsals out
 *     },
 *     "sessions": [ {                    oldest first
 *       "id": 1, "start": "...", "end": "...",
 *       "duration_s": 552 | null,        wall clock, pauses included;
 *                                        null if the clock was wrong
 *       "active_s": 540,                 session time, pauses excluded
 *       "outcome": "completed" | "partial" | "stopped" | "interrupted" |
 *                  "abandoned",
 *       "rehearsal": false, "counts": true,  counts as done
 *       "hold_s": 90, "hold_done_s": 80, prescribed and done hold time
 *       "not_done": "...", "symptoms": "...",  in words, "" if none
 *       "signal": 0,
 *       "pre_pain": 6 | null, "post_pain": 3 | null,
 *       "points_done": 4, "points_total": 4,
 *       "peak": 7 | null,                highest discomfort rating
 *       "sha256": "<64 hex>",
 *       "clock_wrong": false
 *     }, ... ],
 *     "points": [ {                      routine order
 *       "title": "Top of the shoulder", "side": "left" | "right" | "",
 *       "point": "where to find it",
 *       "sessions": 5, "ratings": 12,
 *       "avg": 5.25 | null, "peak": 7 | null,
 *       "ease_offs": 1, "bracing": 0, "skips": 0, "releases": 3,
 *       "release_trend": "faster" | "slower" | "steady" | null,
 *       "median": 5.5 | null,            of every rating of the point
 *       "trend": [ {                     one per session, oldest first
 *         "session": 1, "start": "...",
 *         "peak": 7 | null, "avg": 6.5 | null, "ratings": 2,
 *         "ease_offs": 0, "bracing": 0, "skips": 0,
 *         "release_ms": 45000 | null, "hold_ms": 60000
 *       }, ... ]
 *     }, ... ],
 *     "steps": [ {                       every step and side, routine order
 *       "step": 1,                       numbered from 1, as on the screen
 *       "title": "...", "kind": "hold", "side": "left" | "",
 *       "sessions": 5,                   sessions that reached a status
 *       "done": 4, "skipped": 1,         done: done, let go, extended or
 *       "stopped": 0, "not_reached": 0,  eased; the latest status of each
 *                                        session
 *       "seconds": 150,                  time spent in it, in all
 *       "exercise": {                    exercises only: the last run
 *         "sets_done": 5,                of the side in each session (a
 *         "sets_prescribed": 6,          set is done when all its reps
 *         "reps_done": 28,               were), and the answers to "How
 *         "reps_prescribed": 30,         was that?" (on the first side)
 *         "easy": 1, "ok": 2, "hard": 0
 *       }
 *     }, ... ]
 *   }, ... ]
 * }
 *
 * The CSV report is one row per event, with one header row, RFC 4180 (CRLF,
 * quotes doubled): session_id, session_start, session_outcome, routine_id,
 * routine_sha256, seq, wall, at_ms, kind, step (numbered from 1 as on the
 * screen, empty outside steps), step_kind, step_title, point, side,
 * value (the 0-10 of a rating, pre_pain or post_pain, 1 or 0 for a
 * symptom's answer, the reps done in an exercise's set, whose arg_ms is
 * the reps prescribed, 1 easy, 2 ok, 3 hard for a difficulty answer;
 * empty for every other kind), arg_ms,
 * routine_signature (as the text report says it, empty if the file is not
 * found), client, therapist (from the routine file), flags (the flags the event raised, ";" between them:
 * symptom, rating_10, always_ease_off), text (empty). Then a row per
 * note and check-in of each routine: session_id (empty for a note to the
 * routine), session_start, session_outcome, routine_id, wall, kind
 * (note, spread, checkin), value (a check-in's soreness), the routine's
 * signature, client and therapist, flags (soreness_7_or_more), text (the
 * client's words); the other cells empty. Every text is sanitised for a
 * terminal (line ends kept in quotes), and a cell a spreadsheet would run
 * as a formula begins with "'".
 *
 * `unknot history --json`: { "sessions": [ { "id", "start", "end",
 * "routine_id", "title", "duration_s", "active_s", "outcome", "signal",
 * "pre_pain", "post_pain", "points_done", "points_total", "peak",
 * "sha256", "clock_wrong" }, ... ] }, newest first, the fields as above.
 */
#ifndef UNKNOT_REPORT_H
#define UNKNOT_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "history.h"
#include "report_model.h"

/* Parse text, markdown, csv or json; -1 if none. */
int	 report_parse_format(const char *, enum report_format *);
/* The names of the formats in words: "text, markdown, csv or json". */
char	*report_format_names(void);
/* Write the report; -1 with *cause. */
int	 report_write(FILE *, struct history *, const struct report_opts *,
	     char **cause);
/* Write the session list of `unknot history` at now (which says whose
 * clock was wrong); -1 with *cause. */
int	 report_history(FILE *, struct history *, bool json, time_t now,
	     char **cause);

#endif
