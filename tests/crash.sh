#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# crash.sh: kill -9 plain-mode sessions at 50 pseudo-random moments (a fixed
# seed); after each, the history passes PRAGMA integrity_check and holds
# every event the session printed before it died, in order.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v sqlite3 >/dev/null 2>&1 || skip_all "the sqlite3 program is needed"

RUNS=${CRASH_RUNS:-50}
seed=${CRASH_SEED:-20250101}
DB="$XDG_DATA_HOME/unknot/history.db"
export UNKNOT_TIME_SCALE=100 ALSA_CONFIG_PATH="$T/asound-none.conf"
# The events the history stores, as plain mode labels them.
STORED='pre_pain|step_start|step_end|rating|ease_off|bracing|release|skip|pause|resume|extend|prev|post_pain|finish|status|check|symptom'

# The next pseudo-random number in 0..32767.
rand() {
	seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
	r=$(( seed / 65536 % 32768 ))
}

# Inputs for a session, a few every tenth of a second.
feed() {
	printf '6\n\n'
	for w in 5 8 bracing release next pause pause extend 4 skip 7 next \
	    3 release next 9 bracing skip 2 next 5 release next; do
		sleep 0.03
		printf '%s\n' "$w" || return 0
	done
}

# The stored events a session printed, one kind a line.
printed() {
	sed -nE "s/^\[[0-9]+:[0-9]{2}\] ($STORED): .*/\1/p" "$1"
}

mid=0
for i in $(seq 1 "$RUNS"); do
	rand
	ms=$(( 40 + r % 1000 ))
	before=$(sqlite3 "$DB" 'SELECT count(*) FROM sessions' 2>/dev/null ||
		echo 0)
	feed | "$UNKNOT" --plain=events --no-sound run upper-trapezius \
		>"$T/out" 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait 2>/dev/null
	ic=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
	is "$ic" "ok" "run $i, killed after $ms ms: integrity_check"
	printed "$T/out" >"$T/printed"
	after=$(sqlite3 "$DB" 'SELECT count(*) FROM sessions')
	if [ "$after" -gt "$before" ]; then
		sqlite3 "$DB" 'SELECT kind FROM events WHERE session_id =
		    (SELECT max(id) FROM sessions) ORDER BY seq' >"$T/stored"
	else
		: >"$T/stored"
	fi
	np=$(wc -l <"$T/printed")
	ns=$(wc -l <"$T/stored")
	# Each event is saved before it is shown: the printed ones are the
	# first ones stored. The events one input or tick brings (a skip:
	# step_end, skip, step_start) are all saved before any is shown, so
	# at most those three can be stored and not yet printed.
	head -n "$np" "$T/stored" >"$T/stored-head"
	if cmp -s "$T/printed" "$T/stored-head" && [ "$ns" -le $((np + 3)) ]
	then
		ok 0 "run $i: all $np printed events are in the history"
	else
		ok 1 "run $i: all $np printed events are in the history"
		diag "printed: $(tr '\n' ' ' <"$T/printed")"
		diag "stored:  $(tr '\n' ' ' <"$T/stored")"
	fi
	[ "$np" -gt 1 ] && ! grep -q '^finish$' "$T/printed" &&
		mid=$((mid + 1))
done
diag "$mid of $RUNS runs were killed in the middle of a session"
check "most kills hit a session in progress" [ "$mid" -ge $((RUNS / 2)) ]
"$UNKNOT" history >"$T/history" 2>&1
ok $? "history reads the killed sessions"
check "and shows them unfinished" grep -q ' unfinished ' "$T/history"

done_testing
