#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plain_timing.sh: plain mode against the clock: the countdown lines at the
# seconds plain.c promises, and Ctrl-Z time left out of the session.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
PY=${PYTHON3:-python3}
"$PY" -c 'import re' 2>/dev/null || skip_all "python3 is needed to drive sessions"
export UNKNOT_PATH="$T/r" ALSA_CONFIG_PATH="$T/asound-none.conf"
mkdir -p "$T/r"

# 1. The countdown: every 10 s and 5 s before the end of each step, never
# at its start. A 12 s warm-up from 0: 10 s left at 2, 5 s left at 7; a
# 25 s hold from 12: 20, 10 and 5 s left at 17, 27 and 32. Each second
# lasts 100 ms here, so a line is only missed if the loop wakes that late.
cat > "$T/r/c.yaml" <<'EOY'
unknot: 1
id: c
title: Countdown test
steps:
  - warmup: {title: Warm, text: Broad strokes., seconds: 12}
  - hold: {title: Trap, point: Top of the shoulder., seconds: 25, setup: 0}
EOY
printf '%s\n' "[00:02] remaining: 10 s" "[00:07] remaining: 5 s" \
    "[00:17] remaining: 20 s" "[00:27] remaining: 10 s" \
    "[00:32] remaining: 5 s" > "$T/want1"
printf '' | UNKNOT_TIME_SCALE=10 "$UNKNOT" run --plain=events --no-sound c > "$T/o1"
check "countdown: completes" grep -q "finish: completed" "$T/o1"
grep "remaining:" "$T/o1" > "$T/got1"
if cmp -s "$T/want1" "$T/got1"; then
	ok 0 "countdown: every 10 s and 5 s before the end"
else
	ok 1 "countdown: every 10 s and 5 s before the end"
	diff "$T/want1" "$T/got1" | while IFS= read -r l; do diag "$l"; done
fi

# 2. Ctrl-Z in the middle of a 5 s hold, at real speed: one second in,
# SIGTSTP; once stopped, two seconds, then SIGCONT. The session pauses
# before it stops and resumes after, so its own clock shows the hold's 5 s
# while the wall clock shows at least 5 + 2.
cat > "$T/r/z.yaml" <<'EOY'
unknot: 1
id: z
title: Stop test
steps:
  - hold: {title: Trap, point: Top of the shoulder., seconds: 5, setup: 0}
EOY
cat > "$T/s2" <<'EOS'
prompt: How much does it hurt now => next
step_start: step 1 of 1 => <sleep>1 ; <signal>SIGTSTP
\] pause: step 1 => <stopped> ; <sleep>2 ; <signal>SIGCONT
prompt: How do you feel now => next
EOS
t0=$(date +%s%N)
UNKNOT_TIME_SCALE=1 "$PY" "$top_srcdir/tests/drive.py" "$T/s2" -- \
    "$UNKNOT" run --plain=events --no-sound z > "$T/o2"
t1=$(date +%s%N)
wall=$(((t1 - t0) / 1000000))
check "Ctrl-Z: completes" grep -q "finish: completed" "$T/o2"
check "Ctrl-Z: the process stopped" grep -qx "stopped: yes" "$T/o2"
check "Ctrl-Z pauses; SIGCONT resumes, next, at the session time it paused" \
    resumed_as_paused "$T/o2" 1
check "Ctrl-Z: the hold lasts its 5 s of session time" \
    grep -qx "\[00:05\] step_end: step 1 after 5.0 s: done" "$T/o2"
check "Ctrl-Z: the session ends at 5 s" \
    grep -qx "\[00:05\] finish: completed" "$T/o2"
if [ "$wall" -ge 7000 ]; then
	ok 0 "Ctrl-Z: the stop was left out: $wall ms of wall time"
else
	ok 1 "Ctrl-Z: the stop was left out: $wall ms of wall time, not 7000"
fi

done_testing
