#!/bin/sh
# plain.sh: whole sessions in plain mode, driven through stdin like a
# person would answer: ratings, ease-off advice, release, skip, pause,
# quit, signals, and stdin closing early; when plain mode is chosen without
# --plain; the switch of sides and the breathing phases.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
PY=${PYTHON3:-python3}
"$PY" -c 'import re' 2>/dev/null || skip_all "python3 is needed to drive sessions"
export UNKNOT_PATH="$T/r" UNKNOT_TIME_SCALE=20 ALSA_CONFIG_PATH="$T/asound-none.conf"
mkdir -p "$T/r"
cat > "$T/r/p.yaml" <<'EOY'
unknot: 1
id: p
title: Plain test
safety: ["Stop on numbness or tingling."]
discomfort: {target: [3, 6], ease_off_at: 8}
steps:
  - warmup: {title: Warm, text: Broad strokes., seconds: 10}
  - hold: {title: Trap, point: Top of the shoulder., referral: To the temple., setup: 0,
           seconds: 30, sides: [left, right], rate_every: 10}
  - release: {text: Soft strokes., seconds: 10}
aftercare: ["Shoulder rolls tonight."]
EOY
cat > "$T/r/b.yaml" <<'EOY'
unknot: 1
id: b
title: Breath test
patterns:
  - {name: t, inhale: 3, hold_in: 1, exhale: 4}
steps:
  - breathe: {title: Paced, pattern: t, cycles: 2}
EOY

# drive [--tty=in|all] SCRIPT ARGS...: unknot run --no-sound ARGS, answered
# by the rules in SCRIPT (see drive.py).
drive() {
	case $1 in
	--tty=*) tty=$1; shift ;;
	*) tty= ;;
	esac
	script=$1
	shift
	"$PY" "$top_srcdir/tests/drive.py" $tty "$script" -- \
	    "$UNKNOT" run --no-sound "$@"
}

# before FILE A B: FILE has a line matching A before the first matching B.
before() {
	a=$(grep -n -m1 -- "$2" "$1" | cut -d: -f1)
	b=$(grep -n -m1 -- "$3" "$1" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

# 1. A whole session: pre rating, a 9 that brings ease-off advice, release
# on the right side, a closing rating.
cat > "$T/s1" <<'EOS'
prompt: How much does it hurt now => 6
pre_pain: 6 => next
step_start: step 2 of 3, hold: Trap, left => 9
advice: => 5
step_start: step 2 of 3, hold: Trap, right => release
prompt: How do you feel now => 2
post_pain: 2 => next
EOS
drive "$T/s1" --plain p > "$T/o1"
check "completes with exit 0" grep -qx "exit: 0" "$T/o1"
check "finishes as completed" grep -q "finish: completed" "$T/o1"
check "records the pre rating" grep -q "pre_pain: 6" "$T/o1"
check "a 9 brings ease-off advice" sh -c 'grep -A3 "rating: 9" "$1" | grep -qi "advice: .*ease"' - "$T/o1"
check "then a 5 is in range" grep -q "rating: 5" "$T/o1"
check "release ends the right side early" grep -q "release: released after" "$T/o1"
check "safety notes come first" sh -c 'head -3 "$1" | grep -q "safety: Stop on numbness"' - "$T/o1"
check "the standard aftercare: water" grep -q "aftercare: Drink some water" "$T/o1"
check "the standard aftercare: 24 to 48 hours" grep -q "aftercare: .*24 to 48 hours" "$T/o1"
check "the standard aftercare: no intense exercise" grep -q "aftercare: Avoid intense exercise" "$T/o1"
check "the routine's own aftercare" grep -q "aftercare: Shoulder rolls tonight." "$T/o1"
check "never says toxins" sh -c '! grep -qi toxin "$1"' - "$T/o1"
check "the point and its referral are told" sh -c 'grep -q "point: Top of the shoulder." "$1" && grep -q "referral: To the temple." "$1"' - "$T/o1"
check "prompts come during holds" grep -q "prompt: How intense is it" "$T/o1"
left=$(grep -c "step_end: step 2, left side after 30.0 s" "$T/o1")
is "$left" 1 "the left side runs its full 30 s"
db="$XDG_DATA_HOME/unknot/history.db"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "select count(*) from events where kind='rating'" 2>/dev/null)
	is "$n" 2 "both ratings are in the history"
fi

# 2. Quit mid-hold: stopped early, exit 0.
cat > "$T/s2" <<'EOS'
prompt: How much => next
step_start: step 2 => quit
EOS
drive "$T/s2" --plain p > "$T/o2"
check "quit exits 0" grep -qx "exit: 0" "$T/o2"
check "quit finishes as stopped" grep -q "finish: stopped" "$T/o2"
check "the step in progress is ended first" before "$T/o2" "step_end: step 2, left side after .*: not_reached" "finish: stopped"
check "the sides and steps after it: not reached" sh -c 'grep -q "status: step 2, right side: not_reached" "$1" && grep -q "status: step 3: not_reached" "$1"' - "$T/o2"

# 3. SIGTERM mid-hold: interrupted, exit 128+15.
cat > "$T/s3" <<'EOS'
prompt: How much => next
step_start: step 2 => <signal>SIGTERM
EOS
drive "$T/s3" --plain p > "$T/o3"
check "SIGTERM exits 143" grep -qx "exit: 143" "$T/o3"
check "SIGTERM finishes as interrupted" grep -q "finish: interrupted" "$T/o3"

# 4. Bracing: ease off, and after two ease-offs still high: offer to skip.
cat > "$T/s4" <<'EOS'
prompt: How much => next
step_start: step 2 of 3, hold: Trap, left => bracing
advice: => 9
advice: => 9
advice: => skip
EOS
drive "$T/s4" --plain p > "$T/o4"
check "bracing is recorded" grep -q "bracing: " "$T/o4"
check "after two ease-offs, a skip is offered" grep -qi "advice: .*skip" "$T/o4"
check "skip moves on" grep -q "skip: step 2" "$T/o4"

# 5. stdin closed at once: the session runs by itself to the end.
printf '' | "$UNKNOT" run --plain --no-sound p > "$T/o5"
is "$?" 0 "with no input at all it still completes"
check "... as completed" grep -q "finish: completed" "$T/o5"

# 6. Nonsense input is refused politely and the session goes on.
printf 'next\nbanana\n' | "$UNKNOT" run --plain --no-sound p > "$T/o6"
check "unknown input gets a notice" grep -q "notice: input not understood" "$T/o6"
check "... and the session goes on" grep -q "finish: completed" "$T/o6"

# 7. A prescribed routine says when the next session is due.
sed 's/^title: Plain test$/title: Plain test\nfrequency: {per_week: 3, weeks: 2}/' "$T/r/p.yaml" > "$T/r/q.yaml"
sed -i 's/^id: p$/id: q/' "$T/r/q.yaml"
printf '' | "$UNKNOT" run --plain --no-sound q > "$T/o7"
check "a rehearsal (time scaled) announces no session after it" sh -c '! grep -q "Next session" "$1"' - "$T/o7"
cat > "$T/r/q1.yaml" <<'EOY'
unknot: 1
id: q1
title: Short
frequency: {per_week: 3, weeks: 2}
steps:
  - warmup: {text: Breathe., seconds: 2}
EOY
printf 'next\n' | UNKNOT_TIME_SCALE=1 "$UNKNOT" run --plain --no-sound q1 > "$T/o7b"
check "the next session is announced" grep -q "notice: Next session: .*3 per week, session 2 of 6" "$T/o7b"
check "a routine without frequency announces none" sh -c '! grep -q "Next session" "$1"' - "$T/o5"

# 8. More lines in one read than plain mode queues at once: none is lost.
yes 3 | head -n 100 > "$T/in8"
"$UNKNOT" run --plain --no-sound p < "$T/in8" > "$T/o8"
is "$(grep -c '\] pre_pain: 3$' "$T/o8")" 100 \
    "100 lines read at once: 100 ratings"

# 9. An overlong line is refused once, however long, and what follows it
# is read.
{ head -c 1000 /dev/zero | tr '\0' x; printf '\n4\n'; } > "$T/in9"
"$UNKNOT" run --plain --no-sound p < "$T/in9" > "$T/o9"
is "$(grep -c 'notice: input line too long' "$T/o9")" 1 \
    "a line of 1000 bytes: one notice"
check "... and the next line counts" grep -q '\] pre_pain: 4$' "$T/o9"

# 10. A NUL in a line is not where the line ends: "q<NUL>x" does not quit.
printf '5\nq\000x\n' > "$T/in10"
"$UNKNOT" run --plain --no-sound p < "$T/in10" > "$T/o10"
check "a NUL in a line: not understood" grep -q "notice: input not understood" "$T/o10"
check "... and no quit" grep -q "finish: completed" "$T/o10"

# 11. Plain mode without --plain: when stdout is not a terminal (stdin is
# one), and when TERM is dumb on a terminal. The same rules run a shell
# first, to show what the terminal gives the program.
printf 'routine: => <close>\n' > "$T/s11"
: > "$T/s0"
"$PY" "$top_srcdir/tests/drive.py" --tty=in "$T/s0" -- \
    sh -c 'test -t 0 && ! test -t 1 && echo stdin only' > "$T/o11t"
check "the test's terminal: on stdin, not on stdout" grep -qx "stdin only" "$T/o11t"
TERM=screen drive --tty=in "$T/s11" b > "$T/o11"
check "stdout not a terminal: plain without --plain" \
    grep -q "^\[00:00\] routine: Breath test (b), " "$T/o11"
check "... to the end" grep -q "finish: completed" "$T/o11"
"$PY" "$top_srcdir/tests/drive.py" --tty=all "$T/s0" -- \
    sh -c 'test -t 0 && test -t 1 && test -t 2 && echo all' > "$T/o12t"
check "the test's terminal: on stdin, stdout and stderr" grep -qx all "$T/o12t"
TERM=dumb drive --tty=all "$T/s11" b > "$T/o12"
check "TERM=dumb on a terminal: plain without --plain" \
    grep -q "^\[00:00\] routine: Breath test (b), " "$T/o12"
check "... to the end" grep -q "finish: completed" "$T/o12"

# 12. Sides: the left side, the five-second switch, the right side; here
# after the 10 s warm-up and the 30 s left side.
printf '%s\n' "[00:40] step_end: step 2, left side after 30.0 s: done" \
    "[00:40] switch: switch sides" \
    "[00:45] step_start: step 2 of 3, hold: Trap, right side" > "$T/want12"
grep -A2 "step_end: step 2, left side" "$T/o5" > "$T/got12"
check "switch sides between the left and the right" cmp -s "$T/want12" "$T/got12"

# 13. --plain=breath prints each breathing phase as it starts: 3 s in, 1 s
# held, 4 s out, twice; plain mode without it prints none.
printf '%s\n' "[00:00] breath: inhale for 3.0 s" \
    "[00:03] breath: hold_in for 1.0 s" "[00:04] breath: exhale for 4.0 s" \
    "[00:08] breath: inhale for 3.0 s" "[00:11] breath: hold_in for 1.0 s" \
    "[00:12] breath: exhale for 4.0 s" > "$T/want13"
printf '' | "$UNKNOT" run --plain=breath --no-sound b > "$T/o13"
grep "breath:" "$T/o13" > "$T/got13"
check "--plain=breath: each phase at its boundary" cmp -s "$T/want13" "$T/got13"
printf '' | "$UNKNOT" run --plain --no-sound b > "$T/o13n"
check "--plain: the breathe step runs" grep -q "step_end: step 1 after 16.0 s" "$T/o13n"
check "... and no phase is printed" sh -c '! grep -q "breath:" "$1"' - "$T/o13n"

# 14. pause, then pause again to resume; 10 as a rating. The pause lasts
# longer than the rest of the hold would: the clock stops, so nothing
# happens between pause and resume and the side still lasts 30 s.
cat > "$T/s14" <<'EOS'
prompt: How much does it hurt now => 10
pre_pain: 10 => next
step_start: step 2 of 3, hold: Trap, left => pause
\] pause: step 2 => <sleep>2 ; pause
\] resume: step 2 => 10
check: Any numbness => no
prompt: How do you feel now => 10
post_pain: 10 => next
EOS
drive "$T/s14" --plain p > "$T/o14"
check "pause and resume: completes" grep -q "finish: completed" "$T/o14"
check "10 before the session" grep -q "\] pre_pain: 10$" "$T/o14"
check "10 during a hold" grep -q "\] rating: 10 at " "$T/o14"
check "10 after the session" grep -q "\] post_pain: 10$" "$T/o14"
check "a second pause resumes, next, at the session time it paused" \
    resumed_as_paused "$T/o14" 2
check "the paused side still lasts 30 s" \
    grep -q "step_end: step 2, left side after 30.0 s" "$T/o14"
check "... and goes on after the pause: the 10 is rated in it" \
    before "$T/o14" "rating: 10 at" "step_end: step 2, left side"

# 15. No terminal escape byte ever reaches the output.
check "no ESC byte in any output" sh -c '! cat "$@" | grep -q "$(printf "\033")"' - "$T"/o*
done_testing
