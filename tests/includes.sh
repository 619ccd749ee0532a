#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# includes.sh: no include circle between the modules of src/ (HACKING.md,
# "Layers": a module includes those below it, never one above). A module
# is NAME.c with NAME.h; tests/includes.py lists the circles.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

py=${PYTHON3:-python3}
[ "$py" != : ] && command -v "$py" >/dev/null 2>&1 ||
    skip_all "python3 is needed"
circles() { "$py" "$top_srcdir/tests/includes.py" "$1"; }

# The checker sees a circle through a .c file and one through headers
# alone, and none where the includes only go down.
mkdir -p "$T/a" "$T/b"
printf '#include "low.h"\n' > "$T/a/high.h"
printf '#include "high.h"\n#include <stdio.h>\n' > "$T/a/low.c"
: > "$T/a/low.h"
printf '#include "y.h"\n' > "$T/a/x.h"
printf '#include "z.h"\n' > "$T/a/y.h"
printf '# include "x.h"\n' > "$T/a/z.h"
is "$(circles "$T/a")" "high low
x y z" "a circle through a .c file and one of three headers are found"
printf '#include "low.h"\n' > "$T/b/high.h"
printf '#include "low.h"\n#include "high.h"\n' > "$T/b/high.c"
printf '#include "base.h"\n' > "$T/b/low.h"
: > "$T/b/base.h"
is "$(circles "$T/b")" "" "includes that only go down are no circle"

found=$(circles "$top_srcdir/src")
is "$found" "" "no include circle between the modules of src/"

# The sound layer plays cues (cue.h); the run loop hands them over from
# the engine, which no header of the sound layer includes.
engine=
for h in "$top_srcdir"/src/audio*.h "$top_srcdir"/src/sounds.h \
    "$top_srcdir"/src/mixer.h; do
	grep -Eq '^#[[:space:]]*include "(session|coach|pacer|say)\.h"' "$h" &&
	    engine="$engine ${h##*/}"
done
is "$engine" "" "the sound layer's headers include nothing of the engine"

# The run loop only runs: the command layer picks the front end and the
# routine and words what follows a session, so run.c and run.h include
# no command, picker, front end of their own choosing or reminder.
above=$(grep -Eho '^#[[:space:]]*include "(cmd[a-z_]*|ui|plain|remind|library)\.h"' \
    "$top_srcdir/src/run.c" "$top_srcdir/src/run.h" | tr '\n' ' ')
is "$above" "" "run.c and run.h include no command, picker or reminder"

# The screens share ui.c's helpers; ui_session.c calls the screens. ui.c
# calling a screen back would be the circle again, under one header.
back=$(grep -Eo '\bui_(pre|step|aftercare|help|picker|history|bodymap)_[a-z_]+\(' \
    "$top_srcdir/src/ui.c" | sort -u | tr '\n' ' ')
is "$back" "" "ui.c, the screens' helpers, calls no screen"
done_testing
