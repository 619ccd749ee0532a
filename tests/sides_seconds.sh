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
done_testing
