#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# completion.sh: the bash completion offers the commands, options and the
# routine ids of the search path.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v bash >/dev/null 2>&1 || skip_all "bash is not installed"

# comp WORD...: the completions bash offers for the last WORD, sorted, one
# per line; run in $dir, an empty directory unless set.
mkdir -p "$T/empty"
dir=$T/empty
comp() {
	(cd "$dir" && bash --norc --noprofile -c '
		. "$1/completions/unknot" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_unknot
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort -u
	' sh "$top_srcdir" "$@")
}

is "$(comp "$UNKNOT" ru)" "run" "unknot ru: run"
is "$(comp "$UNKNOT" li)" "list" "unknot li: list"
is "$(comp "$UNKNOT" che)" "check
checkin" "unknot che: check and checkin"
is "$(comp "$UNKNOT" checkin "")" "$(seq 0 10 | LC_ALL=C sort)" \
    "checkin: the soreness 0 to 10"
is "$(comp "$UNKNOT" note --ro)" "--routine" "note --ro: --routine"
is "$(comp "$UNKNOT" --vers)" "--version" "unknot --vers: --version"
# The bundled routine ids, sorted.
ids=$(for f in "$top_srcdir"/routines/*.yaml; do
	sed -n 's/^id: *//p' "$f"
done | LC_ALL=C sort)
is "$(comp "$UNKNOT" --plain l)" "$( (echo list; echo "$ids" | grep '^l') |
	LC_ALL=C sort)" "options before the command are skipped"
is "$(comp "$UNKNOT" list --j)" "--json" "unknot list --j: --json"
is "$(comp "$UNKNOT" list --so)" "--sort" "unknot list --so: --sort"
is "$(comp "$UNKNOT" run --plain = e)" "events" "run --plain=e: events"
is "$(comp "$UNKNOT" list --sort t)" "title" "unknot list --sort t: title"
is "$(comp "$UNKNOT" run daily)" "daily-5min" "unknot run daily: the routine id"
is "$(comp "$UNKNOT" show upper-t)" "upper-trapezius" \
	"unknot show upper-t: the routine id"
is "$(comp "$UNKNOT" run daily-5min "")" "" "run takes one routine"
is "$(comp "$UNKNOT" report --routine box)" "box-breathing" \
	"report --routine: routine ids"
is "$(comp "$UNKNOT" report --format m)" "markdown" "report --format m"
is "$(comp "$UNKNOT" sheet daily-5min --format h)" "html" \
	"sheet --format h"
is "$(comp "$UNKNOT" sheet daily-5min --paper l)" "letter" \
	"sheet --paper l"
is "$(comp "$UNKNOT" sheet upper-t)" "upper-trapezius" \
	"unknot sheet upper-t: the routine id"
is "$(comp "$UNKNOT" sheet daily-5min --pa)" "--paper" "sheet --pa: --paper"
is "$(comp "$UNKNOT" export daily-5min --format f)" "flac" \
	"export --format f"
is "$(comp "$UNKNOT" export daily-5min --format o)" "ogg
opus" "export --format o: every format the manual lists"
is "$(comp "$UNKNOT" check --format "")" "json
text" "check --format: text and json"
is "$(comp "$UNKNOT" check --st)" "--strict" "check --st: --strict"
is "$(comp "$UNKNOT" show --format m)" "markdown" "show --format m: markdown"
is "$(comp "$UNKNOT" edit upper-t)" "upper-trapezius" "edit upper-t: the routine id"
is "$(comp "$UNKNOT" ed)" "edit" "unknot ed: edit"

# Every bundled routine id is offered for "unknot run ".
is "$(comp "$UNKNOT" run "")" "$ids" \
	"unknot run <TAB>: every bundled routine id"

# Files for check, and for a routine given as a path.
mkdir -p "$T/work/sub"
: >"$T/work/neck.yaml"
: >"$T/work/notes.txt"
dir=$T/work
is "$(comp "$UNKNOT" check ne)" "neck.yaml" "check: routine files"
is "$(comp "$UNKNOT" check "")" "neck.yaml
sub" "check: routine files and directories, not other files"
is "$(comp "$UNKNOT" run ./n)" "./neck.yaml" "run ./n: a routine file"
is "$(comp "$UNKNOT" new -o no)" "notes.txt" "new -o: any file"

# The signing commands.
is "$(comp "$UNKNOT" key)" "keygen" "unknot key: keygen"
is "$(comp "$UNKNOT" ver)" "verify" "unknot ver: verify"
is "$(comp "$UNKNOT" im)" "import" "unknot im: import"
is "$(comp "$UNKNOT" keygen --u)" "--unencrypted" "keygen --u: --unencrypted"
is "$(comp "$UNKNOT" sign n)" "neck.yaml" "sign: routine files"
is "$(comp "$UNKNOT" sign neck.yaml -k no)" "notes.txt" "sign -k: any file"
is "$(comp "$UNKNOT" sign neck.yaml --author "")" "" "sign --author: a name"
is "$(comp "$UNKNOT" sign neck.yaml --ex)" "--expires" "sign --ex: --expires"
is "$(comp "$UNKNOT" import "")" "neck.yaml
sub" "import: routine files and directories"
is "$(comp "$UNKNOT" import neck.yaml --f)" "--force" "import --f: --force"
is "$(comp "$UNKNOT" verify -p no)" "notes.txt" "verify -p: any file"

done_testing
