#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# sign.sh: signed routines. Keys made by unknot keygen, routines signed by
# unknot sign and checked by minisign -V, and signed by minisign -S and
# checked by unknot verify and import; trust on first use; a tampered file,
# another key for a known author, an expired signature and an unsigned file
# are each told plainly and installed only with --force.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

"$UNKNOT" -V | grep -q "^  libsodium [0-9]" ||
	skip_all "unknot was built without signing (libsodium)"
have_minisign=0
command -v minisign >/dev/null 2>&1 && have_minisign=1

# skip NAME REASON: a check that cannot run here.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

# keyid FILE.pub: the key id of a minisign public key file, decoded here
# from its base64 line (bytes 2-9, read little-endian) as 16 hex digits.
keyid() {
	sed -n 2p "$1" | base64 -d | od -An -tx1 -j2 -N8 |
	    awk '{ for (i = 8; i >= 1; i--) printf "%s", toupper($i); print "" }'
}

D=$T/work
mkdir -p "$D"
cd "$D" || exit 1
G=$top_srcdir/tests/good
KEYS=$XDG_DATA_HOME/unknot/keys
INST=$XDG_DATA_HOME/unknot/routines
# A fixed day for issue and expiry dates: 2026-12-06 12:00 UTC.
NOW=1796558400
export UNKNOT_NOW=$NOW

# keygen: an unencrypted key pair, the secret one private.
"$UNKNOT" keygen --unencrypted >"$T/out" 2>&1
is "$?" 0 "keygen --unencrypted"
SK=$XDG_DATA_HOME/unknot/signing.key
PK=$XDG_DATA_HOME/unknot/signing.pub
is "$(stat -c %a "$SK")" 600 "the secret key is 0600"
is "$(stat -c %a "$PK")" 644 "the public key is 0644"
is "$(sed -n 2p "$SK" | base64 -d | head -c 6 | od -An -c | tr -d ' ')" \
    'Ed\0\0B2' "an unencrypted minisign secret key (Ed, no KDF, B2)"
check "keygen prints the key id" grep -q "^Key $(keyid "$PK")\$" "$T/out"
cp "$SK" "$T/sk.saved"
"$UNKNOT" keygen --unencrypted >/dev/null 2>"$T/err"
is "$?" 1 "keygen does not replace a key"
check "keygen says why" grep -q "already exists" "$T/err"
check "the key is unchanged" cmp -s "$SK" "$T/sk.saved"
# One file for both keys would leave only the public key: refused, also
# under another name for the same file, and with --force.
mkdir -p "$T/kg"
"$UNKNOT" keygen -W -s "$T/kg/k" -p "$T/kg/k" >/dev/null 2>"$T/err"
is "$?" 2 "keygen -s K -p K: refused"
check "  it says the two are the same file" grep -q "same file" "$T/err"
check "  and writes nothing" test -z "$(ls "$T/kg")"
cp "$SK" "$T/kg/k"
"$UNKNOT" keygen -W -f -s "$T/kg/k" -p "$T/kg/../kg/./k" >/dev/null 2>&1
is "$?" 2 "keygen -f, the same file by two names: refused"
check "  the secret key there is kept" cmp -s "$T/kg/k" "$SK"
rm -f "$T/kg/k"
# A directory named on the command line is not made (as for every -o).
"$UNKNOT" keygen -W -s "$T/kg/a/b/k.key" -p "$T/kg/k.pub" >/dev/null \
    2>"$T/err"
is "$?" 1 "keygen into a directory that is not there: an error"
check "  it says so" grep -q "k.key: No such file or directory" "$T/err"
check "  nothing is made" test -z "$(ls "$T/kg")"
# A public key that cannot be written takes its new secret key with it.
mkdir "$T/kg/pub.d"
"$UNKNOT" keygen -W -f -s "$T/kg/new.key" -p "$T/kg/pub.d" >/dev/null \
    2>"$T/err"
is "$?" 1 "keygen -f with a directory for the public key: an error"
check "  no secret key is left without its public key" \
    test ! -e "$T/kg/new.key"

# sign: a routine that checks, as its author, for a client.
cp "$G/full.yaml" "$D/neck.yaml"
"$UNKNOT" sign neck.yaml --author "Jane Doe LMT" --client "John Smith" \
    --expires 2027-03-01 -c "week 1" >"$T/out" 2>&1
is "$?" 0 "sign"
check "sign writes neck.yaml.minisig" test -s neck.yaml.minisig
tc=$(sed -n 's/^trusted comment: //p' neck.yaml.minisig)
is "$(printf '%s\n' "$tc" | tr '\t' '\n' | grep -v '^key:')" \
    "$(printf 'timestamp:%s\nfile:neck.yaml\nauthor:Jane Doe LMT\nclient:John Smith\nissued:%s\nexpires:2027-03-01\ncomment:week 1' \
    "$NOW" "$(date -u -d "@$NOW" +%F)")" "the trusted comment"
is "$(printf '%s\n' "$tc" | tr '\t' '\n' | sed -n 's/^key://p')" \
    "$(sed -n 2p "$PK")" "the trusted comment carries the public key"
if [ $have_minisign = 1 ]; then
	minisign -Vm neck.yaml -p "$PK" >"$T/out" 2>&1
	is "$?" 0 "minisign -V verifies what unknot signed"
	check "minisign reads the author" grep -q "author:Jane Doe LMT" "$T/out"
	cp neck.yaml "$T/neck-changed.yaml"
	echo "# changed" >> "$T/neck-changed.yaml"
	cp neck.yaml.minisig "$T/neck-changed.yaml.minisig"
	minisign -Vm "$T/neck-changed.yaml" -p "$PK" >/dev/null 2>&1
	is "$?" 1 "minisign -V rejects a changed file (the check can fail)"
else
	skip "minisign -V verifies what unknot signed" "minisign not installed"
fi

# A broken routine is never signed.
printf 'unknot: 1\nid: broken\ntitle: Broken\nsteps: []\n' > broken.yaml
"$UNKNOT" sign broken.yaml --author X >/dev/null 2>"$T/err"
is "$?" 2 "sign refuses a broken routine"
check "and writes no signature" test ! -e broken.yaml.minisig
# No author, no signature.
cp "$G/minimal.yaml" nobody.yaml
"$UNKNOT" sign nobody.yaml >/dev/null 2>"$T/err"
is "$?" 2 "sign needs an author"
check "sign says how to give one" grep -q -- "--author NAME" "$T/err"

# A routine named by its id is signed where the search path finds it.
mkdir -p "$D/lib"
sed 's/^id: .*/id: by-id-routine/' "$G/minimal.yaml" > "$D/lib/by-id.yaml"
UNKNOT_PATH="$D/lib" "$UNKNOT" sign by-id-routine --author "Jane Doe LMT" \
    >"$T/out" 2>&1
is "$?" 0 "sign by id"
check "  the signature is beside the routine's file" \
    test -s "$D/lib/by-id.yaml.minisig"
UNKNOT_PATH="$D/lib" "$UNKNOT" sign no-such-id --author X >/dev/null \
    2>"$T/err"
is "$?" 2 "sign of an id that is not on the search path: an error"
check "  it says so" grep -q "no routine 'no-such-id' on the search path" \
    "$T/err"

# A routine to import that cannot be read is bad input (exit 2), as for
# check and show.
mkdir -p "$D/adir.yaml"
"$UNKNOT" import "$D/adir.yaml" >/dev/null 2>"$T/err"
is "$?" 2 "import of a directory: exit 2"
check "  it says why" grep -q "adir.yaml: not a regular file" "$T/err"
rmdir "$D/adir.yaml"

# verify of a routine that is not there says so, not that the signature
# is unreadable.
"$UNKNOT" verify no-such-file.yaml >/dev/null 2>"$T/err"
is "$?" 2 "verify of a missing file: exit 2"
check "  it names the file, not the signature" sh -c \
    'grep -q "no-such-file.yaml: No such file or directory" "$1" &&
     ! grep -qi "signature" "$1"' - "$T/err"

# verify: good, its key carried but not yet trusted.
"$UNKNOT" verify neck.yaml >"$T/out" 2>&1
is "$?" 0 "verify of a fresh signature"
check "verify says who and the key" grep -q "^Signature: from Jane Doe LMT (key $(keyid "$PK")), signature good, key not yet trusted" "$T/out"

# import: trust on first use, then installed.
"$UNKNOT" import neck.yaml >"$T/out" 2>&1
is "$?" 0 "import of a signed routine"
check "import pins the key" grep -q "^Trusting key $(keyid "$PK") for Jane Doe LMT" "$T/out"
is "$(sed -n 2p "$KEYS/$(keyid "$PK").pub")" "$(sed -n 2p "$PK")" "the pinned key is the signer's"
check "installed under its id, the same bytes" cmp -s neck.yaml "$INST/full-example.yaml"
check "with its signature" cmp -s neck.yaml.minisig "$INST/full-example.yaml.minisig"
"$UNKNOT" verify full-example >"$T/out" 2>&1
is "$?" 0 "verify by id after import"
check "verified with the pinned key" grep -q "^Signature: from Jane Doe LMT (key $(keyid "$PK")), signature verified\$" "$T/out"
"$UNKNOT" show full-example >"$T/out" 2>&1
check "show says who signed it" grep -q "^Signature: from Jane Doe LMT (key $(keyid "$PK")), signature verified\$" "$T/out"
"$UNKNOT" import neck.yaml >/dev/null 2>"$T/err"
is "$?" 1 "import does not replace an installed routine"
check "and says so" grep -q "already installed (--force replaces it)" "$T/err"
"$UNKNOT" import --force neck.yaml >/dev/null 2>&1
is "$?" 0 "import --force replaces it"

# A tampered file: told, refused, installed only with --force.
mkdir -p tamper
sed 's/^title: .*/title: Something else/' neck.yaml > tamper/neck.yaml
cp neck.yaml.minisig tamper/
check "the tampered copy still checks as a routine" "$UNKNOT" check tamper/neck.yaml
cp "$INST/full-example.yaml" "$T/installed"
"$UNKNOT" import --force neck.yaml >/dev/null 2>&1
"$UNKNOT" import tamper/neck.yaml >"$T/out" 2>"$T/err"
is "$?" 1 "import refuses a changed file"
check "changed is said plainly" grep -q "was changed since it was signed (the file does not match its signature)" "$T/err"
check "--force is offered" grep -q "force installs it anyway" "$T/err"
check "nothing was installed" cmp -s "$INST/full-example.yaml" "$T/installed"
"$UNKNOT" verify tamper/neck.yaml >/dev/null 2>&1
is "$?" 1 "verify fails on a changed file"
# A changed trusted comment (a later expiry) is caught too.
mkdir -p comment
cp neck.yaml comment/
sed 's/expires:2027-03-01/expires:2099-03-01/' neck.yaml.minisig > comment/neck.yaml.minisig
"$UNKNOT" verify comment/neck.yaml >/dev/null 2>"$T/err"
is "$?" 1 "verify fails on a changed trusted comment"
check "the comment is named" grep -q "the trusted comment was changed" "$T/err"
"$UNKNOT" import --force tamper/neck.yaml >/dev/null 2>&1
is "$?" 0 "import --force installs a changed file"
check "and it is shown as changed" sh -c '"$UNKNOT" verify full-example 2>/dev/null | grep -q "^Signature: changed since it was signed"'
check "show says it changed" sh -c '"$UNKNOT" show full-example | grep -q "^Signature: changed since it was signed\$"'

# Another key for a known author.
"$UNKNOT" keygen --unencrypted -s other.key -p other.pub >/dev/null 2>&1
"$UNKNOT" keygen -s g.key --no-sound -p g.pub --unencrypted >/dev/null 2>&1
check "a global option among keygen's options keeps -s" test -s g.key
mkdir -p other
cp neck.yaml other/
"$UNKNOT" sign -k other.key other/neck.yaml --author "Jane Doe LMT" >/dev/null 2>&1
"$UNKNOT" import other/neck.yaml >"$T/out" 2>"$T/err"
is "$?" 1 "import refuses another key for a known author"
check "both keys are named" grep -q "signed as Jane Doe LMT with key $(keyid other.pub), but the key trusted for them is $(keyid "$PK")" "$T/err"
"$UNKNOT" import --force other/neck.yaml >/dev/null 2>&1
is "$?" 0 "import --force installs it"
is "$(ls "$KEYS")" "$(keyid "$PK").pub" "the pinned key stays"

# A routine already installed is refused before a new author is trusted.
mkdir -p newauthor
cp neck.yaml newauthor/
"$UNKNOT" sign -k other.key newauthor/neck.yaml --author "Sam New" >/dev/null 2>&1
"$UNKNOT" import newauthor/neck.yaml >/dev/null 2>"$T/err"
is "$?" 1 "import refuses to replace an installed routine"
is "$(ls "$KEYS")" "$(keyid "$PK").pub" "and trusts no new key for it"

# An expiry date already past is not signed.
cp neck.yaml.minisig "$T/sig.saved"
"$UNKNOT" sign neck.yaml --author "Jane Doe LMT" --expires 2026-12-05 >/dev/null 2>"$T/err"
is "$?" 2 "sign refuses an expiry date already past"
check "and keeps the signature there was" cmp -s neck.yaml.minisig "$T/sig.saved"

# An expired signature.
UNKNOT_NOW=$(date -u -d 2027-03-01T23:59:00 +%s) "$UNKNOT" verify neck.yaml >/dev/null 2>&1
is "$?" 0 "a signature is good on its expiry day"
UNKNOT_NOW=$(date -u -d 2027-03-02T00:00:00 +%s) "$UNKNOT" import neck.yaml >/dev/null 2>"$T/err"
is "$?" 1 "import refuses an expired signature"
check "expiry is said plainly" grep -q "the signature on neck.yaml expired on 2027-03-01" "$T/err"

# An unsigned file.
mkdir -p plain
cp "$G/minimal.yaml" plain/
"$UNKNOT" import plain/minimal.yaml >/dev/null 2>"$T/err"
is "$?" 1 "import refuses an unsigned file"
check "unsigned is said plainly" grep -q "minimal.yaml is not signed" "$T/err"
check "nothing was installed" test ! -e "$INST/minimal.yaml"
"$UNKNOT" import --force plain/minimal.yaml >/dev/null 2>&1
is "$?" 0 "import --force installs an unsigned file"
"$UNKNOT" verify minimal >"$T/out" 2>/dev/null
is "$?:$(head -n 1 "$T/out")" "1:Signature: unsigned" "and verify says unsigned"

check "show says unsigned" sh -c '"$UNKNOT" show minimal | grep -q "^Signature: unsigned\$"'

# Reports say it for every routine: a session of minimal, unsigned.
UNKNOT_TIME_SCALE=100 "$UNKNOT" --plain --no-sound run minimal </dev/null >/dev/null 2>&1
is "$?" 0 "a session of minimal"
"$UNKNOT" report >"$T/out" 2>&1
check "the text report says unsigned" grep -q "^Signature: unsigned\$" "$T/out"
# Signed as the same bytes, installed over it: verified.
mkdir -p signed
cp "$G/minimal.yaml" signed/
"$UNKNOT" sign signed/minimal.yaml -a "Jane Doe LMT" >/dev/null 2>&1
"$UNKNOT" import --force signed/minimal.yaml >/dev/null 2>&1
verified="from Jane Doe LMT (key $(keyid "$PK")), signature verified"
"$UNKNOT" report >"$T/out" 2>&1
check "the text report says who signed it" grep -q -F -x "Signature: $verified" "$T/out"
"$UNKNOT" report --format markdown >"$T/out" 2>&1
check "so does the markdown report" grep -q -F -x -- "- Signature: $verified" "$T/out"
"$UNKNOT" report --format json >"$T/out" 2>&1
is "$("$PYTHON3" -c 'import json, sys; print(json.load(open(sys.argv[1]))["routines"][0]["signature"])' "$T/out")" \
    "$verified" "so does the JSON report"
"$UNKNOT" report --format csv >"$T/out" 2>&1
is "$("$PYTHON3" -c 'import csv, sys; print(sorted({r["routine_signature"] for r in csv.DictReader(open(sys.argv[1], newline=""))}))' "$T/out")" \
    "['$verified']" "so does the CSV report, on every row"
# The picker and the session's first screen.
if pane_start "$UNKNOT --no-sound"; then
	pane -l "minimal"
	check "the picker says who signed the routine" pane_wait "$verified"
	pane Enter
	check "the first screen of the session says it" pane_wait "Signature: $verified"
	pane C-c
	pane_stop
else
	skip "the picker says who signed the routine" "no tmux or no screen terminfo"
fi
echo "# changed" >> "$INST/minimal.yaml"
"$UNKNOT" report >"$T/out" 2>&1
check "the report says the file changed" grep -q -F -x "Signature: changed since it was signed (of the file as it is now, not as the last session used it)" "$T/out"

# A broken routine is not imported, even with --force.
cp broken.yaml plain/
"$UNKNOT" import --force plain/broken.yaml >/dev/null 2>&1
is "$?" 2 "import refuses a broken routine"

if [ $have_minisign = 0 ]; then
	skip "routines signed by minisign" "minisign not installed"
	done_testing
fi

# Signed by minisign -S, checked and imported by unknot.
minisign -G -W -p ms.pub -s ms.key >/dev/null 2>&1
mkdir -p ms
cp "$G/minimal.yaml" ms/minimal.yaml
minisign -S -s ms.key -m ms/minimal.yaml \
    -t "$(printf 'author:Bob Roe PT\tclient:Ann\texpires:2027-01-31')" >/dev/null 2>&1
msid=$(sed -n 's/^untrusted comment: minisign public key //p' ms.pub)
"$UNKNOT" verify ms/minimal.yaml >"$T/out" 2>&1
is "$?" 1 "without its key, a minisign signature cannot be checked"
check "and verify says what is missing" grep -q -- "give it with -p KEY" "$T/out"
"$UNKNOT" verify -p ms.pub ms/minimal.yaml >"$T/out" 2>&1
is "$?" 0 "unknot verify checks what minisign signed"
check "the key id is minisign's" sh -c 'grep -q "^Key: *0*$1\$" "$2"' - "$msid" "$T/out"
check "the author comes from the trusted comment" grep -q "^Signature: from Bob Roe PT (key" "$T/out"
"$UNKNOT" import --force -p "$(sed -n 2p ms.pub)" ms/minimal.yaml >"$T/out" 2>&1
is "$?" 0 "unknot import takes a minisign signature and a key on the command line"
check "and pins the key" grep -q "^Trusting key .* for Bob Roe PT" "$T/out"
"$UNKNOT" verify minimal >"$T/out" 2>&1
is "$?" 0 "then the pinned key verifies it"
echo "# changed" >> ms/minimal.yaml
"$UNKNOT" verify -p ms.pub ms/minimal.yaml >/dev/null 2>&1
is "$?" 1 "a change after minisign signed is caught"

# Encrypted keys, both ways: the password on a file descriptor.
printf 'correct horse\ncorrect horse\n' |
    UNKNOT_PASSWORD_FD=0 "$UNKNOT" keygen -s enc.key -p enc.pub >/dev/null 2>&1
is "$?" 0 "keygen with a password"
is "$(sed -n 2p enc.key | base64 -d | head -c 6 | od -An -c | tr -d ' ')" \
    'EdScB2' "the secret key is scrypt-encrypted (Sc)"
is "$(stat -c %a enc.key)" 600 "the encrypted key is 0600"
mkdir -p enc
cp "$G/minimal.yaml" enc/a.yaml
cp "$G/minimal.yaml" enc/b.yaml
echo "wrong" | UNKNOT_PASSWORD_FD=0 "$UNKNOT" sign -k enc.key enc/a.yaml -a Eve >/dev/null 2>"$T/err"
is "$?" 1 "a wrong password does not sign"
check "and is said" grep -q "wrong password" "$T/err"
echo "correct horse" | UNKNOT_PASSWORD_FD=0 "$UNKNOT" sign -k enc.key enc/a.yaml -a Eve >/dev/null 2>&1
is "$?" 0 "unknot signs with an encrypted key"
minisign -Vm enc/a.yaml -p enc.pub >/dev/null 2>&1
is "$?" 0 "minisign verifies it"
echo "correct horse" | minisign -S -s enc.key -m enc/b.yaml >/dev/null 2>&1
is "$?" 0 "minisign decrypts unknot's encrypted key"
"$UNKNOT" verify -p enc.pub enc/b.yaml >/dev/null 2>&1
is "$?" 0 "and unknot verifies what it signed"

done_testing
