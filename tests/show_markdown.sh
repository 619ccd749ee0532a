#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# show_markdown.sh: unknot show --format markdown writes a handout that a
# CommonMark parser (cmark) reads as intended: a title, the facts, safety
# first, one list item per step, and every text from the routine exactly as
# written, never as markup, links or HTML.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v cmark >/dev/null 2>&1 || skip_all "cmark is not installed"
py=${PYTHON3:-python3}
[ "$py" = : ] && py=python3
export UNKNOT_PATH="$top_srcdir/tests/good:$T/r"

# The HTML structure of cmark's rendering, as JSON: headings, the text of
# paragraphs and top-level items of each list, and the elements used.
structure='
import json, sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.out, self.tags, self.text = [], [], set(), None
    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if self.text is None and (tag in ("h1", "h2", "p") or
            (tag == "li" and len([t for t in self.stack if t in ("ol", "ul")]) == 1)):
            self.text = ""
            self.kind = tag
            self.depth = len(self.stack)
        self.stack.append(tag)
    def handle_endtag(self, tag):
        self.stack.pop()
        if self.text is not None and tag == self.kind and len(self.stack) == self.depth:
            self.out.append([tag, " ".join(self.text.split())])
            self.text = None
    def handle_data(self, d):
        if self.text is not None:
            self.text += d
p = P()
p.feed(sys.stdin.read())
print(json.dumps({"blocks": p.out, "tags": sorted(p.tags)}))
'

# handout ID: the handout of routine ID in $T/ID.md, its structure in
# $T/ID.json.
handout() {
	"$UNKNOT" show --format markdown "$1" > "$T/$1.md"
	is "$?" 0 "show --format markdown $1 exits 0"
	cmark "$T/$1.md" | "$py" -c "$structure" > "$T/$1.json"
}

handout full-example
check "the handout: title, facts, safety, eight steps, aftercare" "$py" -c '
import json, sys
b = json.load(open(sys.argv[1]))["blocks"]
assert b[0] == ["h1", "Every key once"], b[0]
heads = [x[1] for x in b if x[0] == "h2"]
assert heads == ["Before you start", "Steps", "Notes", "Afterwards"], heads
i = b.index(["h2", "Steps"]); j = b.index(["h2", "Notes"])
steps = [x[1] for x in b[i + 1:j] if x[0] == "li"]
assert len(steps) == 8, steps
assert steps[1].startswith("Upper trapezius: hold 20 seconds (up to 40), left side, then right"), steps[1]
assert "Where: Halfway between the neck and the shoulder tip." in steps[1], steps[1]
assert "Pain may spread to: Up the neck to the temple." in steps[1], steps[1]
assert steps[5].startswith("Chin tucks: 2 sets of 5, left side, then right (1:08 in all)"), steps[5]
facts = [x[1] for x in b[1:i] if x[0] == "li"]
assert "How firmly: aim for 3 to 6 out of 10; at 7 or more, ease off" in facts, facts
assert "How often: 3 times a week for 2 weeks" in facts, facts
assert "From: A. Therapist, LMT" in facts, facts
safety = b.index(["h2", "Before you start"])
assert b[safety + 1][1].startswith("Stop if you feel numbness"), b[safety + 1]
after = [x[1] for x in b[b.index(["h2", "Afterwards"]):] if x[0] == "li"]
assert after[-1] == "Gentle shoulder rolls this evening.", after
assert len(after) == 6, after
' "$T/full-example.json"

# Text that looks like Markdown or HTML stays text.
mkdir -p "$T/r"
cat > "$T/r/tricky.yaml" <<'YAML'
unknot: 1
id: tricky
title: "*Neck* & <b>shoulders</b> [site](http://example.com) `x` | y_z_"
summary: "# Not a heading"
safety: ["1. Not a numbered list", "- not an item", "> not a quote"]
discomfort: {target: [4, 7]}
steps:
  - warmup: {text: "~~not struck~~ \\ back & more &amp;"}
  - hold: {point: "<script>alert(1)</script>", text: "**not bold**"}
  - release: {}
YAML
handout tricky
check "markup-like text is kept as written" "$py" -c '
import json, sys
s = json.load(open(sys.argv[1]))
b = s["blocks"]
assert b[0] == ["h1", "*Neck* & <b>shoulders</b> [site](http://example.com) `x` | y_z_"], b[0]
assert b[1] == ["p", "# Not a heading"], b[1]
safety = [x[1] for x in b if x[0] == "li"][:3]
items = b[b.index(["h2", "Before you start"]) + 1:b.index(["h2", "Steps"])]
assert [x[1] for x in items] == ["1. Not a numbered list", "- not an item", "> not a quote"], items
steps = [x[1] for x in b[b.index(["h2", "Steps"]) + 1:] if x[0] == "li"]
assert "~~not struck~~ \\ back & more &amp;" in steps[0], steps[0]
assert "Where: <script>alert(1)</script>" in steps[1], steps[1]
assert "**not bold**" in steps[1], steps[1]
bad = set(s["tags"]) & {"a", "b", "script", "code", "del", "blockquote", "h3"}
assert not bad, s["tags"]
' "$T/tricky.json"
check "only the handout's own labels are bold or italic" sh -c '
	[ "$(cmark "$1" | grep -o "<strong>[^<]*</strong>" | sort -u | tr "\n" " ")" = \
	    "<strong>Hold</strong> <strong>How firmly:</strong> <strong>Release</strong> <strong>Time:</strong> <strong>Warm up</strong> " ] &&
	[ "$(cmark "$1" | grep -o "<em>[^<]*</em>" | sort -u | tr "\n" " ")" = "<em>Where:</em> " ]
' - "$T/tricky.md"

out=$("$UNKNOT" show --format html full-example 2>&1); rc=$?
is "$rc:$out" "2:unknot: --format: expected text or markdown, not 'html'" \
    "an unknown --format exits 2 and says what is expected"
out=$("$UNKNOT" show --format text full-example | head -1)
is "$out" "Every key once" "--format text is the plain listing"

done_testing
