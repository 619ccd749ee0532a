#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# audio_alsa.sh: sound never stops a session, and never makes noise on the
# terminal. With no ALSA device, with a device that is not there, or
# without sound: `run --plain` completes, exits 0, says why once, and
# nothing from ALSA or JACK reaches stdout or stderr. Through PortAudio
# into ALSA's file plugin (a device that does not keep time, from a
# private ~/.asoundrc), and with the file backend, a session recorded in
# real time has every cue at its sample.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

# In an ASan build: ALSA's plugin modules leak in their constructors.
export LSAN_OPTIONS="suppressions=$top_srcdir/tests/audio.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

[ -n "$PYTHON3" ] && [ "$PYTHON3" != : ] || skip_all "python3 is needed"

export UNKNOT_SOUNDS="$top_srcdir/sounds"
# Never reach a PulseAudio of the machine's, nor start one.
export PULSE_RUNTIME_PATH="$XDG_RUNTIME_DIR/pulse"
export PULSE_SERVER="unix:$PULSE_RUNTIME_PATH/none"
export PULSE_CLIENTCONFIG="$T/pulse-client.conf"
printf 'autospawn = no\n' > "$PULSE_CLIENTCONFIG"
unset ALSA_CONFIG_PATH

# Cue times (ms): 0 step + inhale, 1500 exhale, 4000 the end bell.
breathe_routine "$T/short.yaml" 1

# run_plain NAME ARGS...: a session from the start to the end, at time
# scale $scale (10 if unset); output in $T/NAME.out and $T/NAME.err,
# status in $status.
run_plain() {
	name=$1
	shift
	echo next | UNKNOT_TIME_SCALE=${scale:-10} \
		timeout 60 $UNKNOT run --plain=events "$@" "$T/short.yaml" \
		> "$T/$name.out" 2> "$T/$name.err"
	status=$?
}

# quiet NAME: nothing on stderr but unknot's own lines, and no library
# noise on stdout.
quiet() {
	! grep -qv '^unknot: ' "$T/$1.err" &&
	    ! grep -qi 'ALSA lib\|jack\|pcm\|pa_linux' "$T/$1.out"
}

# A configuration that defines no device at all.
: > "$T/asound-empty.conf"
# survives NAME LABEL: the session NAME exited 0, completed, said once
# that the sound is off or stopped, and let no library noise through.
survives() {
	is "$status" 0 "$2: run --plain=events exits 0"
	grep -q 'finish: completed' "$T/$1.out"
	ok $? "$2: the session completes"
	is "$(grep -c 'notice: sound' "$T/$1.out")" 1 "$2: one notice"
	grep 'notice' "$T/$1.out" | sed 's/^/# /'
	quiet "$1"
	ok $? "$2: nothing from ALSA or JACK on stdout or stderr"
	grep -v '^unknot: ' "$T/$1.err" | head -n 5 | sed 's/^/# stderr: /'
}

# A configuration that defines no device at all.
: > "$T/asound-empty.conf"
ALSA_CONFIG_PATH="$T/asound-empty.conf" run_plain nodev
survives nodev "no device"
grep -q 'notice: sound off' "$T/nodev.out"
ok $? "no device: the notice says the sound is off"

# The real PortAudio path into a file: ALSA's file plugin (behind plug,
# which converts to the S16_LE the WAV header states) over a null PCM,
# from the private HOME's ~/.asoundrc. Such a device takes samples as fast
# as they come; unknot paces it to real time itself, so what it writes is
# what a sound card would have played: every scheduled cue at its sample.
mkdir -p "$HOME"
cat > "$HOME/.asoundrc" <<EOC
pcm.!default {
	type plug
	slave {
		pcm { type file; slave.pcm null; file "$T/alsa.wav"; format wav }
		format S16_LE
	}
}
EOC
breathe_routine "$T/two.yaml" 2
# Enter a moment after the stream is up, as a person would press it.
start=$(date +%s)
(sleep 1; echo next) | UNKNOT_TIME_SCALE=1 timeout 60 $UNKNOT run --plain=events \
	"$T/two.yaml" > "$T/alsa.out" 2> "$T/alsa.err"
is "$?" 0 "ALSA file plugin: run --plain=events exits 0"
took=$(($(date +%s) - start))
grep -q 'finish: completed' "$T/alsa.out"
ok $? "ALSA file plugin: the session completes"
if $UNKNOT --version | grep -q 'PortAudio V'; then
	! grep -q 'notice' "$T/alsa.out"
	ok $? "ALSA file plugin: no notice"
	grep 'notice' "$T/alsa.out" | sed 's/^/# /'
	# Paced: the file is as long as the session took, not minutes of
	# samples written in a moment.
	len=$("$PYTHON3" -c 'import sys, wave
w = wave.open(sys.argv[1]); print(int(w.getnframes() / w.getframerate()))' \
		"$T/alsa.wav" 2>&1)
	[ "$len" -ge 7 ] 2>/dev/null && [ "$len" -le $((took + 1)) ]
	ok $? "ALSA file plugin: paced to real time ($len s of sound in $took s)"
	analyse "$T/alsa.wav" wav 2 "ALSA file plugin" inhale@0 exhale@1500 \
		inhale@4000 exhale@5500 end@8000
fi
quiet alsa
ok $? "ALSA file plugin: nothing from ALSA or JACK on stdout or stderr"
rm -f "$HOME/.asoundrc"

ALSA_CONFIG_PATH="$T/asound-empty.conf" run_plain nosuch --device 'no such card'
survives nosuch "a device that is not there"

# A device that is listed but fails as it is opened: the file ALSA's file
# plugin would write cannot be created.
cat > "$HOME/.asoundrc" <<EOC
pcm.!default {
	type plug
	slave {
		pcm { type file; slave.pcm null; file "$T/no/such/dir/x.wav"; format wav }
		format S16_LE
	}
}
EOC
run_plain broken
survives broken "a device that fails to open"
if grep -q 'library messages' "$T/broken.err"; then
	grep -q 'pa_linux_alsa' "$XDG_STATE_HOME/unknot/messages.log"
	ok $? "a device that fails to open: what PortAudio said is in the log"
fi
rm -f "$HOME/.asoundrc"

ALSA_CONFIG_PATH="$T/asound-empty.conf" run_plain nosound --no-sound
is "$status" 0 "--no-sound: exits 0"
! grep -q 'notice' "$T/nosound.out"
ok $? "--no-sound: no notice"
quiet nosound
ok $? "--no-sound: nothing on stderr"

# The curses screen with no device: the notice on the status line, and
# nothing from ALSA, JACK or PortAudio on the screen or on stderr.
cat > "$T/tui.sh" <<EOF
ALSA_CONFIG_PATH="$T/asound-empty.conf" "$UNKNOT" run "$T/short.yaml" \
	2> "$T/tui.err"
echo "exit \$?" > "$T/tui.status"
sleep 60
EOF
if pane_start "sh '$T/tui.sh'"; then
	pane_wait 'sound off'
	pane_text > "$T/tui.screen"
	grep -q 'sound off' "$T/tui.screen"
	ok $? "curses, no device: the notice is on the screen"
	! grep -qi 'ALSA lib\|jack\|pa_linux\|Expression' "$T/tui.screen"
	ok $? "curses, no device: nothing from the sound libraries on it"
	pane_finish "$T/tui.status"
	is "$(cat "$T/tui.status" 2>/dev/null)" "exit 0" \
		"curses, no device: the session ends normally"
	[ ! -s "$T/tui.err" ]
	ok $? "curses, no device: nothing on stderr"
	pane_stop
else
	diag "the curses part needs tmux and the screen terminfo entry"
fi

# The file backend in real time: every cue at its sample.
scale=1 run_plain file --device "file:$T/session.wav"
is "$status" 0 "file device: exits 0"
! grep -q 'notice' "$T/file.out"
ok $? "file device: no notice"
analyse "$T/session.wav" wav 2 "file device" inhale@0 exhale@1500 end@4000

done_testing
