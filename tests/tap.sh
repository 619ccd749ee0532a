# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh: TAP helpers for the shell tests; source it.
tap_n=0
tap_failed=0

# ok COND-STATUS NAME: report one check from a command's status.
ok() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		tap_failed=$((tap_failed + 1))
		echo "not ok $tap_n - $2"
	fi
}

# check NAME CMD...: run CMD, report it as one check.
check() {
	name=$1; shift
	if "$@"; then ok 0 "$name"; else ok 1 "$name"; fi
}

# is GOT WANT NAME: string equality, with a diff on failure.
is() {
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
	fi
}

# skip_all REASON: the whole script cannot run here.
skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

# diag TEXT: a comment line.
diag() { printf '%s\n' "$*" | sed 's/^/# /'; }

# done_testing: print the plan, exit 1 if anything failed.
done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# skip NAME REASON: one check that cannot run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}
