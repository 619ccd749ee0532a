#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plain_speech.sh: plain mode as a screen reader would want it: lines in
# words without times (times with --plain=timestamps, the old format with
# --plain=events), breath lines in words, what the curses screen says
# before the start, help listing every command, the plain picker,
# --plain=breath before the command, and at most 20 lines a minute
# through a hold routine.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

[ -x "$UNKNOT" ] || skip_all "no binary at $UNKNOT"
L="$T/lib"
mkdir -p "$L"
export UNKNOT_PATH="$L"
cat > "$L/p.yaml" <<'EOF'
unknot: 1
id: p
title: Speech test
summary: A routine to hear.
author: A. Therapist, LMT
assigned_to: Sam
notes: Go gently this week.
tools: [tennis ball, wall]
safety: [Press gently.]
discomfort: {target: [3, 6], ease_off_at: 7}
patterns:
  - {name: known, inhale: 4, exhale: 6}
steps:
  - breathe: {title: Settle, pattern: known, cycles: 1}
  - hold: {title: Trap, point: Top of the shoulder., referral: To the temple.,
      text: Lean in., seconds: 20, sides: [left, right]}
  - note: {title: Done, text: Well done., seconds: 5}
EOF

# 5. Lines a person would say, no times.
printf '' | UNKNOT_TIME_SCALE=20 "$UNKNOT" run --plain --no-sound p > "$T/o1"
check "a step as a person would say it" \
    grep -qx "Step 2 of 3, hold: Trap, left side" "$T/o1"
check "the point and where it refers" sh -c \
    'grep -qx "Point: Top of the shoulder." "$1" &&
     grep -qx "Refers to: To the temple." "$1"' - "$T/o1"
check "the other side, briefly" grep -qx "Now the right side: Trap." "$T/o1"
check "no times and no event names" sh -c \
    '! grep -Eq "^\[|^[a-z_]+: " "$1"' - "$T/o1"
check "no breath lines without breath" sh -c '! grep -q "^Breathe" "$1"' - \
    "$T/o1"
check "the end, in words" grep -qx "Session completed." "$T/o1"
printf '' | UNKNOT_TIME_SCALE=20 "$UNKNOT" run --plain=breath --no-sound p \
    > "$T/o2"
check "breath lines in words (4 s in, 6 s out)" sh -c \
    'grep -qx "Breathe in for 4 seconds." "$1" &&
     grep -qx "Breathe out for 6 seconds." "$1"' - "$T/o2"
printf '' | UNKNOT_TIME_SCALE=20 "$UNKNOT" run --plain=timestamps --no-sound \
    p > "$T/o3"
check "--plain=timestamps: the session time first" \
    grep -qx "\[00:10\] Step 2 of 3, hold: Trap, left side" "$T/o3"
printf '' | UNKNOT_TIME_SCALE=20 "$UNKNOT" run --plain=events --no-sound p \
    > "$T/o4"
check "--plain=events: the machine-readable lines" \
    grep -qx "\[00:10\] step_start: step 2 of 3, hold: Trap, left side" "$T/o4"
"$UNKNOT" run --plain=loud p </dev/null >/dev/null 2>"$T/e5"
is "$?" 2 "--plain=loud: usage error"
check "... naming the modes" grep -q "events, breath, timestamps or voice" "$T/e5"

# 6. What the curses screen says: summary, By, For, notes, tools, the
# coaching rules with this routine's ease-off point; and help.
for want in "A routine to hear." "By: A. Therapist, LMT" "For: Sam" \
    "Therapist's notes: Go gently this week." "You need: tennis ball, wall" \
    "Safety: Press gently." \
    "Remember: Rate the discomfort from 0 to 10 when asked; at 7 or more, ease off." \
    'Remember: If it becomes too much, ease off at once: this is not "no pain, no gain".'; do
	check "before the start: $want" grep -qxF -- "$want" "$T/o1"
done
printf 'help\n?\nq\n' | "$UNKNOT" run --plain --no-sound p > "$T/o6" 2>&1
n=$(grep -c "^commands: " "$T/o6")
is "$n" 2 "help and ? list the commands"
for cmd in louder softer mute resume pause extend bracing release skip prev \
    quit; do
	check "help names $cmd" sh -c 'grep "^commands: " "$1" | head -1 |
	    grep -qw -- "$2"' - "$T/o6" "$cmd"
done
check "help is not 'not understood'" sh -c \
    '! grep -q "not understood" "$1"' - "$T/o6"

# 7. The plain picker: numbers, ids, a wrong number, q; titles sort the
# list (Alpha, id zz, before Beta, id aa).
mkdir -p "$T/two"
for r in "zz Alpha" "aa Beta"; do
	set -- $r
	printf 'unknot: 1\nid: %s\ntitle: %s\nsteps:\n  - note: {text: Hi., seconds: 1}\n' \
	    "$1" "$2" > "$T/two/$1.yaml"
done
printf '2\n3\n' | UNKNOT_PATH="$T/two" "$UNKNOT" --plain --no-sound > "$T/o7"
check "the picker numbers the routines" sh -c \
    'grep -qx "1. Alpha (zz), about 1 minute" "$1" &&
     grep -qx "2. Beta (aa), about 1 minute" "$1"' - "$T/o7"
check "2 runs the second" grep -q "^Beta (aa), " "$T/o7"
check "the line after the choice goes to the session" grep -qx "Noted: 3." "$T/o7"
printf '7\nzz\n' | UNKNOT_PATH="$T/two" "$UNKNOT" --plain --no-sound > "$T/o8"
check "a number out of range is said" \
    grep -q "^No routine '7': type a number from 1 to 2 or an id." "$T/o8"
check "an id runs that routine" grep -q "^Alpha (zz), " "$T/o8"
printf 'q\n' | UNKNOT_PATH="$T/two" "$UNKNOT" --plain --no-sound > /dev/null
is "$?" 0 "q leaves the picker with 0"
UNKNOT_PATH="$T/two" "$UNKNOT" --plain --no-sound < /dev/null > /dev/null 2>&1
is "$?" 1 "nothing chosen: 1"
printf '' | UNKNOT_TIME_SCALE=20 "$UNKNOT" --plain=breath --no-sound run p \
    > "$T/o9"
check "--plain=breath before the command works as after it" \
    cmp -s "$T/o2" "$T/o9"

# 8. At most 20 lines a minute of session time through a hold routine,
# from the first step to the aftercare (the opening is read at leisure).
UNKNOT_PATH="$top_srcdir/routines" UNKNOT_TIME_SCALE=20 \
    "$UNKNOT" run --plain=timestamps --no-sound upper-trapezius \
    </dev/null > "$T/o10"
check "the whole session ran" grep -q "^\[..:..\] Step 8 of 8" "$T/o10"
max=$(awk '/^\[..:..\] Step 1 of/ { on = 1 }
    /^\[..:..\] Aftercare: / { on = 0 }
    on { n[substr($1, 2, 2)]++ }
    END { m = 0; for (k in n) if (n[k] > m) m = n[k]; print m }' "$T/o10")
check "at most 20 lines in any minute ($max)" test "$max" -gt 0 -a "$max" -le 20
done_testing
