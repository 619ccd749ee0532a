# SPDX-License-Identifier: GPL-3.0-or-later
# includes.py DIR: the include circles among the modules of DIR, one line
# each ("a b c": each of them reaches the others through #include "X.h").
# A module is NAME.c with NAME.h; it includes what either file includes.
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)\.h"', re.M)


def graph(top):
    """Each module and the modules of DIR it includes."""
    names = os.listdir(top)
    headers = {n[:-2] for n in names if n.endswith('.h')}
    edges = {}
    for n in sorted(names):
        if not n.endswith(('.c', '.h')):
            continue
        with open(os.path.join(top, n), encoding='utf-8') as f:
            text = f.read()
        mod = n[:-2]
        edges.setdefault(mod, set())
        for inc in INCLUDE.findall(text):
            if inc in headers and inc != mod:
                edges[mod].add(inc)
    return edges


def circles(edges):
    """The strongly connected components of more than one module."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(' '.join(sorted(comp)))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


for line in circles(graph(sys.argv[1])):
    print(line)
