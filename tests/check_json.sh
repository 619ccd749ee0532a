#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# check_json.sh: unknot check --format json writes the diagnostics the text
# output gives, as JSON that routines/unknot-diagnostics.schema.json
# accepts, with end positions and suggestions where they apply.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

py=${PYTHON3:-python3}
[ "$py" = : ] && py=python3
"$py" -c 'import jsonschema' 2>/dev/null ||
	skip_all "python3 with jsonschema is not available"

schema="$top_srcdir/routines/unknot-diagnostics.schema.json"
cd "$top_srcdir/tests" || exit 1

# A warning to have among the errors.
sed 's/seconds: 20$/seconds: 8/' good/full.yaml > "$T/warn.yaml"

"$UNKNOT" check --format json bad/*.yaml "$T/warn.yaml" good/minimal.yaml \
    > "$T/all.json" 2> "$T/err"
is "$?" 2 "check --format json: the status of the worst file"
is "$(cat "$T/err")" "" "check --format json: nothing on stderr"

# The schema is itself valid, and the output follows it.
check "the diagnostics schema is a valid draft-07 schema" "$py" -c '
import json, sys, jsonschema
jsonschema.Draft7Validator.check_schema(json.load(open(sys.argv[1])))
' "$schema"
check "check --format json follows the diagnostics schema" "$py" -c '
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
' "$schema" "$T/all.json"
check "a clean file gives an empty array" sh -c \
    '[ "$("$1" check --format json good/minimal.yaml)" = "[]" ]' - "$UNKNOT"

# The same diagnostics as the text output, file by file: each text line
# FILE:LINE:COL: SEVERITY: MESSAGE[ [CODE]] is one object.
check "one object per text diagnostic, same positions and words" "$py" -c '
import json, re, subprocess, sys
unknot, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
got = json.load(open(out))
want = []
for f in files:
    p = subprocess.run([unknot, "check", f], capture_output=True, text=True,
        errors="replace")
    for line in p.stderr.splitlines():
        m = re.match(r"^(.*?):(\d+):(\d+): (error|warning): (.*?)(?: \[([a-z-]+)\])?$", line)
        assert m, line
        want.append((m[1], int(m[2]), int(m[3]), m[4], m[5], m[6]))
# A message keeps its newlines in JSON; one text line has spaces instead.
have = [(d["file"], d["line"], d["column"], d["severity"],
    d["message"].replace("\n", " "), d["code"]) for d in got]
assert len(have) == len(want), (len(have), len(want))
for h, w in zip(have, want):
    # The terminal text replaces what a terminal must not see; JSON escapes.
    if "\ufffd" not in w[4]:
        assert h == w, (h, w)
' "$UNKNOT" "$T/all.json" bad/*.yaml "$T/warn.yaml" good/minimal.yaml

# Positions and suggestions counted by hand.
check "a misspelt side: its span and the word meant" "$py" -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1])) if x["file"] == "bad/sides-typo.yaml"]
# "  - hold: {point: p, sides: [rigth]}": rigth is columns 30 to 34.
assert len(d) == 1 and (d[0]["line"], d[0]["column"]) == (5, 30), d
assert d[0]["end"] == {"line": 5, "column": 35}, d
assert d[0]["suggestion"] == "right" and d[0]["code"] is None, d
assert d[0]["severity"] == "error", d
' "$T/all.json"
check "an unknown key: the key meant" "$py" -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1])) if x["file"] == "bad/several-errors.yaml"]
assert len(d) == 7, d
t = [x for x in d if x["line"] == 3][0]
assert (t["column"], t["end"], t["suggestion"]) == (1, {"line": 3, "column": 6}, "title"), t
' "$T/all.json"
check "a warning: named, with its span" "$py" -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1])) if x["file"].endswith("warn.yaml")]
# full.yaml line 30 is "      seconds: 8": the 8 is at column 16.
assert len(d) == 1, d
assert (d[0]["line"], d[0]["column"], d[0]["severity"], d[0]["code"]) == (30, 16, "warning", "hold-length"), d
assert d[0]["end"] == {"line": 30, "column": 17} and d[0]["suggestion"] is None, d
' "$T/all.json"
check "a syntax error has no span" "$py" -c '
import json, sys
d = [x for x in json.load(open(sys.argv[1])) if x["file"] == "bad/syntax-tab.yaml"]
assert len(d) == 1 and d[0]["end"] is None and (d[0]["line"], d[0]["column"]) == (5, 1), d
' "$T/all.json"

# The warning names agree everywhere: the code, both JSON schemas and the
# manual.
check "warning names: lint.h, both schemas and unknot-routine(5) agree" "$py" -c '
import json, re, sys
top = sys.argv[1]
code = re.findall(r"X\(LINT_[A-Z_]+, \"([a-z-]+)\"", open(top + "/src/lint.h").read())
routine = json.load(open(top + "/routines/unknot-routine.schema.json"))
allow = routine["properties"]["allow"]["items"]["enum"]
diag = json.load(open(top + "/routines/unknot-diagnostics.schema.json"))
codes = diag["items"]["properties"]["code"]["oneOf"][1]["enum"]
man = open(top + "/man/unknot-routine.5").read()
warnings = man[man.index(".Sh WARNINGS"):]
warnings = warnings[:warnings.index(".El")]
listed = re.findall(r"^\.It Li ([a-z-]+)$", warnings, re.M)
assert len(code) == 7, code
assert code == allow == codes == listed, (code, allow, codes, listed)
' "$top_srcdir"

out=$("$UNKNOT" check --strict --format json "$T/warn.yaml")
is "$?" 2 "--strict --format json: a warning fails"
check "--strict: the warning is an error, still named" "$py" -c '
import json, sys
d = json.loads(sys.argv[1])
assert [(x["severity"], x["code"]) for x in d] == [("error", "hold-length")], d
' "$out"
out=$("$UNKNOT" check --format xml good/minimal.yaml 2>&1); rc=$?
is "$rc:$out" "2:unknot: --format: expected text or json, not 'xml'" \
    "an unknown --format exits 2 and says what is expected"

done_testing
