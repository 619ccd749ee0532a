#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# faults_input.sh: what the user's environment and other people's files can
# do to the input side: FIFOs where routines or the config are looked for
# (nothing hangs), a config holding only comments, file names with escape
# sequences and bytes that are not UTF-8, spreadsheet formulas and Markdown
# in routine text that reaches a report, duplicate ids on the search path,
# and bad values in the environment and on the command line.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

PY=${PYTHON3:-python3}
[ "$PY" = : ] && PY=python3
command -v "$PY" >/dev/null 2>&1 || skip_all "python3 is needed"
command -v timeout >/dev/null 2>&1 || skip_all "timeout(1) is needed"
export ALSA_CONFIG_PATH="$T/asound-none.conf"

# routine FILE ID TITLE: a small valid routine.
routine() {
	cat >"$1" <<EOF
unknot: 1
id: $2
title: $3
steps:
  - note: {text: Read this.}
EOF
}

# bounded NAME STATUS CMD...: run CMD with stdin from /dev/null for at most
# 10 s (longer under memcheck); a hang (timeout's 124) is a failure, as is
# another exit status than STATUS. Output in $T/out, $T/err.
bounded() {
	name=$1 want=$2
	shift 2
	limit 10 "$@" </dev/null >"$T/out" 2>"$T/err"
	got=$?
	if [ $got -eq 124 ]; then
		ok 1 "$name: does not hang"
	else
		is "$got" "$want" "$name: exits $want without hanging"
	fi
}

# 4. FIFOs are not opened as routines or config files.
L=$T/fifo
mkdir -p "$L"
routine "$L/calm.yaml" calm "Calm one"
mkfifo "$L/x.yaml"
export UNKNOT_PATH="$L"
bounded "list with a FIFO on the path" 0 "$UNKNOT" list
check "list: the FIFO named as not a regular file" grep -qxF \
	"$L/x.yaml:1:1: warning: not a regular file; ignored" "$T/err"
check "list: the routine beside it is listed" grep -q "^  calm " "$T/out"
bounded "list --json with a FIFO" 0 "$UNKNOT" list --json
bounded "check of a FIFO" 2 "$UNKNOT" check "$L/x.yaml"
is "$(cat "$T/err")" "$L/x.yaml:1:1: error: not a regular file" \
	"check: a FIFO is not a regular file"
bounded "show of the id a FIFO is named after" 2 "$UNKNOT" show x
bounded "run of the id a FIFO is named after" 2 \
	"$UNKNOT" --plain=events --no-sound run x
bounded "run of the routine beside a FIFO" 0 \
	env UNKNOT_TIME_SCALE=50 "$UNKNOT" --plain=events --no-sound run calm
check "run: the session ran" grep -q "finish: completed" "$T/out"
mkdir -p "$XDG_CONFIG_HOME/unknot"
mkfifo "$XDG_CONFIG_HOME/unknot/config.yaml"
bounded "a FIFO as the config file" 2 "$UNKNOT" history
is "$(cat "$T/err")" \
	"$XDG_CONFIG_HOME/unknot/config.yaml:1:1: error: not a regular file" \
	"config FIFO: not a regular file"
bounded "a FIFO as --config" 2 "$UNKNOT" --config "$L/x.yaml" history
rm "$XDG_CONFIG_HOME/unknot/config.yaml"
# The picker scans the whole path before it draws.
if pane_start "$UNKNOT run; echo \$? > $T/picker.rc"; then
	pane_wait "Calm one"
	ok $? "picker: shows the routines with a FIFO on the path"
	pane q
	i=0
	until [ -s "$T/picker.rc" ] || [ $i -gt 50 ]; do
		pane Escape
		sleep 0.1
		i=$((i + 1))
	done
	is "$(cat "$T/picker.rc" 2>/dev/null)" 0 "picker: quits with q"
	pane_stop
else
	echo "ok $((tap_n += 1)) - picker # SKIP tmux or terminfo missing"
fi

# 15. An empty or comment-only config is valid; messages about the config
# speak of the config.
C=$XDG_CONFIG_HOME/unknot/config.yaml
for body in '# only a comment' '# comment\n---\n# more' '---' '~' ''; do
	printf '%b\n' "$body" >"$C"
	bounded "config '$body'" 0 "$UNKNOT" history
	is "$(cat "$T/err")" "" "config '$body': no message"
done
printf -- '- volume\n' >"$C"
bounded "a config that is a list" 2 "$UNKNOT" history
is "$(cat "$T/err")" "$C:1:1: error: the config must be keys with values \
(like 'volume: 70'), found a list" "a config that is a list: said of the config"
printf 'volume: 50\ncolour: true\n' >"$C"
bounded "a config with an unknown key" 2 "$UNKNOT" history
is "$(cat "$T/err")" "$C:2:1: error: unknown key 'colour' in the config \
file; did you mean 'color'?" "an unknown key in the config: said of the config"
rm -f "$C"

# 17. File names with escape sequences and bytes that are not UTF-8.
E=$T/esc
mkdir -p "$E"
bad=$(printf 'a\033[31mred\377x')
routine "$E/$bad.yaml" odd "Odd name"
mkdir -p "$T/dir$(printf '\033]0;t\007')"
routine "$T/dir$(printf '\033]0;t\007')/n.yaml" n "N"
export UNKNOT_PATH="$E:$T/dir$(printf '\033]0;t\007')"
"$UNKNOT" list >"$T/out" 2>"$T/err"
is $? 0 "list with odd file names"
"$PY" - "$T/out" "$E" <<'EOF'
import sys
b = open(sys.argv[1], "rb").read()
assert b"\x1b" not in b and b"\x07" not in b, b
t = b.decode("utf-8")          # strict: every byte is UTF-8
want = sys.argv[2] + "/a\ufffd[31mred\ufffdx.yaml"
assert "(" + want + ")" in t, t
EOF
ok $? "list: no escape byte on stdout, names as UTF-8 with U+FFFD"
"$UNKNOT" list --json >"$T/out" 2>"$T/err"
is $? 0 "list --json with odd file names"
"$PY" - "$T/out" "$E" <<'EOF'
import json, sys
b = open(sys.argv[1], "rb").read()
assert b"\x1b" not in b and b"\x07" not in b, b
v = json.loads(b.decode("utf-8"))
f = {e["id"]: e["file"] for e in v}
assert f["odd"] == sys.argv[2] + "/a\x1b[31mred\ufffdx.yaml", ascii(f["odd"])
assert f["n"].endswith("\x1b]0;t\x07/n.yaml"), ascii(f["n"])
EOF
ok $? "list --json: valid UTF-8 JSON, the bad byte as U+FFFD, ESC escaped"
"$UNKNOT" check "$E/$bad.yaml" "$E/missing$bad.yaml" >"$T/out" 2>"$T/err"
"$PY" -c 'import sys; b = open(sys.argv[1], "rb").read(); assert b and b"\x1b" not in b, b' "$T/err"
ok $? "check: no escape byte in messages naming odd files"
"$UNKNOT" show "$(printf 'no\033[2Jsuch')" >"$T/out" 2>"$T/err"
is "$(cat "$T/err")" "$(printf "unknot: no routine 'no\357\277\275[2Jsuch' on the search path (see 'unknot list')")" \
	"show: an id that is not found is named without its escape"

# 18. Formulas and Markdown in routine text that reaches a report.
R=$T/rep
mkdir -p "$R"
export UNKNOT_PATH="$R" UNKNOT_TIME_SCALE=50
title='[Click](http://x.test) <b>*bold*</b> _u_ `c` | cell'
cat >"$R/hostile.yaml" <<EOF
unknot: 1
id: hostile
title: "$title"
steps:
  - hold: {title: "+cmd|calc", point: "@SUM(1+1)", seconds: 10}
  - hold: {title: "=1+1", point: "-2+3", seconds: 10}
  - hold: {title: "Plain", point: "Tab later", seconds: 10}
  - hold: {title: "Plain too", point: "CR later", seconds: 10}
EOF
printf '5\n' | "$UNKNOT" --plain=events --no-sound run hostile >"$T/out" 2>&1
is $? 0 "a session of a routine with hostile text"
unset UNKNOT_TIME_SCALE
# Tab and carriage return cannot be written in a routine; a history can
# hold them.
"$PY" - "$XDG_DATA_HOME/unknot/history.db" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE events SET title = char(9) || '=2+2' WHERE step = 2")
db.execute("UPDATE events SET title = char(13) || '=3+3' WHERE step = 3")
db.commit()
EOF
ok $? "tab and CR put in the history"
"$UNKNOT" report --format csv >"$T/r.csv"
is $? 0 "report --format csv"
"$PY" - "$T/r.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
text = ["session_outcome", "routine_id", "kind", "step_kind", "step_title",
    "point", "side"]
for r in rows:
    for k in text:
        assert r[k] == "" or r[k][0] not in "=+-@\t\r", (k, r[k])
steps = {int(r["step"]): r for r in rows if r["kind"] == "step_start"}
want = {1: ("+cmd|calc", "@SUM(1+1)"), 2: ("=1+1", "-2+3"),
    3: ("\t=2+2", "Tab later"), 4: ("\r=3+3", "CR later")}
for s, (t, p) in want.items():
    q = lambda v: "'" + v if v[0] in "=+-@\t\r" else v
    assert steps[s]["step_title"] == q(t), (s, steps[s]["step_title"])
    assert steps[s]["point"] == q(p), (s, steps[s]["point"])
EOF
ok $? "report csv: cells a spreadsheet would run start with a quote"
"$UNKNOT" report --format markdown >"$T/r.md"
is $? 0 "report --format markdown"
"$PY" - "$T/r.md" "$title" <<'EOF'
import re, sys
md = open(sys.argv[1]).read().splitlines()
esc = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", sys.argv[2])
assert "## " + esc + " (`hostile`)" in md, [l for l in md if l[:3] == "## "]
# Every table row has as many cells as its header: no '|' from the text
# splits a cell.
def cells(line):
    return len(re.findall(r"(?<!\\)\|", line))
head = None
for l in md:
    if l.startswith("|"):
        if head is None:
            head = cells(l)
        assert cells(l) == head, l
    else:
        head = None
# No link, tag or emphasis survives unescaped.
body = "\n".join(md)
assert "](http" not in body.replace("\\](http", "")
assert re.search(r"(?<!\\)<b", body) is None
EOF
ok $? "report markdown: title and points escaped, tables intact"

# 19. Duplicate ids: the first directory of the path wins, by id, for
# every command.
A=$T/first B=$T/second
mkdir -p "$A" "$B"
routine "$A/zzz.yaml" dup "From the first directory"
routine "$B/dup.yaml" dup "From the second directory"
routine "$A/named.yaml" other-id "Named otherwise"
export UNKNOT_PATH="$A:$B"
"$UNKNOT" list --json >"$T/out" 2>"$T/err"
f=$("$PY" -c 'import json,sys; print([e["file"] for e in json.load(open(sys.argv[1])) if e["id"] == "dup"][0])' "$T/out")
is "$f" "$A/zzz.yaml" "list: the first directory's routine"
check "list: the warning names the file ignored" grep -qxF \
	"$B/dup.yaml:1:1: warning: id 'dup' is also used by $A/zzz.yaml, which comes first on the search path; this file is ignored" \
	"$T/err"
out=$("$UNKNOT" show dup 2>/dev/null | sed -n 1p)
is "$out" "From the first directory" "show: the routine list shows"
out=$(printf '\n' | UNKNOT_TIME_SCALE=50 "$UNKNOT" --plain=events --no-sound run dup \
	2>/dev/null | sed -n 1p)
is "$out" "[00:00] routine: From the first directory (dup), 10 seconds" \
	"run: the routine list shows"
out=$("$UNKNOT" show other-id 2>&1 | sed -n 1p)
is "$out" "Named otherwise" "show: a file is found by its id"
out=$("$UNKNOT" show named 2>&1); st=$?
is "$st" 2 "show: not found by its file name"
is "$out" "unknot: no routine 'named' on the search path (see 'unknot list')
$A/named.yaml:1:1: warning: this file's id is 'other-id', not 'named'; routines are found by their id" \
	"show: the file of that name is pointed at"
# Every command that loads a routine says why first, then what comes close.
for c in run "export -o $T/named.wav" "sheet -o $T/named.html"; do
	out=$(limit 10 "$UNKNOT" --plain --no-sound $c named </dev/null 2>&1)
	is "$out" "unknot: no routine 'named' on the search path (see 'unknot list')
$A/named.yaml:1:1: warning: this file's id is 'other-id', not 'named'; routines are found by their id" \
	    "${c%% *}: the reason first, then the file of that name"
done
UNKNOT_PATH="$A:$A/" "$UNKNOT" list >/dev/null 2>"$T/err"
is "$(cat "$T/err")" "" "a directory twice on the path: no duplicates"

# 21. The environment and the command line. A session that should not
# start is a short one, bounded, in case it does.
mkdir -p "$T/plain"
routine "$T/plain/calm.yaml" calm "Calm one"
export UNKNOT_PATH="$T/plain"
out=$(env -u HOME -u XDG_DATA_HOME "$UNKNOT" history 2>&1); st=$?
is "$st:$out" "1:unknot: neither XDG_DATA_HOME nor HOME is set to a \
directory, so there is nowhere to keep the history; set HOME" \
	"history without HOME or XDG_DATA_HOME: refused"
out=$(limit 10 env -u HOME -u XDG_DATA_HOME UNKNOT_TIME_SCALE=50 \
	"$UNKNOT" --plain=events --no-sound run calm </dev/null 2>&1); st=$?
is "$st:$out" "1:unknot: neither XDG_DATA_HOME nor HOME is set to a \
directory, so there is nowhere to keep the history; set HOME" \
	"run without HOME or XDG_DATA_HOME: refused before the session"
env -u HOME -u XDG_DATA_HOME -u XDG_CONFIG_HOME "$UNKNOT" list >/dev/null
is $? 0 "list without HOME: the other directories are still searched"
out=$("$UNKNOT" --config '' history 2>&1); st=$?
is "$st:$out" "2:unknot: --config needs a file name" "--config ''"
for v in ' 50' '+50' '0x10' '50 ' '050' '1e2'; do
	out=$("$UNKNOT" --volume "$v" history 2>&1); st=$?
	is "$st:$out" "2:unknot: --volume must be from 0 to 100, not '$v'" \
		"--volume '$v' refused"
done
"$UNKNOT" --volume 50 history >/dev/null
is $? 0 "--volume 50 accepted"
for v in 0x10 ' 5' 1e1 5. .5 +5; do
	out=$(limit 10 env UNKNOT_TIME_SCALE="$v" "$UNKNOT" --plain=events \
		--no-sound run calm </dev/null 2>&1); st=$?
	is "$st:$out" "2:unknot: UNKNOT_TIME_SCALE must be a number from 0.01 \
to 10000, not '$v'" "UNKNOT_TIME_SCALE='$v' refused"
done
cat >"$T/phase.yaml" <<'EOF'
unknot: 1
id: t
title: T
patterns:
  - {name: quick, inhale: 0.001, hold_in: 0.4, exhale: 4, hold_out: 0}
steps:
  - breathe: {pattern: quick}
EOF
out=$("$UNKNOT" check "$T/phase.yaml" 2>&1); st=$?
is "$st:$out" "2:$T/phase.yaml:5:27: error: 'inhale' must be at least 0.5 seconds, not 0.001
$T/phase.yaml:5:43: error: 'hold_in' must be 0 or at least 0.5 seconds, not 0.4" \
	"breathing phases of 0.001 s refused"
printf 'unknot: 1\nid: t\ntitle: T\nsteps:\n  - note: {text: x, seconds: 4294967326}\n' \
	>"$T/big.yaml"
out=$("$UNKNOT" check "$T/big.yaml" 2>&1); st=$?
is "$st:$out" "2:$T/big.yaml:5:30: error: 'seconds' is too large: 4294967326 (at most 4294967295)" \
	"seconds: 4294967326 is too large, not 'not in plain digits'"
out=$("$UNKNOT" --bogus 2>&1 | sed -n 1p)
is "$out" "unknot: unrecognized option '--bogus'" "getopt: unknot: first"
out=$("$UNKNOT" --volume 2>&1 | sed -n 1p)
is "$out" "unknot: option '--volume' requires an argument" \
	"getopt: missing argument"
out=$("$UNKNOT" list --bogus 2>&1 | sed -n 1p)
is "$out" "unknot: list: unrecognized option '--bogus'" \
	"getopt in a command: unknot: first"
out=$("$UNKNOT" run --bogus </dev/null 2>&1 | sed -n 1p)
is "$out" "unknot: run: unrecognized option '--bogus'" \
	"getopt in run: unknot: first"

done_testing
