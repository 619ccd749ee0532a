#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""bodymap.py: checks the body map figures that tests/bodymap_dump prints.

Usage: bodymap.py BODYMAP_C DUMP ROUTINE.yaml...

The outline is read from the table in src/bodymap.c and tested here with a
winding number of its own; each figure's marker must sit in a cell that
overlaps the body, between drawn outline dots (its row and the next), on the side of
the figure where that side of the body is seen (from the back the left is
on the left, from the front on the right), as the routine file says.
Every hold in every routine must have a place. Prints PASS/FAIL lines."""
import re
import sys

import yaml

BRAILLE = range(0x2801, 0x2900)
MARK = "\u25cf"


def outline(path):
    src = open(path, encoding="utf-8").read()
    body = src.split("BEGIN OUTLINE")[1].split("END OUTLINE")[0]
    half = [(float(x), float(y)) for x, y in
            re.findall(r"\{\s*([0-9.]+),\s*([0-9.]+)\s*\}", body)]
    mirror = [(1.0 - x, y) for x, y in reversed(half[1:-1])]
    return half + mirror


def winding(poly, x, y):
    """Non-zero winding number: inside for a simple polygon."""
    w = 0
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        cross = (x1 - x0) * (y - y0) - (x - x0) * (y1 - y0)
        if y0 <= y < y1 and cross > 0:
            w += 1
        elif y1 <= y < y0 and cross < 0:
            w -= 1
    return w != 0


def holds(path):
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    out = {}
    for i, item in enumerate(doc["steps"]):
        kind, body = next(iter(item.items()))
        if kind == "hold":
            out[i + 1] = body
    return out


def figures(dump):
    figs, cur = [], None
    for line in open(dump, encoding="utf-8").read().split("\n"):
        if line.startswith("FIGURE ") or line.startswith("NOPLACE "):
            cur = {"head": line.split(), "rows": []}
            figs.append(cur)
        elif cur is not None and line != "":
            cur["rows"].append(line)
    return figs


def check(poly, routines, fig):
    head = fig["head"]
    if head[0] == "NOPLACE":
        return ["%s step %s has no place on the body map" % (head[1], head[2])]
    path, step, side, view, cols, rows = (head[1], int(head[2]),
                                          int(head[3]), head[4],
                                          int(head[5]), int(head[6]))
    name = "%s step %d side %d at %dx%d" % (path.split("/")[-1], step, side,
                                          cols, rows)
    body = routines[path][step]
    errs = []
    if body["where"]["view"] != view:
        errs.append("%s: view %s, the file says %s" % (name, view,
                                                     body["where"]["view"]))
    lines = [r.ljust(cols) for r in fig["rows"]]
    if len(lines) != rows or any(len(r) != cols for r in lines):
        return ["%s: figure is not %dx%d cells" % (name, cols, rows)]
    marks = [(r, c) for r in range(1, rows) for c in range(cols)
             if lines[r][c] == MARK]
    if len(marks) != 1:
        return ["%s: %d markers, want 1" % (name, len(marks))]
    r, c = marks[0]
    x0, x1 = c / cols, (c + 1) / cols
    y0, y1 = (r - 1) / (rows - 1), r / (rows - 1)
    n = 8
    inside = sum(winding(poly, x0 + (x1 - x0) * (i + 0.5) / n,
                         y0 + (y1 - y0) * (j + 0.5) / n)
                 for i in range(n) for j in range(n))
    if inside == 0:
        errs.append("%s: marker cell (%d, %d) is outside the outline"
                    % (name, c, r))
    near = lines[max(r - 1, 1):r + 2]
    left = any(ord(ch) in BRAILLE for row in near for ch in row[:c])
    right = any(ord(ch) in BRAILLE for row in near for ch in row[c + 1:])
    if not (left and right):
        errs.append("%s: marker is not between drawn outline dots"
                    % name)
    centre = (c + 0.5) / cols
    if side:
        want_left_half = (side == 1) == (view == "back")
        if (centre < 0.5) != want_left_half:
            errs.append("%s: marker at column %d is on the wrong side"
                        % (name, c))
    caption = lines[0].split()
    want = ["L", view, "R"] if view == "back" else ["R", view, "L"]
    if caption != want:
        errs.append("%s: caption %r" % (name, caption))
    return errs or None


def main():
    poly = outline(sys.argv[1])
    routines = {p: holds(p) for p in sys.argv[3:]}
    seen = set()
    for fig in figures(sys.argv[2]):
        head = fig["head"]
        errs = check(poly, routines, fig)
        label = " ".join(head[1:])
        if errs:
            for e in errs:
                print("FAIL " + e)
        else:
            print("PASS marker inside, right side: " + label)
        if head[0] == "FIGURE":
            seen.add((head[1], int(head[2]), int(head[5])))
    for p, hs in routines.items():
        for step in hs:
            for size in (20, 10):
                if (p, step, size) not in seen:
                    print("FAIL %s step %d: no %d-column figure"
                          % (p.split("/")[-1], step, size))


main()
