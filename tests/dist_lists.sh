#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# dist_lists.sh: Makefile.am lists every file of tests/ once, one way: a
# shell test (one that sources tap.sh) in dist_check_SCRIPTS, which runs
# and distributes it; a C test in check_PROGRAMS and TESTS; what the tests
# read (helpers, Python, suppressions, fixture directories) in EXTRA_DIST.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

py=${PYTHON3:-python3}
[ "$py" != : ] && command -v "$py" >/dev/null 2>&1 ||
    skip_all "python3 is needed"

# lists DIR: what is wrong with DIR/Makefile.am's lists of DIR/tests, a
# line each.
lists() {
	"$py" - "$1" <<'EOP'
import os
import re
import sys

top = sys.argv[1]
with open(os.path.join(top, 'Makefile.am'), encoding='utf-8') as f:
    text = f.read().replace('\\\n', ' ')
listed = {}
LISTS = re.compile(r'TESTS|EXTRA_DIST|check_PROGRAMS|\w+_(SCRIPTS|DATA|HEADERS)')
for m in re.finditer(r'^([A-Za-z_]+)\s*\+?=(.*)$', text, re.M):
    if not LISTS.fullmatch(m.group(1)):
        continue
    for word in m.group(2).split():
        if word.startswith('tests/'):
            listed.setdefault(word, []).append(m.group(1))

tests = os.path.join(top, 'tests')
want = {}
for name in sorted(os.listdir(tests)):
    path = os.path.join(tests, name)
    rel = 'tests/' + name
    if os.path.isdir(path):
        want[rel] = ['EXTRA_DIST']
    elif name.endswith('.sh'):
        with open(path, encoding='utf-8') as f:
            runs = 'tests/tap.sh' in f.read()
        want[rel] = ['dist_check_SCRIPTS'] if runs else ['EXTRA_DIST']
    elif name.endswith(('.py', '.supp')):
        want[rel] = ['EXTRA_DIST']
    elif name.startswith('test_') and name.endswith('.c'):
        want[rel[:-2]] = ['check_PROGRAMS', 'TESTS']
for rel, places in sorted(want.items()):
    got = listed.get(rel, [])
    if sorted(got) != sorted(places):
        print('%s: in %s, not %s' % (rel, ' '.join(got) or 'nothing',
                                     ' '.join(places)))
EOP
}

# The checker finds a script listed twice, one listed the wrong way and
# data not listed at all.
mkdir -p "$T/m/tests/fix"
printf '. "$top_srcdir/tests/tap.sh"\n' > "$T/m/tests/a.sh"
cp "$T/m/tests/a.sh" "$T/m/tests/b.sh"
: > "$T/m/tests/c.py"
cat > "$T/m/Makefile.am" <<'EOM'
TESTS = tests/a.sh
dist_check_SCRIPTS = tests/a.sh
EXTRA_DIST = tests/b.sh \
	tests/fix
EOM
is "$(lists "$T/m")" "tests/a.sh: in TESTS dist_check_SCRIPTS, not dist_check_SCRIPTS
tests/b.sh: in EXTRA_DIST, not dist_check_SCRIPTS
tests/c.py: in nothing, not EXTRA_DIST" "a checker that can fail"

is "$(lists "$top_srcdir")" "" "every file of tests/ listed once, one way"
done_testing
