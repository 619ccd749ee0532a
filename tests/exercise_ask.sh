#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# exercise_ask.sh: after an exercise, "How was that? e easy, o ok, h
# hard", in plain mode (a line) and in the TUI (on the screen that
# follows, inside curses, at 80x24 and 40x12); the answer in the history
# with the exercise, the sets it did beside it; no question after an
# exercise that was skipped, and any other input leaves it unanswered.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/plain_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is needed"

DB="$XDG_DATA_HOME/unknot/history.db"
cat > "$T/r/x.yaml" <<'EOY'
unknot: 1
id: x
title: Exercise test
steps:
  - exercise: {title: Squat, text: Slowly., sets: 2, reps: 3, rep_seconds: 2,
      rest_seconds: 2, setup: 0}
  - stretch: {title: Reach, text: Reach up., seconds: 30}
  - exercise: {title: Bridge, text: Lift., sets: 1, reps: 2, rep_seconds: 2,
      setup: 0}
aftercare: ["Rest."]
EOY

# q SQL: one answer of the history.
q() { sqlite3 "$DB" "$1"; }

# Plain mode: hard after the squat; the bridge skipped: no question.
cat > "$T/s1" <<'EOS'
prompt: How much does it hurt now => next
how: step 1: How was that\? e easy, o ok, h hard => h
step_start: step 3 of 3 => skip
prompt: How do you feel now => next
EOS
drive "$T/s1" --plain=events x > "$T/o1"
check "plain: completes" grep -qx "exit: 0" "$T/o1"
check "plain: the answer is taken" grep -q "difficulty: step 1: hard" "$T/o1"
is "$(grep -c '^\[.*\] how:' "$T/o1")" 1 \
    "plain: asked once, not after the skipped exercise"
check "plain: the sets are told" grep -q "set: step 1: 3 of 3 reps" "$T/o1"
sid=$(q "SELECT max(id) FROM sessions")
is "$(q "SELECT step || ' ' || title || ' ' || value FROM events WHERE
    session_id = $sid AND kind = 'difficulty'")" "0 Squat 3" \
    "plain: hard (3) is in the history, with the squat"
is "$(q "SELECT group_concat(value || '/' || arg, ' ') FROM events WHERE
    session_id = $sid AND kind = 'set' AND title = 'Squat'")" "3/3 3/3" \
    "plain: both sets of the squat, 3 of 3 reps each"
is "$(q "SELECT group_concat(value || '/' || arg, ' ') FROM events WHERE
    session_id = $sid AND kind = 'set' AND title = 'Bridge'")" "0/2" \
    "plain: the skipped bridge, 0 of 2 reps"

# Plain mode: another line first leaves the question unanswered.
cat > "$T/s2" <<'EOS'
prompt: How much does it hurt now => next
how: step 1: => pause ; resume ; e
prompt: How do you feel now => next
EOS
drive "$T/s2" --plain=events x > "$T/o2"
sid=$(q "SELECT max(id) FROM sessions")
is "$(q "SELECT count(*) FROM events WHERE session_id = $sid AND
    kind = 'difficulty'")" 0 "plain: a pause first, then e: no answer kept"
check "plain: that session completes" grep -qx "exit: 0" "$T/o2"

# The TUI, at both sizes: the question on the screen after the squat,
# inside curses; o answers it.
pane_needed
for size in "80 24" "40 12"; do
	rm -f "$T/tui.status"
	# shellcheck disable=SC2086
	set -- $size
	n0=$(q "SELECT count(*) FROM events WHERE kind = 'difficulty'")
	pane_start "sh -c 'UNKNOT_TIME_SCALE=2 \"$UNKNOT\" --no-sound run x;
	    echo \$? > \"$T/tui.status\"'" "$1" "$2"
	pane_until -s 10 pane_shows "Exercise test"
	pane_enter_until "Squat"
	pane_until -s 30 sh -c 'tmux -S "$1" capture-pane -p -t t |
	    tr -d "\n" | grep -q "How was that?.*e.*easy.*o.*ok.*h.*hard"' \
	    - "$PANE_SOCK"
	ok $? "tui $1x$2: the question after the exercise"
	pane_text > "$T/tui-$1x$2.txt"
	check "tui $1x$2: on the screen of the next step" \
		grep -q "Reach" "$T/tui-$1x$2.txt"
	pane o
	pane_until -s 10 pane_shows "Noted: ok"
	ok $? "tui $1x$2: o answers it, inside curses"
	pane S
	pane_finish "$T/tui.status"
	is "$(cat "$T/tui.status" 2>/dev/null)" 0 "tui $1x$2: exits 0"
	is "$(q "SELECT count(*) FROM events WHERE kind = 'difficulty'")" \
	    $((n0 + 1)) "tui $1x$2: one answer more in the history"
	is "$(q "SELECT value || ' ' || title FROM events WHERE
	    kind = 'difficulty' ORDER BY rowid DESC LIMIT 1")" "2 Squat" \
	    "tui $1x$2: ok (2), of the squat"
	pane_stop
done

done_testing
