#!/bin/sh
# diff: two real venvs compared with what pip says of each; a project folder
# standing for its .venv; pip freeze of an environment against itself;
# requirements files in every syntax pip reads.
. "$top_srcdir/tests/cli/lib.sh"

# A: a project with an in-project .venv; B: a venv beside it.
P=$T/proj
A=$P/.venv
B=$T/b
mkdir -p "$P"
mkvenv "$A"
install_projects "$A" alpha:1.0 Beta_Pkg:1.0 only.a:0.1
mkvenv "$B"
install_projects "$B" alpha:2.0 Beta_Pkg:1.0 gamma:0.5
pip_list "$A" "$T/pip-a.json"
pip_list "$B" "$T/pip-b.json"
expect_rc 0 vx scan -q "$T"

# expected PIP-A PIP-B A B: what the diff must say, from pip list and
# packaging's own ordering.
expected() {
	$PY - "$@" <<'EOF'
import json, re, sys
from pip._vendor.packaging.version import parse
def norm(n):
    return re.sub(r'[-_.]+', '-', n).lower()
def load(p):
    return {norm(x['name']): (x['name'], x['version']) for x in json.load(open(p))}
a, b = load(sys.argv[1]), load(sys.argv[2])
out = {"a": sys.argv[3], "b": sys.argv[4], "only_a": [], "only_b": [], "changed": [], "same": 0}
for k in sorted(set(a) | set(b)):
    if k not in b:
        out["only_a"].append({"name": a[k][0], "version": a[k][1]})
    elif k not in a:
        out["only_b"].append({"name": b[k][0], "version": b[k][1]})
    elif parse(a[k][1]) == parse(b[k][1]):
        out["same"] += 1
    else:
        out["changed"].append({"name": a[k][0], "a": a[k][1], "b": b[k][1],
            "direction": "up" if parse(b[k][1]) > parse(a[k][1]) else "down"})
print(json.dumps(out, sort_keys=True))
EOF
}
expected "$T/pip-a.json" "$T/pip-b.json" "$A" "$B" >"$T/want.json"

expect_rc 1 vx diff "$A" "$B" --json
json_valid "$T/out"
jassert "$T/out" 'json.dumps(d, sort_keys=True) == open("'"$T/want.json"'").read().strip()' \
    "diff A B differs from pip list (want $(cat "$T/want.json"))"
jassert "$T/out" 'd["changed"] == [{"name": "alpha", "a": "1.0", "b": "2.0", "direction": "up"}]'
jassert "$T/out" '[x["name"] for x in d["only_a"]] == ["only.a"] and [x["name"] for x in d["only_b"]] == ["gamma"]'

# The project folder stands for its .venv; a path inside works too.
expect_rc 1 vx diff "$P" "$B" --json
jassert "$T/out" 'json.dumps(d, sort_keys=True) == open("'"$T/want.json"'").read().strip()' \
    "the project folder did not stand for its .venv"
expect_rc 1 vx diff "$A/lib" "$B/bin/python" --json
jassert "$T/out" 'd["a"] == "'"$A"'" and d["b"] == "'"$B"'"'
expect_rc 0 vx diff "$B" "$B"

# Two venvs from two CPythons: two pip versions from two ensurepip wheels.
for _o in $(other_pythons); do
	C=$T/c
	"$_o" -m venv "$C" >/dev/null 2>&1 || { rm -rf "$C"; continue; }
	"$C/bin/python" -m pip --version >/dev/null 2>&1 || { rm -rf "$C"; continue; }
	vpip "$C" install --no-index "$(mkwheel "$T/whl-c" alpha 1.0rc1)" \
	    "$(mkwheel "$T/whl-c" Beta.Pkg 1.0.0)" "$(mkwheel "$T/whl-c" gamma 0.5+local.2)"
	pip_list "$C" "$T/pip-c.json"
	expected "$T/pip-a.json" "$T/pip-c.json" "$A" "$C" >"$T/want-c.json"
	expect_rc 1 vx diff "$A" "$C" --json
	jassert "$T/out" 'json.dumps(d, sort_keys=True) == open("'"$T/want-c.json"'").read().strip()' \
	    "diff of venvs from $PY and $_o differs from pip list (want $(cat "$T/want-c.json"))"
	jassert "$T/out" '"pip" in [x["name"] for x in d["changed"]] or "pip" not in json.dumps(d)'
	# Its freeze file says the same as the environment (wheels: name @ file URLs).
	"$C/bin/python" -m pip freeze --all >"$T/freeze-c.txt" 2>"$T/pip.log" || fail "pip freeze in $C"
	grep -q ' @ file:' "$T/freeze-c.txt" || fail "no 'name @ file:' line in $(cat "$T/freeze-c.txt")"
	expect_rc 1 vx diff "$A" "$T/freeze-c.txt" --json
	jassert "$T/out" 'json.dumps(dict(d, b="'"$C"'"), sort_keys=True) == open("'"$T/want-c.json"'").read().strip()' \
	    "the freeze file of $C is not its environment"
	note "compared with a venv of $_o ($(grep -i '^pip==' "$T/freeze-c.txt"))"
	break
done

# A folder with two environments: listed, not guessed.
M=$T/multi
mkdir -p "$M"
mkvenv "$M/.venv" --without-pip
mkvenv "$M/venv" --without-pip
expect_rc 1 vx diff "$M" "$B"
err_is_venvdex
has "$T/err" "$M/.venv"
has "$T/err" "$M/venv"

# A pipenv project: its environment lives elsewhere and names it in .project.
PP=$T/pipenvproj
PE=$T/home/.local/share/virtualenvs/pipenvproj-Ab3dEf12
mkdir -p "$PP" "$(dirname "$PE")"
: >"$PP/Pipfile"
mkvenv "$PE" --without-pip
printf '%s' "$PP" >"$PE/.project"
expect_rc 0 vx scan -q "$T/home/.local/share/virtualenvs"
expect_rc 1 vx diff "$PP" "$B" --json
jassert "$T/out" 'd["a"] == "'"$PE"'"' "the pipenv project did not stand for its environment"
# With an in-project .venv as well: two environments, both listed.
mkvenv "$PP/.venv" --without-pip
expect_rc 1 vx diff "$B" "$PP"
err_is_venvdex
has "$T/err" "holds 2 environments"
has "$T/err" "$PE"
has "$T/err" "$PP/.venv"
[ -s "$T/out" ] && fail "a diff was printed for an ambiguous folder"

# People's output: sections, arrows, counts; no colour under NO_COLOR.
expect_rc 1 vx diff "$A" "$B"
has "$T/out" "only in A (1):"
has "$T/out" "only in B (1):"
has "$T/out" "changed (1):"
grep -q 'alpha  *1\.0  *[^ ]*  *2\.0' "$T/out" || fail "no 'alpha 1.0 -> 2.0' row: $(cat "$T/out")"
grep -q "$(printf '\033')" "$T/out" && fail "colour with NO_COLOR set"

# pip freeze --all of an environment compares with it as identical.
"$A/bin/python" -m pip freeze --all >"$T/freeze.txt" 2>"$T/pip.log" || fail "pip freeze"
expect_rc 0 vx diff "$T/freeze.txt" "$A" --json
jassert "$T/out" 'd["only_a"] == [] and d["only_b"] == [] and d["changed"] == []' \
    "pip freeze --all differs from its environment"
jassert "$T/out" 'd["same"] == len(json.load(open("'"$T/pip-a.json"'")))'
# (Its "name @ file://" lines pin an artifact, not a version: they match any.)
expect_rc 1 vx diff "$T/freeze.txt" "$B" --json
jassert "$T/out" 'd["only_a"] == [{"name": "only.a", "version": None}] and [x["name"] for x in d["only_b"]] == ["gamma"]'
# From standard input, and through a pipe (the shell's <(...) is one).
"$A/bin/python" -m pip freeze --all 2>/dev/null | vx diff - "$A" --json >"$T/out" 2>"$T/err" ||
    fail "pip freeze --all | venvdex diff - A: $(cat "$T/err")"
jassert "$T/out" 'd["a"] == "-" and d["only_a"] == d["only_b"] == d["changed"] == []'
mkfifo "$T/fifo"
"$A/bin/python" -m pip freeze --all >"$T/fifo" 2>/dev/null &
expect_rc 0 vx diff "$A" "$T/fifo"
wait
expect_rc 2 vx diff - - </dev/null
err_is_venvdex
printf '\000\001binary' | { run vx diff - "$A"; [ "$rc" -eq 1 ] || fail "binary on stdin: exit $rc"; }
# A pinned file made by hand (no URLs) is a package set too.
$PY -c '
import json, sys
for p in json.load(open(sys.argv[1])):
    print("%s==%s" % (p["name"], p["version"]))
' "$T/pip-b.json" >"$T/pinned.txt"
expect_rc 0 vx diff "$B" "$T/pinned.txt" --json
jassert "$T/out" 'd["same"] == len(json.load(open("'"$T/pip-b.json"'"))) and "satisfied" not in d'

# Requirements in every syntax pip reads, against A.
mkdir -p "$T/req/sub"
cat >"$T/req/requirements.txt" <<EOF
# a comment line ending in a backslash does not continue \\
wheel>=0.1
--index-url https://example.invalid/simple --extra-index-url https://example.invalid/x
-f ./wheels
--find-links=./more --no-binary :none: --only-binary=:all:
--trusted-host example.invalid
--pre
--prefer-binary
--use-feature=truststore
-r sub/more.txt
--constraint sub/constraints.txt
alpha[extra1, extra2] >=1.0, <2 ; python_version >= "3" --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000
Beta_Pkg \\
    ==1.* \\
    --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111
windows-only==9 ; sys_platform == "win32"
old-python==1 ; python_version < "3.0" and platform_system != "Nothing"
notthere @ https://example.invalid/notthere-1.0.tar.gz
EOF
cat >"$T/req/sub/more.txt" <<EOF
-e $T/src/only.a
pip  # trailing comment, pip is installed
-r ../loop.txt
EOF
cat >"$T/req/loop.txt" <<EOF
-r sub/more.txt
EOF
cat >"$T/req/sub/constraints.txt" <<EOF
alpha<1.5
setuptools<1
gamma==0.5
EOF
expect_rc 1 vx diff "$A" "$T/req/requirements.txt" --json
json_valid "$T/out"
jassert "$T/out" 'sorted(d) == ["a", "b", "extra", "missing", "satisfied", "unsatisfied"]'
jassert "$T/out" 'sorted(norm(x["name"]) for x in d["satisfied"]) == ["alpha", "beta-pkg", "only-a", "pip", "wheel"]' \
    "satisfied"
jassert "$T/out" 'd["unsatisfied"] == []'
jassert "$T/out" 'd["missing"] == [{"name": "notthere", "wanted": "@ https://example.invalid/notthere-1.0.tar.gz"}]' "missing"
jassert "$T/out" '[x["name"] for x in d["extra"]] == ["setuptools"]' \
    "extra: constraints do not require (setuptools)"
jassert "$T/out" '[x["wanted"] for x in d["satisfied"] if x["name"] == "alpha"] == [">=1.0,<2,<1.5"]'
has "$T/err" "includes itself"
# Against B: alpha 2.0 breaks the range, gamma is only constrained.
expect_rc 1 vx diff "$T/req/requirements.txt" "$B" --json
jassert "$T/out" 'd["unsatisfied"] == [{"name": "alpha", "installed": "2.0", "wanted": ">=1.0,<2,<1.5"}]'
jassert "$T/out" '"gamma" in [x["name"] for x in d["extra"]]'
jassert "$T/out" '[x["name"] for x in d["missing"]] == ["notthere", "only.a"]'
# All satisfied: exit 0, with people's output.
printf 'alpha>=1\nbeta-pkg\n' >"$T/ok.txt"
expect_rc 0 vx diff "$A" "$T/ok.txt"
has "$T/out" "2 satisfied, 0 unsatisfied, 0 missing"
# Two files with ranges, and usage errors.
expect_rc 2 vx diff "$T/ok.txt" "$T/req/requirements.txt"
err_is_venvdex
expect_rc 2 vx diff "$A"
expect_rc 2 vx diff --bogus "$A" "$B"
expect_rc 1 vx diff "$A" "$T/no-such-file"
err_is_venvdex

# A Pipfile.lock is read with SQLite's JSON functions.
$PY - "$T/pip-b.json" >"$T/Pipfile.lock" <<'EOF'
import json, sys
pk = json.load(open(sys.argv[1]))
print(json.dumps({"_meta": {"hash": {}}, "default": {p["name"].lower(): {"version": "==" + p["version"], "markers": "python_version >= '3'"} for p in pk}, "develop": {}}))
EOF
expect_rc 0 vx diff "$T/Pipfile.lock" "$B" --json
jassert "$T/out" 'd["same"] == len(json.load(open("'"$T/pip-b.json"'")))'
# TOML lock files are said to be unread, not read as requirements naming nothing.
printf '[[package]]\nname = "alpha"\nversion = "2.0"\n' >"$T/uv.lock"
expect_rc 1 vx diff "$B" "$T/uv.lock"
err_is_venvdex
has "$T/err" "TOML lock file"

# An editable install: pip freeze writes its version in a comment before the
# -e line; the file still compares right when that folder is not here.
D=$T/d
mkvenv "$D"
setup_tools "$D"
mkproj "$T/src/edit_me" edit-me 2.5
if ! "$D/bin/python" -m pip install --no-index --no-build-isolation -e "$T/src/edit_me" \
    >"$T/pip.log" 2>&1; then
	note "pip install -e cannot build here: not testing editable freeze lines"
	: >"$T/freeze-d.txt"
else
	"$D/bin/python" -m pip freeze --all >"$T/freeze-d.txt" 2>"$T/pip.log" ||
	    fail "pip freeze in $D"
fi
if grep -q '^# Editable.*(edit[-_]me==2.5)' "$T/freeze-d.txt"; then
	expect_rc 0 vx diff "$T/freeze-d.txt" "$D"
	sed "s|$T/src/edit_me|/elsewhere/edit_me|; s|==2.5)|==2.4)|" "$T/freeze-d.txt" >"$T/freeze-d2.txt"
	expect_rc 1 vx diff "$T/freeze-d2.txt" "$D" --json
	jassert "$T/out" 'd["changed"] == [{"name": "edit-me", "a": "2.4", "b": "2.5", "direction": "up"}] and d["only_a"] == d["only_b"] == []' \
	    "the editable line of a freeze file moved to another machine"
else
	note "this pip writes no comment before editable lines: $(grep -A1 edit "$T/freeze-d.txt" | head -2)"
fi
