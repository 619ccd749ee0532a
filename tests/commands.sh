#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# commands.sh: the command table is the one source of every command's
# usage and options: `unknot help`, `unknot help COMMAND` and `unknot
# COMMAND --help` agree, the global options work before and after every
# command, and the bash completion and the manual name every command and
# option the table has.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

# The commands, as `unknot help` lists them (two spaces, then the name).
cmds=$("$UNKNOT" help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
# ... and as the manual's COMMANDS section describes them.
mancmds=$(sed -n '/^\.Sh COMMANDS/,/^\.Sh /p' "$top_srcdir/man/unknot.1" |
    sed -n 's/^\.It \(Oo \)*Cm \([a-z]*\).*/\2/p' | LC_ALL=C sort -u)
is "$(echo "$cmds" | LC_ALL=C sort | tr '\n' ' ')" \
    "$(echo "$mancmds" | tr '\n' ' ')" \
    "unknot help lists the commands the manual describes"

# own CMD: the command's own long options, from its help (up to the
# global options), one per line.
own() {
	"$UNKNOT" help "$1" | sed -n '/^Options:/,/^Global/p' |
	    sed -n 's/^  .. *--\([a-z-]*\).*/--\1/p'
}

# comp WORD...: what the bash completion offers for the last WORD.
mkdir -p "$T/empty"
comp() {
	(cd "$T/empty" && bash --norc --noprofile -c '
		. "$1/completions/unknot" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_unknot
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort -u
	' sh "$top_srcdir" "$@")
}

man=$top_srcdir/man/unknot.1
globals="--plain --no-sound --device --volume --voice --config --help"
for c in $cmds; do
	h=$("$UNKNOT" help "$c"; echo "rc=$?")
	d=$("$UNKNOT" "$c" --help; echo "rc=$?")
	is "$d" "$h" "$c --help is unknot help $c"
	case $h in
	"usage: unknot $c"*rc=0) ok 0 "$c: help starts with its usage" ;;
	*) ok 1 "$c: help starts with its usage" ;;
	esac
	offered=$(comp unknot "$c" -)
	missing=
	for o in $(own "$c") $globals; do
		echo "$offered" | grep -qx -- "$o" || missing="$missing $o"
	done
	is "$missing" "" "$c: the completion offers every option it takes"
	is "$(comp unknot "$(echo "$c" | cut -c1-3)" | grep -cx "$c")" 1 \
	    "$c: the completion offers the command"
	grep -q "^\.It Cm $c\b\|^\.It Oo Cm $c Oc" "$man"
	ok $? "$c: the manual describes it"
	missing=
	for o in $(own "$c"); do
		grep -q -- "Fl \\\\${o#-}\b\|Fl \\\\${o#-}\$" "$man" ||
		    missing="$missing $o"
	done
	is "$missing" "" "$c: the manual names every option it takes"
done

# A command the completion offers but the table does not have.
tabled=$(echo "$cmds" | LC_ALL=C sort | tr '\n' ' ')
offered=$(comp unknot "" 2>/dev/null | grep -x '[a-z]*' |
    grep -vxF "$(sed -n 's/^id: *//p' "$top_srcdir"/routines/*.yaml)" |
    LC_ALL=C sort | tr '\n' ' ')
is "$offered" "$tabled" "the completion offers exactly the table's commands"

# Global options after the command, for every command that reads the
# history (these refused them before).
for c in history report remind; do
	"$UNKNOT" "$c" --no-sound --volume 40 --device null >"$T/out" \
	    2>"$T/err"
	is "$?" 0 "$c takes global options after its name"
done
"$UNKNOT" history --volume 101 >/dev/null 2>"$T/err"
is "$?" 2 "a bad global option after the command is bad usage"
grep -q "volume must be from 0 to 100" "$T/err"
ok $? "and says what is wrong with it"

# --config after the command is the only config read: a broken default
# config is not read first.
mkdir -p "$XDG_CONFIG_HOME/unknot"
printf 'volume: [1, 2]\n' >"$XDG_CONFIG_HOME/unknot/config.yaml"
printf 'volume: 30\n' >"$T/good.yaml"
"$UNKNOT" history >/dev/null 2>"$T/err"
is "$?" 2 "the broken default config is refused"
"$UNKNOT" run --config "$T/good.yaml" --plain no-such-routine \
    </dev/null >/dev/null 2>"$T/err"
grep -q "config.yaml" "$T/err"
ok $((! $?)) "run --config FILE does not read the default config"
grep -q "no-such-routine" "$T/err"
ok $? "and goes on to the routine"
"$UNKNOT" --config "$T/good.yaml" history >/dev/null 2>&1
is "$?" 0 "--config before the command works as well"
# A command that never reads the config (list) leaves the broken default
# alone, but checks one named with --config.
"$UNKNOT" list >/dev/null 2>&1
is "$?" 0 "list does not read the default config"
"$UNKNOT" --config "$XDG_CONFIG_HOME/unknot/config.yaml" list >/dev/null \
    2>"$T/err"
is "$?" 2 "list --config with a broken file: refused"
check "  with the file, line and column" grep -q "config.yaml:1:" "$T/err"
"$UNKNOT" --config "$T/good.yaml" list >/dev/null 2>&1
is "$?" 0 "list --config with a good file"
rm -f "$XDG_CONFIG_HOME/unknot/config.yaml"

# Operands are counted from the table.
COLUMNS=80 "$UNKNOT" list extra >/dev/null 2>"$T/err"
is "$?" 2 "list takes no operand"
is "$(cat "$T/err")" "unknot: list: 'extra' is one argument too many
usage: unknot list [--json | --ids] [--sort id | title]" \
    "and says which one, then its usage line"
"$UNKNOT" help nonsense >/dev/null 2>"$T/err"
is "$?" 2 "help of a command that does not exist is bad usage"
"$UNKNOT" nonsense extra >/dev/null 2>"$T/err"
is "$?" 2 "an unknown command is bad usage"
grep -q "unknown command 'nonsense'" "$T/err"
ok $? "and is named"
"$UNKNOT" --version | grep -q "GPL-3.0-or-later"
ok $? "--version names the licence"

done_testing
