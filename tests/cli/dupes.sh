#!/bin/sh
# dupes: the same distribution in several environments. Two pip-installed
# copies of one wheel waste one copy's size; two copies hard-linked with
# cp -al waste nothing; a patched copy (same name and version, other
# content) is not a duplicate; --min-size; the --json shape.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

# A wheel with a file big enough to be seen by --min-size, and a patched
# build of the same name and version.
mkbig() {
	$PY - "$@" <<'PYEOF'
import base64, hashlib, os, sys, zipfile
out, name, version, body = sys.argv[1:5]
di = '%s-%s.dist-info' % (name, version)
files = {
    name + '/__init__.py': 'VALUE = %r\n' % body,
    name + '/data.txt': body * 4000,
    di + '/METADATA': 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' % (name, version),
    di + '/WHEEL': 'Wheel-Version: 1.0\nGenerator: t\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
}
def h(data):
    return 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
rec = ''.join('%s,%s,%d\n' % (p, h(c.encode()), len(c.encode())) for p, c in files.items())
rec += di + '/RECORD,,\n'
os.makedirs(out, exist_ok=True)
path = os.path.join(out, '%s-%s-py3-none-any.whl' % (name, version))
with zipfile.ZipFile(path, 'w') as z:
    for p, c in files.items():
        z.writestr(p, c)
    z.writestr(di + '/RECORD', rec)
print(path)
PYEOF
}

WHL=$(mkbig "$T/whl" dupetest 1.0 'the original text. ')
PATCHED=$(mkbig "$T/patched" dupetest 1.0 'a patched text!!!! ')
SMALL=$(mkwheel "$T/small" smalldup 2.0)

$PY -m pip --python "$PY" --version >/dev/null 2>&1 ||
    skip "this pip has no --python"
# pip of the outer python installs into each venv: the venvs, made
# --without-pip, hold only what this test puts there.
inst() {
	$PY -m pip --no-input --disable-pip-version-check --python "$1/bin/python" \
	    install --no-index --no-deps "$2" >"$T/pip.log" 2>&1 ||
	    fail "pip install $2 into $1: $(tail -n 3 "$T/pip.log")"
}
P=$T/home/p
mkdir -p "$P"
for e in a b d f; do
	mkvenv "$P/$e" --without-pip
done
inst "$P/a" "$WHL"		# two copies by pip: one wasted
inst "$P/b" "$WHL"
inst "$P/d" "$SMALL"		# two copies hard-linked: none wasted
cp -al "$P/d" "$P/e"
inst "$P/f" "$PATCHED"		# same name and version, other content

expect_rc 0 vx scan "$P"
expect_rc 0 vx dupes --json
json_valid "$T/out"
cp "$T/out" "$T/all.json"
jassert "$T/all.json" 'isinstance(d, list) and all(sorted(g) == ["copies", "name", "version", "wasted"] and all(sorted(c) == ["env", "linked", "size"] for c in g["copies"]) for g in d)' \
    "--json: an array of {name, version, copies: [{env, size, linked}], wasted}"
jassert "$T/all.json" 'len(d) == 2' "two groups: dupetest (pip) and smalldup (cp -al)"
# Most wasted first.
jassert "$T/all.json" 'd[0]["name"] == "dupetest" and d[0]["version"] == "1.0"'
jassert "$T/all.json" 'sorted(c["env"] for c in d[0]["copies"]) == ["'"$P/a"'", "'"$P/b"'"]' \
    "the patched copy in f is not a duplicate of a and b"
jassert "$T/all.json" 'all(c["size"] > 70000 and not c["linked"] for c in d[0]["copies"])'
jassert "$T/all.json" 'd[0]["wasted"] == d[0]["copies"][0]["size"]' \
    "two pip copies waste one copy's size"
jassert "$T/all.json" 'd[1]["name"] == "smalldup" and sorted(c["env"] for c in d[1]["copies"]) == ["'"$P/d"'", "'"$P/e"'"]'
jassert "$T/all.json" 'd[1]["wasted"] == 0 and all(c["linked"] for c in d[1]["copies"])' \
    "copies hard-linked by cp -al waste nothing"

# A patched copy that RECORD does not know about (edited in place) is not a
# duplicate either, once its size differs.
cp -a "$P/b" "$P/g"
for f in "$P/g/lib/python"*/site-packages/dupetest/data.txt; do
	printf 'patched in place\n' >>"$f"
done
expect_rc 0 vx scan "$P"
expect_rc 0 vx dupes --json
jassert "$T/out" 'sorted(c["env"] for c in d[0]["copies"]) == ["'"$P/a"'", "'"$P/b"'"]' \
    "a copy patched in place is not a duplicate"
rm -rf "$P/g"
expect_rc 0 vx scan "$P"

# --min-size: per copy.
expect_rc 0 vx dupes --json --min-size 50k
jassert "$T/out" '[g["name"] for g in d] == ["dupetest"]' "--min-size 50k keeps dupetest only"
expect_rc 0 vx dupes --json --min-size 1M
jassert "$T/out" 'd == []' "--min-size 1M: nothing"
expect_rc 2 vx dupes --min-size lots
err_is_venvdex
expect_rc 2 vx dupes extra-word

# For people: a table and the totals.
expect_rc 0 vx dupes
has "$T/out" "dupetest"
has "$T/out" "linked"
has "$T/out" "2 distributions installed more than once, 4 copies (2 hard-linked)"

cp "$T/out" "$T/people.txt"

# The environments gone from disk are not counted.
rm -rf "$P/b"
expect_rc 0 vx scan "$P"
expect_rc 0 vx dupes --json
jassert "$T/out" '[g["name"] for g in d] == ["smalldup"]' "a gone environment holds no copy"
finish
