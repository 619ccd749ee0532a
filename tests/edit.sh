#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# edit.sh: unknot edit opens a copy of the routine in $VISUAL or $EDITOR,
# checks it when the editor exits, and replaces the routine atomically only
# when it is clean or kept on purpose; the editor here is a script that
# breaks the file, then fixes it.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

export TMPDIR="$T/tmp"
mkdir -p "$TMPDIR" "$T/lib"
export UNKNOT_PATH="$T/lib"
G="$top_srcdir/tests/good"

# A scripted editor: each run does the next of the actions listed in
# $T/actions (one a line) to the file it is given, and logs that file.
#   break  a tab in the indentation of the last line
#   fix    the good routine's bytes
#   id X   the id set to X
#   same   nothing
cat > "$T/editor" <<'EOS'
#!/bin/sh
n=$(cat "$T/runs" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$T/runs"
echo "$1" >> "$T/files"
action=$(sed -n "${n}p" "$T/actions")
case $action in
break)	printf '\t  seconds: 30\n' >> "$1" ;;
fix)	cat "$T/good.yaml" > "$1" ;;
id\ *)	sed -i "s/^id: .*/id: ${action#id }/" "$1" ;;
same)	;;
*)	exit 3 ;;
esac
EOS
chmod +x "$T/editor"
export T EDITOR="$T/editor"
unset VISUAL

# scenario ACTION...: a fresh editor log with these actions.
scenario() {
	rm -f "$T/runs" "$T/files"
	printf '%s\n' "$@" > "$T/actions"
}

# The routine, by id "mine" (full.yaml's keys), and what "fix" writes.
sed 's/^id: .*/id: mine/' "$G/minimal.yaml" > "$T/good.yaml"
sed 's/^id: .*/id: mine/' "$G/full.yaml" > "$T/lib/mine.yaml"

# Break, be told where and why, edit again, fix: saved, by id.
chmod 640 "$T/lib/mine.yaml"
cp "$T/lib/mine.yaml" "$T/before.yaml"
inode=$(stat -c %i "$T/lib/mine.yaml")
lines=$(wc -l < "$T/before.yaml")
scenario break fix
out=$(echo e | "$UNKNOT" edit mine 2>&1); rc=$?
is "$rc" 0 "break, edit again, fix: exit 0"
is "$(cat "$T/runs")" 2 "the editor ran twice"
check "the tab is reported at its place, with the routine's name" sh -c \
    'echo "$1" | grep -qx "$2:$(($3 + 1)):1: error: tabs cannot indent YAML; use spaces (2 per level)"' \
    - "$out" "$T/lib/mine.yaml" "$lines"
check "the author is asked what to do" sh -c \
    'echo "$1" | grep -q "(e)dit again, (k)eep the broken copy, (q)uit without saving?"' - "$out"
check "the fixed routine replaced the file" cmp -s "$T/good.yaml" "$T/lib/mine.yaml"
check "the editor was given a copy, not the routine" sh -c \
    '! grep -qx "$1" "$2" && [ "$(sort -u "$2" | wc -l)" = 1 ]' - "$T/lib/mine.yaml" "$T/files"
check "the copy ends in .yaml" grep -q '\.yaml$' "$T/files"
check "the copy is gone" sh -c '[ -z "$(ls -A "$1")" ]' - "$TMPDIR"
check "replaced by a rename (a new inode)" test "$(stat -c %i "$T/lib/mine.yaml")" != "$inode"
is "$(stat -c %a "$T/lib/mine.yaml")" 640 "the file keeps its mode"
check "no temporary file left beside it" sh -c '[ "$(ls "$1")" = mine.yaml ]' - "$T/lib"

# Quit without saving: the routine is untouched.
cp "$T/before.yaml" "$T/lib/mine.yaml"
scenario break
out=$(echo q | "$UNKNOT" edit "$T/lib/mine.yaml" 2>&1); rc=$?
is "$rc" 1 "quit without saving: exit 1"
check "quit: the routine is untouched" cmp -s "$T/before.yaml" "$T/lib/mine.yaml"
check "quit: the copy is removed" sh -c '[ -z "$(ls -A "$1")" ]' - "$TMPDIR"

# Keep the broken copy on purpose.
scenario break
out=$(echo k | "$UNKNOT" edit mine 2>&1); rc=$?
is "$rc" 0 "keep the broken copy: exit 0"
{ cat "$T/before.yaml"; printf '\t  seconds: 30\n'; } > "$T/broken.yaml"
check "keep: the broken copy replaced the routine" cmp -s "$T/broken.yaml" "$T/lib/mine.yaml"
"$UNKNOT" check "$T/lib/mine.yaml" 2>/dev/null
is "$?" 2 "keep: what was kept is the broken routine"

# An answer that is not one of e, k, q is asked again; no answer at all
# leaves the routine alone and the copy where the author can find it.
cp "$T/before.yaml" "$T/lib/mine.yaml"
scenario break
out=$(printf 'x\nyes\nq\n' | "$UNKNOT" edit mine 2>&1); rc=$?
is "$(echo "$out" | grep -o "(e)dit again" | wc -l)" 3 "an unknown answer is asked again"
scenario break
out=$("$UNKNOT" edit mine 2>&1 </dev/null); rc=$?
is "$rc" 1 "no answer: exit 1"
check "no answer: the routine is untouched" cmp -s "$T/before.yaml" "$T/lib/mine.yaml"
copy=$(ls "$TMPDIR"/unknot-edit-*.yaml 2>/dev/null)
check "no answer: the copy is kept and named" sh -c \
    '[ -n "$2" ] && echo "$1" | grep -qF "your copy is kept in $2" && cmp -s "$2" "$3"' \
    - "$out" "$copy" "$T/broken.yaml"
rm -f "$TMPDIR"/*

# No changes: nothing written.
inode=$(stat -c %i "$T/lib/mine.yaml")
scenario same
out=$("$UNKNOT" edit mine 2>&1); rc=$?
is "$rc:$out" "0:unknot: no changes to $T/lib/mine.yaml" "no changes: said so, exit 0"
is "$(stat -c %i "$T/lib/mine.yaml")" "$inode" "no changes: the file is not rewritten"

# A new file starts from the template; saved only when changed.
scenario "id fresh"
out=$("$UNKNOT" edit "$T/new.yaml" 2>&1); rc=$?
is "$rc" 0 "a new routine from the template: exit 0"
"$UNKNOT" new | sed 's/^id: .*/id: fresh/' > "$T/want-new.yaml"
check "the new routine is the template as edited" cmp -s "$T/want-new.yaml" "$T/new.yaml"
umask_mode=$(printf '%o' $((0666 & ~$(umask))))
is "$(stat -c %a "$T/new.yaml")" "$umask_mode" "a new routine gets the umask's mode"
scenario same
"$UNKNOT" edit "$T/untouched.yaml" >/dev/null 2>&1
check "an untouched template is not saved" test ! -e "$T/untouched.yaml"

# VISUAL wins over EDITOR; a failing editor saves nothing, keeps the copy.
scenario fix
cat > "$T/visual" <<'EOS'
#!/bin/sh
echo visual >> "$T/visual.log"
sed -i 's/^title: .*/title: Seen by visual/' "$1"
EOS
chmod +x "$T/visual"
VISUAL="$T/visual" "$UNKNOT" edit mine >/dev/null 2>&1
check "VISUAL is preferred to EDITOR" grep -q "^title: Seen by visual" "$T/lib/mine.yaml"
check "EDITOR did not run" test ! -e "$T/runs"
cp "$T/lib/mine.yaml" "$T/before.yaml"
scenario fail
out=$("$UNKNOT" edit mine 2>&1); rc=$?
is "$rc" 1 "a failing editor: exit 1"
check "a failing editor: the routine is untouched" cmp -s "$T/before.yaml" "$T/lib/mine.yaml"
check "a failing editor: said so" sh -c 'echo "$1" | grep -q "the editor failed (exit status 3)"' - "$out"
rm -f "$TMPDIR"/*

# An unknown id is an error that says how to start a new routine.
out=$("$UNKNOT" edit nope 2>&1); rc=$?
is "$rc" 2 "an unknown id: exit 2, as for show and run"
check "an unknown id: how to start one" sh -c \
    'echo "$1" | grep -q "give a file name, like '"'"'unknot edit nope.yaml'"'"'"' - "$out"
"$UNKNOT" edit >/dev/null 2>&1
is "$?" 2 "edit without a routine exits 2"

done_testing
