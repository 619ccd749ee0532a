#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""sheet.py: reads back what 'unknot sheet' wrote, with other tools.

  sheet.py text FILE.txt WORD...   every WORD (whitespace normalised) is in
                                   the text pdftotext extracted
  sheet.py ink FILE.ppm            where the body map's ink is: prints the
                                   box of the red markers and of the dark
                                   pixels in the right-hand column, as
                                   fractions of the page, and the count of
                                   marker clusters
  sheet.py html FILE.html N WORD...  the page passes html5lib's strict
                                   parser, has no scripts or remote
                                   resources, N point markers, each WORD
Prints PASS/FAIL lines."""
import re
import sys


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def text(path, words):
    got = norm(open(path, encoding="utf-8").read())
    for w in words:
        print(("PASS" if norm(w) in got else "FAIL") + " text has: " + w[:60])


def ppm(path):
    data = open(path, "rb").read()
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6", "not a binary PPM"
    w, h, mx = int(parts[1]), int(parts[2]), int(parts[3])
    pix = parts[4]
    assert mx == 255 and len(pix) >= w * h * 3
    return w, h, pix


def clusters(points):
    """Groups of points within 3 pixels of each other: their centres."""
    left = set(points)
    out = []
    while left:
        group = [left.pop()]
        todo = list(group)
        while todo:
            x, y = todo.pop()
            near = [p for p in left if abs(p[0] - x) <= 3 and abs(p[1] - y) <= 3]
            for p in near:
                left.discard(p)
                todo.append(p)
                group.append(p)
        out.append((sum(p[0] for p in group) / len(group),
                    sum(p[1] for p in group) / len(group)))
    return out


def ink(path):
    w, h, pix = ppm(path)
    red, dark_right = [], []
    for y in range(h):
        for x in range(w):
            i = (y * w + x) * 3
            r, g, b = pix[i], pix[i + 1], pix[i + 2]
            if r > 140 and g < 60 and b < 60:
                red.append((x, y))
            elif r < 90 and g < 90 and b < 90 and x > 0.64 * w:
                dark_right.append((x, y))
    def box(pts):
        if not pts:
            return "none"
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        return "%.3f %.3f %.3f %.3f" % (min(xs) / w, min(ys) / h,
                                        max(xs) / w, max(ys) / h)
    print("RED " + box(red))
    marks = clusters(red)
    print("CLUSTERS %d" % len(marks))
    fig = [p for p in dark_right if p[1] < 0.45 * h]
    print("FIGURE " + box(fig))
    print("FIGUREPIXELS %d" % len(fig))
    if fig:
        mid = (min(p[0] for p in fig) + max(p[0] for p in fig)) / 2
        print("SIDES %d %d" % (sum(1 for m in marks if m[0] < mid),
                               sum(1 for m in marks if m[0] > mid)))


def html(path, n, words):
    import html5lib
    raw = open(path, "rb").read()
    try:
        doc = html5lib.HTMLParser(strict=True,
                                  namespaceHTMLElements=False).parse(raw)
        print("PASS strict HTML5 parse")
    except Exception as e:
        print("FAIL strict HTML5 parse: %s" % e)
        return
    tags = [el.tag for el in doc.iter()]
    print(("FAIL" if "script" in tags else "PASS") + " no script element")
    remote = [el for el in doc.iter() for k, v in el.attrib.items()
              if k in ("src", "href") or "http:" in v or "https:" in v]
    print(("FAIL" if remote else "PASS") + " no remote resources")
    style = " ".join(el.text or "" for el in doc.iter() if el.tag == "style")
    print(("FAIL" if "url(" in style.replace("url(#", "") or "@import" in style
           else "PASS") + " the style fetches nothing")
    marks = [el for el in doc.iter() if el.tag.endswith("circle")
             and el.attrib.get("r") == "4"]
    print(("PASS" if len(marks) == int(n) else "FAIL")
          + " %d point markers (want %s)" % (len(marks), n))
    body = norm(" ".join(doc.itertext()))
    for w in words:
        print(("PASS" if norm(w) in body else "FAIL") + " page has: " + w[:60])


mode = sys.argv[1]
if mode == "text":
    text(sys.argv[2], sys.argv[3:])
elif mode == "ink":
    ink(sys.argv[2])
elif mode == "html":
    html(sys.argv[2], sys.argv[3], sys.argv[4:])
