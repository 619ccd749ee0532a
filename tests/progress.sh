#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# progress.sh: a routine's progression. The history decides the week: the
# session tells it at the start and runs its holds, and unknot show prints
# the schedule and where the client is. Past sessions are written into the
# history with sqlite3, their peak ratings chosen so that the rules of
# unknot-routine(5) give a known week.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"

R=$T/routines
mkdir -p "$R"
export UNKNOT_PATH=$R
cp "$top_srcdir/tests/good/full.yaml" "$R/"
SHA=$(sha256sum "$R/full.yaml" | cut -d' ' -f1)
DB=$XDG_DATA_HOME/unknot/history.db

# session: a session of full-example, completed, no input; its event lines
# in $T/out.
session() {
	UNKNOT_TIME_SCALE=200 "$UNKNOT" --plain=events --no-sound run full-example \
	    </dev/null >"$T/out" 2>&1
}

# past PEAK [OUTCOME]: a past session of this file with one rating of PEAK,
# in the same second as the latest one (the history orders ties by id), so
# that it comes after every session so far and before the next one.
past() {
	sqlite3 "$DB" "INSERT INTO sessions (routine_id, title, sha256,
	    started, ended, outcome, per_week, weeks, points, seconds)
	    SELECT 'full-example', 'Every key once', '$SHA', max(started),
	    max(started) + 1, '${2:-completed}', 3, 2, 1, 240 FROM sessions;
	    INSERT INTO events (session_id, seq, kind, step, value, at_ms, wall)
	    SELECT last_insert_rowid(), 1, 'rating', 2, $1, 1000, max(started)
	    FROM sessions;"
}

session
is "$?" 0 "a first session"
check "it tells week 1" grep -q "notice: This week (1 of 3): 20 s holds, 2 x 5 reps\$" "$T/out"
# A warm-up of 45 s, 5 s to find the point, the left side held 20 s, 8 s
# to switch: 1:18.
check "and holds 20 s" grep -q "^\[01:18\] step_start: step 2 of 8, hold: Upper trapezius, right side" "$T/out"

# The first session had no rating: it does not count. Peaks 3, 4, 2: the
# median is 3, at most 4: one week on.
past 3
past 4
"$UNKNOT" show full-example >"$T/show" 2>&1
check "two rated sessions are not enough" grep -q "^> week 1: .*(now)" "$T/show"
past 2
session
check "three with a median of 3 advance" grep -q "notice: This week (2 of 3): 30 s holds, 2 x 5 reps (was 20 s holds, 2 x 5 reps); the median discomfort of the last 3 sessions was 3 (at most 4)\$" "$T/out"
# 45 + 5 + 30 + 8 s: 1:28.
check "the holds are 30 s" grep -q "^\[01:28\] step_start: step 2 of 8, hold: Upper trapezius, right side" "$T/out"
"$UNKNOT" show full-example >"$T/show" 2>&1
check "show says where the client is" grep -q "^Progression: week 2 of 3, after 5 sessions of this file:\$" "$T/show"
is "$(grep '^[> ] week' "$T/show")" "  week 1: 20 s holds, 2 x 5 reps
> week 2: 30 s holds, 2 x 5 reps  (now)
  week 3: 40 s holds, 2 x 8 reps" "show prints the schedule"
check "show prints the rules" grep -q "^  On: when the median discomfort of the last 3 rated sessions is at most 4\$" "$T/show"
check "show lists the holds of this week" grep -q "30s hold (up to 40s), left then right" "$T/show"

# A session stopped early: one week back.
past 1 stopped
session
check "a stopped session steps back" grep -q "notice: This week (1 of 3): 20 s holds, 2 x 5 reps (was 30 s holds, 2 x 5 reps); the last session was too much" "$T/out"

# Each session run records the week it ran at and what it was told; the
# sessions written above by hand have none (0).
is "$(sqlite3 "$DB" 'SELECT group_concat(week, " ") FROM (SELECT week
    FROM sessions ORDER BY id)')" "1 0 0 0 2 0 1" \
    "the history keeps the week of each session run"
is "$(sqlite3 "$DB" 'SELECT week_note FROM sessions WHERE week = 2')" \
    "This week (2 of 3): 30 s holds, 2 x 5 reps (was 20 s holds, 2 x 5 reps); the median discomfort of the last 3 sessions was 3 (at most 4)" \
    "... and what it was told"

# The report's timeline: sessions in order ran at weeks 1 (unrated), 1, 1,
# 1 (then on), 2 (unrated), 2 (stopped: then back), 1.
"$UNKNOT" report --format json >"$T/report.json" 2>&1
is "$("$PYTHON3" -c '
import json, sys
p = json.load(open(sys.argv[1]))["routines"][0]["progression"]
print(p["week"], p["weeks"], [x["week"] for x in sorted(p["sessions"], key=lambda x: x["id"])])
' "$T/report.json")" "1 3 [1, 1, 1, 1, 2, 2, 1]" "the JSON report has each session's week"
d=$(date -u +%F)
"$UNKNOT" report >"$T/report" 2>&1
check "the text report tells the changes" grep -q -x "Progression: week 1 of 3 now; week 1 from $d, week 2 from $d, week 1 from $d" "$T/report"
"$UNKNOT" report --format markdown >"$T/report" 2>&1
check "so does the markdown report" grep -q -x -- "- Progression: week 1 of 3 now; week 1 from $d, week 2 from $d, week 1 from $d" "$T/report"

# A damaged history is moved aside when the week is looked up: that is
# told, not lost, and the session starts at week 1.
cp "$DB" "$T/db.saved"
printf 'this is not a database, just some text that is long enough.%.0s' \
    1 2 3 4 5 6 7 8 9 10 > "$DB"
session
check "a damaged history is told with the week" grep -q "notice: This week (1 of 3): 20 s holds, 2 x 5 reps (history: .* is damaged" "$T/out"
cp "$T/db.saved" "$DB"

# A new file from the therapist starts again at week 1.
echo "# week 2" >> "$R/full.yaml"
"$UNKNOT" show full-example >"$T/show" 2>&1
check "a changed file starts at week 1" grep -q "^Progression: week 1 of 3, after 0 sessions of this file:\$" "$T/show"

# The first screen of a session on the terminal tells the week too (of
# the changed file: week 1).
if pane_start "$UNKNOT --no-sound full-example"; then
	check "the first screen tells the week" pane_wait "This week (1 of 3): 20 s holds, 2 x 5 reps"
	pane C-c
	pane_stop
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - the first screen tells the week # SKIP no tmux"
fi

done_testing
