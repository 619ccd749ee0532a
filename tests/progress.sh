#!/bin/sh
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

# session: a session of full-example, completed, no input; its plain lines
# in $T/out.
session() {
	UNKNOT_TIME_SCALE=200 "$UNKNOT" --plain --no-sound run full-example \
	    </dev/null >"$T/out" 2>&1
}

# past PEAK [OUTCOME]: a past session of this file with one rating of PEAK.
n=0
past() {
	n=$((n + 1))
	sqlite3 "$DB" "INSERT INTO sessions (routine_id, title, sha256,
	    started, ended, outcome, per_week, weeks, points, seconds)
	    VALUES ('full-example', 'Every key once', '$SHA',
	    $(($(date +%s) + n * 60)), $(($(date +%s) + n * 60 + 30)),
	    '${2:-completed}', 3, 2, 1, 240);
	    INSERT INTO events (session_id, seq, kind, step, value, at_ms, wall)
	    VALUES (last_insert_rowid(), 1, 'rating', 2, $1, 1000,
	    $(($(date +%s) + n * 60 + 1)));"
}

session
is "$?" 0 "a first session"
check "it tells week 1" grep -q "notice: This week (1 of 3): 20 s holds, 2 x 5 reps\$" "$T/out"
# A warm-up of 45 s, the left side held 20 s, 5 s to switch: 1:10.
check "and holds 20 s" grep -q "^\[01:10\] step_start: step 2 of 8, hold: Upper trapezius, right side" "$T/out"

# The first session had no rating: it does not count. Peaks 3, 4, 2: the
# median is 3, at most 4: one week on.
past 3
past 4
"$UNKNOT" show full-example >"$T/show" 2>&1
check "two rated sessions are not enough" grep -q "^> week 1: .*(now)" "$T/show"
past 2
session
check "three with a median of 3 advance" grep -q "notice: This week (2 of 3): 30 s holds, 2 x 5 reps (was 20 s holds, 2 x 5 reps); the median discomfort of the last 3 sessions was 3 (at most 4)\$" "$T/out"
# 45 + 30 + 5 s: 1:20.
check "the holds are 30 s" grep -q "^\[01:20\] step_start: step 2 of 8, hold: Upper trapezius, right side" "$T/out"
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

# A new file from the therapist starts again at week 1.
echo "# week 2" >> "$R/full.yaml"
"$UNKNOT" show full-example >"$T/show" 2>&1
check "a changed file starts at week 1" grep -q "^Progression: week 1 of 3, after 0 sessions of this file:\$" "$T/show"

done_testing
