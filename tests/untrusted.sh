#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# untrusted.sh: routine files come from other people. Escape sequences,
# bidirectional overrides and other control characters in any text field,
# huge counts, huge strings, deep nesting, aliases, oversized files and
# sound paths that leave the sound directories are each refused with exit 2
# and a positioned message; nothing the file holds reaches the terminal as
# a control sequence; text that is safe (U+FFFD, emoji, wide and combining
# characters) is shown as it is.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

D=$T/files
mkdir -p "$D"

# unsafe FILE: true if FILE holds bytes a terminal would act on: C0 controls
# but tab and newline, DEL, C1 controls (UTF-8 C2 80-9F), and the bidi
# overrides and isolates (U+202A-U+202E, U+2066-U+2069).
unsafe() {
	od -An -v -tx1 "$1" | tr -s ' \n' '\n\n' | awk '
	$0 == "" { next }
	{ b = $0 }
	p2 == "e2" && p1 == "80" && b >= "aa" && b <= "ae" { bad = 1 }
	p2 == "e2" && p1 == "81" && b >= "a6" && b <= "a9" { bad = 1 }
	p1 == "c2" && b >= "80" && b <= "9f" { bad = 1 }
	b < "20" && b != "09" && b != "0a" { bad = 1 }
	b == "7f" { bad = 1 }
	{ p2 = p1; p1 = b }
	END { exit !bad }'
}

# A routine with every text field as a placeholder @NAME@; each line holds
# one field, so the expected line of an error is the placeholder's line.
cat >"$T/template" <<'EOF'
unknot: 1
id: untrusted
title: @title@
summary: @summary@
targets: [@targets@]
relieves: [@relieves@]
tools: [@tools@]
safety: [@safety@]
author: @author@
assigned_to: @assigned_to@
notes: @notes@
patterns:
  - name: @name@
    inhale: 4
    exhale: 6
steps:
  - hold:
      title: @step_title@
      point: @point@
      referral: @referral@
      text: @text@
      seconds: 30
  - breathe:
      title: Breathe
      pattern: box
      cycles: 2
aftercare: [@aftercare@]
allow: [no-warmup, no-target, no-release]
contact: @contact@
EOF
fields="title summary targets relieves tools safety author assigned_to contact notes
name step_title point referral text aftercare"

# make FILE FIELD VALUE: the template with VALUE (YAML source) in FIELD and
# plain words everywhere else.
make() {
	sed -e "s|@$2@|$3|" -e 's|@name@|calm|' -e 's|@[a-z_]*@|Fine words|' \
	    "$T/template" >"$1"
}

# The key a field's message names.
key() {
	case $1 in
	step_title) echo title ;;
	*) echo "$1" ;;
	esac
}

make "$D/clean.yaml" none none
out=$("$UNKNOT" check "$D/clean.yaml" 2>&1)
is "$?:$out" "0:" "the template itself is a valid routine"

# Each dangerous value in each field: one positioned error naming the field.
# Values are YAML double-quoted escapes: ESC [ 2J, OSC 0;title BEL, C1 CSI,
# RIGHT-TO-LEFT OVERRIDE, LEFT-TO-RIGHT ISOLATE, backspace, carriage
# return, DEL, tab.
for v in 'x\\e[2J' 'x\\e]0;title\\a' 'x\\x9b2J' 'abc\\u202Edef' \
    'x\\u2066y' 'x\\by' 'x\\ry' 'x\\x7fy' 'x\\ty'; do
	for f in $fields; do
		make "$D/bad.yaml" "$f" "\"$v\""
		line=$(grep -n "@$f@" "$T/template" | cut -d: -f1)
		out=$("$UNKNOT" check "$D/bad.yaml" 2>&1)
		rc=$?
		want="$D/bad.yaml:$line:[0-9]*: error: '$(key "$f")' contains a control character, escape sequence or invalid UTF-8 (byte [0-9]*)"
		if [ "$rc" -eq 2 ] && [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] &&
		    printf '%s\n' "$out" | grep -qx "$want"; then
			ok 0 "$f = \"$v\": refused at line $line"
		else
			ok 1 "$f = \"$v\": refused at line $line"
			diag "exit $rc: $out"
		fi
	done
done

# The same bytes written raw into the file: the reader refuses them at
# their line, whatever field they are in.
for f in title text aftercare; do
	line=$(grep -n "@$f@" "$T/template" | cut -d: -f1)
	for raw in ESC OSC C1; do
		case $raw in
		ESC) bytes='\033[2J' ;;
		OSC) bytes='\033]0;title\007' ;;
		C1) bytes='\302\2332J' ;;
		esac
		make "$D/raw.yaml" "$f" "\"x$(printf "$bytes")\""
		out=$("$UNKNOT" check "$D/raw.yaml" 2>&1)
		rc=$?
		if [ "$rc" -eq 2 ] && printf '%s\n' "$out" |
		    grep -qx "$D/raw.yaml:$line:[0-9]*: error: control characters are not allowed (at byte [0-9]*)"; then
			ok 0 "$f with raw $raw: refused at line $line"
		else
			ok 1 "$f with raw $raw: refused at line $line"
			diag "exit $rc: $out"
		fi
	done
done
make "$D/raw.yaml" text "\"x$(printf '\342\200\256')y\""
out=$("$UNKNOT" check "$D/raw.yaml" 2>&1)
is "$?:$out" "2:$D/raw.yaml:21:13: error: 'text' contains a control character, escape sequence or invalid UTF-8 (byte 2)" \
    "a raw RIGHT-TO-LEFT OVERRIDE is refused at its field"

# refused NAME FILE PATTERN: check exits 2 with one line matching PATTERN.
refused() {
	out=$("$UNKNOT" check "$2" 2>&1)
	rc=$?
	if [ "$rc" -eq 2 ] && printf '%s\n' "$out" | grep -qx "$3"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "exit $rc: $(printf '%s\n' "$out" | head -3)"
	fi
}

# A NUL would end the string early and hide what follows: refused.
for f in title text; do
	line=$(grep -n "@$f@" "$T/template" | cut -d: -f1)
	make "$D/nul.yaml" "$f" '"x\\0\\e[2J"'
	refused "$f with a NUL is refused at line $line" "$D/nul.yaml" \
	    "$D/nul.yaml:$line:[0-9]*: error: a NUL character (\\\\0) is not allowed"
done

# Every field at once: one error for each.
cp "$T/template" "$D/all.yaml"
for f in $fields; do
	sed -i "s|@$f@|\"$f \\\\e[2J\"|" "$D/all.yaml"
done
sed -i 's|@[a-z_]*@|Fine|' "$D/all.yaml"
out=$("$UNKNOT" check "$D/all.yaml" 2>&1)
rc=$?
n=$(printf '%s\n' "$out" | grep -c ": error: '[a-z_]*' contains a control character")
is "$rc:$n" "2:$(echo $fields | wc -w)" "escapes in every field: one error for each"
printf '%s\n' "$out" >"$T/out"
if unsafe "$T/out"; then ok 1 "escapes in every field: no escape in the messages"
else ok 0 "escapes in every field: no escape in the messages"; fi

# Keys and enumerated values are echoed in messages: made safe there.
printf 'unknot: 1\nid: t\ntitle: T\n"\\e]0;pwned\\a": 1\nsteps:\n  - hold: {point: p, sides: ["\\x9b2J"]}\n' >"$D/echo.yaml"
"$UNKNOT" check "$D/echo.yaml" >"$T/out" 2>&1
rc=$?
check "an escape in a key or a value echoed in a message: exit 2" test "$rc" -eq 2
if unsafe "$T/out"; then ok 1 "... and the message holds no escape"; else
	ok 0 "... and the message holds no escape"; fi
check "... and every message is positioned" sh -c \
    '! grep -v "^[^:]*:[0-9][0-9]*:[0-9][0-9]*: error: " "$0"' "$T/out"

# 10,000 steps.
{
	printf 'unknot: 1\nid: many\ntitle: Many\nsteps:\n'
	i=0
	while [ $i -lt 10000 ]; do
		printf '  - note: {text: hi}\n'
		i=$((i + 1))
	done
} >"$D/steps.yaml"
refused "10,000 steps are refused" "$D/steps.yaml" \
    "$D/steps.yaml:5:3: error: 'steps' has too many entries (10000, at most 500)"

# 100 KB strings, in a one-line field and in a text.
big=$(head -c 102400 /dev/zero | tr '\0' 'a')
make "$D/long-title.yaml" title "$big"
refused "a 100 KB title is refused" "$D/long-title.yaml" \
    "$D/long-title.yaml:3:8: error: 'title' is too long (102400 bytes, at most 80)"
make "$D/long-text.yaml" text "$big"
refused "a 100 KB text is refused" "$D/long-text.yaml" \
    "$D/long-text.yaml:21:13: error: 'text' is too long (102400 bytes, at most 2000)"

# Deep nesting, in flow and block style.
deep=$(head -c 1000 /dev/zero | tr '\0' '[')$(head -c 1000 /dev/zero | tr '\0' ']')
make "$D/deep.yaml" notes "$deep"
refused "1,000 nested lists are refused" "$D/deep.yaml" \
    "$D/deep.yaml:11:[0-9]*: error: nesting is too deep (at most 32 levels)"
{
	printf 'unknot: 1\nid: t\ntitle: T\nnotes:\n'
	i=0 ind=""
	while [ $i -lt 100 ]; do
		printf '%sk:\n' "$ind"
		ind="$ind "
		i=$((i + 1))
	done
	printf '%sx\n' "$ind"
} >"$D/deep-block.yaml"
refused "100 nested mappings are refused" "$D/deep-block.yaml" \
    "$D/deep-block.yaml:[0-9]*:[0-9]*: error: nesting is too deep (at most 32 levels)"

# Aliases, including the exponential kind.
cat >"$D/alias.yaml" <<'EOF'
unknot: 1
id: t
title: &t T
summary: *t
steps:
  - note: {text: hi}
EOF
refused "an alias is refused" "$D/alias.yaml" \
    "$D/alias.yaml:4:10: error: YAML aliases are not allowed in routine files"
cat >"$D/laughs.yaml" <<'EOF'
a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
EOF
refused "nested aliases are refused at the first" "$D/laughs.yaml" \
    "$D/laughs.yaml:2:8: error: YAML aliases are not allowed in routine files"

# A 2 MiB file is refused before it is parsed (a parse would report the
# unclosed list on line 1).
{ printf '[\n'; head -c 2097152 /dev/zero | tr '\0' '#'; } >"$D/huge.yaml"
refused "a 2 MiB file is refused before parsing" "$D/huge.yaml" \
    "$D/huge.yaml:1:1: error: file is too large (2097154 bytes, at most 1048576)"

# Sound paths must stay inside the sound directories.
for p in ../../etc/passwd /etc/passwd /usr/share/sounds/x.flac a/../../x \
    .. sub/..; do
	printf 'unknot: 1\nid: t\ntitle: T\nsteps:\n  - note: {text: hi}\nsounds:\n  bell: "%s"\n' \
	    "$p" >"$D/sound.yaml"
	refused "sound path '$p' is refused" "$D/sound.yaml" \
	    "$D/sound.yaml:7:9: error: sound '$p' must be a file name inside the sounds directory, without '..' or a leading '/'"
done

# The config file is YAML from a file too: a device name is one line of
# safe text.
mkdir -p "$XDG_CONFIG_HOME/unknot"
for v in 'hw\e[2J:3' 'pulse\nnext:6'; do
	printf 'device: "%s"\n' "${v%:*}" >"$XDG_CONFIG_HOME/unknot/config.yaml"
	out=$("$UNKNOT" run --plain=events no-such-routine </dev/null 2>&1)
	is "$?:$out" "2:$XDG_CONFIG_HOME/unknot/config.yaml:1:9: error: 'device' contains a control character, escape sequence or invalid UTF-8 (byte ${v##*:})" \
	    "a device name with a control character in the config is refused (byte ${v##*:})"
done
rm -f "$XDG_CONFIG_HOME/unknot/config.yaml"

# Many keys or many repeated words: refused in linear time (this took
# minutes and gigabytes when repeats were found by comparing every pair).
{
	printf 'unknot: 1\nid: t\ntitle: T\nsteps:\n  - note: {text: hi}\n'
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "k%d: 1\n", i }'
} >"$D/keys.yaml"
out=$(timeout 300 "$UNKNOT" check "$D/keys.yaml" 2>&1)
rc=$?
is "$rc:$(printf '%s\n' "$out" | wc -l)" "2:10000" \
    "10,000 unknown keys: one error each, in bounded time"
{
	printf 'unknot: 1\nid: t\ntitle: T\nsteps:\n  - hold: {point: p, sides: ['
	awk 'BEGIN { for (i = 0; i < 10000; i++) printf "left, " }'
	printf 'right]}\n'
} >"$D/sides.yaml"
out=$(timeout 300 "$UNKNOT" check "$D/sides.yaml" 2>&1)
rc=$?
is "$rc:$(printf '%s\n' "$out" | wc -l)" "2:9999" \
    "10,000 repeated sides: one error per repeat, in bounded time"

# No command shows anything from a refused file: show and run refuse it,
# list skips it with a warning, and none of them prints an escape.
mkdir -p "$T/lib"
make "$T/lib/evil.yaml" title '"Evil \\e]0;pwned\\a \\e[2J \\x9b2J \\u202E"'
sed -i 's/^id: untrusted/id: evil/' "$T/lib/evil.yaml"
cp "$D/echo.yaml" "$T/lib/echo.yaml"
cp "$D/clean.yaml" "$T/lib/clean.yaml"
cp "$D/clean.yaml" "$T/lib/$(printf 'name\033[2J\302\233.yaml')"
printf 'unknot: 1\nid: "\\e[2J"\ntitle: T\nsteps:\n  - note: {text: hi}\n' \
    >"$T/lib/id.yaml"
for cmd in "show evil" "show $T/lib/evil.yaml" "run --plain=events --no-sound evil" \
    "run --plain=events --no-sound $T/lib/evil.yaml" "show $T/lib/echo.yaml" \
    "run --plain=events --no-sound $T/lib/echo.yaml" "show $T/lib/id.yaml"; do
	# shellcheck disable=SC2086
	UNKNOT_PATH=$T/lib "$UNKNOT" $cmd </dev/null >"$T/out" 2>&1
	rc=$?
	check "unknot $cmd: refused (exit 2)" test "$rc" -eq 2
	if unsafe "$T/out"; then ok 1 "unknot $cmd: no escape in the output"
	else ok 0 "unknot $cmd: no escape in the output"; fi
done
for cmd in "list" "list --json" "list --ids"; do
	# shellcheck disable=SC2086
	UNKNOT_PATH=$T/lib "$UNKNOT" $cmd </dev/null >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/err" >>"$T/out"
	check "unknot $cmd: lists the good routine" grep -q untrusted "$T/out"
	check "unknot $cmd: does not list the bad ones" sh -c \
	    '! grep -q "Evil\|pwned" "$0"' "$T/out"
	if unsafe "$T/out"; then ok 1 "unknot $cmd: no escape in the output"
	else ok 0 "unknot $cmd: no escape in the output"; fi
done

# Text that is safe is shown as it is: the replacement character, emoji,
# CJK wide characters, combining marks.
text=$(printf 'Nacken \357\277\275 \360\237\230\200 \344\270\255\346\226\207 cafe\314\201')
printf 'unknot: 1\nid: unicode\ntitle: "%s"\nsteps:\n  - note: {title: "%s", text: "%s", seconds: 1}\n' \
    "$text" "$text" "$text" >"$D/unicode.yaml"
out=$("$UNKNOT" check "$D/unicode.yaml" 2>&1)
is "$?:$out" "0:" "U+FFFD, emoji, wide and combining characters are accepted"
out=$("$UNKNOT" run --plain=events --no-sound "$D/unicode.yaml" </dev/null 2>&1)
check "run --plain=events shows the title as it is" sh -c \
    'printf "%s\n" "$0" | grep -qxF "[00:00] routine: $1 (unicode), 1 seconds"' \
    "$out" "$text"
check "run --plain=events shows the step title as it is" sh -c \
    'printf "%s\n" "$0" | grep -qxF "[00:00] step_start: step 1 of 1, note: $1"' \
    "$out" "$text"
check "run --plain=events shows the text as it is" sh -c \
    'printf "%s\n" "$0" | grep -qxF "[00:00] text: $1"' "$out" "$text"
# A key indented wrongly at the end of a file of nearly 1 MB is explained
# from the lines above it in one pass, not one pass per line: well under a
# second of CPU (a scan from the top for each line took 3.6 s).
"${PYTHON3:-python3}" -c '
import sys
lines = ["unknot: 1", "id: t", "title: T", "notes: >-"]
lines += ["  some words of a long note"] * 35700
lines += ["steps:", "  - note:", "      text: a", "     seconds: 3"]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
' "$D/long.yaml"
out=$(ulimit -t 1; "$UNKNOT" check "$D/long.yaml" 2>&1)
is "$out" "$D/long.yaml:35708:6: error: 'seconds' seems to belong to the 'note' step on line 35706, but it is indented 5 spaces where that step's keys have 6; line it up with them (spaces only, 2 per level)" \
    "a wrong indentation at the end of a long file, within a second of CPU"

out=$("$UNKNOT" show "$D/unicode.yaml" 2>&1)
check "show shows the title as it is" sh -c \
    'printf "%s\n" "$0" | grep -qxF "$1"' "$out" "$text"

done_testing
