#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# list_cache.sh: the cache of what 'list' shows ($XDG_CACHE_HOME/unknot/
# library): a warm list prints, byte for byte, what a list without a cache
# prints, after an edit, a same-size edit with the mtime put back, a
# removed file, an invalid file, a duplicate id and a broken cache; and
# 'check' and 'show' never take anything from it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

L="$T/lib"
L2="$T/lib2"
mkdir -p "$L" "$L2"
for r in box-breathing low-back suboccipitals daily-5min; do
	cp "$top_srcdir/routines/$r.yaml" "$L/"
done
cp "$top_srcdir/routines/calm-long-exhale.yaml" "$L2/"
export UNKNOT_PATH="$L:$L2" COLUMNS=100
WARM="$T/warm"
CACHE="$WARM/unknot/library"
n=0

# lists DIR: list as a table (stdout and stderr) and as JSON, with the
# cache in DIR.
lists() {
	XDG_CACHE_HOME=$1 "$UNKNOT" list > "$1.table" 2>&1
	XDG_CACHE_HOME=$1 "$UNKNOT" list --json >> "$1.table" 2>&1
	cat "$1.table"
}

# same NAME: list with the warm cache (twice: once that may update it,
# once from it as updated) prints what list with a new, empty cache
# directory prints.
same() {
	n=$((n + 1))
	cold=$(lists "$T/cold$n")
	first=$(lists "$WARM")
	is "$first" "$cold" "$1: a list with the cache prints what one without does"
	again=$(lists "$WARM")
	is "$again" "$cold" "$1: and so does the next, from the cache it left"
}

same "first run"
check "the cache is written" test -s "$CACHE"
check "the cache holds the routines" grep -q '^Low back release$' "$CACHE"

# An edit that changes the size.
sed -i 's/^title: Low back release$/title: Lower back release, edited/' \
	"$L/low-back.yaml"
same "an edited file"
check "the edit shows" grep -q 'Lower back release, edited' "$T/warm.table"

# The same size, the mtime put back: only the ctime tells.
touch -r "$L/box-breathing.yaml" "$T/stamp"
sed -i 's/^title: Box breathing$/title: Xox breathing/' "$L/box-breathing.yaml"
touch -r "$T/stamp" "$L/box-breathing.yaml"
check "the mtime is back" test "$(stat -c %Y "$L/box-breathing.yaml")" = \
	"$(stat -c %Y "$T/stamp")"
same "a same-size edit with the mtime restored"
check "the same-size edit shows" grep -q 'Xox breathing' "$T/warm.table"

rm "$L/suboccipitals.yaml"
same "a removed file"
check "the removed routine is gone" sh -c '! grep -q suboccipitals "$1"' - \
	"$T/warm.table"

printf 'unknot: 1\nid: broken\ntitle: [unclosed\n' > "$L/broken.yaml"
same "an invalid file"
check "the invalid file is named" grep -q "broken.yaml.*not a valid routine" \
	"$T/warm.table"
check "the cache keeps its first diagnostic" grep -q '^[0-9]*:[0-9]*: ' "$CACHE"

# The same id in the second directory of the path, and in the first.
sed 's/^id: calm-long-exhale$/id: daily-5min/' \
	"$L2/calm-long-exhale.yaml" > "$L2/dup.yaml"
cp "$L/daily-5min.yaml" "$L/zz-dup.yaml"
same "a duplicate id"
check "the duplicates are named" sh -c '[ "$(grep -c "is also used by" "$1")" -eq 4 ]' \
	- "$T/warm.table"

# A broken cache: cut short, garbage, another program's, empty.
head -c 300 "$CACHE" > "$T/short" && cp "$T/short" "$CACHE"
same "a cache cut short"
printf 'garbage\n\001\002' > "$CACHE"
same "a cache of garbage"
sed '1s/.*/unknot library cache 0 0.0/' "$CACHE" > "$T/foreign"
cp "$T/foreign" "$CACHE"
same "a cache of another version"
printf "" > "$CACHE"
same "an empty cache"
check "the cache is written again" grep -q '^Lower back release, edited$' \
	"$CACHE"

# What the cache says of an unchanged file is shown as it says (the title
# forged at the same length), but never by show; check has no cache.
lists "$WARM" > /dev/null
sed -i 's/^Lower back release, edited$/Forge back release, edited/' "$CACHE"
check "a warm list takes the title from the cache" sh -c \
	'XDG_CACHE_HOME=$1 "$UNKNOT" list | grep -q "Forge back"' - "$WARM"
check "show does not" sh -c \
	'XDG_CACHE_HOME=$1 "$UNKNOT" show low-back | grep -q "Lower back release, edited"' \
	- "$WARM"
XDG_CACHE_HOME="$T/none" "$UNKNOT" check "$L/low-back.yaml"
is "$?" 0 "check of the routine passes"
check "check neither reads nor writes a cache" test ! -e "$T/none"

# A file whose mtime is not older than the cache is read again, even when
# the cache records it as it is: the cache file made older than it.
sed -i 's/^title: Xox breathing$/title: Yox breathing/' "$L/box-breathing.yaml"
"${PYTHON3:-python3}" - "$CACHE" "$L/box-breathing.yaml" <<'EOP'
import os, sys
cache, path = sys.argv[1], sys.argv[2]
st = os.stat(path)
lines = open(cache).read().split("\n")
for i, line in enumerate(lines):
    if line == path:
        f = lines[i - 2].split(" ")
        f[2:7] = [str(st.st_dev), str(st.st_ino), str(st.st_size),
                  str(st.st_mtime_ns), str(st.st_ctime_ns)]
        lines[i - 2] = " ".join(f)
        lines[i + 4] = "Xox breathing"
open(cache, "w").write("\n".join(lines))
os.utime(cache, ns=(st.st_mtime_ns - 1, st.st_mtime_ns - 1))
EOP
check "a file not older than the cache is read again" sh -c \
	'XDG_CACHE_HOME=$1 "$UNKNOT" list | grep -q "Yox breathing"' - "$WARM"

done_testing
