#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults_history.sh: the history when it cannot be used as usual: another
# program holding it locked, a copy restored with sqlite3's .dump, -wal and
# -shm files left read-only, a read-only directory or file system, a full
# disk, a history from a newer unknot. A session is never held up by it,
# says what was not saved and exits 1 then; the commands that read it read
# what they can and say so.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "the sqlite3 program is needed"
export ALSA_CONFIG_PATH="$T/asound-none.conf"
DB="$XDG_DATA_HOME/unknot/history.db"
ROOT=false
[ "$(id -u)" = 0 ] && ROOT=true

# skip NAME REASON: one check that cannot run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# session [ENV...]: a plain session of box-breathing, answered from stdin.
session() {
	env "$@" "$UNKNOT" run --plain=events --no-sound box-breathing
}

# ms: milliseconds since the epoch.
ms() {
	echo $(($(date +%s%N) / 1000000))
}

# lock_start: a sqlite3 shell holds the history locked, readers too
# (locking_mode exclusive), until lock_end.
lock_start() {
	rm -f "$T/unlock" "$T/locked"
	{
		printf 'PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\n'
		printf 'SELECT count(*) FROM sessions;\n'
		until [ -e "$T/unlock" ]; do sleep 0.05; done
		printf 'COMMIT;\n'
	} | sqlite3 "$DB" > "$T/locked" 2>&1 &
	LOCKER=$!
	i=0
	until [ -s "$T/locked" ] || [ $i -gt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}

# lock_end: let the shell go.
lock_end() {
	touch "$T/unlock"
	wait "$LOCKER"
}

echo q | session > /dev/null 2>&1
is "$(sqlite3 "$DB" 'SELECT count(*) FROM sessions')" 1 "a first session"

# --- A history another program keeps locked.
lock_start
sqlite3 "$DB" 'SELECT count(*) FROM sessions' > /dev/null 2>&1
ok $((! $?)) "the sqlite3 shell keeps readers out"
t0=$(ms)
{
	sleep 0.3
	echo 4
	sleep 0.3
	ms > "$T/q_at"
	echo q
} | session > "$T/out" 2> "$T/err"
st=$?
t1=$(ms)
took=$((t1 - $(cat "$T/q_at")))
diag "q to exit: $took ms; the whole session: $((t1 - t0)) ms"
ok $((took >= 2000)) "q ends the session within 2 s while it is locked"
ok $((t1 - t0 >= 3000)) "and the whole session took under 3 s"
grep -F "notice: history: $DB is locked by another program" "$T/out" \
	> /dev/null
ok $? "the session is told it is locked"
is "$st" 1 "a session that could not be saved exits 1"
is "$(cat "$T/err")" \
	"unknot: Nothing of this session was saved: another program has it locked ($DB)" \
	"and says so"
lock_end

# Locked at the start, free in the middle: the events are written then,
# with the times they happened.
lock_start
{
	sleep 0.3
	echo 4
	sleep 1.2
	date +%s > "$T/released_at"
	touch "$T/unlock"
	sleep 0.5
	echo q
} | session > "$T/out" 2> "$T/err"
st=$?
wait "$LOCKER"
is "$st" 0 "a session saved once the lock went exits 0"
is "$(sqlite3 "$DB" 'SELECT pre_pain, outcome FROM sessions ORDER BY id DESC
	LIMIT 1')" "4|abandoned" \
	"its rating and outcome (a quit before any step: abandoned) are in the file"
w=$(sqlite3 "$DB" "SELECT wall FROM events WHERE kind = 'pre_pain' AND
	session_id = (SELECT max(id) FROM sessions)")
ok $((w >= $(cat "$T/released_at"))) \
	"the rating has the time it was given, before the lock went"
grep -F "saved to $DB again" "$T/out" > /dev/null
ok $? "the session is told it is saved again"

# --- A history restored with sqlite3 .dump has no user_version.
uv=$(sqlite3 "$DB" 'PRAGMA user_version')
n=$(sqlite3 "$DB" 'SELECT count(*) FROM sessions')
"$UNKNOT" history > "$T/hist.before"
sqlite3 "$DB" .dump | sqlite3 "$T/restored.db"
is "$(sqlite3 "$T/restored.db" 'PRAGMA user_version')" 0 \
	".dump leaves user_version out"
mv "$DB" "$T/old.db"
rm -f "$DB-wal" "$DB-shm"
mv "$T/restored.db" "$DB"
"$UNKNOT" history > "$T/hist.after" 2> "$T/err"
ok $? "history reads the restored history"
cmp -s "$T/hist.before" "$T/hist.after"
ok $? "the same as before"
echo q | session > "$T/out" 2> "$T/err"
ok $? "a session is recorded in it"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM sessions')" $((n + 1)) \
	"after the restored sessions"
is "$(sqlite3 "$DB" 'PRAGMA user_version')" "$uv" "user_version repaired"

# --- A history of version 3, before the week of the progression was
# stored: made from this one by dropping what versions 4 and 5 added.
# v3 FILE: turn a copy of the history into version 3.
v3() {
	cp "$DB" "$1"
	sqlite3 "$1" "DROP TABLE notes; ALTER TABLE sessions DROP COLUMN week;
	    ALTER TABLE sessions DROP COLUMN week_note; PRAGMA user_version = 3"
}
"$UNKNOT" history > "$T/hist.before"
mkdir -p "$T/v3/unknot"
v3 "$T/v3/unknot/history.db"
XDG_DATA_HOME="$T/v3" "$UNKNOT" history > "$T/hist.v3" 2> "$T/err"
ok $? "history reads a version 3 history"
cmp -s "$T/hist.before" "$T/hist.v3"
ok $? "... the same as before"
is "$(sqlite3 "$T/v3/unknot/history.db" 'PRAGMA user_version')" 5 \
	"it is upgraded in place to version 5"
n=$(sqlite3 "$DB" 'SELECT count(*) FROM sessions')
is "$(sqlite3 "$T/v3/unknot/history.db" 'SELECT count(*) FROM sessions
	WHERE week = 0 AND length(week_note) = 0')" "$n" \
	"its $n sessions are kept, with no week recorded (0)"

# --- A history from a newer unknot.
sqlite3 "$DB" "PRAGMA user_version = $((uv + 1))"
echo q | session > "$T/out" 2> "$T/err"
is "$?" 1 "a session on a newer history exits 1"
is "$(cat "$T/err")" \
	"unknot: Nothing of this session was saved: it was written by a newer version of unknot ($DB)" \
	"and says why"
sqlite3 "$DB" "PRAGMA user_version = $uv; PRAGMA wal_checkpoint(TRUNCATE)" \
	> /dev/null

# --- Files this user cannot write: as root, a user of our own.
AS=
if $ROOT; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$T"
fi
U="$T/u"
mkdir -p "$U/home" "$U/config" "$U/state" "$U/data/unknot"
$ROOT && chown -R 65534:65534 "$U"
# as_user CMD...: CMD as that user, with its own directories.
as_user() {
	env HOME="$U/home" XDG_CONFIG_HOME="$U/config" XDG_STATE_HOME="$U/state" \
	    XDG_DATA_HOME="$U/data" $AS "$@"
}
if ! as_user test -x "$UNKNOT" || ! as_user test -r "$UNKNOT_PATH"; then
	skip "read-only files" "the build tree is not readable by uid 65534"
else
	# -wal and -shm left read-only by an earlier run (as another user).
	UDB="$U/data/unknot/history.db"
	echo q | as_user "$UNKNOT" run --plain=events --no-sound box-breathing \
		> /dev/null 2>&1
	mkfifo "$T/fifo"
	sqlite3 "$UDB" < "$T/fifo" > /dev/null 2>&1 &
	pid=$!
	exec 7> "$T/fifo"
	echo "UPDATE sessions SET title = title;" >&7
	i=0
	until [ -s "$UDB-wal" ] || [ $i -gt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	kill -9 "$pid"
	wait "$pid" 2> /dev/null
	exec 7>&-
	if $ROOT; then
		chown 0:0 "$UDB-wal" "$UDB-shm"
		chmod 644 "$UDB-wal" "$UDB-shm"
	else
		chmod 444 "$UDB-wal" "$UDB-shm"
	fi
	[ -e "$UDB-wal" ] && [ -e "$UDB-shm" ]
	ok $? "-wal and -shm are left behind"
	echo q | as_user "$UNKNOT" run --plain=events --no-sound box-breathing \
		> "$T/out" 2> "$T/err"
	is "$?" 1 "a session that cannot write them exits 1"
	grep -F "notice: history: cannot save to $UDB-wal, $UDB-shm: the files are read-only" \
		"$T/out" > /dev/null
	st=$?
	ok $st "the notice names the -wal and -shm files"
	[ $st -eq 0 ] || diag "$(grep notice "$T/out")"
	is "$(cat "$T/err")" \
		"unknot: Nothing of this session was saved: the files are read-only ($UDB-wal, $UDB-shm)" \
		"and so does the message at the end"
	rm -f "$UDB-wal" "$UDB-shm"

	# A copy in a directory this user cannot write: read as it is.
	R="$T/ro/unknot"
	mkdir -p "$R"
	cp "$DB" "$R/history.db"
	chmod 644 "$R/history.db"
	$ROOT || chmod 555 "$R"
	# The report's first line has the minute: the same for both.
	export UNKNOT_NOW=$(date +%s)
	for cmd in history report remind; do
		"$UNKNOT" "$cmd" > "$T/$cmd.rw" 2>&1
		env XDG_DATA_HOME="$T/ro" $AS "$UNKNOT" "$cmd" \
			> "$T/$cmd.ro" 2> "$T/err"
		ok $? "$cmd reads a history in a read-only directory"
		cmp -s "$T/$cmd.rw" "$T/$cmd.ro"
		ok $? "$cmd shows the same as from the writable history"
		is "$(cat "$T/err")" \
			"unknot: history: $R/history.db is read-only; it is read as it is" \
			"$cmd says it is read-only"
	done
	unset UNKNOT_NOW
	$ROOT || chmod 755 "$R"
fi

# --- A read-only file system, a full disk: a small tmpfs of our own.
if ! $ROOT; then
	skip "a read-only file system" "mounting a tmpfs needs root"
	skip "a full disk" "mounting a tmpfs needs root"
	done_testing
fi
M="$T/mnt"
mkdir -p "$M"
if ! mount -t tmpfs -o size=256k,mode=755 tmpfs "$M" 2> "$T/err"; then
	skip "a read-only file system" "cannot mount a tmpfs: $(cat "$T/err")"
	done_testing
fi
trap 'umount "$M" 2>/dev/null; lib_cleanup' EXIT
mkdir -p "$M/unknot"
cp "$DB" "$M/unknot/history.db"
mount -o remount,ro "$M"
export UNKNOT_NOW=$(date +%s)
for cmd in history report remind; do
	"$UNKNOT" "$cmd" > "$T/$cmd.rw" 2>&1
	XDG_DATA_HOME="$M" "$UNKNOT" "$cmd" > "$T/$cmd.ro" 2> "$T/err"
	ok $? "$cmd reads a history on a read-only file system"
	cmp -s "$T/$cmd.rw" "$T/$cmd.ro"
	ok $? "$cmd shows the same as from the writable history"
	is "$(cat "$T/err")" \
		"unknot: history: $M/unknot/history.db is read-only; it is read as it is" \
		"$cmd says it is read-only"
done
unset UNKNOT_NOW
# A version 3 history there is read as it is, not upgraded.
umount "$M"
mount -t tmpfs -o size=256k,mode=755 tmpfs "$M"
mkdir -p "$M/unknot"
v3 "$M/unknot/history.db"
mount -o remount,ro "$M"
"$UNKNOT" history > "$T/history.rw" 2>&1
XDG_DATA_HOME="$M" "$UNKNOT" history > "$T/history.ro" 2> "$T/err"
ok $? "history reads a version 3 history on a read-only file system"
cmp -s "$T/history.rw" "$T/history.ro"
ok $? "... the same as from the writable history"
is "$(sqlite3 "file:$M/unknot/history.db?immutable=1" 'PRAGMA user_version')" 3 \
	"... and leaves it at version 3"
XDG_DATA_HOME="$M" "$UNKNOT" report > "$T/report.ro" 2> "$T/err"
ok $? "report reads it too, with no notes table"
echo q | session XDG_DATA_HOME="$M" > "$T/out" 2> "$T/err"
is "$?" 1 "a session on a read-only file system exits 1"
is "$(cat "$T/err")" \
	"unknot: Nothing of this session was saved: the file system is read-only ($M/unknot/history.db)" \
	"and says why"

# A full disk from the start.
umount "$M"
mount -t tmpfs -o size=64k,mode=755 tmpfs "$M"
dd if=/dev/zero of="$M/fill" bs=4k 2> /dev/null
echo q | session XDG_DATA_HOME="$M" > "$T/out" 2> "$T/err"
is "$?" 1 "a session on a full disk exits 1"
is "$(cat "$T/err")" \
	"unknot: Nothing of this session was saved: the disk is full ($M/unknot/history.db)" \
	"and says so in words"

# notice_whole SCREEN NAME: once the pane shows SCREEN, the disk-full
# notice can be read whole in it (the status line's "no sound" left out).
notice_whole() {
	pane_wait "$1"
	pane_wait "possible"
	pane_text | sed 's/  *no sound$//' | tr -s ' \n' '  ' > "$T/pane"
	grep -F "the disk is full; this session is kept in memory and saved when possible" \
		"$T/pane" > /dev/null
	st=$?
	ok $st "$2"
	[ $st -eq 0 ] || diag "$(pane_text)"
}

# The notice during the session is not cut at 40 columns.
if pane_start "env XDG_DATA_HOME=$M $UNKNOT run --no-sound box-breathing; echo \$? > $T/status"; then
	tmux -S "$PANE_SOCK" resize-window -t t -x 40 -y 12
	notice_whole "Hurts now" "the notice at 40x12 is whole"
	pane Enter
	notice_whole "Step 1 of" "and on the step screen"
	pane q
	pane y
	pane_finish "$T/status"
	is "$(cat "$T/status" 2>/dev/null)" 1 "and the session exits 1"
else
	skip "the notice at 40x12" "tmux or the screen terminfo entry is missing"
fi
done_testing
