#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# schema_sync.sh: the JSON Schema for editors (routines/unknot-routine.schema.json)
# and the C loader agree: bundled routines and good fixtures validate, bad
# fixtures rejected for a schema reason are rejected, and both know the same
# keys.
. "$top_srcdir/tests/tap.sh"
. "$top_srcdir/tests/lib.sh"

py=${PYTHON3:-python3}
[ "$py" = : ] && py=python3
"$py" -c 'import jsonschema, yaml' 2>/dev/null ||
	skip_all "python3 with jsonschema and yaml is not available"

schema="$top_srcdir/routines/unknot-routine.schema.json"

# The YAML is read as strictly as the C loader reads it: only plain decimal
# numbers are numbers (010, 0x10, 1e3 stay strings), decimals are Decimal so
# that 5.0 is not a whole number, only true/false are booleans, and aliases
# are refused.
prog='
import sys, re, json, decimal
import yaml, jsonschema

class Strict(yaml.SafeLoader):
	pass

Strict.yaml_implicit_resolvers = {}
def resolver(tag, regexp, first):
	Strict.add_implicit_resolver(tag, re.compile(regexp), list(first))
resolver("tag:yaml.org,2002:int", r"^-?(?:0|[1-9][0-9]*)$", "-0123456789")
resolver("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$",
    "-0123456789")
resolver("tag:yaml.org,2002:bool", r"^(?:true|false)$", "tf")
resolver("tag:yaml.org,2002:null", r"^(?:~|null|)$", ["~", "n", ""])
Strict.add_constructor("tag:yaml.org,2002:float",
    lambda loader, node: decimal.Decimal(loader.construct_scalar(node)))
def compose_node(self, parent, index):
	if self.check_event(yaml.AliasEvent):
		raise yaml.YAMLError("aliases are not allowed")
	return yaml.SafeLoader.compose_node(self, parent, index)
Strict.compose_node = compose_node

def validator():
	with open(sys.argv[2]) as f:
		s = json.load(f)
	jsonschema.Draft7Validator.check_schema(s)
	return s, jsonschema.Draft7Validator(s)

def load(path):
	with open(path, "rb") as f:
		return yaml.load(f, Loader=Strict)

def resolve(s, root):
	while True:
		if "$ref" in s:
			s = root["definitions"][s["$ref"].split("/")[-1]]
		elif "allOf" in s and "$ref" in s["allOf"][0]:
			s = s["allOf"][0]
		else:
			return s

def keys(s, root, prefix, out):
	for k, sub in s.get("properties", {}).items():
		sub = resolve(sub, root)
		out.append(prefix + k)
		if "properties" in sub:
			keys(sub, root, prefix + k + ".", out)
		elif "items" in sub:
			it = resolve(sub["items"], root)
			if "properties" in it:
				keys(it, root, prefix + k + "[].", out)
			for branch in it.get("oneOf", []):
				keys(branch, root, prefix + k + "[].", out)

mode = sys.argv[1]
s, v = validator()
if mode == "keys":
	out = []
	keys(s, s, "", out)
	print("\n".join(sorted(set(out))))
	sys.exit(0)
status = 0
for path in sys.argv[3:]:
	try:
		doc = load(path)
		errs = list(v.iter_errors(doc))
		why = []
		if errs:
			e = jsonschema.exceptions.best_match(errs)
			why = ["%s: %s" % ("/".join(map(str, e.absolute_path)),
			    e.message[:200])]
	except yaml.YAMLError as e:
		why = ["yaml: %s" % str(e).replace("\n", " ")]
	if mode == "valid" and why:
		print("invalid\t%s\t%s" % (path, "; ".join(why)))
		status = 1
	elif mode == "invalid" and not why:
		print("valid\t%s" % path)
		status = 1
	else:
		print("ok\t%s\t%s" % (path, "; ".join(why)))
sys.exit(status)
'

# sch MODE FILE: run the checker on one file; prints its verdict line.
sch() {
	"$py" -c "$prog" "$1" "$schema" "$2"
}

sch keys /dev/null >/dev/null 2>&1
ok $? "the JSON Schema is a valid draft-07 schema"

# (a) Every bundled routine and every good fixture validates.
for f in "$top_srcdir"/routines/*.yaml "$top_srcdir"/tests/good/*.yaml; do
	[ -f "$f" ] || continue
	out=$(sch valid "$f" 2>&1)
	ok $? "schema accepts ${f#"$top_srcdir"/}"
	case $out in ok*) ;; *) diag "$out" ;; esac
done

# (b) Every bad fixture the C loader rejects for a schema reason (or for a
# number that is not plain decimal) is rejected by the JSON Schema too.
for f in "$top_srcdir"/tests/bad/*.yaml; do
	[ -f "$f" ] || continue
	e=${f%.yaml}.expect
	[ -f "$e" ] || continue
	case $(sed -n 1p "$e") in schema* | strict*) ;; *) continue ;; esac
	out=$(sch invalid "$f" 2>&1)
	ok $? "schema rejects ${f#"$top_srcdir"/}"
	case $out in ok*) ;; *) diag "$out" ;; esac
done

# (c) The key paths of the JSON Schema are the ones the loader accepts.
want=$("$UNKNOT" check --keys 2>&1)
st=$?
got=$(sch keys /dev/null 2>&1)
if [ $st -ne 0 ] || [ -z "$want" ]; then
	ok 1 "unknot check --keys works"
	diag "$want"
else
	printf '%s\n' "$want" | LC_ALL=C sort >"$T/c.keys"
	printf '%s\n' "$got" | LC_ALL=C sort >"$T/json.keys"
	if cmp -s "$T/c.keys" "$T/json.keys"; then
		ok 0 "JSON Schema keys equal the loader's keys"
	else
		ok 1 "JSON Schema keys equal the loader's keys"
		diag "$(diff "$T/c.keys" "$T/json.keys" | grep '^[<>]' |
			sed 's/^</only in the loader:/; s/^>/only in the schema:/')"
	fi
fi

done_testing
