#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# settings.sh: the config file is read, and a broken one is an error with
# its position, never silently ignored.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

C="$XDG_CONFIG_HOME/unknot"
mkdir -p "$C"
# use NAME: tests/config/NAME.yaml (the fuzz seeds too) as the config file.
use() { cp "$top_srcdir/tests/config/$1.yaml" "$C/config.yaml"; }

out=$("$UNKNOT" run --plain no-such-routine </dev/null 2>&1)
is "$out" "unknot: no routine 'no-such-routine' on the search path (see 'unknot list')" \
    "no config file is fine"

use good
out=$("$UNKNOT" run --plain no-such-routine </dev/null 2>&1 >/dev/null); rc=$?
is "$rc:$out" "2:unknot: no routine 'no-such-routine' on the search path (see 'unknot list')" \
    "a good config is read without a word"

use broken-keys
out=$("$UNKNOT" run --plain no-such-routine </dev/null 2>&1 >/dev/null); rc=$?
is "$rc" 2 "a broken config exits 2"
is "$out" "$C/config.yaml:2:8: error: 'sound' must be true or false
$C/config.yaml:3:1: error: unknown key 'colour' in the config file; did you mean 'color'?" \
    "every problem is reported at its position"
check "a broken config does not stop 'check'" "$UNKNOT" check "$top_srcdir/tests/good/minimal.yaml"
use volume-range
out=$("$UNKNOT" run --plain no-such-routine </dev/null 2>&1 >/dev/null)
is "$out" "$C/config.yaml:1:9: error: 'volume' must be from 0 to 100" "ranges are checked"

cp "$top_srcdir/tests/config/ease-off-in-range.yaml" "$T/other.yaml"
out=$("$UNKNOT" --config "$T/other.yaml" run --plain no-such-routine </dev/null 2>&1 >/dev/null); rc=$?
is "$rc" 2 "--config names the file read"
is "$out" "$T/other.yaml:1:43: error: 'ease_off_at' must be above the target range and at most 10" \
    "thresholds are checked"
"$UNKNOT" --config "$T/missing.yaml" run --plain no-such-routine </dev/null >/dev/null 2>&1
is "$?" 2 "a missing --config file is an error"

use number-exponent
out=$("$UNKNOT" run --plain no-such-routine </dev/null 2>&1 >/dev/null)
is "$out" "$C/config.yaml:1:9: error: 'volume' must be a whole number written in plain digits, not '1e2'" \
    "numbers are strict"
check "--config-keys lists the keys" sh -c '"$UNKNOT" check --config-keys | grep -qx "discomfort.ease_off_at"'
done_testing
