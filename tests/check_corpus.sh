#!/bin/sh
# check_corpus.sh: every broken routine under tests/bad gets exactly the
# diagnostic in its .expect file (line 2 on) and exit status 2; every good
# fixture and every bundled routine checks clean and silent.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

cd "$top_srcdir/tests" || exit 1
for f in bad/*.yaml; do
	name=${f%.yaml}
	out=$("$UNKNOT" check "$f" 2>&1)
	rc=$?
	want=$(sed 1d "$name.expect")
	is "$rc" 2 "$name: exit status 2"
	is "$out" "$want" "$name: diagnostic"
done
n=$(ls bad/*.yaml | wc -l)
check "at least 30 broken fixtures ($n)" test "$n" -ge 30

for f in good/*.yaml "$top_srcdir"/routines/*.yaml; do
	[ -f "$f" ] || continue
	out=$("$UNKNOT" check "$f" 2>&1)
	rc=$?
	is "$rc:$out" "0:" "clean: $(basename "$f")"
done
done_testing
