#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults_files.sh: files the user names or owns are never lost. export,
# report -o, remind --ics and new -o replace a file whole or not at all
# (a temporary file beside it, renamed at the end), never the history, and
# write through to a FIFO, a character device or stdout; a signal leaves no
# temporary file; a full disk leaves nothing behind. Every command checks
# that its output reached stdout, and a plain session whose reader went
# away (| head) ends at once as interrupted.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

D=$T/files
mkdir -p "$D"
DB=$XDG_DATA_HOME/unknot/history.db
umask 022

# skip NAME REASON: a check that cannot run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# only DIR NAME...: DIR holds exactly the files NAME... (hidden ones too):
# no temporary file was left.
only() {
	dir=$1
	shift
	[ "$(ls -A "$dir" | sort | tr '\n' ' ')" = \
	    "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}

# sessions: how many sessions the history holds (sqlite3, not unknot).
sessions() {
	sqlite3 "$DB" 'SELECT count(*) FROM sessions' 2>/dev/null
}

# wait_for GLOB: wait up to 10 s for a file matching GLOB.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		for f in $1; do
			[ -e "$f" ] && return 0
		done
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}

# A history of two sessions, run at 50 times the speed.
for i in 1 2; do
	UNKNOT_TIME_SCALE=50 "$UNKNOT" --plain=events --no-sound run box-breathing \
	    </dev/null >/dev/null 2>&1
done
is "$(sessions)" 2 "two sessions in the history to start with"
# Sessions at a scaled clock are rehearsals, which reports and calendars
# leave out; these stand for real ones.
sqlite3 "$DB" 'UPDATE sessions SET rehearsal = 0'

# ---- 1. export ----------------------------------------------------------
E=$D/export
mkdir -p "$E"
echo data > "$E/keep.wav"
"$UNKNOT" export box-breathing -o "$E/keep.wav" \
    --cues "$E/no/such/dir/c.txt" >/dev/null 2>"$T/err"
is "$?" 1 "export with a bad --cues exits 1"
is "$(cat "$E/keep.wav")" data "and the file named by -o is left as it was"
"$UNKNOT" export box-breathing -f -o "$E/keep.wav" \
    --cues "$E/no/such/dir/c.txt" >/dev/null 2>"$T/err"
is "$?" 1 "export -f with a bad --cues exits 1"
is "$(cat "$E/keep.wav")" data "and the file is still as it was"
check "and no temporary file is left" only "$E" keep.wav
check "the message names the cue sheet" grep -q "no/such/dir/c.txt" "$T/err"

"$UNKNOT" export box-breathing -o "$E/keep.wav" >/dev/null 2>"$T/err"
is "$?" 1 "export over an existing file without -f exits 1"
is "$(cat "$E/keep.wav")" data "and leaves it alone"
check "and says to use -f" grep -q "keep.wav: File exists (use -f to overwrite)" \
    "$T/err"

"$UNKNOT" export box-breathing -f -o "$E/keep.wav" --cues "$E/cues.txt" \
    >/dev/null 2>&1
is "$?" 0 "export -f replaces an existing file"
check "with a WAV file" "${PYTHON3:-python3}" -c '
import sys, wave
w = wave.open(sys.argv[1])
assert w.getnchannels() == 1 and w.getnframes() > w.getframerate() * 60
' "$E/keep.wav"
# box-breathing: a first step, then rounds of inhale, hold, exhale, hold.
check "and its cue sheet" grep -q "^0\.000 step 1$" "$E/cues.txt"
check "and no temporary file is left" only "$E" keep.wav cues.txt

cp "$E/cues.txt" "$E/cues.before"
"$UNKNOT" export box-breathing -f -o "$E/same.wav" --cues "$E/same.wav" \
    >/dev/null 2>"$T/err"
is "$?" 1 "export -o X --cues X is refused"
check "with a message" grep -q "same file" "$T/err"
ln -s cues.txt "$E/cues-link"
"$UNKNOT" export box-breathing -f --format wav -o "$E/cues.txt" \
    --cues "$E/cues-link" >/dev/null 2>&1
is "$?" 1 "export -o X --cues LINK-TO-X is refused"
check "and X is unchanged" cmp -s "$E/cues.txt" "$E/cues.before"
check "and nothing else is written" only "$E" keep.wav cues.txt cues.before \
    cues-link

if [ "$(id -u)" = 0 ]; then
	mknod "$E/null" c 1 3
	"$UNKNOT" export box-breathing --format wav -o "$E/null" \
	    --cues "$E/no/such/dir/c.txt" >/dev/null 2>&1
	is "$?" 1 "export to a character device with a bad --cues exits 1"
	check "and the device is still there" test -c "$E/null"
	rm -f "$E/null"
else
	skip "export to a character device" "mknod needs root"
fi

# Ctrl-C while the audio is being written (the cue sheet, a FIFO no one
# reads yet, holds the export up with its temporary audio file open).
if env --default-signal=INT true 2>/dev/null; then
	mkfifo "$E/cues.fifo"
	env --default-signal=INT "$UNKNOT" export box-breathing -f \
	    -o "$E/keep.wav" --cues "$E/cues.fifo" >/dev/null 2>&1 &
	pid=$!
	wait_for "$E/.keep.wav.*"
	ok $? "export writes to a temporary file beside the target"
	kill -INT $pid
	wait $pid
	is "$?" 130 "Ctrl-C ends the export with 130"
	check "the file named by -o is as it was" \
	    "${PYTHON3:-python3}" -c '
import sys, wave
assert wave.open(sys.argv[1]).getnframes() > 0' "$E/keep.wav"
	check "and the temporary file is gone" only "$E" keep.wav cues.txt \
	    cues.before cues-link cues.fifo
else
	skip "Ctrl-C during export" "env --default-signal not supported"
fi

# ---- 2. report -o and remind --ics ---------------------------------------
R=$D/report
mkdir -p "$R"
# The report's first line has the minute it was made: one minute for all.
export UNKNOT_NOW=$(date +%s)
"$UNKNOT" report > "$T/report.txt"
cp "$DB" "$T/db.before"
"$UNKNOT" report -o "$DB" 2>"$T/err"
is "$?" 1 "report -o the history database is refused"
check "the history is untouched" cmp -s "$DB" "$T/db.before"
is "$(sessions)" 2 "and still holds its sessions"
check "the message says why" grep -q "history" "$T/err"
ln "$DB" "$R/hardlink.db"
"$UNKNOT" report -o "$R/hardlink.db" 2>/dev/null
is "$?" 1 "report -o a hard link to the history is refused (same inode)"
rm -f "$R/hardlink.db"
ln -s "$DB" "$R/symlink.db"
"$UNKNOT" remind --ics "$R/symlink.db" 2>/dev/null
is "$?" 1 "remind --ics a symlink to the history is refused"
check "the history is still untouched" cmp -s "$DB" "$T/db.before"
for s in -wal -shm -journal; do
	"$UNKNOT" report -o "$DB$s" 2>/dev/null
	is "$?" 1 "report -o history.db$s is refused"
	check "and history.db$s is not made" test ! -e "$DB$s"
done
"$UNKNOT" report -o "$XDG_DATA_HOME/unknot/../unknot/history.db-wal" \
    2>/dev/null
is "$?" 1 "report -o history.db-wal by another path is refused"
is "$(sessions)" 2 "the history still holds its sessions"

# stdout under other names: "-", a symlink to /proc/self/fd/1 (what
# /dev/stdout is), a FIFO.
"$UNKNOT" report -o - > "$T/got"
check "report -o - prints the report" cmp -s "$T/got" "$T/report.txt"
ln -s /proc/self/fd/1 "$R/stdout"
"$UNKNOT" report -o "$R/stdout" | cat > "$T/got"
check "report -o a link to stdout (a pipe) prints the report" \
    cmp -s "$T/got" "$T/report.txt"
check "and the link is still a link" test -L "$R/stdout"
echo earlier > "$T/appended"
"$UNKNOT" report -o "$R/stdout" >> "$T/appended"
is "$(head -n 1 "$T/appended")" earlier \
    "report -o a link to stdout appended to a file keeps what was there"
check "and adds the report" sh -c 'tail -n +2 "$1" | cmp -s - "$2"' - \
    "$T/appended" "$T/report.txt"
mkfifo "$R/fifo"
limit 10 cat "$R/fifo" > "$T/got" &
cat_pid=$!
limit 10 "$UNKNOT" report -o "$R/fifo"
is "$?" 0 "report -o FIFO exits 0"
wait $cat_pid
check "and the reader gets the report" cmp -s "$T/got" "$T/report.txt"
check "and the FIFO is still a FIFO" test -p "$R/fifo"

# A symlink: its target is replaced, the link stays; the mode is kept.
echo old > "$R/real.txt"
chmod 640 "$R/real.txt"
ln -s real.txt "$R/link.txt"
"$UNKNOT" report -o "$R/link.txt"
is "$?" 0 "report -o a symlink exits 0"
check "the link is still a link" test -L "$R/link.txt"
check "its target holds the report" cmp -s "$R/real.txt" "$T/report.txt"
is "$(stat -c %a "$R/real.txt")" 640 "and keeps its mode"
ln -s made.ics "$R/dangling"
UNKNOT_NOW=$(($(date +%s) + 86400)) "$UNKNOT" remind --ics "$R/dangling"
is "$?" 0 "remind --ics a dangling symlink exits 0"
check "the link is still a link" test -L "$R/dangling"
check "and its target is made" grep -q "^BEGIN:VCALENDAR" "$R/made.ics"
is "$(stat -c %a "$R/made.ics")" 644 "a new file is 0666 less the umask"
"$UNKNOT" report -o "$R" 2>/dev/null
is "$?" 1 "report -o a directory exits 1"
check "no temporary file is left" only "$R" real.txt link.txt made.ics \
    dangling fifo stdout symlink.db

# Ctrl-C while the report is being written: fsync held up by strace.
if command -v strace >/dev/null 2>&1 &&
    strace -o /dev/null -e trace=none true 2>/dev/null &&
    env --default-signal=INT true 2>/dev/null; then
	echo keep > "$R/held.txt"
	strace -o /dev/null -e trace=fsync \
	    -e inject=fsync:delay_enter=5000000 env --default-signal=INT \
	    sh -c 'echo $$ > "$1"; exec "$2" report -o "$3"' - "$T/pid" \
	    "$UNKNOT" "$R/held.txt" 2>/dev/null &
	spid=$!
	wait_for "$R/.held.txt.*"
	ok $? "report -o writes to a temporary file beside the target"
	kill -INT "$(cat "$T/pid")"
	wait $spid
	is "$?" 130 "Ctrl-C ends report -o with 130"
	is "$(cat "$R/held.txt")" keep "the file is as it was"
	check "and no temporary file is left" only "$R" real.txt link.txt \
	    made.ics dangling fifo stdout symlink.db held.txt
else
	skip "Ctrl-C during report -o" "strace or env --default-signal missing"
fi

unset UNKNOT_NOW

# ---- 3. a full disk ------------------------------------------------------
F=$D/full
mkdir -p "$F"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k unknot-test "$F" \
    2>/dev/null; then
	trap 'umount "$F" 2>/dev/null; lib_cleanup' EXIT
	echo kept > "$F/kept.txt"
	dd if=/dev/zero of="$F/fill" bs=1k count=128 2>/dev/null
	"$UNKNOT" new -o "$F/r.yaml" 2>"$T/err"
	is "$?" 1 "new -o on a full disk exits 1"
	check "and says so" grep -q "No space left on device" "$T/err"
	check "and leaves no file, not even an empty one" only "$F" kept.txt fill
	"$UNKNOT" report -o "$F/kept.txt" 2>/dev/null
	is "$?" 1 "report -o on a full disk exits 1"
	is "$(cat "$F/kept.txt")" kept "and the file is as it was"
	"$UNKNOT" export box-breathing -f -o "$F/kept.txt" --format wav \
	    2>/dev/null
	is "$?" 1 "export on a full disk exits 1"
	is "$(cat "$F/kept.txt")" kept "and the file is as it was"
	check "no temporary file is left" only "$F" kept.txt fill
	rm -f "$F/fill"
	"$UNKNOT" new -o "$F/r.yaml" 2>"$T/err"
	is "$?" 0 "new -o again once there is room"
	check "and the template checks clean" "$UNKNOT" check "$F/r.yaml"
	umount "$F"
	trap lib_cleanup EXIT
else
	skip "a full disk" "mounting a tmpfs needs root"
fi

# ---- 6. output that does not arrive --------------------------------------
# A plain session piped into head ends as soon as head exits: interrupted
# by SIGPIPE (13), exit status 141, at full speed (no time scale).
start=$(date +%s)
{ limit 60 "$UNKNOT" --plain=events --no-sound run box-breathing </dev/null
  echo $? > "$T/rc"; } | head -n 5 > "$T/head"
took=$(($(date +%s) - start))
is "$(cat "$T/rc")" 141 "plain run | head -5: exit status 141 (SIGPIPE)"
check "within 5 s of head exiting (took ${took} s)" test "$took" -lt 5
is "$(wc -l < "$T/head")" 5 "head got its 5 lines"
case $(sqlite3 "$DB" 'SELECT outcome || " " || signal FROM sessions
    ORDER BY id DESC LIMIT 1') in
"interrupted 13"|"abandoned 13") ok 0 "the session is recorded as ended by SIGPIPE (abandoned if still before the first step)" ;;
*) ok 1 "the session is recorded as ended by SIGPIPE" ;;
esac

# Waiting for input (stdin open, nothing typed) and nothing to print: the
# reader going away still ends it.
mkfifo "$T/in"
exec 3<>"$T/in"
start=$(date +%s)
{ limit 60 "$UNKNOT" --plain=events --no-sound run box-breathing <"$T/in"
  echo $? > "$T/rc"; } | head -n 1 > /dev/null
took=$(($(date +%s) - start))
exec 3>&-
is "$(cat "$T/rc")" 141 "plain run waiting for input | head -1: exit 141"
check "within 5 s (took ${took} s)" test "$took" -lt 5
is "$(sqlite3 "$DB" 'SELECT outcome || " " || signal FROM sessions
    ORDER BY id DESC LIMIT 1')" "abandoned 13" \
    "and it is recorded as ended by SIGPIPE before the first step: abandoned"

# stdout on /dev/full: every command fails, and says why.
if [ -c /dev/full ]; then
	export UNKNOT_NOW=$(($(date +%s) + 3 * 86400))
	# devices without ALSA's plugin modules, which are unloaded with
	# allocations the leak checker cannot name (as crash.sh does).
	export ALSA_CONFIG_PATH="$T/asound-none.conf"
	for c in "list" "list --json" "show box-breathing" "--help" \
	    "--version" "check --keys" "devices" "history" "history --json" \
	    "new" "remind" "report" "remind --ics -" "report -o -"; do
		# shellcheck disable=SC2086
		if [ -z "$("$UNKNOT" $c 2>/dev/null)" ]; then
			skip "$c > /dev/full" "prints nothing here"
			continue
		fi
		# shellcheck disable=SC2086
		"$UNKNOT" $c > /dev/full 2> "$T/err"
		is "$?" 1 "$c > /dev/full exits 1"
		check "$c > /dev/full says why" \
		    grep -q "^unknot: stdout: No space left on device$" "$T/err"
	done
	unset UNKNOT_NOW
else
	skip "stdout on /dev/full" "no /dev/full"
fi

done_testing
