#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# screens.sh: every screen of the curses front end, dumped whole as text at
# 80x24 and 40x12 and compared with tests/screens/NAME-COLSxROWS.txt: the
# picker, its history, the rating before the session, a step of each kind,
# the switch of sides, the ease-off advice, the help, the quit question and
# the aftercare. A layout that changes fails here with the difference.
#
# The dumps are the same on every run: a private HOME and XDG directories,
# fixed routines, a history whose dates and times are set with sqlite3, TZ
# and UNKNOT_NOW fixed. The session runs at UNKNOT_TIME_SCALE=0.01 and is
# paused as its first step starts (Enter and space arrive together), then
# moved on with s, which keeps it paused: every step is shown at its
# first moment, so no timer digit, bar or breathing marker depends on when
# the screen was read. A screen is taken once it shows its own text and
# two reads 0.2 s apart are the same (nothing half drawn).
#
# UNKNOT_SCREENS=update (`make screens`) writes the dumps instead of
# comparing them; review them with `git diff tests/screens`.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

pane_needed

SCREENS="$top_srcdir/tests/screens"
export LC_ALL=C.UTF-8 TZ=UTC UNKNOT_NOW=1781049600	# 2026-06-10 00:00
mkdir -p "$T/routines"
export UNKNOT_PATH="$T/routines"

# One step of each kind, each with what its screen can show.
cat > "$T/routines/all-kinds.yaml" <<'EOF'
unknot: 1
id: all-kinds
title: Every kind of step
summary: One step of each kind, for the screen tests.
targets: [upper trapezius]
tools: [tennis ball]
safety:
  - Stop if you feel numbness, tingling, or sharp, shooting or burning pain.
discomfort: {target: [3, 6], ease_off_at: 7}
patterns:
  - {name: easy, inhale: 4, hold_in: 1, exhale: 6}
steps:
  - warmup: {title: Warm up, text: Broad strokes over the shoulder., seconds: 45}
  - hold:
      title: Upper trapezius
      point: Halfway between the neck and the shoulder tip.
      text: Lean in slowly and breathe.
      referral: Up the neck to the temple.
      seconds: 30
      sides: [left, right]
      rate_every: 10
  - release: {title: Soft strokes, text: Gentle strokes away from the point., seconds: 20}
  - stretch: {title: Ear to shoulder, text: Tilt the head slowly., seconds: 20, sides: [left]}
  - exercise: {title: Chin tucks, text: Draw the chin back., reps: 5, sets: 2, rep_seconds: 2, rest_seconds: 10}
  - rest: {title: Rest a moment, text: Let the arms hang., seconds: 15}
  - breathe: {title: Slow breaths, text: In through the nose., pattern: easy, cycles: 3}
  - note: {title: Well done, text: That is all for today.}
aftercare:
  - Gentle shoulder rolls this evening.
EOF

# A second routine, with a history of three sessions.
cat > "$T/routines/neck-quick.yaml" <<'EOF'
unknot: 1
id: neck-quick
title: Neck, quickly
summary: One point on each side.
targets: [levator scapulae]
steps:
  - hold:
      title: Levator scapulae
      point: Where the neck meets the shoulder blade.
      seconds: 20
      sides: [left, right]
      setup: 0
EOF

# history: three sessions of neck-quick, typed in plain mode (before,
# a rating on the left, let go), then given fixed days two days apart, and
# fixed times to let go of 12, 15 and 9 s, with sqlite3.
history() {
	for s in "4 6" "5 8" "3 4"; do
		set -- $s
		printf '%s\nnext\n%s\nrelease\n' "$1" "$2" |
		    UNKNOT_TIME_SCALE=100 "$UNKNOT" run --plain --no-sound \
		    neck-quick > "$T/plain.out" 2>&1 || return 1
	done
	sqlite3 "$XDG_DATA_HOME/unknot/history.db" "
	    UPDATE sessions SET rehearsal = 0,
	        started = 1780000000 + id * 172800,
	        ended = 1780000000 + id * 172800 + 60;
	    UPDATE events SET wall = (SELECT started FROM sessions s
	        WHERE s.id = session_id);
	    UPDATE events SET arg = CASE session_id WHEN 1 THEN 12000
	        WHEN 2 THEN 15000 ELSE 9000 END WHERE kind = 'release';"
}

# stable: the pane's text once two reads 0.2 s apart agree (10 s at most).
stable() {
	i=0
	pane_text > "$T/read.1"
	while [ $i -lt 50 ]; do
		sleep 0.2
		pane_text > "$T/read.2"
		if cmp -s "$T/read.1" "$T/read.2"; then
			cat "$T/read.2"
			return 0
		fi
		mv "$T/read.2" "$T/read.1"
		i=$((i + 1))
	done
	return 1
}

# showing TEXT...: the pane shows every TEXT.
showing() {
	pane_text > "$T/now"
	for t in "$@"; do
		grep -F -q -- "$t" "$T/now" || return 1
	done
}

# shot NAME TEXT...: once the pane shows every TEXT and holds still, its
# text is the dump NAME-$SIZE; written instead with UNKNOT_SCREENS=update.
shot() {
	name=$1-$SIZE
	shift
	i=0
	until showing "$@"; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			ok 1 "$name: shown"
			diag "waited for: $*; the pane shows:"
			pane_text | sed 's/^/| /' | while IFS= read -r l; do
				diag "$l"; done
			return 1
		fi
		sleep 0.1
	done
	if ! stable > "$T/got"; then
		ok 1 "$name: holds still"
		return 1
	fi
	if [ "${UNKNOT_SCREENS:-}" = update ]; then
		cp "$T/got" "$SCREENS/$name.txt"
		ok $? "$name: written"
	elif [ ! -f "$SCREENS/$name.txt" ]; then
		ok 1 "$name"
		diag "no tests/screens/$name.txt: run make screens"
	elif cmp -s "$SCREENS/$name.txt" "$T/got"; then
		ok 0 "$name"
	else
		ok 1 "$name"
		diff -u --label "tests/screens/$name.txt" --label "on the screen" \
		    "$SCREENS/$name.txt" "$T/got" | while IFS= read -r l; do
			diag "$l"; done
	fi
}

# session COLS ROWS: a session through every step, a dump of each screen;
# the first screen that does not come ends it.
session() {
	pane_start "UNKNOT_TIME_SCALE=0.01 $UNKNOT run --no-sound all-kinds" \
	    "$1" "$2" || { ok 1 "$SIZE: session started"; return; }
	shot pre "Every kind of step" "0-9" || return
	pane 3
	# Enter pages through the safety notes until all were on screen;
	# the Enter after that starts the session.
	i=0
	while showing "Enter read on" && [ $i -lt 20 ]; do
		pane Enter
		i=$((i + 1))
		sleep 0.3
	done
	pane Enter Space
	shot warmup "PAUSED" "Warm up" || return
	pane s
	shot ready "PAUSED" "Find the point" || return
	pane Enter
	shot hold "PAUSED" "Rate any time" || return
	pane 9
	shot advice "PAUSED" "Ease off" || return
	pane '?'
	shot help "Any key closes" || return
	pane '?'
	pane q
	shot quit "Stop the session now?" || return
	pane n
	pane r
	shot switch "PAUSED" "Switch sides" || return
	pane s
	shot release "PAUSED" "Soft strokes" || return
	pane s
	shot stretch "PAUSED" "Ear to shoulder" || return
	pane s
	shot exercise "PAUSED" "Chin tucks" || return
	pane s
	shot rest "PAUSED" "Rest a moment" || return
	pane s
	shot breathe "PAUSED" "Slow breaths" || return
	pane s
	shot note "PAUSED" "Well done" || return
	pane s
	shot aftercare "Aftercare" "Drink some water" || return
}

# picker COLS ROWS: the picker, and the history of its second routine.
picker() {
	pane_start "$UNKNOT" "$1" "$2" || { ok 1 "$SIZE: picker started"; return; }
	shot picker "Choose a routine" "Neck, quickly" || return
	pane Down Tab
	shot history "History: Neck, quickly" || return
}

check "a history of three sessions" history
for SIZE in 80x24 40x12; do
	session "${SIZE%x*}" "${SIZE#*x}"
	pane_stop
	picker "${SIZE%x*}" "${SIZE#*x}"
	pane_stop
done
done_testing
