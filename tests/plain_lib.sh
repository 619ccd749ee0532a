# SPDX-License-Identifier: GPL-3.0-or-later
# plain_lib.sh: what the plain-mode tests share; source it after tap.sh
# and lib.sh. Two routines in $T/r (p: a warm-up, a hold on both sides
# with ratings every 10 s, a release; b: two breaths of 3 s in, 1 s held,
# 4 s out), sessions twenty times faster, no sound device; drive and
# before below.
PY=${PYTHON3:-python3}
"$PY" -c 'import re' 2>/dev/null || skip_all "python3 is needed to drive sessions"
export UNKNOT_PATH="$T/r" UNKNOT_TIME_SCALE=20 ALSA_CONFIG_PATH="$T/asound-none.conf"
mkdir -p "$T/r"
cat > "$T/r/p.yaml" <<'EOY'
unknot: 1
id: p
title: Plain test
safety: ["Stop on numbness or tingling."]
discomfort: {target: [3, 6], ease_off_at: 8}
steps:
  - warmup: {title: Warm, text: Broad strokes., seconds: 10}
  - hold: {title: Trap, point: Top of the shoulder., referral: To the temple., setup: 0,
           seconds: 30, sides: [left, right], rate_every: 10}
  - release: {text: Soft strokes., seconds: 10}
aftercare: ["Shoulder rolls tonight."]
EOY
cat > "$T/r/b.yaml" <<'EOY'
unknot: 1
id: b
title: Breath test
patterns:
  - {name: t, inhale: 3, hold_in: 1, exhale: 4}
steps:
  - breathe: {title: Paced, pattern: t, cycles: 2}
EOY

# drive [--tty=in|all] SCRIPT ARGS...: unknot run --no-sound ARGS, answered
# by the rules in SCRIPT (see drive.py).
drive() {
	case $1 in
	--tty=*) tty=$1; shift ;;
	*) tty= ;;
	esac
	script=$1
	shift
	"$PY" "$top_srcdir/tests/drive.py" $tty "$script" -- \
	    "$UNKNOT" run --no-sound "$@"
}

# before FILE A B: FILE has a line matching A before the first matching B.
before() {
	a=$(grep -n -m1 -- "$2" "$1" | cut -d: -f1)
	b=$(grep -n -m1 -- "$3" "$1" | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ]
}

