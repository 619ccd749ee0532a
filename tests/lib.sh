# lib.sh: a private environment for tests that run the real binary; source it
# after tap.sh. Sets HOME, the XDG directories and UNKNOT_PATH to a
# temporary directory that is removed at exit.
: "${UNKNOT:?UNKNOT must name the binary}"
: "${top_srcdir:?top_srcdir must be set}"
export UNKNOT top_srcdir
T=$(mktemp -d "${TMPDIR:-/tmp}/unknot-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" XDG_CONFIG_HOME="$T/config" \
	XDG_STATE_HOME="$T/state" XDG_RUNTIME_DIR="$T/run"
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export UNKNOT_PATH="$top_srcdir/routines"
export TZ=UTC NO_COLOR=
unset NO_COLOR
# An ALSA configuration with no devices, so no test reaches a sound card.
cat > "$T/asound-none.conf" <<'EOC'
pcm.!default { type null }
EOC
