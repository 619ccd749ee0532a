#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli.sh: the command line: help, version, exit statuses, list, show, new,
# check warnings and the search path.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

G="$top_srcdir/tests/good"
export UNKNOT_PATH="$G"

out=$("$UNKNOT" --help); rc=$?
is "$rc" 0 "--help exits 0"
check "--help lists the commands" sh -c 'echo "$1" | grep -q "check .*FILE"' - "$out"
out=$("$UNKNOT" -V); rc=$?
is "$rc" 0 "--version exits 0"
check "--version names the libraries" sh -c 'echo "$1" | grep -q libcyaml &&
    echo "$1" | grep -q SQLite && echo "$1" | grep -q ncurses' - "$out"
"$UNKNOT" --bogus >/dev/null 2>&1
is "$?" 2 "an unknown option exits 2"
"$UNKNOT" frob extra >/dev/null 2>&1
is "$?" 2 "an unknown command exits 2"
"$UNKNOT" check >/dev/null 2>"$T/err"
is "$?" 2 "check without files exits 2"
check "  it says the file is missing" grep -q "check: FILE is missing" "$T/err"
# A missing or extra operand is named before the usage line.
"$UNKNOT" show >/dev/null 2>"$T/err"
is "$?" 2 "show without a routine exits 2"
check "  it says ROUTINE is missing, then the usage" sh -c \
    'sed -n 1p "$1" | grep -q "^unknot: show: ROUTINE is missing\$" &&
     sed -n 2p "$1" | grep -q "^usage: unknot show"' - "$T/err"
"$UNKNOT" list extra >/dev/null 2>"$T/err"
is "$?" 2 "list with an operand exits 2"
check "  it names the one too many" grep -q "list: 'extra' is one argument too many" "$T/err"
"$UNKNOT" export minimal >/dev/null 2>"$T/err"
is "$?" 2 "export without -o exits 2"
check "  it says -o FILE is missing" grep -q "export: -o FILE is missing" "$T/err"
"$UNKNOT" --volume 101 list >/dev/null 2>&1
is "$?" 2 "a volume above 100 exits 2"
# An empty file name is bad usage, for every option that takes one.
for c in "new -o" "report --output" "remind --ics" "keygen -p"; do
	# shellcheck disable=SC2086 # the command and option, split
	"$UNKNOT" $c '' >"$T/out" 2>"$T/err"
	is "$?" 2 "$c '' exits 2"
	check "  it says a file name is needed, then the usage" sh -c \
	    'grep -q -- "--[a-z-]* needs a file name\$" "$1" &&
	     sed -n 2p "$1" | grep -q "^usage: unknot "' - "$T/err"
done
check "  and nothing was written" test ! -s "$T/out"
# --keys lists the keys alone: a file beside it is a mistake, not ignored.
"$UNKNOT" check --keys "$T/out" >"$T/out2" 2>"$T/err"
is "$?" 2 "check --keys with a file exits 2"
check "  it says --keys takes no file" grep -q "take no file" "$T/err"
"$UNKNOT" check --keys --config-keys >/dev/null 2>&1
is "$?" 2 "check --keys --config-keys exits 2"

# list: table, ids, JSON.
out=$("$UNKNOT" list --ids)
is "$out" "$(printf 'full-example\nminimal\nsides-example')" "list --ids: ids in order"

# list sorts by id, --sort title by title (case ignored), on the bundled
# routines, whose two orders differ; the orders here come from the files.
R="$top_srcdir/routines"
want=$(for f in "$R"/*.yaml; do sed -n 's/^id: *//p' "$f"; done | LC_ALL=C sort)
is "$(UNKNOT_PATH="$R" "$UNKNOT" list --ids)" "$want" "list --ids: sorted by id"
want=$(for f in "$R"/*.yaml; do
	printf '%s\t%s\n' "$(sed -n 's/^title: *//p' "$f")" "$(sed -n 's/^id: *//p' "$f")"
done | LC_ALL=C sort -f -t "$(printf '\t')" -k1,1 -k2,2 | cut -f2)
is "$(UNKNOT_PATH="$R" "$UNKNOT" list --ids --sort title)" "$want" \
	"list --sort title: sorted by title"
check "--sort title is not the id order here" test "$want" != \
	"$(UNKNOT_PATH="$R" "$UNKNOT" list --ids)"
UNKNOT_PATH="$R" "$UNKNOT" list --sort size >/dev/null 2>"$T/err"
is "$?" 2 "list --sort size: usage error"
check "list --sort size says what it takes" grep -q "id or title" "$T/err"
# The table is as wide as COLUMNS: at 120 no line is longer and the
# longest title is whole; at 60 no line is longer than 60. (The heading
# of a directory is its path, whole however long: out of the count, as
# make distcheck's paths are long.)
long=$(for f in "$R"/*.yaml; do sed -n 's/^title: *//p' "$f"; done |
	awk '{ if (length($0) > length(m)) m = $0 } END { print m }')
out=$(UNKNOT_PATH="$R" COLUMNS=120 "$UNKNOT" list)
check "list at 120 columns: no line longer" sh -c \
	'printf "%s\n" "$1" | awk "!/^\\// && length(\$0) > 120 { bad = 1 } END { exit bad }"' - "$out"
check "list at 120 columns: the longest title whole ($long)" sh -c \
	'printf "%s\n" "$1" | grep -qF -- "$2"' - "$out" "$long"
check "list at 120 columns: wider than 80" sh -c \
	'printf "%s\n" "$1" | awk "length(\$0) > 80 { w = 1 } END { exit !w }"' - "$out"
out=$(UNKNOT_PATH="$R" COLUMNS=60 "$UNKNOT" list)
check "list at 60 columns: no line longer" sh -c \
	'printf "%s\n" "$1" | awk "!/^\\// && length(\$0) > 60 { bad = 1 } END { exit bad }"' - "$out"
out=$("$UNKNOT" list)
check "list shows titles and times" sh -c 'echo "$1" | grep -q "^  minimal  *Minimal  *0:10$"' - "$out"
check "list groups by directory" sh -c 'echo "$1" | head -1 | grep -qx "$2:"' - "$out" "$G"
check "list names a file not called ID.yaml" sh -c 'echo "$1" | grep -q "^  full-example .*(.*/full.yaml)$"' - "$out"
"$UNKNOT" list --json > "$T/list.json"
if "${PYTHON3:-python3}" -c 'import sys' 2>/dev/null; then
	check "list --json parses, with ids and seconds" "${PYTHON3:-python3}" -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [e["id"] for e in v] == ["full-example", "minimal", "sides-example"], v
assert v[1]["seconds"] == 10, v
assert v[0]["targets"] == "upper trapezius, levator scapulae", v
' "$T/list.json"
fi

# Duplicate ids: the first on the path wins, with a warning.
mkdir -p "$T/dup"
cp "$G/minimal.yaml" "$T/dup/other-name.yaml"
out=$(UNKNOT_PATH="$G:$T/dup" "$UNKNOT" list --ids 2>"$T/err")
is "$out" "$(printf 'full-example\nminimal\nsides-example')" "a duplicate id is listed once"
check "a duplicate id is warned about" grep -q "warning: id 'minimal' is also used by" "$T/err"

# show by id and by path.
out=$("$UNKNOT" show full-example); rc=$?
is "$rc" 0 "show by id"
check "show lists steps with sides and holds" sh -c 'echo "$1" | grep -q "20s hold (up to 40s), left then right"' - "$out"
check "show lists safety notes" sh -c 'echo "$1" | grep -q "numbness, tingling"' - "$out"
"$UNKNOT" show no-such-routine >/dev/null 2>"$T/err"
is "$?" 2 "show of an unknown id exits 2"
check "show of an unknown id says so" grep -q "no routine 'no-such-routine'" "$T/err"

# new: a template that checks clean, never overwrites.
"$UNKNOT" new -o "$T/mine.yaml"
is "$?" 0 "new -o writes a template"
out=$("$UNKNOT" check "$T/mine.yaml" 2>&1)
is "$?:$out" "0:" "the template checks clean"
check "the template names the JSON schema" grep -q 'yaml-language-server: \$schema=' "$T/mine.yaml"
"$UNKNOT" new -o "$T/mine.yaml" 2>/dev/null
is "$?" 1 "new -o does not overwrite"
"$UNKNOT" new -f -o "$T/mine.yaml"
is "$?" 0 "new -f -o overwrites"

# Warnings print but do not fail.
sed 's/seconds: 20$/seconds: 8/' "$G/full.yaml" > "$T/warn.yaml"
out=$("$UNKNOT" check "$T/warn.yaml" 2>&1); rc=$?
is "$rc" 0 "a warning alone exits 0"
is "$out" "$T/warn.yaml:30:16: warning: a hold of 8 seconds is outside the usual 10 to 60 seconds [hold-length]" "the warning is positioned and named"

# --strict: a warning is an error, still named; allow silences it by name.
out=$("$UNKNOT" check --strict "$T/warn.yaml" 2>&1); rc=$?
is "$rc" 2 "check --strict: a warning alone exits 2"
is "$out" "$T/warn.yaml:30:16: error: a hold of 8 seconds is outside the usual 10 to 60 seconds [hold-length]" "check --strict: the warning is an error"
sed 's/^steps:$/allow: [hold-length]\nsteps:/' "$T/warn.yaml" > "$T/allow.yaml"
out=$("$UNKNOT" check --strict "$T/allow.yaml" 2>&1); rc=$?
is "$rc:$out" "0:" "allow: [hold-length] silences it, even with --strict"

# export: an unknown format lists exactly the formats the manual lists.
out=$("$UNKNOT" export minimal -o "$T/x.mp3" 2>&1); rc=$?
is "$rc" 2 "export to an unknown format exits 2"
listed=$(echo "$out" | sed -n "s/.*unknown audio format 'mp3' (\(.*\))\$/\1/p" |
	sed 's/, / /g; s/ or / /')
manual=$(sed -n 's/^\.It Cm export .*Fl \\-format Cm \(.*\) Oc Op .*/\1/p' \
	"$top_srcdir/man/unknot.1" | sed 's/ | / /g')
check "the manual lists export formats" test -n "$manual"
is "$listed" "$manual" "the export format error lists the manual's formats"

# Several files: all are checked, the status is the worst.
out=$("$UNKNOT" check "$G/minimal.yaml" "$top_srcdir/tests/bad/empty.yaml" "$top_srcdir/tests/bad/reps-zero.yaml" 2>&1); rc=$?
is "$rc" 2 "one bad file among several exits 2"
is "$(echo "$out" | wc -l)" 2 "each bad file is reported"

# All semantic errors of a file in one run.
cat > "$T/many.yaml" <<'EOY'
unknot: 1
id: many
title: Many
steps:
  - hold: {point: p, seconds: 400}
  - hold: {point: p, breathing: nope}
  - exercise: {title: x, reps: 0}
EOY
out=$("$UNKNOT" check "$T/many.yaml" 2>&1)
is "$(echo "$out" | grep -c error:)" 3 "every semantic error is reported in one run"

# Keys the loader accepts (kept in step with the JSON Schema).
out=$("$UNKNOT" check --keys)
check "--keys lists nested keys" sh -c 'echo "$1" | grep -qx "steps\[\].hold.seconds" &&
    echo "$1" | grep -qx "frequency.per_week"' - "$out"
# What a message repeats of its input reaches the terminal as text: an
# escape in an option's value, a command's name or a file's name comes out
# as U+FFFD (EF BF BD), the rest of the message as it was.
esc=$(printf '\033')
"$UNKNOT" check --format "${esc}[31mred" x.yaml 2>"$T/err"
is "$?" 2 "an escape in an option's value: still a usage error"
check "  no escape byte reaches stderr" sh -c '! grep -q "$1" "$2"' - "$esc" "$T/err"
check "  U+FFFD in its place, the rest kept" grep -qF \
    "not '$(printf '\357\277\275')[31mred'" "$T/err"
"$UNKNOT" help "${esc}]0;title$(printf '\007')" 2>"$T/err"
is "$?" 2 "help on a command named with a title change: no such command"
check "  neither the escape nor the bell reaches stderr" sh -c \
    '! grep -q "$1" "$3" && ! grep -q "$2" "$3"' - "$esc" "$(printf '\007')" "$T/err"
"$UNKNOT" show "$T/caf$(printf '\303\251')${esc}[2J.yaml" 2>"$T/err"
check "a file name's escape is replaced, its letters kept" sh -c \
    '! grep -q "$1" "$2" && grep -qF "caf$(printf "\303\251\357\277\275")[2J" "$2"' \
    - "$esc" "$T/err"

done_testing
