#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sides_seconds.sh: the sides the way a therapist writes them, end to end:
# `seconds: {left: 45, right: 30}` runs each side its own time in a plain
# session, in the record and in the exported cue sheet, and show, the
# handout and the sheet say it; a hold whose release is asked for after
# each side runs hold, release, hold, release.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/plain_lib.sh"
cat > "$T/r/ps.yaml" <<'EOY'
unknot: 1
id: ps
title: Per side
safety: ["Stop on numbness or tingling."]
discomfort: {target: [4, 7]}
steps:
  - warmup: {text: Broad strokes., seconds: 10}
  - hold: {title: Trap, point: Top of the shoulder., setup: 0,
           seconds: {left: 45, right: 30}, sides: [right, left]}
  - release: {text: Soft strokes., seconds: 10}
  - stretch: {title: Tilt, seconds: {left: 20, right: 12}, sides: [left, right]}
EOY

# Session times by hand: warm-up 0-10; right 10-40 (30 s); switch 5 s;
# left 45-90 (45 s); release 90-100; stretch left 100-120, switch, right
# 125-137.
printf 'next\n' | "$UNKNOT" run --plain=events --no-sound ps > "$T/o1"
check "right side: 30 s" grep -q "^\[00:40\] step_end: step 2, right side after 30.0 s: done" "$T/o1"
check "left side: 45 s, after the switch" grep -q "^\[01:30\] step_end: step 2, left side after 45.0 s: done" "$T/o1"
check "stretch left: 20 s" grep -q "^\[02:00\] step_end: step 4, left side after 20.0 s: done" "$T/o1"
check "stretch right: 12 s" grep -q "^\[02:17\] step_end: step 4, right side after 12.0 s: done" "$T/o1"
PY=${PYTHON3:-python3}
# The record: the hold time of the session is 30 + 45 s.
is "$("$UNKNOT" history --json | "$PY" -c '
import json, sys
s = json.load(sys.stdin)["sessions"][-1]
print(s["hold_s"], s["hold_done_s"], s["outcome"])')" "75 75 completed" \
    "the record: 75 s of holds prescribed and done"

# show: the length of the whole routine and each side's.
"$UNKNOT" show ps > "$T/show"
check "show: 2:17 in all" sh -c 'grep -q "^id: ps, 2:17 long" "$1"' - "$T/show"
check "show: the hold per side, right first, 30 + 5 (switch) + 45 s" \
    grep -q "Trap .* 1:20  right 30s, left 45s hold (up to 90s), right then left" "$T/show"
"$UNKNOT" show --format markdown ps > "$T/md"
check "handout: the seconds of each side" \
    grep -q "hold 30 seconds on the right, 45 on the left (up to 90)" "$T/md"
"$UNKNOT" sheet ps -o "$T/ps.html" 2>/dev/null
check "sheet: the seconds of each side" \
    grep -q "Hold 30 s on the right, then 45 s on the left" "$T/ps.html"

# The exported guide: the bell ends each side of the hold at its own time.
"$UNKNOT" --no-sound export ps -o "$T/ps.wav" --cues "$T/ps.cues" 2>/dev/null
is "$(awk '$2 == "bell" { print $1 }' "$T/ps.cues" | tr '\n' ' ')" \
    "40.000 90.000 " \
    "export: the cue sheet's bells end each side at its own length"

# sql QUERY: the first value of QUERY on the history.
sql() {
	"$PY" -c 'import sqlite3, sys
r = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()
print("" if r is None or r[0] is None else r[0])' \
	    "$XDG_DATA_HOME/unknot/history.db" "$1"
}

# Each side's release straight after its hold.
cat > "$T/r/pr.yaml" <<'EOY'
unknot: 1
id: pr
title: Pairs
safety: ["Stop on numbness or tingling."]
discomfort: {target: [4, 7]}
steps:
  - warmup: {text: Broad strokes., seconds: 10}
  - hold: {title: Trap, point: Top of the shoulder., setup: 0,
           seconds: {left: 45, right: 30}, sides: [left, right]}
  - release: {title: Strokes, text: Soft strokes., seconds: 10, after: each side}
EOY
printf 'next\n' | "$UNKNOT" run --plain=events --no-sound pr > "$T/o2"
# By hand: warm-up 0-10; hold left 10-55; release left 55-65; switch 5 s;
# hold right 70-100; release right 100-110.
is "$(sed -n 's/^\[\([0-9:]*\)\] step_end: \(step [0-9]*, [a-z]* side\) after.*/\1 \2/p' "$T/o2")" \
"00:55 step 2, left side
01:05 step 3, left side
01:40 step 2, right side
01:50 step 3, right side" "after: each side: hold left, release left, hold right, release right"
check "one pause to switch sides, before the second hold" sh -c \
    'test "$(grep -c "switch: switch sides" "$1")" = 1 &&
     grep -q "^\[01:05\] switch: switch sides" "$1"' - "$T/o2"
is "$(sql "SELECT group_concat(step || ':' || side || ':' || status, ' ') FROM
    (SELECT step, side, status FROM events WHERE kind = 'step_end' AND
    session_id = (SELECT max(id) FROM sessions) ORDER BY seq)")" \
    "0::done 1:left:done 2:left:done 1:right:done 2:right:done" \
    "the record: each side of the hold and of its release, in the order run"
check "show: 1:50 in all, one switch" sh -c \
    '"$1" show pr | grep -q "^id: pr, 1:50 long"' - "$UNKNOT"
check "show: the release after each side" sh -c \
    '"$1" show pr | grep -q "release  Strokes .*, after each side of the hold"' - "$UNKNOT"

# Skipping the point in the first release skips the right side's hold.
printf 'next\ns\ns\nskip point\n' | "$UNKNOT" run --plain=events --no-sound pr > "$T/o3"
check "skip point in the release: the right hold is skipped too" sh -c \
    'grep -q "status: step 2, right side: skipped" "$1" &&
     ! grep -q "step_start: step 2 of 3, hold: Trap, right side" "$1"' - "$T/o3"
done_testing
