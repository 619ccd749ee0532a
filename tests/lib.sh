# SPDX-License-Identifier: GPL-3.0-or-later
# lib.sh: a private environment for tests that run the real binary; source it
# after tap.sh. Sets HOME, the XDG directories and UNKNOT_PATH to a
# temporary directory that is removed at exit.
: "${UNKNOT:?UNKNOT must name the binary}"
: "${top_srcdir:?top_srcdir must be set}"
export UNKNOT top_srcdir
T=$(mktemp -d "${TMPDIR:-/tmp}/unknot-test.XXXXXX")
PANE_SOCK=
# lib_cleanup: what the exit trap does; a test that sets its own trap
# calls it there.
lib_cleanup() {
	[ -n "$PANE_SOCK" ] && tmux -S "$PANE_SOCK" kill-server 2>/dev/null
	rm -rf "$T"
}
trap lib_cleanup EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" \
	XDG_STATE_HOME="$T/state" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export UNKNOT_PATH="$top_srcdir/routines"
export TZ=UTC NO_COLOR=
unset NO_COLOR
# An ALSA configuration with no devices, so no test reaches a sound card.
cat > "$T/asound-none.conf" <<'EOC'
pcm.!default { type null }
EOC

# analyse FILE wav|raw TOL LABEL KIND@MS...: the cue onsets in a recording
# checked by tests/onsets.py, its lines reported as TAP checks.
analyse() {
	"$PYTHON3" "$top_srcdir/tests/onsets.py" "$@" > "$T/analysis" 2>&1 ||
		{ ok 1 "analysis of $4 ran"; diag "$(tail -n 3 "$T/analysis")"; return; }
	while IFS= read -r line; do
		case $line in
		PASS\ *) ok 0 "${line#PASS }" ;;
		FAIL\ *) ok 1 "${line#FAIL }" ;;
		INFO\ *) diag "${line#INFO }" ;;
		esac
	done < "$T/analysis"
}

# pass_fail FILE: the "PASS text" and "FAIL text" lines of a checker's
# output as TAP checks; other lines as diagnostics.
pass_fail() {
	while IFS= read -r line; do
		case $line in
		PASS\ *) ok 0 "${line#PASS }" ;;
		FAIL\ *) ok 1 "${line#FAIL }" ;;
		*) diag "$line" ;;
		esac
	done < "$1"
}

# breathe_routine FILE CYCLES: a routine of one breathe step on a pattern
# of 1.5 s in and 2.5 s out; its cues (ms) are the inhale at 0, the exhale
# at 1500, the next inhale at 4000, ..., the end bell at 4000 * CYCLES.
breathe_routine() {
	cat > "$1" <<EOY
unknot: 1
id: breathe-$2
title: Breathe $2
patterns:
  - {name: known, inhale: 1.5, exhale: 2.5}
steps:
  - breathe: {title: Breathe, pattern: known, cycles: $2}
EOY
}

# pane_needed: skip the whole test unless tmux, sqlite3, the screen
# terminfo entry and the binary are there.
pane_needed() {
	command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
	command -v sqlite3 >/dev/null 2>&1 ||
		skip_all "sqlite3 is not installed"
	infocmp screen >/dev/null 2>&1 ||
		skip_all "no terminfo entry for screen"
	[ -x "$UNKNOT" ] || skip_all "no binary at $UNKNOT"
}

# pane_start CMD [COLS ROWS]: run CMD in a pane of a private tmux server
# (ended at exit by lib_cleanup), 80x24 unless COLS and ROWS are given;
# false if tmux or the screen terminfo entry is missing.
pane_start() {
	command -v tmux >/dev/null 2>&1 && infocmp screen >/dev/null 2>&1 ||
		return 1
	PANE_SOCK="$T/pane.sock"
	unset TMUX
	tmux -S "$PANE_SOCK" -f /dev/null new-session -d -s t \
		-x "${2:-80}" -y "${3:-24}" "env TERM=screen LC_ALL=C.UTF-8 $1"
}

# pane KEYS...: send keys to the pane.
pane() {
	tmux -S "$PANE_SOCK" send-keys -t t "$@"
}

# pane_text: what the pane shows.
pane_text() {
	tmux -S "$PANE_SOCK" capture-pane -p -t t
}

# limit SECONDS CMD...: timeout(1), PANE_SLOW times as long where the
# program runs slowed (under memcheck): a guard against a hang, never a
# deadline a slow run can miss.
limit() {
	limit_s=$(($1 * ${PANE_SLOW:-1}))
	shift
	timeout "$limit_s" "$@"
}

# pane_until [-s SECONDS] CMD...: wait up to SECONDS (10 unless given) for
# CMD to succeed; PANE_SLOW times as long where the program runs slowed
# (under memcheck).
pane_until() {
	pane_bound=100
	if [ "$1" = -s ]; then
		pane_bound=$(($2 * 10))
		shift 2
	fi
	pane_bound=$((pane_bound * ${PANE_SLOW:-1}))
	i=0
	until "$@"; do
		i=$((i + 1))
		[ $i -gt "$pane_bound" ] && return 1
		sleep 0.1
	done
}

# pane_resize COLS ROWS: the pane's window at that size.
pane_resize() {
	tmux -S "$PANE_SOCK" resize-window -t t -x "$1" -y "$2"
}

# pane_shows TEXT: a line of the pane has TEXT in it.
pane_shows() {
	pane_text | grep -F -q -- "$1"
}

# pane_wait TEXT: wait up to 10 s for the pane to show TEXT.
pane_wait() {
	pane_until pane_shows "$1"
}

# pane_enter_until TEXT: press Enter (through the safety notes, which it
# pages) until the pane shows TEXT; at most ten times, a second each.
pane_enter_until() {
	pane_k=0
	until pane_shows "$1" || [ $pane_k -ge 10 ]; do
		pane Enter
		pane_until -s 1 pane_shows "$1"
		pane_k=$((pane_k + 1))
	done
}

# pane_finish FILE: press Enter (through the aftercare) until FILE, which
# the pane's script writes when unknot exits, is there; at most 20 s.
pane_finish() {
	i=0
	until [ -s "$1" ] || [ $i -gt 200 ]; do
		pane Enter
		i=$((i + 1))
		sleep 0.1
	done
}

# pane_stop: end the tmux server, and wait (5 s at most) until it no
# longer answers, so that the next pane_start starts a new one.
pane_stop() {
	tmux -S "$PANE_SOCK" kill-server 2>/dev/null
	i=0
	while tmux -S "$PANE_SOCK" list-sessions >/dev/null 2>&1 &&
	    [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}

# resumed_as_paused FILE STEP: in plain-mode output, the next session line
# after "pause: step STEP" is "resume: step STEP" at the same session time
# (the lines drive.py adds do not count).
resumed_as_paused() {
	awk -v s="$2" '
	    t == "" && $2 == "pause:" && $3 == "step" && $4 == s && NF == 4 {
		t = $1
		next
	    }
	    t != "" && /^\[/ { found = $0 == t " resume: step " s; exit }
	    END { exit !found }' "$1"
}

# report_history: the two-week history tests/test_report makes with the
# session engine, in $DB (set here), and its routine in $T/routines,
# first on UNKNOT_PATH; one check.
report_history() {
	DB="$XDG_DATA_HOME/unknot/history.db"
	mkdir -p "$XDG_DATA_HOME/unknot" "$T/routines"
	"$top_builddir/tests/test_report" --make-history "$DB" \
		"$T/routines/test-points.yaml" >/dev/null
	ok $? "history made by the engine"
	export UNKNOT_PATH="$T/routines:$UNKNOT_PATH"
}

# report_history_notes: the client's words put straight into $DB, as a
# history from elsewhere could hold them: soreness check-ins 24 h and 48 h
# after session 1, 30 h after 3 and 24 h after 2, notes of hostile text
# (markup, quotes, commas, an escape sequence, a newline, what Markdown
# reads, a spreadsheet formula) on sessions 1 and 3 and to the routine;
# one check. Needs $PY.
report_history_notes() {
	"$PY" - "$DB" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
end = dict(c.execute("SELECT id, coalesce(ended, started) FROM sessions"))
H = 3600
rows = [
    (1, end[1] + 24 * H, "checkin", 3, ""),
    (1, end[1] + 48 * H, "checkin", 8, ""),
    (3, end[3] + 30 * H, "checkin", 5, ""),
    (2, end[2] + 24 * H, "checkin", 9, ""),
    (1, end[1] + 2 * H, "note", -1, 'Felt it <script>alert("x")</script>,'
        ' "quoted", a comma\x1b[2J\nnext *line* | #1 & more'),
    (3, end[3] + 60, "spread", -1, "Up to the temple, <b>jaw</b> [x]"),
    (None, end[3] + 5 * H, "note", -1, "=1+2 a note to the routine"),
]
c.executemany("INSERT INTO notes (session_id, routine_id, wall, kind, value,"
    " text) VALUES (?, 'test-points', ?, ?, ?, ?)", rows)
c.commit()
EOF
	ok $? "check-ins and notes put in the history"
}
