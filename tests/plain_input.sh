#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plain_input.sh: what plain mode makes of stdin: closed at once,
# nonsense, more lines than it queues in one read, an overlong line, a NUL
# in a line; and the switch of sides in a session left to run.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/plain_lib.sh"

# stdin closed at once: the session runs by itself to the end.
printf '' | "$UNKNOT" run --plain=events --no-sound p > "$T/o5"
is "$?" 0 "with no input at all it still completes"
check "... as completed" grep -q "finish: completed" "$T/o5"

# Nonsense input is refused politely and the session goes on.
printf 'next\nbanana\n' | "$UNKNOT" run --plain=events --no-sound p > "$T/o6"
check "unknown input gets a notice" grep -q "notice: input not understood" "$T/o6"
check "... and the session goes on" grep -q "finish: completed" "$T/o6"

# More lines in one read than plain mode queues at once: none is lost.
yes 3 | head -n 100 > "$T/in8"
"$UNKNOT" run --plain=events --no-sound p < "$T/in8" > "$T/o8"
is "$(grep -c '\] pre_pain: 3$' "$T/o8")" 100 \
    "100 lines read at once: 100 ratings"

# An overlong line is refused once, however long, and what follows it
# is read.
{ head -c 1000 /dev/zero | tr '\0' x; printf '\n4\n'; } > "$T/in9"
"$UNKNOT" run --plain=events --no-sound p < "$T/in9" > "$T/o9"
is "$(grep -c 'notice: input line too long' "$T/o9")" 1 \
    "a line of 1000 bytes: one notice"
check "... and the next line counts" grep -q '\] pre_pain: 4$' "$T/o9"

# A NUL in a line is not where the line ends: "q<NUL>x" does not quit.
printf '5\nq\000x\n' > "$T/in10"
"$UNKNOT" run --plain=events --no-sound p < "$T/in10" > "$T/o10"
check "a NUL in a line: not understood" grep -q "notice: input not understood" "$T/o10"
check "... and no quit" grep -q "finish: completed" "$T/o10"

# Sides: the left side, the five-second switch, the right side; here
# after the 10 s warm-up and the 30 s left side.
printf '%s\n' "[00:40] step_end: step 2, left side after 30.0 s: done" \
    "[00:40] switch: switch sides" \
    "[00:45] step_start: step 2 of 3, hold: Trap, right side" > "$T/want12"
grep -A2 "step_end: step 2, left side" "$T/o5" > "$T/got12"
check "switch sides between the left and the right" cmp -s "$T/want12" "$T/got12"

# No terminal escape byte ever reaches the output.
check "no ESC byte in any output" sh -c '! cat "$@" | grep -q "$(printf "\033")"' - "$T"/o*
done_testing
