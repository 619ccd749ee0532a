#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui_ask.sh: after a session in the TUI, "did you feel it spread?" and
# "Anything to tell your therapist?" are asked inside curses, each on a
# screen of its own with a one-line field, at 80x24 and 40x12: 1 takes the
# routine's referral, Esc and an empty Enter skip, typed text (hostile
# too) is kept as it was typed; the terminal is given back as it was.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
pane_needed

export UNKNOT_PATH="$T/r" ALSA_CONFIG_PATH=/dev/null
unset UNKNOT_TIME_SCALE
mkdir -p "$T/r"
cat > "$T/r/q.yaml" <<'EOY'
unknot: 1
id: q
title: Question test
safety: ["Stop on numbness or tingling."]
discomfort: {target: [3, 6], ease_off_at: 8}
steps:
  - warmup: {title: Warm, text: Broad strokes., seconds: 10}
  - hold: {title: Trap, point: Top of the shoulder., referral: To the temple.,
      seconds: 10, setup: 0}
  - release: {text: Soft strokes., seconds: 10}
aftercare: ["Rest."]
EOY
DB="$XDG_DATA_HOME/unknot/history.db"

# q SQL: one answer of the history.
q() { sqlite3 "$DB" "$1"; }

# shows_all TEXT: the pane, its lines joined, has TEXT.
shows_all() { pane_text | tr -d '\n' | tr -s ' ' | grep -F -q -- "$1"; }

for size in "80 24" "40 12"; do
	# shellcheck disable=SC2086
	set -- $size
	rm -f "$T/status"
	pane_start "sh -c 'stty -a > \"$T/stty.before\"; \"$UNKNOT\" --no-sound run q 2>/dev/null;
	    echo \$? > \"$T/status.tmp\"; stty -a > \"$T/stty.after\";
	    mv \"$T/status.tmp\" \"$T/status\"; sleep 60'" "$1" "$2"
	pane_until -s 10 pane_shows "Question test"
	# Enter pages the safety notes, then starts; s skips the warm-up,
	# the hold and the release run their time.
	pane_enter_until "Warm"
	pane s
	pane_until -s 40 pane_shows "Aftercare"
	ok $? "$1x$2: the session reaches its aftercare"
	pane Enter
	pane_until -s 10 shows_all "Trap: did you feel it spread?"
	ok $? "$1x$2: the spread question"
	check "$1x$2: with the referral to take with 1" shows_all "1 To the temple,"
	check "$1x$2: inside curses, with the keys of its screen" shows_all "Enter done"
	check "$1x$2: the session has not ended" test ! -e "$T/status"
	if [ "$1" = 80 ]; then
		pane 1 Enter
		note='Sore <b>, "x"; a, b'
		want_spread="Trap: To the temple."
	else
		pane Escape
		note='tight \ there'
		want_spread=""
	fi
	pane_until -s 10 shows_all "Anything to tell your therapist?"
	ok $? "$1x$2: then the note, on a screen of its own"
	pane -l "$note"
	pane_until -s 5 shows_all "> $note"
	ok $? "$1x$2: what is typed shows in the field"
	pane Enter
	pane_until -s 10 test -s "$T/status"
	is "$(cat "$T/status" 2>/dev/null)" 0 "$1x$2: exits 0"
	check "$1x$2: the terminal's modes as they were" \
		cmp -s "$T/stty.before" "$T/stty.after"
	sid=$(q "SELECT max(id) FROM sessions")
	is "$(q "SELECT text FROM notes WHERE session_id = $sid AND
	    kind = 'spread'")" "$want_spread" "$1x$2: the spread answer kept"
	is "$(q "SELECT text FROM notes WHERE session_id = $sid AND
	    kind = 'note'")" "$note" "$1x$2: the note kept as typed"
	pane_stop
done

done_testing
