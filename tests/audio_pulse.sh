#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# audio_pulse.sh: cues through PortAudio for real, without a sound card. A
# private PulseAudio with a null sink; PortAudio's ALSA host pointed at it
# through an ALSA_CONFIG_PATH file of type pulse; the sink's monitor
# recorded with parec. A plain-mode session at time scale 1 runs a few
# breathing cycles: the recorded cues must be spaced as the pattern says
# within 20 ms, inhale rising and exhale falling, the cue started by input
# late by no more than the stream's latency, and nothing from ALSA, JACK or
# PulseAudio may reach stderr. A session loads no ALSA plugin it does not
# play through, and still plays when its default hides what it is made of.
# Key cues play through a second stream of low latency, or, on a device
# that takes one stream, through the first made small.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

# In an ASan build: ALSA's plugin modules leak in their constructors.
export LSAN_OPTIONS="suppressions=$top_srcdir/tests/audio.supp:print_suppressions=0"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

$UNKNOT --version | grep -q 'PortAudio V' ||
	skip_all "built without PortAudio"
for prog in pulseaudio pactl parec pacat; do
	command -v $prog >/dev/null 2>&1 ||
		skip_all "$prog is not installed (Debian: pulseaudio, pulseaudio-utils)"
done
[ -n "$PYTHON3" ] && [ "$PYTHON3" != : ] || skip_all "python3 is needed"

pa_pid=
rec_pid=
awake_pid=
trap '[ -n "$rec_pid" ] && kill $rec_pid 2>/dev/null
	[ -n "$awake_pid" ] && kill $awake_pid 2>/dev/null
	[ -n "$pa_pid" ] && kill $pa_pid 2>/dev/null && wait $pa_pid 2>/dev/null
	lib_cleanup' EXIT

# A PulseAudio of our own: private runtime, state and cookie, no autospawn.
export PULSE_RUNTIME_PATH="$XDG_RUNTIME_DIR/pulse" PULSE_STATE_PATH="$T/pulse"
export PULSE_SERVER="unix:$PULSE_RUNTIME_PATH/native"
export PULSE_CLIENTCONFIG="$T/pulse-client.conf"
printf 'autospawn = no\n' > "$PULSE_CLIENTCONFIG"
unset PULSE_SINK PULSE_SOURCE DISPLAY
# start_pulse: a server of our own in $pa_pid; false if it will not come up
# (the reason in $pa_why). As root it needs --system=false to stay a
# per-user server; real-time scheduling keeps a busy machine from starving
# the null sink.
start_pulse() {
	pulseaudio -n --daemonize=no --system=false --exit-idle-time=-1 \
		--disallow-exit --use-pid-file=no --log-target=stderr \
		--realtime=yes --high-priority=yes \
		-L "module-null-sink sink_name=unknot_test rate=48000" \
		-L module-native-protocol-unix > "$T/pulse.log" 2>&1 &
	pa_pid=$!
	i=0
	until pactl info >/dev/null 2>&1; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 $pa_pid 2>/dev/null; then
			pa_why=$(grep -v '^W:' "$T/pulse.log" | tail -n 1)
			return 1
		fi
		sleep 0.1
	done
}
start_pulse || skip_all "PulseAudio could not be started: $pa_why"

# PortAudio's ALSA host -> PulseAudio. (ALSA's file plugin cannot sit in
# between: PortAudio stalls on it after one buffer; see audio_alsa.sh.)
cat > "$T/asound.conf" <<'EOC'
pcm.!default { type pulse }
ctl.!default { type pulse }
EOC
export ALSA_CONFIG_PATH="$T/asound.conf"
export UNKNOT_SOUNDS="$top_srcdir/sounds" UNKNOT_TIME_SCALE=1

$UNKNOT devices > "$T/devices" 2> "$T/devices.err"
ok $? "devices exits 0"
grep -q 'default' "$T/devices"
ok $? "devices lists the default output"
[ ! -s "$T/devices.err" ]
ok $? "devices prints nothing on stderr"

# Cue times of this pattern (ms): 0 step + inhale, 1500 exhale, 4000
# inhale, ... 12000 the end bell.
breathe_routine "$T/breathe.yaml" 3

# record FILE: the sink's monitor into FILE, in the background, until
# record_end. A roomy record buffer: on a busy machine a short one
# overruns, and lost chunks would shift the onsets.
record() {
	parec -d unknot_test.monitor --format=s16le --rate=48000 \
		--channels=1 --latency-msec=250 > "$1" 2> "$T/parec.err" &
	rec_pid=$!
}
record_end() {
	kill $rec_pid 2>/dev/null
	wait $rec_pid 2>/dev/null
	rec_pid=
}
record "$T/rec.raw"
# Enter starts the session a moment after the stream is up.
(sleep 2; echo next) | timeout 60 $UNKNOT run --plain=events "$T/breathe.yaml" \
	> "$T/out" 2> "$T/err"
ok $? "run --plain=events through PortAudio exits 0"
record_end

[ ! -s "$T/err" ]
ok $? "nothing on stderr"
[ -s "$T/err" ] && diag "$(head -n 5 "$T/err")"
! grep -qi 'notice\|ALSA lib\|jack' "$T/out"
ok $? "no notice and no library noise on stdout"
grep -i 'notice' "$T/out" && diag "$(grep -i 'notice' "$T/out")"
grep -q 'finish: completed' "$T/out"
ok $? "the session completed"

if [ -s "$T/rec.raw" ]; then
	analyse "$T/rec.raw" raw 20 "recorded" inhale@0 exhale@1500 \
		inhale@4000 exhale@5500 inhale@8000 exhale@9500 end@12000
else
	ok 1 "parec recorded the sink's monitor"
	diag "$(cat "$T/parec.err")"
fi

# The voice through the same stream: a 16 s warm-up says its title with
# the step cue, then "10 seconds left" 6 s in. In the recording, from the
# first sound on (the step cue and the title), there is energy at 6 s and
# silence at 4 s between them.
if ! $UNKNOT --version | grep -q '^  voice: '; then
	diag "built without a voice: no spoken guidance to record"
else
	cat > "$T/warm.yaml" <<'EOY'
unknot: 1
id: warm
title: Warm
steps:
  - warmup: {title: Warm up, seconds: 16}
EOY
	record "$T/voice.raw"
	(sleep 2; echo next) | timeout 60 $UNKNOT --voice on run --plain=events,voice \
		"$T/warm.yaml" > "$T/voice.out" 2> "$T/voice.err"
	ok $? "run with the voice through PortAudio exits 0"
	record_end
	gap=$(awk '/say: .* Warm up\.$/ { t = $3 }
	    /say: .* 10 seconds left$/ { printf "%.3f", $3 - t }' "$T/voice.out")
	is "$gap" "6.000" "the voice says the time left 10 s before the end"
	! grep -q 'notice: voice off' "$T/voice.out"
	ok $? "the voice is not off"
	"$PYTHON3" - "$T/voice.raw" > "$T/voice.levels" <<'EOP'
import sys, array, math
a = array.array("h")
a.frombytes(open(sys.argv[1], "rb").read())
r = 48000
first = next((i for i, x in enumerate(a) if abs(x) > 300), None)
if first is None:
    print("none"); sys.exit()
def rms(t, d=0.4):
    s = a[first + int(t * r):first + int((t + d) * r)]
    if not s: return -999
    v = math.sqrt(sum(x * x for x in s) / len(s)) / 32768
    return int(20 * math.log10(v)) if v > 0 else -999
print(rms(4.0), rms(6.1))
EOP
	read -r quiet said < "$T/voice.levels"
	check "speech 6 s after the first sound ($said dB)" test "${said:--999}" -gt -45
	check "silence between the title and the time left ($quiet dB)" \
		test "${quiet:-0}" -lt -60
fi

# PortAudio opens every PCM of ALSA's configuration to list it, and each
# plugin loads its libraries; a session on the default device has it list
# only the default and the PCMs it names. plugins NAME CONF [OPTION...]: a
# one-cycle session with ALSA's configuration CONF (empty: as the
# environment has it); while it plays, the ALSA plugin modules its process
# has loaded, one per line, in $T/NAME.maps, and what it printed in
# $T/NAME.out. The oss PCM "unused" is never played through.
breathe_routine "$T/one.yaml" 1
plugins() {
	name=$1 conf=$2
	shift 2
	(sleep 1; echo next) | env ${conf:+ALSA_CONFIG_PATH="$conf"} \
		$UNKNOT "$@" run \
		--plain=events "$T/one.yaml" > "$T/$name.out" 2>&1 &
	run_pid=$!
	: > "$T/$name.maps"
	i=0
	while [ $i -lt 300 ] && kill -0 $run_pid 2>/dev/null; do
		if [ -n "$(pactl list short sink-inputs 2>/dev/null)" ]; then
			grep -o 'libasound_module_pcm_[a-z0-9_]*' \
				/proc/$run_pid/maps | sort -u > "$T/$name.maps"
			break
		fi
		i=$((i + 1))
		sleep 0.1
	done
	wait $run_pid
}
# The default plays through "chain", which it names.
cat > "$T/chain.conf" <<'EOC'
pcm.!default { type asym playback.pcm "chain" capture.pcm "chain" }
pcm.chain { type pulse }
pcm.unused { type oss device "/dev/unknot-none" }
ctl.!default { type pulse }
EOC
plugins chain "$T/chain.conf"
ok $? "default through a PCM it names: the session exits 0"
grep -q 'libasound_module_pcm_pulse' "$T/chain.maps"
ok $? "default through a PCM it names: plays through the pulse plugin"
! grep -q 'libasound_module_pcm_oss' "$T/chain.maps"
ok $? "default through a PCM it names: the unused oss plugin is not loaded"
diag "loaded: $(tr '\n' ' ' < "$T/chain.maps")"
! grep -q 'notice' "$T/chain.out"
ok $? "default through a PCM it names: no notice"
# A device named: PortAudio lists every PCM, so the oss plugin is loaded
# (what the check above looks for is there to be seen).
plugins named "$T/chain.conf" --device chain
ok $? "a device named: the session exits 0"
grep -q 'libasound_module_pcm_oss' "$T/named.maps"
ok $? "a device named: every PCM is listed, the oss plugin loaded too"
# The system's own ALSA configuration (every plugin's PCMs that are
# installed, hw, dmix, ...), with the default pointed at the server in
# ~/.asoundrc, as a desktop has it: only the pulse plugin is loaded.
printf 'pcm.!default { type pulse }\nctl.!default { type pulse }\n' \
	> "$HOME/.asoundrc"
(unset ALSA_CONFIG_PATH; plugins system "")
ok $? "the system's configuration: the session exits 0"
grep -q 'libasound_module_pcm_pulse' "$T/system.maps"
ok $? "the system's configuration: plays through the pulse plugin"
! grep -v 'libasound_module_pcm_pulse' "$T/system.maps" | grep -q .
ok $? "the system's configuration: no other plugin is loaded"
diag "loaded: $(tr '\n' ' ' < "$T/system.maps")"
rm -f "$HOME/.asoundrc"

# The default names its PCM only through an environment variable, out of
# sight: it does not open without it, and dmix, kept for a default made of
# a sound card's devices, would be PortAudio's choice. PortAudio lists
# every PCM again, and the session plays through the default as before.
cat > "$T/hidden.conf" <<'EOC'
pcm.!default {
	type plug
	slave.pcm { @func getenv vars [ UNKNOT_TEST_PCM ] default "none" }
}
pcm.hidden { type pulse }
pcm.dmix { type null }
pcm.unused { type oss device "/dev/unknot-none" }
ctl.!default { type pulse }
EOC
UNKNOT_TEST_PCM=hidden plugins hidden "$T/hidden.conf"
ok $? "default through a PCM it hides: the session exits 0"
grep -q 'libasound_module_pcm_pulse' "$T/hidden.maps"
ok $? "default through a PCM it hides: plays through the pulse plugin"
! grep -q 'notice' "$T/hidden.out"
ok $? "default through a PCM it hides: no notice"
grep 'notice' "$T/hidden.out" | sed 's/^/# /'

# Two streams. The scheduled cues play through one with a large buffer,
# which lets it sleep between cues; a cue a key starts plays at once
# through a second, of low latency, opened by the first such cue and
# stopped after half a second of silence. streams FILE: the session's
# streams on the server, "CORKED BUFFERED_US" a line each. streams_until
# FILE AWK: the same, read again every 0.05 s (5 s at most) until the awk
# program AWK exits 0 on them.
streams() {
	LC_ALL=C pactl list sink-inputs | awk '/^Sink Input/ { n++ }
	    /Corked:/ { c[n] = $2 } /Buffer Latency:/ { l[n] = $3 }
	    /application.process.binary = / { u[n] = $0 ~ /"unknot"/ }
	    END { for (i = 1; i <= n; i++) if (u[i]) print c[i], l[i] }' \
	    > "$1"
}
streams_until() {
	i=0
	while streams "$1"; ! awk "$2" "$1" && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.05
	done
}
one_big='$1 != "no" || $2 < 100000 { bad = 1 } END { exit bad || NR != 1 }'
both_on='/^yes/ { c++ } END { exit c || NR != 2 }'
one_off='/^yes/ { c++ } END { exit c != 1 || NR != 2 }'
breathe_routine "$T/keys.yaml" 3
(sleep 2; streams "$T/s.before"; echo next
    streams_until "$T/s.during" "$both_on"
    streams_until "$T/s.after" "$one_off") |
	timeout 60 $UNKNOT run --plain=events "$T/keys.yaml" \
	> "$T/keys.out" 2> "$T/keys.err"
ok $? "two streams: the session exits 0"
grep -q 'finish: completed' "$T/keys.out"
ok $? "two streams: the session completes"
for f in before during after; do diag "$f: $(tr '\n' ';' < "$T/s.$f")"; done
awk "$one_big" "$T/s.before"
ok $? "two streams: before a key, one, running, with 100 ms or more buffered"
awk "$both_on" "$T/s.during"
ok $? "two streams: a key cue opens and starts the second"
awk "$one_off" "$T/s.after"
ok $? "two streams: the second stops when its cue is over"
[ ! -s "$T/keys.err" ]
ok $? "two streams: nothing on stderr"

# A device that takes one stream at a time, as a sound card opened without
# a software mixer does (tests/one_pcm.so, preloaded, makes "default" one):
# the second stream cannot open, so the first key's cue has the first
# opened again with a small buffer, and it plays the key cues at once.
# Another client plays silence meanwhile: the null sink, left with no
# stream when the first closes, sleeps up to 2 s, and a stream started
# then waits for it to wake (a sound card has no such sleep). Enter comes
# 4 s in: a key before the stream has played long enough to show what it
# plays to leaves the first stream as it is.
one_pcm="$top_builddir/tests/one_pcm.so"
one_small='$1 != "no" || $2 >= 100000 { bad = 1 } END { exit bad || NR != 1 }'
if [ ! -f "$one_pcm" ]; then
	diag "built without ALSA's headers: no device of one stream to try"
else
	pacat --playback --raw --latency-msec=20 /dev/zero \
		2> "$T/pacat.err" &
	awake_pid=$!
	record "$T/one.raw"
	(sleep 4; streams "$T/o.before"; echo next
	    streams_until "$T/o.during" "$one_small") |
		ONE_PCM=default LD_PRELOAD="$one_pcm" \
		ASAN_OPTIONS="$ASAN_OPTIONS:verify_asan_link_order=0" \
		timeout 60 $UNKNOT run --plain=events "$T/breathe.yaml" \
		> "$T/one.out" 2> "$T/one.err"
	ok $? "one stream only: the session exits 0"
	record_end
	kill $awake_pid 2>/dev/null
	wait $awake_pid 2>/dev/null
	awake_pid=
	grep -q 'finish: completed' "$T/one.out"
	ok $? "one stream only: the session completes"
	for f in before during; do
		diag "$f: $(tr '\n' ';' < "$T/o.$f")"
	done
	awk "$one_big" "$T/o.before"
	ok $? "one stream only: before a key, one, with 100 ms or more buffered"
	awk "$one_small" "$T/o.during"
	ok $? "one stream only: after a key, still one, with under 100 ms"
	! grep -q 'notice' "$T/one.out"
	ok $? "one stream only: no notice"
	grep 'notice' "$T/one.out" | sed 's/^/# /'
	[ ! -s "$T/one.err" ]
	ok $? "one stream only: nothing on stderr"
	[ -s "$T/one.err" ] && diag "$(head -n 5 "$T/one.err")"
	analyse "$T/one.raw" raw 20 "one stream only" inhale@0 exhale@1500 \
		inhale@4000 exhale@5500 inhale@8000 exhale@9500 end@12000
fi

# The device goes away mid-session (the server dies): the session goes on
# and ends normally, and says so once.
breathe_routine "$T/longer.yaml" 2
(sleep 1; echo next) | timeout 60 $UNKNOT run --plain=events "$T/longer.yaml" \
	> "$T/lost.out" 2> "$T/lost.err" &
run_pid=$!
sleep 3
kill $pa_pid
wait $pa_pid 2>/dev/null
pa_pid=
wait $run_pid
ok $? "the sound server dies mid-session: run --plain=events exits 0"
grep -q 'finish: completed' "$T/lost.out"
ok $? "the session completes"
is "$(grep -c 'notice: sound stopped' "$T/lost.out")" 1 \
	"one notice says the sound stopped"
grep 'notice' "$T/lost.out" | sed 's/^/# /'
# What PortAudio prints from its stream thread then goes to the log, and
# stderr has only unknot's own line saying so.
! grep -qv '^unknot: ' "$T/lost.err"
ok $? "nothing from PortAudio or ALSA on stderr"
diag "stderr: $(head -n 3 "$T/lost.err")"

# The same on the curses screen, in tmux: what PortAudio and ALSA print
# from their thread when the server dies must not land on the screen; it
# goes to the log once the terminal is given back, and one line says so.
cat > "$T/tui.sh" <<EOF
"$UNKNOT" run "$T/longer.yaml" 2> "$T/tui.err"
echo "exit \$?" > "$T/tui.status"
sleep 60
EOF
log="$XDG_STATE_HOME/unknot/messages.log"
rm -f "$log"
if ! start_pulse; then
	ok 1 "PulseAudio starts a second time"
	diag "$pa_why"
elif ! pane_start "sh '$T/tui.sh'"; then
	diag "the curses part needs tmux and the screen terminfo entry"
else
	pane_wait 'Enter'
	pane Enter
	sleep 2
	kill $pa_pid
	wait $pa_pid 2>/dev/null
	pa_pid=
	pane_wait 'sound stopped'
	pane_text > "$T/tui.screen"
	grep -q 'sound stopped' "$T/tui.screen"
	ok $? "curses: the notice says the sound stopped"
	! grep -q 'Expression\|pa_linux_alsa\|ALSA lib\|PortAudio' \
		"$T/tui.screen"
	ok $? "curses: nothing from PortAudio or ALSA on the screen"
	grep -v '^ *$' "$T/tui.screen" | tail -n 3 | sed 's/^/# /'
	pane_finish "$T/tui.status"
	is "$(cat "$T/tui.status" 2>/dev/null)" "exit 0" \
		"curses: the session ends normally"
	# PortAudio says the same each time the server dies under it.
	if grep -q 'library messages' "$T/lost.err"; then
		grep -q 'pa_linux_alsa\|ALSA' "$log" 2>/dev/null
		ok $? "curses: the library's messages are in the log"
		grep -q "^unknot: .* library messages .*$log" "$T/tui.err"
		ok $? "curses: one line on stderr says where they went"
		! grep -q 'pa_linux_alsa\|ALSA lib' "$T/tui.err"
		ok $? "curses: and none of them on stderr"
	else
		diag "PortAudio printed nothing when the server died"
	fi
	pane_stop
fi

done_testing
