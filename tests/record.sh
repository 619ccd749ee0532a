#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# record.sh: a record the therapist can trust and a coach that never
# pushes the wrong way, end to end in plain mode: the advice lines a
# session prints and what the history keeps of it (`history --json`,
# `report --format json`, the database itself).
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
PY=${PYTHON3:-python3}
"$PY" -c 'import json, sqlite3' 2>/dev/null ||
	skip_all "python3 with json and sqlite3 is needed"
export UNKNOT_PATH="$T/r" UNKNOT_TIME_SCALE=20 \
	ALSA_CONFIG_PATH="$T/asound-none.conf"
DB="$XDG_DATA_HOME/unknot/history.db"
mkdir -p "$T/r"
cat > "$T/r/t.yaml" <<'EOY'
unknot: 1
id: t
title: Record test
safety: ["Stop on numbness or tingling in the arm."]
discomfort: {target: [4, 7], ease_off_at: 8}
frequency: {per_week: 3, weeks: 2}
steps:
  - warmup: {title: Warm, text: Broad strokes., seconds: 10}
  - hold: {title: Trap, point: Top of the shoulder., seconds: 30,
           sides: [left, right], rate_every: 15, setup: 0}
  - release: {text: Soft strokes., seconds: 10}
EOY
# One short hold, for sessions at the real pace.
cat > "$T/r/q.yaml" <<'EOY'
unknot: 1
id: q
title: Quick
frequency: {per_week: 3, weeks: 2}
steps:
  - hold: {title: Spot, point: The spot., seconds: 6, setup: 0}
EOY

# drive SCRIPT ARGS...: unknot run --plain=events --no-sound ARGS, answered by
# the rules in SCRIPT (see drive.py).
drive() {
	script=$1
	shift
	"$PY" "$top_srcdir/tests/drive.py" "$script" -- \
	    "$UNKNOT" run --plain=events --no-sound "$@"
}

# sql QUERY: one value from the history.
sql() {
	"$PY" -c 'import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()
print("" if r is None or r[0] is None else r[0])' "$DB" "$1"
}

# latest JSONPATH: a field of the newest session of `unknot history --json`.
latest() {
	"$UNKNOT" history --json | "$PY" -c 'import json, sys
s = json.load(sys.stdin)["sessions"][0]
print(eval(sys.argv[1], {}, {"s": s}))' "$1"
}

# before FILE A B: FILE has a line matching A before the first matching B.
before() {
	a=$(grep -n -m1 -- "$2" "$1" | cut -d: -f1)
	b=$(grep -n -m1 -- "$3" "$1" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

# prev_line FILE A B: the line just before the first one matching A
# matches B.
prev_line() {
	grep -B1 -m1 -- "$2" "$1" | head -n 1 | grep -q -- "$3"
}

# ---- 6, 7: never more pressure after a high rating; exhale at once ------
cat > "$T/s1" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 2 of 3, hold: Trap, left => 9
advice: Ease off => 3
prompt: How strong is it now => 2
step_start: step 2 of 3, hold: Trap, right => 2
prompt: How strong is it now => 3
advice: Not much happening yet => next
prompt: How do you feel now => next
EOS
drive "$T/s1" --plain=breath t > "$T/o1"
check "9: ease off, breathing out slowly now" \
    grep -q "advice: Ease off the pressure .* Breathe out slowly now" "$T/o1"
check "... and the pacer breathes out at once, 8 s (long exhale)" \
    prev_line "$T/o1" "advice: Ease off" "breath: exhale for 8.0 s"
check "a drop after it: if it let go, press r (twice: 3, then 2 at 15 s)" \
    sh -c 'grep -c "advice: If it let go, press r" "$1" | grep -qx 2' - "$T/o1"
check "never lean in on the side that reached 9" sh -c \
    'sed -n "/hold: Trap, left/,/hold: Trap, right/p" "$1" | grep -q "Lean in" && exit 1; exit 0' - "$T/o1"
check "below the target throughout (2, then 3 after 10 s): lean in" sh -c \
    'sed -n "/hold: Trap, right/,\$p" "$1" | grep -q "advice: Not much happening yet? Lean in"' - "$T/o1"
check "the left side: eased; the right: done" sh -c \
    'grep -q "step_end: step 2, left side after 30.0 s: eased" "$1" &&
     grep -q "step_end: step 2, right side after 30.0 s: done" "$1"' - "$T/o1"
is "$(latest 's["outcome"], s["rehearsal"]')" "('completed', True)" \
    "history --json: completed, a rehearsal (time scaled)"
is "$(sql "SELECT group_concat(side || ':' || status, ' ') FROM events \
    WHERE session_id = (SELECT max(id) FROM sessions) AND kind = 'step_end' \
    AND step = 1")" "left:eased right:done" "sqlite3: the sides' statuses"

# A gentle range (3-6): never lean in, whatever the ratings.
sed 's/target: \[4, 7\], ease_off_at: 8/target: [3, 6], ease_off_at: 7/; s/^id: t$/id: g/' \
    "$T/r/t.yaml" > "$T/r/g.yaml"
cat > "$T/s1g" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 2 of 3, hold: Trap, left => 1
prompt: How strong is it now => 1
prompt: How do you feel now => next
EOS
drive "$T/s1g" g > "$T/o1g"
check "gentle range: two 1s, no lean in" sh -c \
    'grep -c "rating: 1 at" "$1" | grep -qx 2 && ! grep -q "Lean in" "$1"' - "$T/o1g"

# ---- 8: a 10 asks about symptoms ----------------------------------------
cat > "$T/s2" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 2 of 3, hold: Trap, left => 10
check: Any numbness => yes
prompt: Press Enter to go on => next
prompt: How do you feel now => next
EOS
drive "$T/s2" t > "$T/o2"
check "10: the hold pauses with one question" \
    grep -q "check: Any numbness, tingling, or shooting, burning pain? Type yes or no." "$T/o2"
check "yes: the point stops, with the routine's red flags" \
    grep -q "advice: Stop this point for today: let go of the pressure. Stop on numbness or tingling in the arm." "$T/o2"
check "... both sides stopped, the next step runs" sh -c \
    'grep -q "step_end: step 2, left side after .*: stopped" "$1" &&
     grep -q "status: step 2, right side: stopped" "$1" &&
     grep -q "step_start: step 3 of 3" "$1"' - "$T/o2"
is "$(latest 's["outcome"], s["symptoms"], s["not_done"]')" \
    "('partial', 'Trap, left', 'Trap, left: stopped; Trap, right: stopped')" \
    "history --json: partial, the symptom and the stopped sides"
is "$(sql "SELECT count(*) FROM events WHERE kind = 'symptom' AND value = 1 \
    AND side = 'left'")" 1 "sqlite3: the symptom event"
"$UNKNOT" report > "$T/rep2"
check "the report shows it at the top" sh -c \
    'sed -n 3,4p "$1" | grep -q "^SYMPTOMS REPORTED" &&
     sed -n 4,5p "$1" | grep -q "Record test: Trap, left"' - "$T/rep2"

cat > "$T/s3" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 2 of 3, hold: Trap, left => b
advice: Ease off now: bracing => b
check: Any numbness => no
advice: Go on lighter => next
prompt: How do you feel now => next
EOS
drive "$T/s3" --plain=breath t > "$T/o3"
check "a second bracing asks too; no: lighter, breathing out" \
    prev_line "$T/o3" "advice: Go on lighter" "breath: exhale for 8.0 s"
check "... the hold goes on to its 30 s: eased" \
    grep -q "step_end: step 2, left side after 30.0 s: eased" "$T/o3"

# ---- 5, 2: skip a side, skip a point, outcomes ---------------------------
cat > "$T/s4" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 2 of 3, hold: Trap, left => skip
step_start: step 2 of 3, hold: Trap, right => 5
prompt: How do you feel now => next
EOS
drive "$T/s4" t > "$T/o4"
check "s on the left skips that side; the right still runs" sh -c \
    'grep -q "skip: step 2, left side" "$1" &&
     grep -q "step_end: step 2, right side after 30.0 s: done" "$1"' - "$T/o4"
is "$(latest 's["outcome"], s["not_done"], s["points_done"]')" \
    "('partial', 'Trap, left: skipped', 1)" \
    "history --json: partial, the left side named as skipped"
"$UNKNOT" report --routine t > "$T/rep4"
check "report: not done: Trap, left: skipped" \
    grep -q "^    not done: Trap, left: skipped$" "$T/rep4"

printf 'next\nskip\nskip point\nskip\nnext\n' |
    "$UNKNOT" run --plain=events --no-sound t > "$T/o5"
check "skip point: both sides go" sh -c \
    'grep -q "skip: step 2, the whole point" "$1" &&
     grep -q "status: step 2, right side: skipped" "$1"' - "$T/o5"
printf 'next\n%s\n' s s s s s s s s s s s s next |
    "$UNKNOT" run --plain=events --no-sound t > "$T/o6"
is "$(latest 's["outcome"], s["points_done"], s["points_total"]')" \
    "('partial', 0, 2)" "s twelve times: partial 0/2, not completed"
printf 'quit\n' | "$UNKNOT" run --plain=events --no-sound t > "$T/o7"
check "a quit at the safety screen: abandoned" grep -q "finish: abandoned" "$T/o7"
check "... with no aftercare and no next session" sh -c \
    '! grep -q "aftercare:" "$1" && ! grep -q "Next session" "$1"' - "$T/o7"
is "$(latest 's["outcome"]')" "abandoned" "history --json: abandoned"

# ---- 9: no breath holds under pressure ----------------------------------
sed 's/rate_every: 15, setup: 0}/rate_every: 15, setup: 0, breathing: box}/' "$T/r/t.yaml" > "$T/box.yaml"
out=$("$UNKNOT" check "$T/box.yaml" 2>&1); st=$?
is "$st" 2 "check refuses a hold that breathes 'box'"
check "... saying where and why" sh -c 'echo "$1" | grep -q "box.yaml:10:.*never hold your breath under pressure: pattern .box. holds it"' - "$out"

# ---- 4, 3: rehearsals never count; what is done counts ------------------
"$UNKNOT" report --format json > "$T/j1"
"$PY" - "$T/j1" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["routines"]
t = [x for x in r if x["id"] == "t"][0]
assert t["adherence"]["done"] == 0 and t["adherence"]["other"] == 0, t
assert len(t["sessions"]) == 7 and all(s["rehearsal"] for s in t["sessions"])
assert t["points"] == [], t["points"]
EOF
ok $? "report: the rehearsals are listed, never counted, no trends from them"
is "$("$UNKNOT" remind)" "" "remind: no reminder from rehearsals"
is "$(sql "SELECT count(*) FROM sessions WHERE rehearsal = 1")" \
    "$(sql "SELECT count(*) FROM sessions")" "sqlite3: all marked rehearsal 1"

# Unattended: stdin not a terminal and no input at all, at the real pace.
printf '' | UNKNOT_TIME_SCALE=1 "$UNKNOT" run --plain=events --no-sound q > "$T/o8"
is "$(sql "SELECT rehearsal FROM sessions ORDER BY id DESC LIMIT 1")" 2 \
    "sqlite3: rehearsal 2 (unattended)"
is "$("$UNKNOT" history | sed -n 2p | awk '{ print $(NF-3), $NF }')" \
    "completed (rehearsal)" "history lists it as a rehearsal"

# At the real pace: let go at once (completed), skipped (partial, nothing
# held), 4 of 6 s held and then skipped (partial, more than half).
printf 'next\nr\nnext\n' | UNKNOT_TIME_SCALE=1 \
    "$UNKNOT" run --plain=events --no-sound q > "$T/o9"
printf 'next\ns\nnext\n' | UNKNOT_TIME_SCALE=1 \
    "$UNKNOT" run --plain=events --no-sound q > "$T/o10"
cat > "$T/s11" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 1 of 1 => <sleep>4 ; s
prompt: How do you feel now => next
EOS
UNKNOT_TIME_SCALE=1 drive "$T/s11" q > "$T/o11"
is "$(sql "SELECT group_concat(outcome || '/' || rehearsal, ' ') FROM \
    (SELECT outcome, rehearsal FROM sessions WHERE routine_id = 'q' \
    ORDER BY id)")" "completed/2 completed/0 partial/0 partial/0" \
    "sqlite3: outcomes and rehearsals of the quick sessions"
"$UNKNOT" report --routine q --format json > "$T/j2"
"$PY" - "$T/j2" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))["routines"][0]
a = t["adherence"]
assert (a["done"], a["other"]) == (2, 1), a
s = t["sessions"]
assert [x["counts"] for x in s] == [False, True, False, True], s
assert s[3]["hold_done_s"] >= 3 and s[3]["hold_s"] == 6, s[3]
EOF
ok $? "report: adherence 2 (completed, and partial with over half held), not the rehearsal or the partial with nothing held"

# ---- 10: find the point first; the timer starts on Enter ---------------
sed 's/, setup: 0}/}/; s/^id: t$/id: rd/' "$T/r/t.yaml" > "$T/r/rd.yaml"
cat > "$T/s10" <<'EOS'
prompt: How much does it hurt now => next
ready: Find the point => <sleep>0.1 ; next
step_start: step 2 of 3, hold: Trap, right => q
EOS
drive "$T/s10" rd > "$T/o10r"
check "the point, then when the hold starts" grep -q \
    "ready: Find the point: Top of the shoulder. (left side) The hold starts in 8 s; press Enter when you are on it." "$T/o10r"
check "... right after the step starts" \
    prev_line "$T/o10r" "ready: Find the point" "point: Top of the shoulder."
check "the first prompt comes 5 s after Enter, not after the step began" sh -c \
    'e=$(grep -m1 "ready: Find" "$1" | cut -c2-6); p=$(grep -m1 "prompt: How strong is it now" "$1" | cut -c2-6)
     [ "$p" != "" ] && [ "$(( $(echo $p | cut -d: -f2 | sed "s/^0//") - $(echo $e | cut -d: -f2 | sed "s/^0//") ))" -ge 7 ]' - "$T/o10r"
check "the right side gets ready by itself after 8 s" sh -c \
    'grep -q "ready: Find the point: Top of the shoulder. (right side)" "$1"' - "$T/o10r"

# ---- 11: sides in the order the therapist wrote them ---------------------
sed 's/sides: \[left, right\]/sides: [right, left]/; s/^id: t$/id: rl/' \
    "$T/r/t.yaml" > "$T/r/rl.yaml"
printf 'next\n' | "$UNKNOT" run --plain=events --no-sound rl > "$T/o13"
check "sides: [right, left] runs the right side first" before "$T/o13" \
    "hold: Trap, right side" "hold: Trap, left side"
printf 'switch_seconds: 12\n' >> "$T/r/rl.yaml"
printf 'next\n' | "$UNKNOT" run --plain=events --no-sound rl > "$T/o13b"
check "switch_seconds: 12 s to switch sides" sh -c \
    'grep -q "^\[00:40\] step_end: step 2, right side" "$1" &&
     grep -q "^\[00:52\] step_start: step 2 of 3, hold: Trap, left side" "$1"' - "$T/o13b"

# ---- 12: aftercare and reminders that fit what was done -----------------
check "every hold skipped: no trigger-point aftercare" sh -c \
    '! grep -q "Avoid intense exercise" "$1" && grep -q "aftercare: Take a moment to feel how you are now" "$1"' - "$T/o6"
check "holds done: water, soreness, no intense exercise" \
    grep -q "aftercare: Avoid intense exercise for the next 24 hours" "$T/o1"
cat > "$T/r/b.yaml" <<'EOY'
unknot: 1
id: b
title: Breath
frequency: {per_week: 3, weeks: 2}
patterns:
  - {name: quick, inhale: 1, exhale: 1}
steps:
  - breathe: {pattern: quick, cycles: 1}
EOY
printf 'next\n' | UNKNOT_TIME_SCALE=1 "$UNKNOT" run --plain=events --no-sound b > "$T/o12"
check "breathing only: a short breathing close, no soreness talk" sh -c \
    'grep -q "aftercare: Take a moment to feel how you are now" "$1" &&
     ! grep -qi "soreness\|intense exercise" "$1"' - "$T/o12"
"$UNKNOT" remind --ics - > "$T/b.ics"
check "remind --ics: the breathing routine is no trigger point session" sh -c \
    'grep -q "^SUMMARY:Session: Breath" "$1" && ! grep -q "Trigger point session: Breath" "$1"' - "$T/b.ics"
check "... and gets no water or soreness check-ins" sh -c \
    '! grep -q "Soreness check\|Drink a glass" "$1"' - "$T/b.ics"
is "$("$UNKNOT" remind | grep -c "drink plenty of water")" 0 \
    "remind: no soreness line after a breathing session"

# ---- 13: reminders from the homework, before the first session ---------
F="$T/fresh"
mkdir -p "$F/unknot/routines"
cat > "$F/unknot/routines/hw.yaml" <<'EOY'
unknot: 1
id: hw
title: Homework
frequency: {per_week: 2, weeks: 3}
steps:
  - hold: {title: Spot, point: The spot., seconds: 20}
EOY
out=$(XDG_DATA_HOME="$F" "$UNKNOT" remind); st=$?
is "$st:$out" "0:Homework: next session due today (2 per week, session 1 of 6). Start it with 'unknot run hw'." \
    "remind: a prescribed routine in the data directory is due before any session"
check "no history was made by reading" test ! -e "$F/unknot/history.db"
XDG_DATA_HOME="$F" "$UNKNOT" remind --ics "$T/hw.ics"
is "$?" 0 "remind --ics before the first session: exit 0"
is "$(grep -c '^SUMMARY:Trigger point session: Homework' "$T/hw.ics")" 6 \
    "... with the six prescribed sessions"
touch -d '10 days ago' "$F/unknot/routines/hw.yaml"
check "installed ten days ago: overdue since then" sh -c \
    'XDG_DATA_HOME="$1" "$2" remind | grep -q "^Homework: next session overdue since .* (10 days; 2 per week, session 1 of 6)"' - "$F" "$UNKNOT"
# A file written in the last instant may carry the next second: it is
# due now all the same; an hour ahead of the clock, it is not told.
touch -d @1767225601 "$F/unknot/routines/hw.yaml"
out=$(UNKNOT_NOW=1767225600 XDG_DATA_HOME="$F" "$UNKNOT" remind)
is "$out" "Homework: next session due today (2 per week, session 1 of 6). Start it with 'unknot run hw'." \
    "a routine file a second ahead of the clock is due now"
out=$(UNKNOT_NOW=1767222000 XDG_DATA_HOME="$F" "$UNKNOT" remind)
is "$out" "" "a routine file an hour ahead of the clock is not told"

# ---- 14: the key help and the quit question pause, and the key that
# closes the help does nothing else
if pane_start "$UNKNOT run --no-sound t; echo done > $T/tui.done"; then
	pane_wait "Stop on numbness" && pane Enter
	pane_wait "Warm" && pane '?'
	pane_wait "Any key closes this."
	sleep 1.5	# 30 s at this scale: the 10 s warm-up would be over
	check "? up: the timer stands still (still the warm-up, paused)" sh -c \
	    'tmux -S "$1" capture-pane -p -t t > "$2/tui1"; grep -q "Warm" "$2/tui1" &&
	     grep -q "PAUSED" "$2/tui1" && ! grep -q "Trap" "$2/tui1"' - "$PANE_SOCK" "$T"
	pane s
	sleep 0.3
	check "s closes the help and does not skip the step" sh -c \
	    'tmux -S "$1" capture-pane -p -t t > "$2/tui2"; grep -q "Warm" "$2/tui2" &&
	     ! grep -q "Any key closes this" "$2/tui2" && ! grep -q "PAUSED" "$2/tui2"' - "$PANE_SOCK" "$T"
	# The quit question stops the timer too; n goes on from there.
	pane q
	pane_wait "Stop the session now?"
	sleep 1.5
	check "q: the timer stands still while it asks" sh -c \
	    'tmux -S "$1" capture-pane -p -t t > "$2/tui3"; grep -q "Warm" "$2/tui3" &&
	     grep -q "PAUSED" "$2/tui3" && ! grep -q "Trap" "$2/tui3"' - "$PANE_SOCK" "$T"
	pane n
	sleep 0.3
	check "n: the question goes, the timer goes on" sh -c \
	    'tmux -S "$1" capture-pane -p -t t > "$2/tui4";
	     ! grep -q "Stop the session now" "$2/tui4" && ! grep -q "PAUSED" "$2/tui4"' - "$PANE_SOCK" "$T"
	pane q
	pane_wait "Stop the session now?" && pane y
	i=0; while [ ! -s "$T/tui.done" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	is "$(sql "SELECT group_concat(kind, ' ') FROM events WHERE session_id = \
	    (SELECT max(id) FROM sessions) AND kind IN ('skip', 'pause', \
	    'resume', 'finish')")" "pause resume pause resume pause finish" \
	    "the record: paused and resumed by the help and the question, nothing skipped"
	pane_stop
else
	skip "tmux cannot start a pane here" 5
fi

[ -n "$RECORD_KEEP" ] && cp -r "$T" "$RECORD_KEEP"
done_testing
