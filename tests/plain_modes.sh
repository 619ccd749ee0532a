#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plain_modes.sh: when plain mode is chosen without --plain, the
# breathing phases of --plain=breath, and the next session a prescribed
# routine announces.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/plain_lib.sh"

# Plain mode without --plain: when stdout is not a terminal (stdin is
# one), and when TERM is dumb on a terminal. The same rules run a shell
# first, to show what the terminal gives the program.
# Without --plain=events the lines are in words.
printf '^Breath test => <close>\n' > "$T/s11"
: > "$T/s0"
"$PY" "$top_srcdir/tests/drive.py" --tty=in "$T/s0" -- \
    sh -c 'test -t 0 && ! test -t 1 && echo stdin only' > "$T/o11t"
check "the test's terminal: on stdin, not on stdout" grep -qx "stdin only" "$T/o11t"
TERM=screen drive --tty=in "$T/s11" b > "$T/o11"
check "stdout not a terminal: plain without --plain, in words" \
    grep -q "^Breath test (b), " "$T/o11"
check "... to the end" grep -qx "Session completed." "$T/o11"
"$PY" "$top_srcdir/tests/drive.py" --tty=all "$T/s0" -- \
    sh -c 'test -t 0 && test -t 1 && test -t 2 && echo all' > "$T/o12t"
check "the test's terminal: on stdin, stdout and stderr" grep -qx all "$T/o12t"
TERM=dumb drive --tty=all "$T/s11" b > "$T/o12"
check "TERM=dumb on a terminal: plain without --plain, in words" \
    grep -q "^Breath test (b), " "$T/o12"
check "... to the end" grep -qx "Session completed." "$T/o12"

# --plain=breath prints each breathing phase as it starts: 3 s in, 1 s
# held, 4 s out, twice; plain mode without it prints none.
printf '%s\n' "[00:00] breath: inhale for 3.0 s" \
    "[00:03] breath: hold_in for 1.0 s" "[00:04] breath: exhale for 4.0 s" \
    "[00:08] breath: inhale for 3.0 s" "[00:11] breath: hold_in for 1.0 s" \
    "[00:12] breath: exhale for 4.0 s" > "$T/want13"
printf '' | "$UNKNOT" run --plain=events,breath --no-sound b > "$T/o13"
grep "breath:" "$T/o13" > "$T/got13"
check "--plain=events,breath: each phase at its boundary" cmp -s "$T/want13" "$T/got13"
printf '' | "$UNKNOT" run --plain=events --no-sound b > "$T/o13n"
check "--plain: the breathe step runs" grep -q "step_end: step 1 after 16.0 s" "$T/o13n"
check "... and no phase is printed" sh -c '! grep -q "breath:" "$1"' - "$T/o13n"

# A prescribed routine says when the next session is due.
sed 's/^title: Plain test$/title: Plain test\nfrequency: {per_week: 3, weeks: 2}/' "$T/r/p.yaml" > "$T/r/q.yaml"
sed -i 's/^id: p$/id: q/' "$T/r/q.yaml"
printf '' | "$UNKNOT" run --plain=events --no-sound q > "$T/o7"
check "a rehearsal (time scaled) announces no session after it" sh -c '! grep -q "Next session" "$1"' - "$T/o7"
cat > "$T/r/q1.yaml" <<'EOY'
unknot: 1
id: q1
title: Short
frequency: {per_week: 3, weeks: 2}
steps:
  - warmup: {text: Breathe., seconds: 2}
EOY
printf 'next\n' | UNKNOT_TIME_SCALE=1 "$UNKNOT" run --plain=events --no-sound q1 > "$T/o7b"
check "the next session is announced" grep -q "notice: Next session: .*3 per week, session 2 of 6" "$T/o7b"
check "a routine without frequency announces none" sh -c '! grep -q "Next session" "$1"' - "$T/o13n"

# No terminal escape byte ever reaches the output.
check "no ESC byte in any output" sh -c '! cat "$@" | grep -q "$(printf "\033")"' - "$T"/o*
done_testing
