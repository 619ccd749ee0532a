#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui_screens.sh: what the curses screens show first, at 80x24 and 40x12,
# in tmux: the safety notes before anything else, and Enter paging until
# every one of them was on screen; on every hold of every bundled routine,
# the point, the side, the time left and the rating prompt (the whole point
# at 80x24; at 40x12 the skip key and the advice whole too); keys that do
# nothing saying so; the picker's first selection, its filter and its
# history rows. What the screens must show is read from the routine files
# (with Python's YAML parser), not from unknot.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
infocmp screen >/dev/null 2>&1 || skip_all "no terminfo entry for screen"
PY=${PYTHON3:-python3}
"$PY" -c 'import yaml' 2>/dev/null || skip_all "no Python 3 with PyYAML"
[ -x "$UNKNOT" ] || skip_all "no binary at $UNKNOT"
export LC_ALL=C.UTF-8
R="$top_srcdir/routines"

# flat: the pane's text on one line, every run of blanks one space.
flat() {
	pane_text | tr -s ' \n' '  '
}

# row N: line N (from 0) of the pane, without the blanks around it.
row() {
	pane_text | sed -n "$(($1 + 1))p" | sed 's/^ *//; s/ *$//'
}

# shows TEXT: the pane, flattened, has TEXT (flattened) in it.
shows() {
	case " $(flat) " in
	*"$(printf '%s' "$1" | tr -s ' \n' '  ')"*) return 0 ;;
	esac
	return 1
}

# until_shows TEXT: wait up to 10 s for the pane to show TEXT.
until_shows() {
	pane_until shows "$1"
}

# differs OLD: the pane's text is not OLD.
differs() {
	[ "$(pane_text)" != "$1" ]
}

# yaml FILE EXPR: print a Python expression over the routine r, one value
# a line, with the blanks of folded text made single.
yaml() {
	"$PY" - "$1" "$2" <<'EOF'
import sys, yaml
r = yaml.safe_load(open(sys.argv[1]))
v = eval(sys.argv[2])
for x in (v if isinstance(v, list) else [v]):
    print(" ".join(str(x).split()))
EOF
}

# start ARGS COLS ROWS: unknot ARGS in a fresh pane of that size (a
# server just told to end may still be going: try again).
start() {
	pane_stop
	i=0
	until pane_start "$UNKNOT --no-sound $1; sleep 60" "$2" "$3" &&
	    tmux -S "$PANE_SOCK" has-session -t t 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 20 ] && return 1
		sleep 0.2
	done
	i=0
	while [ -z "$(flat | tr -d ' ')" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 0.2
}

# to_step1 ROWS: press Enter on the screen before the first step until
# the first step is on screen, keeping the lines of text each page showed
# in $T/pre (rows 2 to ROWS-4, without the "more" marker); echo the number
# of Enters.
to_step1() {
	: > "$T/pre"
	n=0
	while [ $n -lt 40 ]; do
		if shows "Step 1 of"; then
			echo "$n"
			return 0
		fi
		pane_text | sed -n "3,$(($1 - 3))p" |
		    grep -v -e '▼ more' -e '▲ top' >> "$T/pre"
		old=$(pane_text)
		pane Enter
		n=$((n + 1))
		pane_until differs "$old"
		sleep 0.1
	done
	echo "$n"
	return 1
}

# 1. Safety first, and Enter reads on until every note was shown.
for size in "80 24" "40 12"; do
	set -- $size
	for id in upper-trapezius infraspinatus; do
		f="$R/$id.yaml"
		start "run $id" "$1" "$2"
		is "$(row 2)" "Before you start" \
		    "$id at $1x$2: the safety notes come first"
		enters=$(to_step1 "$2")
		check "$id at $1x$2: more than one Enter to start ($enters)" \
		    test "$enters" -gt 1
		seen=$(tr -s ' \n' '  ' < "$T/pre")
		missing=$(yaml "$f" 'r["safety"]' | while IFS= read -r note; do
			case "$seen" in
			*"$note"*) ;;
			*) printf '[%s] ' "$note" ;;
			esac
		done)
		is "$missing" "" "$id at $1x$2: every safety note was on screen before the start"
		check "$id at $1x$2: the last coaching rule too" sh -c \
		    'case "$1" in *"no pain, no gain"*) exit 0;; esac; exit 1' - "$seen"
	done
done

# 2. Every hold of every bundled routine at both sizes. The plan: per
# step of each routine with a hold, its id, number, kind, sides and point.
"$PY" - "$R" > "$T/plan" <<'EOF'
import glob, sys, yaml
for f in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    r = yaml.safe_load(open(f))
    steps = r.get("steps") or []
    if not any("hold" in s for s in steps):
        continue
    for i, s in enumerate(steps, 1):
        kind = next(iter(s))
        b = s[kind] or {}
        sides = ",".join(b.get("sides") or []) or "-"
        point = " ".join(str(b.get("point", "-")).split())
        print("\t".join([r["id"], str(i), kind, sides, point]))
EOF
holds=$(awk -F '\t' '$3 == "hold"' "$T/plan" | wc -l)
check "the plan has the holds of the bundled routines ($holds)" \
    test "$holds" -ge 24

# has FLAT TEXT: FLAT (a flattened screen) has TEXT in it.
has() {
	case " $1 " in
	*"$2"*) return 0 ;;
	esac
	return 1
}

# unmapped: standard input without the body map that may stand to the
# right of the text (its caption and its braille cells).
unmapped() {
	"$PY" -c '
import re, sys
for l in sys.stdin:
    print(re.sub(r" {2,}([LR] +(back|front) +[LR]|[\u2800-\u28ff\u25cf ]+)$", "",
        l.rstrip("\n")))'
}

# hold_checks ID STEP SIDE POINT COLS ROWS: what a hold screen must show,
# from one capture of it.
hold_checks() {
	what="$1 step $2, $3 side, at $5x$6"
	scr=$(pane_text)
	fl=$(printf '%s\n' "$scr" | tr -s ' \n' '  ')
	text=$(printf '%s\n' "$scr" | unmapped | tr -s ' \n' '  ')
	title=$(printf '%s\n' "$scr" | sed -n 2p | sed 's/ *$//')
	[ "$3" = - ] ||
	check "$what: the side, whole, on the title row" sh -c \
	    'case "$1" in *"$2 side") exit 0;; esac; exit 1' - "$title" "$3"
	check "$what: the time left" sh -c \
	    'printf "%s\n" "$1" | grep -Eq "[0-9]+:[0-9]{2} left"' - "$fl"
	check "$what: the rating prompt" has "$fl" "0-9, t = 10"
	if [ "$5" -ge 80 ]; then
		check "$what: the whole point" has "$text" "Point: $4"
	else
		check "$what: the skip key" has "$fl" "s skip"
		check "$what: the start of the point" has "$fl" \
		    "Point: $(printf '%s\n' "$4" | cut -d ' ' -f 1-3)"
	fi
}

for size in "80 24" "40 12"; do
	set -- $size
	cur=
	while IFS='	' read -r id step kind sides point; do
		if [ "$id" != "$cur" ]; then
			cur=$id
			start "run $id" "$1" "$2"
			to_step1 "$2" > /dev/null
		fi
		until_shows "Step $step of" ||
			{ ok 1 "$id at $1x$2: reached step $step"; continue; }
		if [ "$kind" != hold ]; then
			pane S
			continue
		fi
		for side in $(echo "$sides" | tr , ' '); do
			[ "$side" = - ] || until_shows "$side side" ||
			    { ok 1 "$id step $step: the $side side"; break; }
			# Getting ready: Enter says the point is found.
			until_shows "Get ready" && pane Enter
			until_shows "Rate any time"
			sleep 0.15
			hold_checks "$id" "$step" "$side" "$point" "$1" "$2"
			if [ "$side" = left ]; then
				pane r
				until_shows "Switch" && pane Enter
			fi
		done
		pane S
	done < "$T/plan"
done

# The ease-off advice at 40x12 is wrapped whole, with the side still on.
start "run upper-trapezius" 40 12
to_step1 12 > /dev/null
pane s s
until_shows "Get ready" && pane Enter
until_shows "Rate any time"
pane 9
check "40x12: the ease-off advice, whole" until_shows "Ease off the pressure \
until you can breathe freely. Breathe out slowly now and let the muscle relax. \
This is not a no-pain-no-gain situation."
check "40x12: ... with the side" sh -c \
    'case "$1" in *"left side") exit 0;; esac; exit 1' - "$(row 1)"
check "40x12: ... the time left" sh -c \
    'printf "%s\n" "$1" | grep -Eq "[0-9]+:[0-9]{2} left"' - "$(flat)"

# 3. Keys that do nothing say so. upper-trapezius: step 2 is a warm-up,
# step 3 a hold of 30 s, up to max_seconds.
max=$(yaml "$R/upper-trapezius.yaml" 'r["steps"][2]["hold"]["max_seconds"]')
start "run upper-trapezius" 80 24
to_step1 24 > /dev/null
pane s
until_shows "Step 2 of"
pane r
check "r outside a hold says so" until_shows "r is for a hold"
pane +
check "+ outside a hold says so" until_shows "+ lengthens a hold"
pane m
check "m without sound says so" until_shows "No sound in this session"
pane s
until_shows "Get ready" && pane Enter
until_shows "Rate any time"
t0=$(date +%s)
n=0
while [ $n -lt 10 ] && ! shows "at its longest"; do
	pane +
	n=$((n + 1))
	sleep 0.3
done
check "+ at the longest hold says so, with its length" \
    shows "This hold is at its longest already ($max s)"
is "$n" "$(( (max - 30) / 10 + 1 ))" "... after the presses that took it from 30 s to $max s"
pane r
until_shows "Noted: it let go after"
t1=$(date +%s)
got=$(flat | sed -n 's/.*Noted: it let go after \([0-9]*\) s.*/\1/p')
check "r says how long it took ($got s, at most $((t1 - t0 + 1)))" \
    test -n "$got" -a "${got:-99}" -le $((t1 - t0 + 1))

# 4. The picker. Its selected row starts with the arrow; a long title may
# be cut, so the first 30 characters of the title are compared.
selected() {
	pane_text | sed -n 's/^▸ //p' | cut -c 1-30 | sed 's/ *$//'
}
title() {
	yaml "$1" 'r["title"]' | cut -c 1-30 | sed 's/ *$//'
}
start "run" 80 24
until_shows "Choose a routine"
pane -l "upper tr"
until_shows "upper tr_"
is "$(selected)" "$(title "$R/upper-trapezius.yaml")" \
    "typing 'upper tr' selects the upper trapezius"

# Sessions, quickly: the last one run is preselected. A session at a
# scaled time or without input is a rehearsal, which does not count: each
# runs on the real clock with input, the bundled ones stopped after the
# safety screen, the homework (a note) read to the end.
run_plain() {
	printf '\n%b\n' "$2" | "$UNKNOT" --no-sound run --plain "$1" \
	    >/dev/null 2>&1
}
run_plain upper-trapezius q
# (and one rehearsed to the end, for the history's rows of its points)
UNKNOT_TIME_SCALE=1000 "$UNKNOT" --no-sound run --plain upper-trapezius \
    </dev/null >/dev/null 2>&1
sleep 1.1
run_plain levator-scapulae q
start "run" 80 24
until_shows "Choose a routine"
is "$(selected)" "$(title "$R/levator-scapulae.yaml")" \
    "with nothing due, the picker starts on the routine run last"

# The history names each side of a point whose title is long.
pane -l "upper-trapezius"
until_shows "upper-trapezius_"
pane Tab
until_shows "Points"
check "history: the neck point's left row names its side" sh -c \
    'printf "%s\n" "$1" | grep -q "^ *Where the neck.*(left)"' - "$(pane_text)"
check "history: ... and its right row" sh -c \
    'printf "%s\n" "$1" | grep -q "^ *Where the neck.*(right)"' - "$(pane_text)"

# Homework in the data directory: due ones come first, the one due
# longest ago first (3 a week is due 56 h after, 2 a week 84 h after).
H="$XDG_DATA_HOME/unknot/routines"
mkdir -p "$H"
for hw in "hw-a Alpha 2" "hw-b Beta 3" "hw-c Gamma 3"; do
	set -- $hw
	cat > "$H/$1.yaml" <<EOY
unknot: 1
id: $1
title: $2 homework
frequency: {per_week: $3, weeks: 4}
steps:
  - note: {title: Read, text: Read this., seconds: 1}
EOY
done
# (a second apart: the history keeps start times to the second)
run_plain hw-b "\\n"
sleep 1.1
run_plain hw-a "\\n"
sleep 1.1
run_plain suboccipitals q
mv "$H/hw-c.yaml" "$T/hw-c.yaml"
start "run" 80 24
until_shows "Choose a routine"
is "$(selected)" "$(title "$R/suboccipitals.yaml")" \
    "homework not due yet: the routine run last"
pane_stop
now=$(date +%s)
pane_start "env UNKNOT_NOW=$((now + 4 * 86400)) $UNKNOT --no-sound run; sleep 60"
until_shows "Choose a routine"
is "$(selected)" "Beta homework" \
    "four days on: the homework due longest ago (3 a week, due at 56 h)"
mv "$T/hw-c.yaml" "$H/hw-c.yaml"
touch -d "@$((now - 86400))" "$H/hw-c.yaml"
start "run" 80 24
until_shows "Choose a routine"
is "$(selected)" "Gamma homework" \
    "homework never run is due from when it was put there"
pane_stop
done_testing
