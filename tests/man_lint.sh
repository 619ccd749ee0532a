#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# man_lint.sh: the manual pages are clean under mandoc -Tlint and groff -ww,
# and their text fits 80 columns.
. "$top_srcdir/tests/tap.sh"

# empty OUTPUT NAME: one check that a tool printed nothing.
empty() {
	[ -z "$1" ]
	ok $? "$2"
	[ -z "$1" ] || diag "$1"
}

command -v mandoc >/dev/null 2>&1 || skip_all "mandoc is not installed"

pages="man/unknot.1 man/unknot-routine.5"

for p in $pages; do
	f="$top_srcdir/$p"
	# The pages refer to each other; mandoc looks only in the system's
	# manual directories for them, so those two references are expected.
	out=$(mandoc -Tlint "$f" 2>&1 | grep -v \
	    -e 'STYLE: referenced manual not found: Xr unknot 1' \
	    -e 'STYLE: referenced manual not found: Xr unknot-routine 5')
	empty "$out" "mandoc -Tlint $p"

	if command -v groff >/dev/null 2>&1; then
		out=$(groff -ww -z -mdoc "$f" 2>&1)
		empty "$out" "groff -ww $p"
	fi

	wide=$(mandoc -Tascii -Owidth=80 "$f" 2>/dev/null | col -bx |
	    awk 'length($0) > 80 { print NR ": " $0 }')
	empty "$wide" "$p fits 80 columns"
done

done_testing
