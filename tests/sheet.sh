#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sheet.sh: unknot sheet, read back with other tools: pdftotext finds every
# step title, the safety notes and the client's name; pdfinfo the page
# count and size; pdffonts that every font is embedded; pdftoppm's pixels
# show the body map and its markers where the page layout puts them; the
# HTML passes html5lib's strict parser and fetches nothing; files are
# written whole and never over an existing one without -f.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

py=${PYTHON3:-python3}
[ "$py" = : ] && py=python3
"$py" -c 'import html5lib' 2>/dev/null ||
	skip_all "python3 with html5lib is not available"

# A routine of ten steps with two placed holds, each on both sides.
mkdir -p "$T/r" "$T/out"
export UNKNOT_PATH="$T/r" UNKNOT_NOW=1796558400	# 2026-12-06 12:00 UTC
# fontconfig's caches live as long as the process (see audio.supp).
export LSAN_OPTIONS="suppressions=$top_srcdir/tests/audio.supp:print_suppressions=0"
cat > "$T/r/ten.yaml" <<'EOY'
unknot: 1
id: ten
title: Ten step homework
author: A. Therapist, LMT
assigned_to: Zoë Ångström
contact: "Tel. 020 7946 0000 <jane@example.org> & Saturdays"
frequency: {per_week: 3, weeks: 4}
notes: Ηρέμα και σταθερά — спокойно и ровно.
discomfort: {target: [3, 6], ease_off_at: 7}
safety:
  - Never press on the front or side of the throat.
  - Stop at once if you feel numbness, tingling or a sharp, shooting pain.
steps:
  - breathe: {title: Settle in, pattern: slow, cycles: 3}
  - warmup: {title: Broad strokes over the shoulders, seconds: 60}
  - hold:
      title: Top of the shoulder
      point: Halfway between the neck and the tip of the shoulder.
      where: {view: back, x: 0.37, y: 0.205, area: [{x: 0.47, y: 0.15, r: 0.03}]}
      seconds: 30
      sides: [left, right]
  - release: {title: Soften the shoulder, seconds: 20, sides: [left, right]}
  - hold:
      title: Deep in the waist
      point: In the soft gap between the lowest rib and the hip bone.
      where: {view: back, x: 0.42, y: 0.44}
      seconds: 30
      sides: [left, right]
  - release: {title: Soften the waist, seconds: 20, sides: [left, right]}
  - stretch: {title: Side bend, seconds: 30, sides: [left, right]}
  - exercise: {title: Shoulder blades back, reps: 10, sets: 2}
  - rest: {title: Lie still, seconds: 30}
  - note: {title: Well done, text: That is all for today.}
aftercare:
  - Walk for five minutes this evening.
EOY

# The HTML works in every build.
"$UNKNOT" sheet ten -o "$T/out/ten.html"
ok $? "sheet --format html (from the name)"
"$py" "$top_srcdir/tests/sheet.py" html "$T/out/ten.html" 4 \
	"Zoë Ångström" "A. Therapist, LMT" "6 December 2026" \
	"To reach your therapist: Tel. 020 7946 0000 <jane@example.org> & Saturdays" \
	"Ηρέμα και σταθερά — спокойно и ровно." \
	"Settle in" "Broad strokes over the shoulders" "Top of the shoulder" \
	"Soften the shoulder" "Deep in the waist" "Soften the waist" \
	"Side bend" "Shoulder blades back" "Lie still" "Well done" \
	"Never press on the front or side of the throat." \
	"Aim for a discomfort of 3 to 6 out of 10" "7 or more, ease off" \
	"Walk for five minutes this evening." "Week 4" \
	> "$T/html.result" 2>&1
pass_fail "$T/html.result"
"$UNKNOT" show ten > "$T/show" 2>&1
check "show names the contact" grep -qxF \
    "Contact: Tel. 020 7946 0000 <jane@example.org> & Saturdays" "$T/show"
"$UNKNOT" show --format markdown ten > "$T/show.md" 2>&1
check "... and so does the markdown handout" grep -qF \
    "**Contact:** Tel. 020 7946 0000" "$T/show.md"
check "the HTML escapes it" grep -qF \
    "To reach your therapist: Tel. 020 7946 0000 &lt;jane@example.org&gt; &amp; Saturdays" \
    "$T/out/ten.html"
# The validator can fail: a stray end tag is a parse error.
sed 's|</h1>|</h1></i>|' "$T/out/ten.html" > "$T/broken.html"
"$py" "$top_srcdir/tests/sheet.py" html "$T/broken.html" 4 > "$T/bad" 2>&1
check "a broken page fails the validator" grep -q '^FAIL strict' "$T/bad"

# Nothing is replaced without -f, and nothing is left behind.
cp "$T/out/ten.html" "$T/before.html"
"$UNKNOT" sheet ten --format html -o "$T/out/ten.html" 2> "$T/err"
is "$?" 1 "an existing file: exit 1"
check "an existing file: said" grep -q 'File exists (use -f to overwrite)' "$T/err"
check "an existing file: untouched" cmp -s "$T/out/ten.html" "$T/before.html"
"$UNKNOT" sheet ten --format html -o "$T/nodir/ten.html" 2> "$T/err"
is "$?" 1 "a missing directory: exit 1"
check "a missing directory: nothing written" test ! -e "$T/nodir"
is "$(ls -A "$T/out")" "ten.html" "no temporary file left behind"
# Output files as for every command: "-" is standard output, and the
# session history is never written over, even with -f.
(cd "$T/out" && "$UNKNOT" sheet ten --format html -o - > "$T/stdout.html")
ok $? "-o -: written"
check "-o -: the page is on standard output" grep -q '^<!DOCTYPE html>' "$T/stdout.html"
check "-o -: no file called '-'" test ! -e "$T/out/-"
mkdir -p "$XDG_DATA_HOME/unknot"
"$UNKNOT" sheet ten --format html -f -o "$XDG_DATA_HOME/unknot/history.db" \
    2> "$T/err"
is "$?" 1 "-o history.db: refused"
check "-o history.db: nothing made" test ! -e "$XDG_DATA_HOME/unknot/history.db"
check "-o history.db: said why" grep -q 'session history' "$T/err"
"$UNKNOT" sheet ten --format pdfx -o "$T/out/x" 2> "$T/err"
is "$?" 2 "a bad --format: exit 2"
"$UNKNOT" sheet ten --paper a5 -o "$T/out/x" 2> "$T/err"
is "$?" 2 "a bad --paper: exit 2"

if ! "$UNKNOT" sheet ten -o "$T/out/ten.pdf" 2> "$T/err"; then
	if grep -q 'built without PDF' "$T/err"; then
		check "without cairo: says how to get it" grep -q \
		    "libcairo2-dev libpango1.0-dev.*--format html" "$T/err"
		done_testing
		exit 0
	fi
	ok 1 "sheet writes a PDF"
	diag "$(cat "$T/err")"
fi
for t in pdftotext pdfinfo pdffonts pdftoppm; do
	command -v $t >/dev/null 2>&1 || { diag "$t is missing"; done_testing; exit 0; }
done
check "PDF: permissions follow the umask" \
	test "$(stat -c %a "$T/out/ten.pdf")" = "$(printf '%o' $((0666 & ~$(umask))))"
pdftotext -layout "$T/out/ten.pdf" "$T/ten.txt"
"$py" "$top_srcdir/tests/sheet.py" text "$T/ten.txt" \
	"Zoë Ångström" "A. Therapist, LMT" "6 December 2026" \
	"Settle in" "Broad strokes over the shoulders" "Top of the shoulder" \
	"Soften the shoulder" "Deep in the waist" "Soften the waist" \
	"Side bend" "Shoulder blades back" "Lie still" "Well done" \
	"Hold 30 s, each side: left, then right" "2 sets of 10 reps" \
	"Week 4" "Session 3" > "$T/text.result" 2>&1
pass_fail "$T/text.result"
pdftotext "$T/out/ten.pdf" "$T/ten.flow.txt"
"$py" "$top_srcdir/tests/sheet.py" text "$T/ten.flow.txt" \
	"Ηρέμα και σταθερά — спокойно и ровно." \
	"To reach your therapist: Tel. 020 7946 0000 <jane@example.org> & Saturdays" \
	"Aim for a discomfort of 3 to 6 out of 10" \
	"If it reaches 7 or more, ease off" \
	"Never press on the front or side of the throat." \
	"Stop at once if you feel numbness, tingling or a sharp, shooting pain." \
	"Walk for five minutes this evening." > "$T/text.result" 2>&1
pass_fail "$T/text.result"

pdfinfo "$T/out/ten.pdf" > "$T/info"
is "$(sed -n 's/^Pages: *//p' "$T/info")" 1 "ten steps fit on one page"
is "$(sed -n 's/^Page size: *//p' "$T/info")" "595.276 x 841.89 pts (A4)" \
	"A4 by default (the C locale)"
"$UNKNOT" sheet ten --paper letter -o "$T/out/letter.pdf"
is "$(pdfinfo "$T/out/letter.pdf" | sed -n 's/^Page size: *//p')" \
	"612 x 792 pts (letter)" "--paper letter"
mkdir -p "$T/loc"
if localedef -i en_US -f UTF-8 "$T/loc/en_US.UTF-8" >/dev/null 2>&1; then
	LOCPATH="$T/loc" LC_ALL= LC_PAPER=en_US.UTF-8 \
	    "$UNKNOT" sheet ten -o "$T/out/us.pdf"
	is "$(pdfinfo "$T/out/us.pdf" | sed -n 's/^Page size: *//p')" \
	    "612 x 792 pts (letter)" "LC_PAPER=en_US: letter"
else
	skip "LC_PAPER: localedef cannot build en_US here"
fi
pdffonts "$T/out/ten.pdf" | awk 'NR > 2' > "$T/fonts"
check "pdffonts lists fonts" test -s "$T/fonts"
is "$(awk '$(NF-4) != "yes"' "$T/fonts")" "" "every font is embedded"

# The body map: the pixels of the page at 72 dpi (one pixel a point).
pdftoppm -r 72 "$T/out/ten.pdf" "$T/page"
"$py" "$top_srcdir/tests/sheet.py" ink "$T/page-1.ppm" > "$T/ink"
diag "$(cat "$T/ink")"
# Four markers (two holds, two sides), all in the right-hand column of
# the page (the steps take the left 64 % of the width between the 13 mm
# margins) and in its top half; two on each half of the figure.
is "$(sed -n 's/^CLUSTERS //p' "$T/ink")" 4 "four point markers"
is "$(sed -n 's/^SIDES //p' "$T/ink")" "2 2" "two markers on each side of the figure"
awk '/^RED / { exit !($2 > 0.64 && $4 < 0.97 && $3 > 0.05 && $5 < 0.45) }' \
	"$T/ink"
ok $? "the markers are in the right-hand column, top half"
awk '/^FIGURE / { exit !($2 > 0.64 && $4 < 0.97 && $5 - $3 > 0.2) }' "$T/ink"
ok $? "the body outline is drawn there, over a fifth of the page high"

# A routine without places has no markers: the ink test can fail.
sed '/where:/d' "$T/r/ten.yaml" | sed 's/^id: ten/id: bare/' > "$T/r/bare.yaml"
"$UNKNOT" sheet bare -o "$T/out/bare.pdf"
pdftoppm -r 72 "$T/out/bare.pdf" "$T/bare"
"$py" "$top_srcdir/tests/sheet.py" ink "$T/bare-1.ppm" > "$T/ink"
is "$(sed -n 's/^CLUSTERS //p' "$T/ink")" 0 "no places, no markers"

# Fifteen steps flow onto a second page.
awk '/^aftercare:/ { for (i = 0; i < 6; i++) printf "  - hold: {title: Extra %d, point: \"Two finger widths further along the same band of muscle, where it feels tender.\"}\n", i } { print }' \
	"$T/r/ten.yaml" | sed 's/^id: ten/id: long/' > "$T/r/long.yaml"
"$UNKNOT" sheet long -o "$T/out/long.pdf"
is "$(pdfinfo "$T/out/long.pdf" | sed -n 's/^Pages: *//p')" 2 \
	"sixteen steps flow onto a second page"
pdftotext "$T/out/long.pdf" - | tr -s ' \n' '  ' > "$T/long.txt"
check "the last step is on the sheet" grep -q "Extra 5" "$T/long.txt"
check "the grid is on the sheet" grep -q "Week 4" "$T/long.txt"

# -f replaces.
"$UNKNOT" sheet ten -f --format pdf -o "$T/out/ten.html"
ok $? "-f replaces an existing file"
is "$(head -c 5 "$T/out/ten.html")" "%PDF-" "-f: the file is the new one"
done_testing
