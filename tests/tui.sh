#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui.sh: the curses session end to end, in tmux on a private socket: a
# whole routine, the ease-off advice, colours and NO_COLOR, resizes, Ctrl-Z
# and fg (under dash), every way a session can end, and the picker. After
# each, the terminal modes in the pane must be what they were before, and
# the history must hold the session up to its end, every rating typed in
# it included.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
command -v bash >/dev/null 2>&1 || skip_all "bash is not installed"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
infocmp screen >/dev/null 2>&1 || skip_all "no terminfo entry for screen"
[ -x "$UNKNOT" ] || skip_all "no binary at $UNKNOT"

SOCK=unknot-test-$$
export LC_ALL=C.UTF-8 TZ=UTC
unset TMUX
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT

# tm ARGS: tmux on the private socket, without any configuration.
tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

mkdir -p "$T/routines"
export UNKNOT_PATH="$T/routines"
cat > "$T/routines/tui-test.yaml" <<'EOF'
unknot: 1
id: tui-test
title: Screen test routine
summary: A routine for the screen tests.
safety: [Press gently.]
steps:
  - hold:
      title: Test point
      point: On the top of the shoulder.
      text: Lean in slowly and breathe.
      seconds: 60
      setup: 0
      sides: [left, right]
      rate_every: 10
  - breathe: {title: Settle, pattern: slow, cycles: 1}
aftercare: [Rest a while.]
EOF

# The pane's shell notes, at every prompt, the status of the last command
# and the modes of the terminal. unknot runs as the shell's own job, as a
# person would run it, so that job control works as it does for them.
cat > "$T/prompt.sh" <<EOF
s=\$?
stty -a > "$T/stty.prompt"
echo "\$s" > "$T/status.tmp" && mv "$T/status.tmp" "$T/status"
EOF

# screen: the pane's text now.
screen() {
	tm capture-pane -p -t t
}

# wait_until CMD...: poll until CMD succeeds, for at most 20 seconds.
wait_until() {
	i=0
	while [ $i -lt 200 ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# on_screen TEXT: the pane shows TEXT.
on_screen() {
	screen | grep -F -q -- "$1"
}

# not_on_screen TEXT: the pane does not show TEXT.
not_on_screen() {
	! on_screen "$1"
}

# show_screen: the pane as diagnostics.
show_screen() {
	screen | while IFS= read -r l; do diag "| $l"; done
}

# wait_screen TEXT: wait until the pane shows TEXT; show the pane if not.
wait_screen() {
	if wait_until on_screen "$1"; then
		return 0
	fi
	diag "waited for \"$1\"; the pane shows:"
	show_screen
	return 1
}

# found_pid: unknot runs as the shell's child; its pid is in $pid.
found_pid() {
	pid=$(ps -o pid= --ppid "$shell" | tr -d ' ' | sed -n 1p)
	[ -n "$pid" ]
}

# stopped: unknot is stopped.
stopped() {
	case $(ps -o stat= -p "$pid" 2>/dev/null) in
	T*) return 0 ;;
	esac
	return 1
}

# pid_gone: unknot's process is no more.
pid_gone() {
	! kill -0 "$pid" 2>/dev/null
}

# exited: unknot has finished and the shell has shown its prompt again.
exited() {
	[ -s "$T/status" ] && pid_gone
}

# new_pane [dash]: a fresh server with an interactive shell, bash or dash,
# in an 80x24 pane whose terminal is $ptty.
new_pane() {
	tm kill-server 2>/dev/null
	rm -f "$T/status"
	if [ "$1" = dash ]; then
		sh="PS1='\$(. $T/prompt.sh)\$ ' dash -i"
	else
		sh="PS1='$ ' PROMPT_COMMAND='. $T/prompt.sh' \
		    bash --norc --noprofile -i"
	fi
	tm new-session -d -s t -x 80 -y 24 "env TERM=screen $sh" &&
	    wait_until test -s "$T/status" &&
	    shell=$(tm display -p -t t '#{pane_pid}') &&
	    ptty=$(tm display -p -t t '#{pane_tty}')
}

# modes FILE: the modes of the pane's terminal, read from outside its shell.
modes() {
	stty -a -F "$ptty" > "$1"
}

# curses_modes: the pane's terminal takes keys one at a time, without echo.
curses_modes() {
	modes "$T/modes.now" &&
	    tr ' ;' '\n\n' < "$T/modes.now" | grep -q -x -- -icanon &&
	    tr ' ;' '\n\n' < "$T/modes.now" | grep -q -x -- -echo
}

# run_in_pane COMMAND: clear the pane and run COMMAND from its shell, with
# the modes of the terminal just before it in stty.before.
run_in_pane() {
	rm -f "$T/status"
	tm send-keys -t t "clear" Enter
	wait_until test -s "$T/status"
	cp "$T/stty.prompt" "$T/stty.before"
	rm -f "$T/status"
	pid=
	tm send-keys -t t "$1" Enter
}

# begin SCALE ROUTINE [ENV]: run a session with ENV (NAME=VALUE...) in its
# environment; true once it asks for the rating before the first step.
begin() {
	run_in_pane "$3 UNKNOT_TIME_SCALE=$1 $UNKNOT run --no-sound $2"
	wait_screen "How much does it hurt now?" && wait_until found_pid
}

# first_step: rate 3 before the first step; true once it is on the screen.
first_step() {
	tm send-keys -t t 3
	tm send-keys -t t Enter
	wait_screen "Test point"
}

# start SCALE ROUTINE [ENV]: begin a session and get past the safety screen;
# true once the first step is on the screen.
start() {
	begin "$@" && first_step
}

# same_file NAME WANT GOT: one check that file GOT is file WANT, with the
# difference on failure.
same_file() {
	if cmp -s "$2" "$3"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diff "$2" "$3" | while IFS= read -r l; do diag "$l"; done
	fi
}

# finish NAME STATUS: the session ended with STATUS and left the terminal
# as it found it.
finish() {
	if wait_until exited; then
		is "$(cat "$T/status")" "$2" "$1: exit status"
	else
		ok 1 "$1: exit status"
		show_screen
	fi
	same_file "$1: stty -a as before" "$T/stty.before" "$T/stty.prompt"
}

# quit: q, then y.
quit() {
	tm send-keys -t t q
	wait_screen "Stop the session now?" && tm send-keys -t t y
}

# newest: the newest session in the history, read with sqlite3: its outcome
# and signal, then a line per event in order: kind, step, side and, for a
# rating, its value.
newest() {
	sqlite3 -readonly "$XDG_DATA_HOME/unknot/history.db" \
	    "SELECT outcome, signal FROM sessions ORDER BY id DESC LIMIT 1;" \
	    "SELECT kind, step, side, CASE WHEN kind IN ('pre_pain', 'rating',
	    'post_pain') THEN value ELSE '' END FROM events WHERE session_id =
	    (SELECT max(id) FROM sessions) ORDER BY seq;"
}

# history_is NAME LINE...: the newest session is these lines (see newest).
history_is() {
	name=$1
	shift
	printf '%s\n' "$@" > "$T/history.want"
	newest > "$T/history.got" 2>&1
	same_file "$name" "$T/history.want" "$T/history.got"
}

# held NAME OUTCOME SIGNAL EVENT...: the newest session ended with OUTCOME
# after SIGNAL (0 for none) during the left side of the hold, and the
# history holds all of it: the 3 that start typed, the hold begun, each
# EVENT, then the hold and the session ended.
held() {
	name=$1
	shift
	want="$1|$2"
	shift 2
	history_is "$name" "$want" "pre_pain|-1||3" "step_start|0|left|" \
	    "$@" "step_end|0|left|" "status|0|right|" "status|1||" \
	    "finish|0|left|"
}

# rate N: type the rating N in a hold; true once it is shown, and so saved.
rate() {
	tm send-keys -t t "$1"
	wait_screen "last $1"
}

# on_screen_n TEXT: how many times the pane shows TEXT.
on_screen_n() {
	screen | grep -o -F -- "$1" | wc -l
}

# layout COLS ROWS: the step screen is laid out for this size: the header
# ends at the right margin, the routine's progress bar spans the width, key
# help on the last line but one, each of them once (nothing left of an
# earlier size), large digits only where they fit.
layout() {
	s=$(screen)
	rows=$(printf '%s\n' "$s" | wc -l)
	head=$(printf '%s\n' "$s" | sed -n 1p)
	keys=$(printf '%s\n' "$s" | sed -n "$(($2 - 1))p")
	bar=$(printf '%s\n' "$s" | grep '^ Routine  ')
	[ "$rows" -le "$2" ] || return 1
	case "$head" in *"Step 1 of 2") ;; *) return 1 ;; esac
	[ "${#head}" -eq $(($1 - 1)) ] || return 1
	[ "$(printf '%s' "$bar" | wc -m)" -eq $(($1 - 1)) ] || return 1
	case "$keys" in *"q quit"*) ;; *) return 1 ;; esac
	[ "$(on_screen_n "Step 1 of 2")" -eq 1 ] || return 1
	[ "$(on_screen_n "q quit")" -eq 1 ] || return 1
	case "$s" in *"Window too small"*) return 1 ;; esac
	case "$s" in *"Test point"*) ;; *) return 1 ;; esac
	if [ "$2" -ge 20 ]; then
		case "$s" in *"█  █"*) ;; *) return 1 ;; esac
	else
		case "$s" in *"█  █"*) return 1 ;; esac
	fi
	return 0
}

# resized COLS ROWS NAME: resize the window and check the layout.
resized() {
	tm resize-window -t t -x "$1" -y "$2"
	if wait_until layout "$1" "$2"; then
		ok 0 "$3"
	else
		ok 1 "$3"
		show_screen
	fi
}

# grab NAME: add the pane, with its attributes as SGR sequences, to
# $T/NAME.sgr.
grab() {
	tm capture-pane -e -p -t t >> "$T/$1.sgr"
}

# screens NAME [ENV]: run a session with ENV and grab each screen that has a
# colour on it into NAME: the rating before, the hold with its bars and
# advice, the pause, the ease-off warning and the quit question.
screens() {
	rm -f "$T/$1.sgr"
	begin 1 tui-test "$2" && grab "$1" && first_step && grab "$1" ||
	    return 1
	tm send-keys -t t Space
	wait_screen "Paused" && grab "$1" || return 1
	tm send-keys -t t Space
	tm send-keys -t t 9
	wait_screen "Ease off" && grab "$1" || return 1
	tm send-keys -t t q
	wait_screen "Stop the session now?" && grab "$1" || return 1
	tm send-keys -t t y
	wait_until exited
}

# sgr FILE: the parameters of the SGR sequences in FILE, one a line.
sgr() {
	grep -a -o "$(printf '\033')\[[0-9;:]*m" "$1" | tr -d '\033[m' |
	    tr ';:' '\n\n'
}

# coloured FILE: an SGR sequence in FILE sets a colour: 30-38, 40-48, 90-97
# or 100-107 (38 and 48 begin the 256-colour and RGB forms; 39 and 49, the
# terminal's own colours, are none).
coloured() {
	sgr "$1" | grep -q -E -x '3[0-8]|4[0-8]|9[0-7]|10[0-7]'
}

# monochrome FILE: no SGR sequence in FILE sets a colour.
monochrome() {
	! coloured "$1"
}

# calm_advice FILE: the ease-off advice in FILE is not in reverse video.
calm_advice() {
	grep -a "Ease off the pressure" "$1" > "$T/warn.sgr" &&
	    ! sgr "$T/warn.sgr" | grep -q -x 7
}

# winch_burst: 1,000 SIGWINCH to unknot; before each 50 of them the window
# takes the next of twenty sizes between 40x12 and 120x40, the last 100x30.
winch_burst() {
	for size in 120x40 40x12 97x17 63x38 111x25 44x31 86x13 72x40 120x12 \
	    40x40 101x22 55x19 90x36 48x27 117x15 66x33 79x12 108x39 51x24 \
	    100x30; do
		tm resize-window -t t -x "${size%x*}" -y "${size#*x}"
		i=0
		while [ $i -lt 50 ]; do
			kill -WINCH "$pid" 2>/dev/null
			i=$((i + 1))
		done
	done
}

new_pane || skip_all "tmux cannot start a pane here"

# A whole routine, quickly, to the aftercare and out.
if start 40 tui-test; then
	wait_screen "How does it feel now?"
	ok $? "whole routine: aftercare shown"
	on_screen "Drink some water"
	ok $? "whole routine: water in the aftercare"
	on_screen "Rest a while."
	ok $? "whole routine: the routine's own aftercare"
	tm send-keys -t t 2
	tm send-keys -t t Enter
	finish "whole routine" 0
	history_is "whole routine: in the history, each side and step" \
	    "completed|0" "pre_pain|-1||3" \
	    "step_start|0|left|" "step_end|0|left|" \
	    "step_start|0|right|" "step_end|0|right|" \
	    "step_start|1||" "step_end|1||" "post_pain|-1||2" "finish|-1||"
else
	ok 1 "whole routine: started"
fi

# A rating of 9 brings the ease-off advice.
if start 1 tui-test; then
	tm send-keys -t t 9
	wait_screen "Ease off"
	ok $? "rating 9: ease-off advice"
	quit
	finish "quit with q, y" 0
	# The quit question stopped the timer (a pause) before the yes.
	held "quit: stopped, with the rating 9 and the ease-off" stopped 0 \
	    "rating|0|left|9" "ease_off|0|left|" "pause|0|left|"
else
	ok 1 "rating 9: started"
fi

# Colours, unless NO_COLOR is set: then bold, underline and reverse video
# only, the ease-off warning in reverse.
if screens colour; then
	check "colour: colours on the screen" coloured "$T/colour.sgr"
else
	ok 1 "colour: every screen shown"
	show_screen
fi
if screens mono NO_COLOR=1; then
	check "NO_COLOR: no colour on any screen" monochrome "$T/mono.sgr"
	check "NO_COLOR: the ease-off advice drawn calmly, not in reverse" \
	    calm_advice "$T/mono.sgr"
else
	ok 1 "NO_COLOR: every screen shown"
	show_screen
fi

# Resizes in the middle of a hold, each laid out again.
if start 1 tui-test; then
	check "80x24: layout" layout 80 24
	resized 40 12 "40x12: laid out again"
	resized 100 30 "100x30: laid out again"
	tm resize-window -t t -x 30 -y 10
	wait_screen "Window too small"
	ok $? "30x10: too small"
	resized 80 24 "80x24: laid out again"
	quit
	finish "resize" 0
else
	ok 1 "resize: started"
fi

# A burst of resize signals in the middle of a hold, while the window
# changes size under it: the last layout is for the last size.
if start 1 tui-test; then
	winch_burst
	check "1000 SIGWINCH: still running" kill -0 "$pid"
	check "1000 SIGWINCH: laid out for 100x30" wait_until layout 100 30
	tm send-keys -t t 5
	wait_screen "last 5"
	ok $? "1000 SIGWINCH: still takes keys"
	check "1000 SIGWINCH: still 100x30 after a key" layout 100 30
	resized 80 24 "1000 SIGWINCH: 80x24 again"
	quit
	finish "1000 SIGWINCH" 0
else
	ok 1 "1000 SIGWINCH: started"
fi

# Signals end the session as interrupted, with 128 + the signal.
for sig in TERM INT HUP; do
	if start 1 tui-test && rate 6; then
		kill -$sig "$pid"
		case $sig in
		TERM) n=15 ;;
		INT) n=2 ;;
		HUP) n=1 ;;
		esac
		finish "SIG$sig" $((128 + n))
		held "SIG$sig: interrupted, with the rating 6" interrupted $n \
		    "rating|0|left|6"
	else
		ok 1 "SIG$sig: started"
	fi
done

# Ctrl-C from the keyboard.
if start 1 tui-test && rate 7; then
	tm send-keys -t t C-c
	finish "Ctrl-C" 130
	held "Ctrl-C: interrupted, with the rating 7" interrupted 2 \
	    "rating|0|left|7"
else
	ok 1 "Ctrl-C: started"
fi

# picker_layout COLS ROWS: the picker is laid out for this size: the count
# ends at the right margin, the key help on the last line but one.
picker_layout() {
	s=$(screen)
	head=$(printf '%s\n' "$s" | sed -n 1p)
	keys=$(printf '%s\n' "$s" | sed -n "$(($2 - 1))p")
	[ "$(printf '%s\n' "$s" | wc -l)" -le "$2" ] || return 1
	case "$head" in " Choose a routine"*"1 of 1") ;; *) return 1 ;; esac
	[ "${#head}" -eq $(($1 - 1)) ] || return 1
	case "$keys" in *"Enter start"*"Esc quit") ;; *) return 1 ;; esac
	case "$s" in *"Window too small"*) return 1 ;; esac
	return 0
}

# The picker: letters that were commands once (h, j, k, q, space) are typed
# into the filter; Tab shows the history and goes back; Ctrl-C leaves with
# 128 + SIGINT and the terminal as it was.
run_in_pane "$UNKNOT"
if wait_screen "Choose a routine"; then
	check "picker 80x24: laid out" wait_until picker_layout 80 24
	tm send-keys -t t -l "hjkq "
	check "picker: h, j, k, q and space go to the filter" \
	    wait_screen "Filter: hjkq _"
	check "picker: ... and filter the list" on_screen "No routine matches"
	tm send-keys -t t C-u Tab
	check "picker: Tab shows the history" \
	    wait_screen "History: Screen test routine"
	tm send-keys -t t Tab
	check "picker: Tab goes back" wait_until picker_layout 80 24
	tm resize-window -t t -x 40 -y 12
	check "picker 40x12: laid out" wait_until picker_layout 40 12
	tm resize-window -t t -x 80 -y 24
	check "picker 80x24: laid out again" wait_until picker_layout 80 24
	tm send-keys -t t C-c
	finish "picker: Ctrl-C" 130
else
	ok 1 "picker: shown"
fi

# A routine with escape sequences and a bidi override in its text: the
# loader refuses it, and none of its bytes reach the terminal raw.
printf 'unknot: 1\nid: evil\ntitle: "Evil \\e]0;pwned\\a title \\u202e"\nsteps:\n  - note: {text: "\\e[2J\\e[31mred"}\n' \
    > "$T/evil.yaml"
rm -f "$T/raw"
tm pipe-pane -t t -o "cat >> $T/raw"
run_in_pane "$UNKNOT run --no-sound $T/evil.yaml"
if wait_until test -s "$T/status"; then
	is "$(cat "$T/status")" 2 "escapes in a routine: refused"
else
	ok 1 "escapes in a routine: refused"
fi
tm pipe-pane -t t
if [ -s "$T/raw" ] && ! grep -q "$(printf '\033]0;pwned')" "$T/raw" &&
    ! grep -q "$(printf '\033\\[31mred')" "$T/raw" &&
    ! grep -q "$(printf '\342\200\256')" "$T/raw"; then
	ok 0 "escapes in a routine: no raw escape on the screen"
else
	ok 1 "escapes in a routine: no raw escape on the screen"
fi

# Closing the terminal: the pane goes away under a running session.
if start 1 tui-test && rate 5; then
	tm kill-server
	check "terminal closed: unknot ends" wait_until pid_gone
	held "terminal closed: interrupted, with the rating 5" interrupted 1 \
	    "rating|0|left|5"
else
	ok 1 "terminal closed: started"
fi

# Ctrl-Z gives the terminal back with the modes it had before the session;
# fg takes it again and redraws. This runs under dash: bash puts its own
# modes back as soon as a job stops, which would hide the ones unknot left,
# while dash leaves the terminal as the job left it. The modes are read
# from outside the shell, before the session and while it is stopped.
if ! command -v dash >/dev/null 2>&1; then
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - Ctrl-Z # SKIP dash is not installed"
elif new_pane dash && modes "$T/modes.before" && start 1 tui-test &&
    rate 4; then
	tm send-keys -t t C-z
	check "Ctrl-Z: stopped" wait_until stopped
	wait_until test -s "$T/status"
	modes "$T/modes.stopped"
	same_file "Ctrl-Z: the modes of before the session while stopped" \
	    "$T/modes.before" "$T/modes.stopped"
	check "Ctrl-Z: the shell has the screen" not_on_screen "Test point"
	rm -f "$T/status"
	tm send-keys -t t "fg" Enter
	check "fg: redrawn" wait_until layout 80 24
	check "fg: keys one at a time, no echo" curses_modes
	quit
	finish "Ctrl-Z and fg" 0
	held "Ctrl-Z and fg: stopped, with the rating 4 and the pause" \
	    stopped 0 "rating|0|left|4" "pause|0|left|" "resume|0|left|" \
	    "pause|0|left|"
else
	ok 1 "Ctrl-Z: started"
fi

done_testing
