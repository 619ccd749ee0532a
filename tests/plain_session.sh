#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# plain_session.sh: whole sessions in plain mode, driven through stdin
# like a person would answer: ratings, ease-off advice, release, bracing
# and skip, quit, SIGTERM, pause and resume.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/plain_lib.sh"

# A whole session: pre rating, a 9 that brings ease-off advice, release
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
drive "$T/s1" --plain=events p > "$T/o1"
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
check "prompts come during holds" grep -q "prompt: How strong is it now, 0 to 10?" "$T/o1"
left=$(grep -c "step_end: step 2, left side after 30.0 s" "$T/o1")
is "$left" 1 "the left side runs its full 30 s"
db="$XDG_DATA_HOME/unknot/history.db"
if command -v sqlite3 >/dev/null 2>&1; then
	n=$(sqlite3 "$db" "select count(*) from events where kind='rating'" 2>/dev/null)
	is "$n" 2 "both ratings are in the history"
fi

# Quit mid-hold: stopped early, exit 0.
cat > "$T/s2" <<'EOS'
prompt: How much => next
step_start: step 2 => quit
EOS
drive "$T/s2" --plain=events p > "$T/o2"
check "quit exits 0" grep -qx "exit: 0" "$T/o2"
check "quit finishes as stopped" grep -q "finish: stopped" "$T/o2"
check "the step in progress is ended first" before "$T/o2" "step_end: step 2, left side after .*: not_reached" "finish: stopped"
check "the sides and steps after it: not reached" sh -c 'grep -q "status: step 2, right side: not_reached" "$1" && grep -q "status: step 3: not_reached" "$1"' - "$T/o2"

# SIGTERM mid-hold: interrupted, exit 128+15.
cat > "$T/s3" <<'EOS'
prompt: How much => next
step_start: step 2 => <signal>SIGTERM
EOS
drive "$T/s3" --plain=events p > "$T/o3"
check "SIGTERM exits 143" grep -qx "exit: 143" "$T/o3"
check "SIGTERM finishes as interrupted" grep -q "finish: interrupted" "$T/o3"

# Bracing: ease off, and after two ease-offs still high: offer to skip;
# then Enter at the closing question, so that the session ends there
# rather than when drive.py gives up waiting.
cat > "$T/s4" <<'EOS'
prompt: How much => next
step_start: step 2 of 3, hold: Trap, left => bracing
advice: => 9
advice: => 9
advice: => skip
prompt: How do you feel now => next
EOS
drive "$T/s4" --plain=events p > "$T/o4"
check "bracing is recorded" grep -q "bracing: " "$T/o4"
check "after two ease-offs, a skip is offered" grep -qi "advice: .*skip" "$T/o4"
check "skip moves on" grep -q "skip: step 2" "$T/o4"
check "... and the session completes" grep -qx "exit: 0" "$T/o4"

# pause, then pause again to resume; 10 as a rating. The pause lasts
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
drive "$T/s14" --plain=events p > "$T/o14"
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

# No terminal escape byte ever reaches the output.
check "no ESC byte in any output" sh -c '! cat "$@" | grep -q "$(printf "\033")"' - "$T"/o*
done_testing
