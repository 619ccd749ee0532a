#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tui_bodymap.sh: the body map on the hold screen, in tmux: beside the text
# at 80x24 (small form) and 120x40 (large form), the marker on the side of
# the figure where the running side is seen, and out of the way at 40x12
# or when the point text would not fit beside it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"
infocmp screen >/dev/null 2>&1 || skip_all "no terminfo entry for screen"

mkdir -p "$T/r"
export UNKNOT_PATH="$T/r"
cat > "$T/r/map.yaml" <<'EOY'
unknot: 1
id: map
title: Map test
safety: [Press gently.]
steps:
  - hold:
      title: Shoulder point
      point: On the top of the shoulder.
      text: Lean in slowly.
      where:
        view: back
        x: 0.37
        y: 0.205
        area:
          - {x: 0.47, y: 0.15, r: 0.03}
      seconds: 60
      sides: [left, right]
EOY

# figure_side CAPTION: the column of the marker within the figure whose
# caption row is CAPTION, as "left" or "right" of the figure's middle;
# "none" if there is no such figure or no marker below it.
figure_side() {
	pane_text | awk -v cap="$1" '
	    start == 0 && (i = index($0, cap)) > 0 { start = i; w = length(cap); next }
	    start > 0 && (m = index($0, "\342\227\217")) > 0 {
		# awk counts bytes: count the characters before the marker
		pre = substr($0, 1, m - 1)
		n = 0
		for (k = 1; k <= length(pre); k++) {
			c = substr(pre, k, 1)
			if (c < "\200" || c >= "\300") n++
		}
		col = n + 1 - start
		print (col < w / 2 ? "left" : "right")
		found = 1
		exit
	    }
	    END { if (!found) print "none" }'
}

pane_start "$UNKNOT run --no-sound map" || skip_all "tmux cannot start a pane"
pane_wait "Press gently" || diag "$(pane_text)"
pane Enter
pane_wait "Shoulder point" || diag "$(pane_text)"
check "80x24: the small figure beside the text" pane_wait "L  back  R"
is "$(figure_side "L  back  R")" left "80x24: left side marked on the left (back view)"
check "80x24: the point text is whole" pane_wait "Point: On the top of the shoulder."

tmux -S "$PANE_SOCK" resize-window -t t -x 120 -y 40
check "120x40: the large figure" pane_wait "L       back       R"
is "$(figure_side "L       back       R")" left "120x40: left side marked on the left"
check "120x40: the point text is whole" pane_wait "Point: On the top of the shoulder."
is "$(pane_text | grep -c '^ Point: On the top of the shoulder\.  *L       back       R$')" 1 \
	"120x40: the figure is beside the text, on the right"

tmux -S "$PANE_SOCK" resize-window -t t -x 40 -y 12
check "40x12: laid out again" pane_wait "Shoulder point"
sleep 0.3
check "40x12: the figure gives way" sh -c "! tmux -S '$PANE_SOCK' capture-pane -p -t t | grep -q back"
check "40x12: the text stays" pane_wait "Lean in slowly"

# Long point text at 80x24: the figure gives way before the text does.
tmux -S "$PANE_SOCK" resize-window -t t -x 80 -y 24
pane_wait "L  back  R"
pane q
pane_stop
sed 's/point: On the top of the shoulder\./point: >-\
        On the top of the shoulder, halfway between the neck and the tip of\
        the shoulder, where the muscle is thickest. Pinch it between the\
        thumb and fingers of the other hand and lift it off the bone a\
        little, then roll it: the knot feels like a firm cord or a pea.\
        Or lie on a ball on the floor, or lean on it against a wall, and\
        let your weight sink into it slowly until it is clearly tender.\
        Keep the pressure steady and breathe low into the belly; when the\
        spot softens or the ache fades, the muscle is letting go, and you\
        can move a finger width along the muscle and find the next one.\
        Stay off the front and the side of the neck at all times. If the\
        arm tingles or goes numb, ease off at once and move a little.\
        Never press where you feel a pulse. Breathe out slowly as you\
        lean in, and let the shoulder hang heavy./' \
	"$T/r/map.yaml" > "$T/r/long.yaml"
sed -i 's/^id: map/id: long/' "$T/r/long.yaml"
pane_start "$UNKNOT run --no-sound long" || skip_all "tmux cannot start a pane"
pane_wait "Press gently"
pane Enter
pane_wait "Shoulder point"
sleep 0.3
check "80x24, long text: no figure" sh -c "! tmux -S '$PANE_SOCK' capture-pane -p -t t | grep -q 'L  back  R'"
check "80x24, long text: the point is whole" pane_wait "hang heavy."
check "80x24, long text: and the text after it" pane_wait "Lean in slowly."
tmux -S "$PANE_SOCK" resize-window -t t -x 120 -y 40
check "120x40, long text: the figure is back" pane_wait "L       back       R"
pane q
done_testing
