#!/bin/sh
# reqfile: requirements files read as pip reads them. One file in every syntax
# pip accepts (options to skip, continuations, comments, ${VAR}, -r and -c
# includes, a BOM and CRLF, markers, hashes, extras, URLs) is checked against
# a real venv by venvdex and by pip's own parser (pip._internal's
# parse_requirements, markers evaluated by the venv's interpreter, specifiers
# by pip's packaging with pre-releases allowed, as pip checks what is
# installed): the same verdicts for every package, the same wanted ranges.
# Then what pip refuses and what would hurt: skipped with a warning, in time.
. "$top_srcdir/tests/cli/lib.sh"

TO=
command -v timeout >/dev/null 2>&1 && TO="timeout 180"

E=$T/ve
mkvenv "$E"
# Installed: hand-made wheels at chosen versions.
for nv in alpha:1.0 Beta_Pkg:1.2 gamma:0.5.3 delta:1.0 arb:1.0.0 eps:1.0 \
    zeta:1.0.5 pre-pkg:2.0rc1 local-pkg:3.0+local.1 compat:1.4.5 compat2:1.5.0 \
    post-pkg:1.0.post1 weird.Name_x:0.2 paren:1.0 env-var:1.0 cons-only:9.0 \
    wheel-pkg:2.0 old-pkg:1.0 py-old:1.0 py-new:1.0 dev-pkg:1.1.dev3 \
    star-pkg:2.0.post1 ne-pkg:1.4.1; do
	mkwheel "$T/whl" "${nv%%:*}" "${nv#*:}" >/dev/null
done
vpip "$E" install --no-index "$T"/whl/*.whl
pip_list "$E" "$T/pip.json"
"$E/bin/python" -c 'import pip._internal.req.req_file' 2>/dev/null ||
    skip "this pip has no pip._internal.req.req_file"

mkdir -p "$T/req/sub" "$T/req/wheels"
cat >"$T/req/requirements.txt" <<'EOF'
# Every syntax pip reads; nothing here is fetched.
--index-url https://example.invalid/simple
--extra-index-url=https://example.invalid/x
-i https://example.invalid/simple --trusted-host example.invalid
--pre
--prefer-binary
--only-binary :all:
--no-binary=:none:
-f ./wheels
--find-links=./wheels
alpha >= 1.0 ; python_version >= "3"   # a trailing comment
Beta_Pkg\
  ==1.*  \
  --hash=sha256:1111111111111111111111111111111111111111111111111111111111111111
gamma[extra1, extra2]~=0.5.0 --hash sha256:2222222222222222222222222222222222222222222222222222222222222222
delta===1.0
arb===1.0
eps!=2.0,>=0.1
zeta==1.0.*
star-pkg==2.0.*
ne-pkg!=1.4.*
-r sub/more.txt
--constraint sub/cons.txt
skip-me==1 ; sys_platform == "win32"
env-var==${VX_TEST_VERSION}
weird.Name_x >=0.1
paren (>=1.0)
pre-pkg>=1.0
dev-pkg>=1.0
local-pkg==3.0
compat~=1.4.2
compat2~=1.4.2
post-pkg>1.0
url-pkg @ https://example.invalid/url-pkg-1.0.tar.gz ; python_version > "3"
https://example.invalid/files/wheel_pkg-2.0-py3-none-any.whl
old-pkg<1.0 ; python_version < "3.8" or python_full_version >= "3.0.0"
py-old<0 ; python_version < "3.9"
py-new<0 ; python_version >= "3.12" and platform_python_implementation == "CPython"
EOF
# An include with a byte order mark and CRLF line ends.
printf '\357\273\277more-missing==1.0\r\n  # indented comment \\\r\nalpha<2 \\\r\n  ;os_name == "posix"\r\n' \
    >"$T/req/sub/more.txt"
printf 'alpha<1.5\ncons-only<1\nnot-required==1\n' >"$T/req/sub/cons.txt"

# pip's answers, from pip's own code in the venv.
cat >"$T/pipcheck.py" <<'EOF'
import json, sys
from pip._internal.req.req_file import parse_requirements
from pip._internal.network.session import PipSession
from pip._internal.req.constructors import install_req_from_parsed_requirement
from pip._vendor.packaging.utils import canonicalize_name
from pip._vendor.packaging.specifiers import SpecifierSet

installed = {canonicalize_name(p["name"]): p["version"] for p in json.load(open(sys.argv[2]))}
wants = {}
for pr in parse_requirements(sys.argv[1], session=PipSession()):
    ireq = install_req_from_parsed_requirement(pr)
    if ireq.req is None or not ireq.match_markers():
        continue
    w = wants.setdefault(canonicalize_name(ireq.req.name),
                         {"spec": SpecifierSet(), "required": False})
    w["spec"] &= ireq.req.specifier
    w["required"] |= not ireq.constraint
out = {"satisfied": [], "unsatisfied": [], "missing": [], "extra": [], "wanted": {}}
for n, w in sorted(wants.items()):
    if not w["required"]:
        continue
    out["wanted"][n] = str(w["spec"])
    if n not in installed:
        out["missing"].append(n)
    elif w["spec"].contains(installed[n], prereleases=True):
        out["satisfied"].append(n)
    else:
        out["unsatisfied"].append(n)
out["extra"] = sorted(n for n in installed if not wants.get(n, {}).get("required"))
json.dump(out, sys.stdout, sort_keys=True)
EOF
# same_verdicts VX_JSON PIP_JSON: the verdicts and wanted ranges agree.
same_verdicts() {
	"$E/bin/python" - "$1" "$2" <<'EOF' || fail "venvdex and pip read requirements.txt differently"
import json, re, sys
from pip._vendor.packaging.specifiers import SpecifierSet
vx, pip = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
norm = lambda n: re.sub(r'[-_.]+', '-', n).lower()
bad = 0
for k in ("satisfied", "unsatisfied", "missing", "extra"):
    got = sorted(norm(x["name"]) for x in vx[k])
    if got != pip[k]:
        bad = 1
        sys.stderr.write("%s: venvdex %s\n%s  pip     %s\n" % (k, got, " " * len(k), pip[k]))
for k in ("satisfied", "unsatisfied", "missing"):
    for x in vx[k]:
        w = x["wanted"]
        if w.startswith("@ "):
            w = ""	# name @ URL: pip's specifier is empty
        if SpecifierSet(w) != SpecifierSet(pip["wanted"][norm(x["name"])]):
            bad = 1
            sys.stderr.write("%s wanted: venvdex %r, pip %r\n" % (x["name"], x["wanted"],
                pip["wanted"][norm(x["name"])]))
sys.exit(bad)
EOF
}

VX_TEST_VERSION=1.0
export VX_TEST_VERSION
"$E/bin/python" "$T/pipcheck.py" "$T/req/requirements.txt" "$T/pip.json" >"$T/pip-verdicts.json" ||
    fail "pip cannot read the test's requirements file"
expect_rc 0 vx scan -q "$T"
expect_rc 1 vx diff "$E" "$T/req/requirements.txt" --json
json_valid "$T/out"
[ -s "$T/err" ] && fail "warnings for a file pip reads: $(cat "$T/err")"
same_verdicts "$T/out" "$T/pip-verdicts.json"
# A few by hand, for readers.
jassert "$T/out" '"pre-pkg" in [x["name"] for x in d["satisfied"]]' \
    "an installed pre-release satisfies >=1.0, as pip checks it"
jassert "$T/out" '[x["installed"] for x in d["unsatisfied"] if x["name"] == "post-pkg"] == ["1.0.post1"]' \
    ">1.0 excludes 1.0.post1"
jassert "$T/out" '"skip-me" not in json.dumps(d)' "a win32 marker applied"
jassert "$T/out" '[x["wanted"] for x in d["satisfied"] if x["name"] == "alpha"] == [">=1.0,<2,<1.5"]'
# The same file from elsewhere: includes are relative to the file.
mkdir -p "$T/elsewhere"
( cd "$T/elsewhere" && "$VENVDEX" --db "$T/index.db" diff "$E" ../req/requirements.txt --json ) \
    >"$T/out2" 2>"$T/err" || :
same_verdicts "$T/out2" "$T/pip-verdicts.json"

# Another interpreter evaluates the markers for its own version.
for _o in $(other_pythons); do
	"$_o" -m venv "$T/ve2" >/dev/null 2>&1 || continue
	"$T/ve2/bin/python" -c 'import pip._internal.req.req_file, pip._internal.req.constructors' \
	    2>/dev/null || { rm -rf "$T/ve2"; continue; }
	"$T/ve2/bin/python" -c 'from pip._internal.req.constructors import install_req_from_parsed_requirement' \
	    2>/dev/null || { rm -rf "$T/ve2"; continue; }
	vpip "$T/ve2" install --no-index "$T"/whl/*.whl
	pip_list "$T/ve2" "$T/pip2.json"
	"$T/ve2/bin/python" "$T/pipcheck.py" "$T/req/requirements.txt" "$T/pip2.json" \
	    >"$T/pip2-verdicts.json" || fail "pip of $_o cannot read the file"
	expect_rc 1 vx diff "$T/ve2" "$T/req/requirements.txt" --json
	same_verdicts "$T/out" "$T/pip2-verdicts.json"
	note "markers checked for $("$T/ve2/bin/python" -c 'import sys; print(sys.version.split()[0])') too"
	break
done

# What pip refuses: skipped, with the file and line, and the rest is read.
cat >"$T/bad.txt" <<'EOF'
alpha>=1
absent-pkg>=1#not a comment without a blank before it
bad-spec>=>1
bad-marker==1 ; python_version >>> "3"
-z --unknown-option
--hash=sha256:00
EOF
expect_rc 0 vx diff "$E" "$T/bad.txt" --json
jassert "$T/out" '[x["name"] for x in d["satisfied"]] == ["alpha"] and d["missing"] == []'
has "$T/err" "bad.txt:2:"
has "$T/err" "bad.txt:3:"
has "$T/err" "bad.txt:4: bad marker"
has "$T/err" "bad.txt:5: unknown option '-z'"
has "$T/err" "bad.txt:6: --hash=sha256:00 belongs after a requirement"

# --- hostile files: refused or skipped in time, never a hang -------------------
# timed SECONDS ARGS...: venvdex ARGS (status in $rc), which must end in time:
# limits against hangs and blow-ups, with room for a loaded machine and the
# sanitizers (bench/ measures speed).
timed() {
	_lim=$1
	shift
	_t0=$(date +%s)
	run $TO "$VENVDEX" --db "$T/index.db" "$@"
	_t1=$(date +%s)
	[ "$rc" -eq 124 ] && fail "'$*' did not finish in 180 s"
	[ $((_t1 - _t0)) -le "$_lim" ] || fail "'$*' took $((_t1 - _t0)) s (limit $_lim s)"
}
H=$T/hostile
mkdir -p "$H"
# 50 MB: refused by its size before it is read.
$PY -c '
import sys
line = b"pkg-0123456789==1.0\n"
sys.stdout.buffer.write(line * (50 * 1048576 // len(line) + 1))' >"$H/big.txt"
timed 30 diff "$E" "$H/big.txt"
[ "$rc" -eq 1 ] || fail "a 50 MB requirements file: exit $rc"
has "$T/err" "too big"
# Binary garbage.
$PY -c '
import random, sys
r = random.Random(5)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(1 << 20)))' >"$H/garbage.txt"
timed 30 diff "$E" "$H/garbage.txt"
[ "$rc" -eq 1 ] || fail "binary garbage: exit $rc"
has "$T/err" "binary data"
# Text garbage (no NUL): every line skipped, warnings bounded and short.
$PY -c '
import random, sys
r = random.Random(6)
for i in range(20000):
    sys.stdout.write("".join(r.choice("ab=<>!~;[],@#\\ -./:${}()\x27\"*+e=r0123c\xe9\u202e\x1b") for _ in range(r.randrange(300))) + "\n")
' >"$H/text-garbage.txt"
timed 60 diff "$E" "$H/text-garbage.txt"
[ "$rc" -le 1 ] || fail "text garbage: exit $rc"
[ "$(wc -l <"$T/err")" -le 202 ] || fail "more than 200 warnings"
[ "$(awk '{ if (length($0) > 400) n++ } END { print n + 0 }' "$T/err")" -eq 0 ] ||
    fail "a warning longer than 400 bytes"
grep -q "$(printf '\033')" "$T/err" && fail "an escape sequence reached stderr"
# Very long lines: a 4 MB name, a 4 MB marker, a 2 MB version.
$PY -c 'print("a" * 4000000 + "==1")' >"$H/long-name.txt"
$PY -c 'print("x==1 ; python_version == \"" + "3" * 4000000 + "\"")' >"$H/long-marker.txt"
$PY -c 'print("x==" + "1." * 1000000 + "1")' >"$H/long-version.txt"
for _f in long-name long-marker long-version; do
	timed 60 diff "$E" "$H/$_f.txt"
	[ "$rc" -le 1 ] || fail "$_f: exit $rc"
done
# An include cycle, a chain 100 deep, and a diamond 40 deep (2^40 paths).
printf -- '-r b.txt\nalpha\n' >"$H/a.txt"
printf -- '-r a.txt\n' >"$H/b.txt"
timed 30 diff "$E" "$H/a.txt"
has "$T/err" "includes itself"
_i=0
while [ $_i -lt 100 ]; do
	printf -- '-r chain%d.txt\nc%d\n' $((_i + 1)) $_i >"$H/chain$_i.txt"
	printf -- '-r d%d.txt\n-r d%d.txt\n' $((_i + 1)) $((_i + 1)) >"$H/d$_i.txt"
	_i=$((_i + 1))
done
printf 'alpha\n' >"$H/d40.txt"
timed 30 diff "$E" "$H/chain0.txt"
has "$T/err" "nested deeper than 16"
timed 30 diff "$E" "$H/d0.txt"
[ "$rc" -le 1 ] || fail "a diamond of includes: exit $rc"
# 200000 requirements: linear, not quadratic.
$PY -c '
for i in range(200000):
    print("pkg%d>=1.%d" % (i % 50000, i // 50000))' >"$H/many.txt"
timed 90 diff "$E" "$H/many.txt" --json
[ "$rc" -eq 1 ] || fail "200000 requirements: exit $rc"
jassert "$T/out" 'len(d["missing"]) == 50000'
