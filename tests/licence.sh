#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# licence.sh: unknot is GPL-3.0-or-later, and says so everywhere: every
# source file names its licence in an SPDX line near its top, COPYING is
# the GNU GPL version 3, and the README, --version and the manual say it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir" || exit 1
missing=
n=0
for f in src/*.c src/*.h tests/*.c tests/*.h tests/*.sh tests/*.py \
    fuzz/*.c fuzz/*.h fuzz/*.sh tools/*.c bench/*.c bench/*.py \
    bench/run bench/cpu bench/list bench/export bench/history bench/rss \
    bench/timer bench/avsync man/*.1 man/*.5 Makefile.am configure.ac \
    bootstrap completions/unknot; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	head -n 3 "$f" | grep -q 'SPDX-License-Identifier: GPL-3.0-or-later' ||
	    missing="$missing $f"
done
ok $((n < 100)) "more than 100 source files looked at ($n)"
is "$missing" "" "every source file has the SPDX line"
grep -q "GNU GENERAL PUBLIC LICENSE" COPYING &&
    grep -q "Version 3, 29 June 2007" COPYING
ok $? "COPYING is the GNU GPL version 3"
grep -q "GPL-3.0-or-later" README.md
ok $? "the README names the licence"
"$UNKNOT" --version | grep -q "GPL-3.0-or-later"
ok $? "--version names the licence"
grep -q "GPL-3.0-or-later" man/unknot.1
ok $? "the manual names the licence"
done_testing
