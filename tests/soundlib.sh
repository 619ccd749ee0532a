#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# soundlib.sh: the sound libraries (PortAudio, ALSA, libsndfile,
# libsamplerate) are loaded only by what plays, records or reads sound:
# check, list, show and report never map them; nor cairo and pango, which
# only a PDF sheet needs. The dynamic loader's own trace (glibc's
# LD_DEBUG=files, to files of its own: a session captures stderr) names
# every library a process loads.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

# fontconfig's caches live as long as the process (see audio.supp).
export LSAN_OPTIONS="suppressions=$top_srcdir/tests/audio.supp:print_suppressions=0"

SOUNDLIBS='file=lib(portaudio|sndfile|samplerate|asound)\.'

# loaded CMD...: the sound libraries the command loaded, one a line.
loaded() {
	rm -rf "$T/ld" && mkdir "$T/ld"
	LD_DEBUG=files LD_DEBUG_OUTPUT="$T/ld/trace" "$UNKNOT" "$@" \
		> /dev/null 2>&1 < /dev/null
	cat "$T/ld"/trace* | grep -Eo "$SOUNDLIBS" | sort -u
}

# The trace itself works here: a session recorded to a file loads
# libsndfile (else skip: not glibc's loader).
got=$(ALSA_CONFIG_PATH="$T/asound-none.conf" UNKNOT_TIME_SCALE=50 \
	loaded --device "file:$T/out.wav" run --plain=events \
	"$top_srcdir/routines/box-breathing.yaml")
case $got in
*libsndfile*) ;;
*) skip_all "no LD_DEBUG trace of the loader here" ;;
esac
ok 0 "a session recorded to a file loads libsndfile"
check "the recording was written" test -s "$T/out.wav"

is "$(loaded check "$top_srcdir/routines/daily-5min.yaml")" "" \
	"check loads no sound library"
is "$(loaded list)" "" "list loads no sound library"
is "$(loaded show daily-5min)" "" "show loads no sound library"
is "$(loaded report)" "" "report loads no sound library"
is "$(loaded history)" "" "history loads no sound library"
if "$UNKNOT" --version | grep -q "built without sound"; then
	skip "--version names them, loaded to ask" "built without sound"
else
	check "--version names them, loaded to ask" sh -c \
		'"$1" --version | grep -q "PortAudio V"' - "$UNKNOT"
fi

# cairo, pango and GLib are loaded only to draw a PDF sheet.
SOUNDLIBS='file=lib(cairo|pango-1|pangocairo|glib-2|gobject-2)[.-]'
is "$(loaded check "$top_srcdir/routines/daily-5min.yaml")" "" \
	"check loads neither cairo nor pango"
is "$(loaded list)" "" "list loads neither cairo nor pango"
is "$(loaded report)" "" "report loads neither cairo nor pango"
is "$(loaded sheet daily-5min --format html -o "$T/s.html")" "" \
	"an HTML sheet loads neither cairo nor pango"
got=$(loaded sheet daily-5min --format pdf -f -o "$T/s.pdf" | tr '\n' ' ')
if [ -s "$T/s.pdf" ]; then
	is "$got" "file=libcairo. file=libglib-2. file=libgobject-2. file=libpango-1. file=libpangocairo- " \
		"a PDF sheet loads cairo, pango and GLib"
	check "... and is written" sh -c 'head -c 5 "$1" | grep -q "%PDF-"' - "$T/s.pdf"
elif "$UNKNOT" sheet daily-5min --format pdf -f -o "$T/s.pdf" 2>&1 |
    grep -q 'built without PDF'; then
	skip "a PDF sheet loads cairo, pango and GLib" \
	    "built without PDF sheets"
else
	ok 1 "a PDF sheet is written"
fi

done_testing
