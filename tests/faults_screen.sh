#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults_screen.sh: a session when the screen fails it: a terminal type
# terminfo does not know, a process stopped with SIGSTOP (the clock jumps),
# a window too small to show the session.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

pane_needed
PY=${PYTHON3:-python3}
"$PY" -c 'import re' 2>/dev/null || skip_all "python3 is needed to drive sessions"

export LC_ALL=C.UTF-8 UNKNOT_PATH="$T/r" ALSA_CONFIG_PATH="$T/asound-none.conf"
unset TMUX
mkdir -p "$T/r"
DB="$XDG_DATA_HOME/unknot/history.db"

# wait_for CMD...: the pane_until of lib.sh, for at most 20 s (a session
# under a loaded machine takes a while to draw).
wait_for() {
	pane_until -s 20 "$@"
}

# sql QUERY: one query on the history.
sql() {
	sqlite3 "$DB" "$1"
}

cat > "$T/r/hold.yaml" <<'EOY'
unknot: 1
id: hold
title: Hold test
steps:
  - hold: {title: Trap, point: Top of the shoulder., seconds: 20, setup: 0}
  - hold: {title: Neck, point: Side of the neck., seconds: 20, setup: 0}
EOY

# 14. A terminal type terminfo does not know: one line says so and the
# session runs in plain mode on the terminal; the terminal modes are as
# they were, and the history holds that session, not an unfinished one.
cat > "$T/term.sh" <<EOS
stty -a > "$T/stty.before"
env TERM=garbage-term "$UNKNOT" run --no-sound hold
echo \$? > "$T/status.tmp"
stty -a > "$T/stty.after"
mv "$T/status.tmp" "$T/status"
EOS
pane_start "sh '$T/term.sh'; sleep 600"
wait_for pane_shows "How much does it hurt now"
ok $? "unknown TERM: the session starts"
check "unknown TERM: one line says so" pane_shows \
    'unknot: terminal type "garbage-term" is unknown; using plain mode'
check "unknown TERM: plain mode" pane_shows "Hold test (hold),"
pane Enter
wait_for pane_shows "Step 1 of 2, hold: Trap"
pane q Enter
wait_for test -s "$T/status"
is "$(cat "$T/status" 2>/dev/null)" 0 "unknown TERM: exit status 0"
pane_stop
check "unknown TERM: terminal modes as before" cmp -s "$T/stty.before" \
    "$T/stty.after"
is "$(sql "select count(*) from sessions where outcome is null")" 0 \
    "unknown TERM: no unfinished session in the history"
is "$(sql "select outcome || ' ' || (select count(*) from events e where
    e.session_id = s.id and e.kind = 'step_start') from sessions s")" \
    "stopped 1" "unknown TERM: the plain session is recorded, stopped in step 1"
sql "delete from events; delete from sessions"

# 20. SIGSTOP a second into a 20 s hold, SIGCONT 7 s later: at four times
# real speed that gap is 28 s of session time, past the end of the hold.
# The gap is a pause: the timer goes on from where it stopped, the hold
# is not recorded as done, the second step never starts; quit 1 s later.
cat > "$T/s20" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 1 of 2 => <sleep>1 ; <signal>SIGSTOP ; <stopped> ; <sleep>7 ; <signal>SIGCONT ; <sleep>1 ; quit
EOS
UNKNOT_TIME_SCALE=4 "$PY" "$top_srcdir/tests/drive.py" "$T/s20" -- \
    "$UNKNOT" run --plain=events --no-sound hold > "$T/o20"
check "SIGSTOP: the process stopped" grep -qx "stopped: yes" "$T/o20"
check "SIGSTOP: the session ends as stopped" grep -q "finish: stopped" \
    "$T/o20"
check "SIGSTOP: the gap is a pause; the timer resumes where it paused" \
    resumed_as_paused "$T/o20" 1
check "SIGSTOP: a notice says so, in real seconds" \
    grep -Eq "notice: Paused for the [789] s the program was stopped" "$T/o20"
is "$(sql "select count(*) from events where kind = 'step_start'")" 1 \
    "SIGSTOP: the second step never started"
# About 1 s before the stop and 1 s after it: 8 s of session time at scale
# 4, 16 s allowing for a slow machine, against the 20 s of a hold that ran
# out in the gap.
end=$(sql "select arg from events where kind = 'step_end' and step = 0")
if [ -n "$end" ] && [ "$end" -ge 4000 ] && [ "$end" -le 16000 ]; then
	ok 0 "SIGSTOP: the hold is recorded as $end ms, not done"
else
	ok 1 "SIGSTOP: the hold is recorded as '$end' ms, not 4000-16000"
	sed 's/^/# /' "$T/o20"
fi
# The pause holds the 7 s of the gap, 28000 ms at scale 4, and at most the
# 1 s wait before it.
gap=$(sql "select arg from events where kind = 'resume'")
if [ -n "$gap" ] && [ "$gap" -ge 28000 ] && [ "$gap" -le 40000 ]; then
	ok 0 "SIGSTOP: $gap ms paused"
else
	ok 1 "SIGSTOP: '$gap' ms paused, not 28000-40000"
fi
sql "delete from events; delete from sessions"

# 22. A window too small for the session says so, at 300x2 as at 30x8,
# and the timer of the step stands still meanwhile: a 60 s hold at twice
# real speed, 4 s (8 s of session time) at each small size, the time left
# read at 80x24 before and after. Space does not start it while too small.
cat > "$T/r/h60.yaml" <<'EOY'
unknot: 1
id: h60
title: Long hold
steps:
  - hold: {title: Trap, point: Top of the shoulder., seconds: 60, setup: 0}
EOY

# left: the seconds left on the step screen, empty if none is shown.
left() {
	pane_text | sed -n 's/.* \([0-9]*\):\([0-9][0-9]\) left.*/\1 \2/p' |
	    { read -r m s && echo $((m * 60 + s)); }
}

# small COLS ROWS [KEY]: the window at COLSxROWS for 4 s (KEY pressed in
# it), then 80x24 again; checks the message and that no time went by.
small() {
	before=$(left)
	pane_resize "$1" "$2"
	wait_for pane_shows "Window too small"
	ok $? "$1x$2: Window too small"
	check "$1x$2: the size it needs" pane_shows "need 40x12"
	if [ -n "$3" ]; then
		pane "$3"
		wait_for pane_shows "Paused"
		ok $? "$1x$2: $3 pressed, it says Paused"
	fi
	sleep 4
	pane_resize 80 24
	wait_for pane_shows " left"
	after=$(left)
	if [ -n "$before" ] && [ -n "$after" ] &&
	    [ $((before - after)) -le 2 ]; then
		ok 0 "$1x$2: the timer stood still: $before s left, then $after s"
	else
		ok 1 "$1x$2: the timer ran: '$before' s left, then '$after' s"
	fi
}

cat > "$T/small.sh" <<EOS
stty -a > "$T/stty.before"
UNKNOT_TIME_SCALE=2 "$UNKNOT" run --no-sound h60
echo \$? > "$T/status.tmp"
stty -a > "$T/stty.after"
mv "$T/status.tmp" "$T/status"
EOS
rm -f "$T/status"
pane_start "sh '$T/small.sh'; sleep 600" 300 2
wait_for pane_shows "Window too small"
ok $? "300x2 from the start: Window too small"
check "300x2 from the start: the size it needs" pane_shows "need 40x12"
pane_resize 80 24
wait_for pane_shows "How much does it hurt now"
pane Enter
wait_for pane_shows " left"
ok $? "80x24: the hold runs"
small 300 2
small 30 8 Space
pane q
wait_for pane_shows "Stop the session now?"
pane y
wait_for test -s "$T/status"
is "$(cat "$T/status" 2>/dev/null)" 0 "too small: exit status 0"
pane_stop
# modes FILE: stty -a without the window size, which the test changed.
modes() {
	sed 's/rows [0-9]*; columns [0-9]*;//' "$1"
}
is "$(modes "$T/stty.after")" "$(modes "$T/stty.before")" \
    "too small: terminal modes as before"
# Each stay at a small size is a pause of at least its 4 s, 8000 ms at
# twice real speed; the hold ran far less than its 60 s.
is "$(sql "select count(*) from events where kind = 'resume' and
    arg >= 8000")" 2 "too small: two pauses of 8 s or more recorded"
# The third pause is the quit question's, which stops the timer.
is "$(sql "select count(*) from events where kind = 'pause'")" 3 \
    "too small: no other pause but the quit question's: Space changed nothing"
end=$(sql "select arg from events where kind = 'step_end'")
if [ -n "$end" ] && [ "$end" -lt 6000 ]; then
	ok 0 "too small: the hold ran $end ms, the pauses left out"
else
	ok 1 "too small: the hold ran '$end' ms, not under 6000"
fi
sql "delete from events; delete from sessions"

done_testing
