#!/bin/sh
# deps: requirements as pip sees them. venvdex check against pip check on a
# venv with missing and conflicting requirements (local wheels installed
# with --no-deps); deps and deps --reverse; eggs (zipped and folders) and
# .pth entries against pip list --local; requires.txt read as requirements;
# a legacy editable's new version seen by a plain re-scan.
. "$top_srcdir/tests/cli/lib.sh"

V=$T/v
mkvenv "$V"
SITE=$(cd "$V/lib/python"*/site-packages && pwd -P)

# --- check = pip check ---------------------------------------------------
W=$T/wheels
mkwheel "$W" app 1.0 'libok>=1.0' 'libold>=2.0,<3' 'libgone' \
    'typing; python_version < "3.0"' 'colorama; sys_platform == "win32"' \
    'extraonly; extra == "fast"' 'libok[speed]' >/dev/null
mkwheel "$W" libok 1.5 'speedup; extra == "speed"' >/dev/null
mkwheel "$W" libold 1.2 >/dev/null
mkwheel "$W" tool 0.3 'libold==1.2' 'App>=1' >/dev/null
vpip "$V" install --no-index --no-deps "$W"/*.whl

"$V/bin/python" -m pip check >"$T/pipcheck.txt" 2>/dev/null && fail "setup: pip check finds nothing"
sort "$T/pipcheck.txt" >"$T/pipcheck.sorted"

expect_rc 1 vx check "$V"
sort "$T/out" >"$T/vxcheck.sorted"
if ! cmp -s "$T/pipcheck.sorted" "$T/vxcheck.sorted"; then
	diff "$T/pipcheck.sorted" "$T/vxcheck.sorted" >&2 || :
	fail "check differs from pip check"
fi
expect_rc 1 vx check --json "$V"
cp "$T/out" "$T/check.json"
json_valid "$T/check.json"
# The same problems, structured, from pip check's own lines.
$PY - "$T/pipcheck.txt" "$T/check.json" <<'EOF' || fail "check --json differs from pip check"
import json, re, sys
def norm(n):
    return re.sub(r'[-_.]+', '-', n).lower()
want = set()
for line in open(sys.argv[1]):
    m = re.match(r'(\S+) (\S+) requires (\S+), which is not installed\.', line)
    if m:
        want.add((norm(m[1]), m[2], norm(m[3]), None))
        continue
    m = re.match(r'(\S+) (\S+) has requirement (.+), but you have (\S+) (\S+)\.', line)
    if m:
        want.add((norm(m[1]), m[2], norm(m[4]), m[5]))
d = json.load(open(sys.argv[2]))
assert len(d) == 1 and set(d[0]) == {"env", "problems"}, d
got = set()
for p in d[0]["problems"]:
    assert set(p) == {"package", "version", "requires", "wanted", "installed"}, p
    got.add((norm(p["package"]), p["version"], norm(p["requires"]), p["installed"]))
if got != want:
    sys.stderr.write("pip: %r\nvenvdex: %r\n" % (sorted(want, key=str), sorted(got, key=str)))
    sys.exit(1)
EOF

# A clean venv: exit 0, pip's words.
C=$T/clean
mkvenv "$C"
expect_rc 0 vx check "$C"
has "$T/out" "No broken requirements found."
# Every indexed environment at once.
expect_rc 1 vx check --json
jassert "$T/out" 'sorted(e["env"] for e in d) == sorted(["'"$V"'", "'"$C"'"])' "check of every env"
jassert "$T/out" '[e["problems"] for e in d if e["env"] == "'"$C"'"] == [[]]' "the clean env has problems"
expect_rc 1 vx check
has "$T/out" "$V:"
has "$T/out" "1 of 2 environments with broken requirements."

# --- deps ----------------------------------------------------------------
expect_rc 0 vx deps --json "$V" app
json_valid "$T/out"
cp "$T/out" "$T/deps.json"
st() { printf "{r['state'] for r in d[0]['requires'] if norm(r['name']) == '%s'} == {'%s'}" "$1" "$2"; }
jassert "$T/deps.json" 'len(d) == 1 and d[0]["name"] == "app" and d[0]["version"] == "1.0"' "deps app"
jassert "$T/deps.json" 'all(set(r) == {"name", "wanted", "marker", "installed", "state"} for r in d[0]["requires"])' "deps keys"
jassert "$T/deps.json" "$(st libok ok)" "libok ok"
jassert "$T/deps.json" "$(st libold conflict)" "libold conflict"
jassert "$T/deps.json" "$(st libgone missing)" "libgone missing"
jassert "$T/deps.json" "$(st typing not-needed)" "typing: marker false here"
jassert "$T/deps.json" "$(st colorama not-needed)" "colorama: marker false here"
jassert "$T/deps.json" "$(st extraonly not-needed)" "an extra nobody asked for"
jassert "$T/deps.json" '[(r["wanted"], r["installed"]) for r in d[0]["requires"] if r["name"] == "libold"] == [(">=2.0,<3", "1.2")]' "libold wanted/installed"
jassert "$T/deps.json" '[r["marker"] for r in d[0]["requires"] if r["name"] == "typing"] == ["python_version < \"3.0\""]' "typing marker"
# libok[speed] asks for libok's extra: speedup is then needed (and missing).
expect_rc 0 vx deps --json "$V" libok
jassert "$T/out" '[r["state"] for r in d[0]["requires"]] == ["missing"]' "an extra asked for by a requirer"
expect_rc 0 vx deps --json --reverse "$V" libold
jassert "$T/out" 'sorted((r["name"], r["wanted"]) for r in d[0]["required_by"]) == [("app", ">=2.0,<3"), ("tool", "==1.2")]' "libold required by"
expect_rc 0 vx deps "$V"
has "$T/out" "tool==0.3"
has "$T/out" "  - App [required: >=1, installed: 1.0]"
has "$T/out" "    - libgone [required: any, installed: ?] missing"
grep -q "typing" "$T/out" && fail "deps draws a requirement whose marker is false"
expect_rc 0 vx deps --reverse "$V" libold
has "$T/out" "libold==1.2"
has "$T/out" "  - tool==0.3 [requires: libold==1.2]"
expect_rc 1 vx deps "$V" nosuchpkg
err_is_venvdex

# --- eggs and .pth entries = pip list --local ------------------------------
E=$T/e
mkvenv "$E"
ESITE=$(cd "$E/lib/python"*/site-packages && pwd -P)
mkdir -p "$T/eggproj/eggy"
cat >"$T/eggproj/setup.py" <<'EOF'
from setuptools import setup
setup(name="Eggy_Thing", version="1.2.3", packages=["eggy"], description="an egg",
      install_requires=["libgone>=2", "typing; python_version<'3.0'"],
      extras_require={"fast": ["ujson"]})
EOF
echo "X = 1" >"$T/eggproj/eggy/__init__.py"
EGG=
if (cd "$T/eggproj" && "$E/bin/python" setup.py -q bdist_egg) >"$T/egg.log" 2>&1; then
	EGG=$(ls "$T/eggproj/dist/"*.egg)
else
	# No setuptools that builds eggs here: one made by hand, as bdist_egg lays it out.
	note "bdist_egg cannot run here: a hand-made egg"
	$PY - "$T/eggproj/dist/Eggy_Thing-1.2.3-py3.egg" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr('EGG-INFO/PKG-INFO', 'Metadata-Version: 2.1\nName: Eggy-Thing\nVersion: 1.2.3\nSummary: an egg\n')
    z.writestr('EGG-INFO/requires.txt', 'libgone>=2\n\n[:python_version < "3.0"]\ntyping\n\n[fast]\nujson\n')
    z.writestr('EGG-INFO/top_level.txt', 'eggy\n')
    z.writestr('eggy/__init__.py', 'X = 1\n')
EOF
	EGG=$T/eggproj/dist/Eggy_Thing-1.2.3-py3.egg
fi
# easy_install's layout: the zipped egg in site-packages, named in easy-install.pth.
cp "$EGG" "$ESITE/"
printf './%s\n' "$(basename "$EGG")" >"$ESITE/easy-install.pth"
# An unzipped egg folder, named there too.
mkdir -p "$ESITE/Unzipped-4.0-py3.egg/EGG-INFO"
printf 'Metadata-Version: 1.1\nName: Unzipped\nVersion: 4.0\n' >"$ESITE/Unzipped-4.0-py3.egg/EGG-INFO/PKG-INFO"
printf 'libok\n' >"$ESITE/Unzipped-4.0-py3.egg/EGG-INFO/requires.txt"
printf './Unzipped-4.0-py3.egg\n' >>"$ESITE/easy-install.pth"
# .pth lines naming a project outside the env, one inside it, and a system folder.
mkdir -p "$T/outside/outproj.egg-info" "$E/src/inproj/inproj.egg-info"
printf 'Metadata-Version: 1.1\nName: outproj\nVersion: 1.0\n' >"$T/outside/outproj.egg-info/PKG-INFO"
printf 'Metadata-Version: 1.1\nName: inproj\nVersion: 2.0\n' >"$E/src/inproj/inproj.egg-info/PKG-INFO"
SYS=$($PY -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
printf '%s\n%s\n%s\n' "$T/outside" "$E/src/inproj" "$SYS" >"$ESITE/zz_paths.pth"

pip_list "$E" "$T/pip.json"
jassert "$T/pip.json" '"eggy-thing" in [norm(p["name"]) for p in d]' "setup: pip does not list the egg"
jassert "$T/pip.json" '"outproj" not in [norm(p["name"]) for p in d]' "setup: pip list --local lists a folder outside the env"
expect_rc 0 vx pkgs --json "$E"
cp "$T/out" "$T/epkgs.json"
same_pkgs "$T/epkgs.json" "$T/pip.json" "pkgs with eggs and .pth entries differs from pip list --local"
jassert "$T/epkgs.json" '[p["editable"] for p in d if p["name"] in ("inproj", "Unzipped", "Eggy-Thing")] == [False, False, False]' \
    "a .pth folder or an egg counted as editable"
# requires.txt of an egg, its sections as markers.
expect_rc 0 vx deps --json "$E" eggy-thing
jassert "$T/out" 'sorted((r["name"], r["state"]) for r in d[0]["requires"]) == [("libgone", "missing"), ("typing", "not-needed"), ("ujson", "not-needed")]' \
    "the egg's requires.txt"
jassert "$T/out" '[r["marker"] for r in d[0]["requires"] if r["name"] == "ujson"] == ["extra == \"fast\""]' "a [fast] section"
"$E/bin/python" -m pip check >"$T/pipcheck.txt" 2>/dev/null || :
expect_rc 1 vx check "$E"
sort "$T/out" >"$T/a"
sort "$T/pipcheck.txt" >"$T/b"
cmp -s "$T/a" "$T/b" || { diff "$T/b" "$T/a" >&2 || :; fail "check with eggs differs from pip check"; }

# An egg-info folder's requires.txt (PyGObject's way).
mkdir -p "$ESITE/PyGObjectish-3.42.egg-info"
printf 'Metadata-Version: 1.2\nName: PyGObjectish\nVersion: 3.42\n' >"$ESITE/PyGObjectish-3.42.egg-info/PKG-INFO"
printf 'pycairo>=1.16.0\n' >"$ESITE/PyGObjectish-3.42.egg-info/requires.txt"
expect_rc 0 vx scan -q "$E"
expect_rc 0 vx deps --json "$E" pygobjectish
jassert "$T/out" '[(r["name"], r["wanted"], r["state"]) for r in d[0]["requires"]] == [("pycairo", ">=1.16.0", "missing")]' "egg-info requires.txt"

# --- a legacy editable's new version, seen by a plain re-scan ----------------
L=$T/l
mkvenv "$L"
LSITE=$(cd "$L/lib/python"*/site-packages && pwd -P)
mkdir -p "$T/legacy/Legacy_Dev.egg-info"
printf 'Metadata-Version: 1.1\nName: Legacy-Dev\nVersion: 0.9.1\n' >"$T/legacy/Legacy_Dev.egg-info/PKG-INFO"
printf '%s\n.' "$T/legacy" >"$LSITE/Legacy-Dev.egg-link"
printf '%s\n' "$T/legacy" >"$LSITE/easy-install.pth"
expect_rc 0 vx scan -q "$L"
expect_rc 0 vx pkgs --json "$L"
jassert "$T/out" '[(p["version"], p["editable"]) for p in d if p["name"] == "Legacy-Dev"] == [("0.9.1", True)]' "legacy editable"
sleep 0.05
printf 'Metadata-Version: 1.1\nName: Legacy-Dev\nVersion: 1.0.0\n' >"$T/legacy/Legacy_Dev.egg-info/PKG-INFO"
pip_list "$L" "$T/pip.json"
expect_rc 0 vx scan -q "$L"
expect_rc 0 vx pkgs --json "$L"
same_pkgs "$T/out" "$T/pip.json" "a plain re-scan misses the legacy editable's new version"
# --- check of several environments: one line, markers per python --------
# The same requirement line in environments of two pythons, in turn: a
# marker's answer is the environment's own, however often the line was met.
for e in a37:3.7.9 b311:3.11.7 c37:3.7.9 d311:3.11.7; do
	n=${e%%:*} ver=${e#*:}
	mkfakevenv "$T/mk/$n" "$ver"
	_di="$T/mk/$n/lib/python${ver%.*}/site-packages/lib-1.0.dist-info"
	mkdir -p "$_di"
	printf 'Metadata-Version: 2.1\nName: lib\nVersion: 1.0\nRequires-Dist: typing; python_version < "3.8"\nRequires-Dist: lib2>=1; python_version >= "3.8"\n' >"$_di/METADATA"
done
expect_rc 0 vx scan -q "$T/mk"
expect_rc 1 vx check --json "$T/mk/a37" "$T/mk/b311" "$T/mk/c37" "$T/mk/d311"
jassert "$T/out" '[(e["env"].rsplit("/", 1)[1], [p["requires"] for p in e["problems"]]) for e in d] == [("a37", ["typing"]), ("b311", ["lib2"]), ("c37", ["typing"]), ("d311", ["lib2"])]' "markers per environment's python"
# All at once: one deps_each() over every environment, lines met before.
expect_rc 1 vx check --json
jassert "$T/out" '[(e["env"].rsplit("/", 1)[1], [p["requires"] for p in e["problems"]]) for e in d if "/mk/" in e["env"]] == [("a37", ["typing"]), ("b311", ["lib2"]), ("c37", ["typing"]), ("d311", ["lib2"])]' "markers per environment's python, all at once"
finish
