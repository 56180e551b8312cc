# lib.sh: shared setup for the CLI tests. Sourced by each tests/cli/*.sh:
#	. "$top_srcdir/tests/cli/lib.sh"
# POSIX sh (dash). Every test runs in a private temporary directory $T that
# holds HOME, the XDG folders and the index: nothing touches the real home,
# the real index or the network.

set -eu

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${VENVDEX:=$top_builddir/venvdex}"
export top_srcdir top_builddir VENVDEX
TEST=$(basename "$0" .sh)

fail() {
	printf '%s: FAIL: %s\n' "$TEST" "$*" >&2
	exit 1
}

skip() {
	printf '%s: SKIP: %s\n' "$TEST" "$*" >&2
	exit 77
}

note() {
	printf '%s: %s\n' "$TEST" "$*" >&2
}

need() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}

[ -x "$VENVDEX" ] || fail "no venvdex binary at $VENVDEX (set VENVDEX)"

# The real interpreter behind python3, learnt before HOME and PYENV_ROOT
# change (a pyenv shim stops working once they do).
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PY=
[ -n "$PY" ] && [ -x "$PY" ] || skip "python3 is not usable"
export PY

T=$(mktemp -d "${TMPDIR:-/tmp}/venvdex-$TEST.XXXXXX") || fail "mktemp -d"
# Resolve symlinks (/tmp may be one) so paths compare exactly with venvdex's.
T=$(cd "$T" && pwd -P)
cleanup() {
	# chmod 000 folders and deep trees must not stop the removal.
	chmod -R u+rwx "$T" 2>/dev/null || :
	rm -rf "$T" 2>/dev/null || $PY -c 'import shutil,sys; shutil.rmtree(sys.argv[1], ignore_errors=True)' "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

mkdir -p "$T/home" "$T/home/.cache" "$T/home/.local/share" "$T/home/.config" "$T/tmp"
HOME=$T/home
XDG_CACHE_HOME=$T/home/.cache
XDG_DATA_HOME=$T/home/.local/share
XDG_CONFIG_HOME=$T/home/.config
VENVDEX_DB=$T/index.db
TMPDIR=$T/tmp
LANG=C.UTF-8
LC_ALL=C.UTF-8
TZ=UTC
NO_COLOR=1
TERM=dumb
export HOME XDG_CACHE_HOME XDG_DATA_HOME XDG_CONFIG_HOME VENVDEX_DB TMPDIR \
    LANG LC_ALL TZ NO_COLOR TERM
unset PYENV_VERSION PYENV_ROOT PYENV_DIR VIRTUAL_ENV CONDA_PREFIX CONDA_DEFAULT_ENV \
    CONDA_EXE CONDA_SHLVL WORKON_HOME PIPX_HOME PIPX_BIN_DIR POETRY_VIRTUALENVS_PATH \
    HATCH_DATA_DIR UV_PYTHON_INSTALL_DIR PYTHONPATH PYTHONHOME PYTHONUSERBASE \
    PYTHONSTARTUP PYTHONNOUSERSITE PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL \
    PIP_REQUIRE_VIRTUALENV PIP_USER PIP_TARGET PIP_PREFIX XDG_RUNTIME_DIR 2>/dev/null || :
# ... and every other variable places.c reads.
unset ASDF_DATA_DIR PIPX_LOCAL_VENVS PIPX_SHARED_LIBS PIPX_GLOBAL_HOME POETRY_CACHE_DIR \
    UV_TOOL_DIR UV_CACHE_DIR CONDA_ENVS_DIRS PIP_CACHE_DIR 2>/dev/null || :
# pip never reaches the network and reads no config from the real machine.
PIP_NO_INDEX=1
PIP_DISABLE_PIP_VERSION_CHECK=1
PIP_NO_INPUT=1
PIP_CONFIG_FILE=/dev/null
PIP_NO_CACHE_DIR=1
PIP_ROOT_USER_ACTION=ignore
PYTHONDONTWRITEBYTECODE=1
export PIP_NO_INDEX PIP_DISABLE_PIP_VERSION_CHECK PIP_NO_INPUT PIP_CONFIG_FILE \
    PIP_NO_CACHE_DIR PIP_ROOT_USER_ACTION PYTHONDONTWRITEBYTECODE
cd "$T"

# UNPRIV: a command prefix that runs a program without the power to ignore
# file permissions: empty when not root; as root, setpriv(1) without the
# CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH capabilities. Unset when neither
# works; test with can_unpriv.
if [ "$(id -u)" -ne 0 ]; then
	UNPRIV=
else
	unset UNPRIV
	_u="setpriv --bounding-set=-dac_override,-dac_read_search"
	mkdir "$T/.unpriv" && chmod 000 "$T/.unpriv"
	if $_u true 2>/dev/null && ! $_u ls "$T/.unpriv" >/dev/null 2>&1; then
		UNPRIV=$_u
	fi
	rmdir "$T/.unpriv"
fi
can_unpriv() {
	[ -n "${UNPRIV+set}" ]
}

# venvdex on the private index.
vx() {
	"$VENVDEX" --db "$T/index.db" "$@"
}

# run CMD...: runs CMD with stdout in $T/out, stderr in $T/err, status in $rc.
run() {
	rc=0
	"$@" >"$T/out" 2>"$T/err" || rc=$?
}

# expect_rc N CMD...: runs CMD and fails unless it exits N.
expect_rc() {
	_want=$1
	shift
	run "$@"
	if [ "$rc" -ne "$_want" ]; then
		note "stdout: $(head -c 2000 "$T/out")"
		note "stderr: $(head -c 2000 "$T/err")"
		fail "'$*' exited $rc, expected $_want"
	fi
}

# Fails unless FILE contains the fixed string S.
has() {
	grep -qF -- "$2" "$1" || { note "$1: $(head -c 2000 "$1")"; fail "${3:-$1 does not contain '$2'}"; }
}

# Fails unless stderr ($T/err) is a "venvdex: " message.
err_is_venvdex() {
	head -n 1 "$T/err" | grep -q '^venvdex: ' ||
	    fail "${1:-stderr} does not start with 'venvdex: ': $(head -c 500 "$T/err")"
}

# The helpers below run Python with -S: they need only the standard library,
# and skipping site's start-up halves their cost (about 40 of 80 ms a call,
# some 400 calls a suite).

# jget FILE EXPR: prints EXPR evaluated in Python with d = the JSON in FILE
# (strings as they are, anything else as JSON).
jget() {
	$PY -S - "$1" "$2" <<'EOF'
import json, re, sys
with open(sys.argv[1], 'rb') as f:
    d = json.loads(f.read())
def norm(n):
    return re.sub(r'[-_.]+', '-', n).lower()
v = eval(sys.argv[2], {'d': d, 'json': json, 'norm': norm})
print(v if isinstance(v, str) else json.dumps(v, sort_keys=True))
EOF
}

# jassert FILE EXPR [MSG]: fails unless the Python expression EXPR is true,
# with d = the JSON in FILE, norm() = PEP 503 normalisation, and env(path) =
# the object of a `list --json` array whose path is path.
_jeval() {
	$PY -S - "$1" "$2" "${3:-}" <<'EOF'
import json, re, sys
path, expr, msg = sys.argv[1:4]
try:
    with open(path, 'rb') as f:
        d = json.loads(f.read())
except Exception as e:
    sys.stderr.write('%s is not valid JSON: %s\n' % (path, e))
    sys.exit(1)
def norm(n):
    return re.sub(r'[-_.]+', '-', n).lower()
def env(p):
    m = [e for e in d if e.get('path') == p]
    if len(m) != 1:
        raise AssertionError('%d environments with path %r in %r' %
            (len(m), p, [e.get('path') for e in d]))
    return m[0]
try:
    ok = eval(expr, {'d': d, 'norm': norm, 'env': env, 'json': json, 're': re})
except Exception as e:
    sys.stderr.write('%s: %s: %r\n' % (expr, type(e).__name__, e))
    ok = False
if not ok:
    s = json.dumps(d, indent=1, sort_keys=True)
    sys.stderr.write('in %s:\n%s\n' % (path, s[:4000]))
    sys.exit(1)
EOF
}

jassert() {
	_jeval "$@" || fail "${3:-assertion failed: $2}"
}

# jsoft: jassert that reports a failure (check_fail) but lets the test go on;
# returns 1 then, so call it in an `if` or with `|| :` under set -e.
jsoft() {
	_jeval "$@" || { check_fail "${3:-assertion failed: $2}"; return 1; }
}

# json_valid FILE: fails unless FILE holds valid JSON (strictly: no NaN).
json_valid() {
	$PY -S -c '
import json, sys
def bad(c):
    raise ValueError("not JSON: " + c)
json.loads(open(sys.argv[1], "rb").read().decode("utf-8"), parse_constant=bad)
' "$1" || fail "${2:-$1 is not valid JSON}: $(head -c 1000 "$1")"
}

# same_pkgs VX_JSON PIP_JSON: fails unless the two package lists hold the same
# names (PEP 503 normalised) at the same versions.
same_pkgs() {
	$PY -S - "$1" "$2" <<'EOF' || fail "${3:-venvdex pkgs differs from pip list}"
import json, re, sys
def norm(n):
    return re.sub(r'[-_.]+', '-', n).lower()
def load(p):
    with open(p, 'rb') as f:
        return {norm(x['name']): x['version'] for x in json.loads(f.read())}
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b:
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            sys.stderr.write('  %-20s venvdex %-12s pip %s\n' % (k, a.get(k), b.get(k)))
    sys.exit(1)
EOF
}

# mkvenv DIR [VENV-OPTIONS...]: python3 -m venv, offline. Without options,
# the pip that ensurepip puts in is copied (seed_venv) from a venv that
# $PY -m venv made once for the whole suite: the same files as ensurepip's,
# for 1.8 s of CPU instead of 6.3 s. mkvenv_real, or VENVDEX_TEST_SEED=0,
# runs ensurepip each time.
mkvenv() {
	if [ "$#" -eq 1 ] && [ "${VENVDEX_TEST_SEED:-1}" != 0 ] &&
	    seed_venv "$1" >"$T/mkvenv.log" 2>&1; then
		return 0
	fi
	mkvenv_real "$@"
}

# seed_venv DIR [PYTHON]: PYTHON -m venv DIR (PYTHON is $PY by default) as
# its EnvBuilder makes it, but its _setup_pip (ensurepip) replaced by a copy
# of what ensurepip installed in the seed: tests/.pyseed/KEY, KEY naming
# PYTHON, its version and its ensurepip's pip. The seed is made once, by
# whichever test comes first (made aside, then renamed into place: tests run
# in parallel). Scripts get DIR's shebang and their RECORD lines the new hash
# and size; files keep their times, so that the compiled files stay valid.
# Fails (and leaves DIR to mkvenv_real) where the copy could not be
# faithful: a shebang pip would write otherwise (long, with blanks, not
# ASCII), another layout.
seed_venv() {
	rm -rf "$1"
	"${2:-$PY}" - "$top_builddir/tests/.pyseed" "$1" <<'EOF' || { rm -rf "$1"; return 1; }
import base64, hashlib, os, shutil, subprocess, sys, tempfile, venv
root, target = sys.argv[1:3]
import ensurepip
key = hashlib.sha256(('%s\n%s\n%s' % (sys.executable, sys.version,
    ensurepip.version())).encode()).hexdigest()[:16]
seed = os.path.join(root, key)
if not os.path.isdir(seed):
    os.makedirs(root, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=key + '.', dir=root)
    subprocess.run([sys.executable, '-m', 'venv', tmp], check=True,
        stdout=subprocess.DEVNULL)
    with open(os.path.join(tmp, 'made-at'), 'w') as f:
        f.write(tmp)
    try:
        os.rename(tmp, seed)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
if not hasattr(venv.EnvBuilder, '_setup_pip'):
    sys.exit('no EnvBuilder._setup_pip')
sites = [os.path.join(dp, 'site-packages') for dp, dn, fn in os.walk(os.path.join(seed, 'lib'))
    if 'site-packages' in dn]
if len(sites) != 1:
    sys.exit('site-packages: %r' % sites)
rel = os.path.relpath(sites[0], seed)
# The seed was made at its temporary name: its scripts' shebangs hold that.
with open(os.path.join(seed, 'made-at')) as f:
    made = f.read()

class Seeded(venv.EnvBuilder):
    def _setup_pip(self, context):
        site = os.path.join(context.env_dir, rel)
        for n in os.listdir(sites[0]):
            s, d = os.path.join(sites[0], n), os.path.join(site, n)
            if os.path.isdir(s) and not os.path.islink(s):
                shutil.copytree(s, d, symlinks=True)
            else:
                shutil.copy2(s, d, follow_symlinks=False)
        sbin, dbin = os.path.join(seed, 'bin'), os.path.join(context.env_dir, 'bin')
        fixed = {}
        # What pip installed outside site-packages: its RECORDs say.
        outside = set()
        for n in os.listdir(sites[0]):
            r = os.path.join(sites[0], n, 'RECORD')
            if n.endswith('.dist-info') and os.path.isfile(r):
                with open(r) as f:
                    outside |= {l.split(',', 1)[0] for l in f if l.startswith('../')}
        for p in sorted(outside):
            n = os.path.basename(p)
            if os.path.normpath(os.path.join(sites[0], p)) != os.path.join(sbin, n):
                sys.exit('%s: not a script in bin' % p)
            with open(os.path.join(sbin, n), 'rb') as f:
                data = f.read()
            first, nl, rest = data.partition(b'\n')
            exe = os.path.basename(first[2:].decode())
            if first != os.fsencode('#!%s/bin/%s' % (made, exe)):
                sys.exit('%s: shebang %r' % (n, first))
            exe = os.path.join(dbin, exe)
            if len(exe) > 100 or not (exe.isascii() and exe.isprintable()) or ' ' in exe:
                sys.exit('%s: pip would write another shebang' % exe)
            data = b'#!' + os.fsencode(exe) + nl + rest
            with open(os.path.join(dbin, n), 'wb') as f:
                f.write(data)
            shutil.copymode(os.path.join(sbin, n), os.path.join(dbin, n))
            h = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=')
            fixed[os.path.relpath(os.path.join(dbin, n), site)] = 'sha256=%s,%d' % (h.decode(), len(data))
        for n in os.listdir(site):
            r = os.path.join(site, n, 'RECORD')
            if not n.endswith('.dist-info') or not os.path.isfile(r):
                continue
            with open(r, newline='') as f:
                lines = f.read().split('\n')
            for i, l in enumerate(lines):
                p = l.split(',', 1)[0]
                if p in fixed:	# pip writes RECORD with \r\n
                    lines[i] = '%s,%s%s' % (p, fixed[p], '\r' if l.endswith('\r') else '')
            with open(r, 'w', newline='') as f:
                f.write('\n'.join(lines))

Seeded(symlinks=(os.name != 'nt'), with_pip=True).create(target)
EOF
}

# mkvenv_py PYTHON DIR: PYTHON -m venv DIR, seeded as mkvenv does it.
mkvenv_py() {
	if [ "${VENVDEX_TEST_SEED:-1}" != 0 ] &&
	    seed_venv "$2" "$1" >"$T/mkvenv.log" 2>&1; then
		return 0
	fi
	"$1" -m venv "$2" >"$T/mkvenv.log" 2>&1 ||
	    { cat "$T/mkvenv.log" >&2; fail "$1 -m venv $2"; }
}

# mkvenv_real DIR [VENV-OPTIONS...]: python3 -m venv itself (ensurepip).
mkvenv_real() {
	_d=$1
	shift
	$PY -m venv "$@" "$_d" >"$T/mkvenv.log" 2>&1 || {
		cat "$T/mkvenv.log" >&2
		if [ "$#" -eq 0 ] && ! $PY -c 'import ensurepip' 2>/dev/null; then
			skip "python3 has no ensurepip (python3-venv missing)"
		fi
		fail "python3 -m venv $* $_d"
	}
}

# other_pythons: CPythons of other minor versions than $PY, one a line, newest
# first: $VENVDEX_TEST_PYTHONS, pyenv versions beside $PY, /usr/bin/python3.X.
other_pythons() {
	_mine=$($PY -c 'import sys; print("%d.%d" % sys.version_info[:2])')
	_seen=" $_mine "
	_root=$(dirname "$(dirname "$(dirname "$PY")")")
	for _c in ${VENVDEX_TEST_PYTHONS:-} "$_root"/*/bin/python3 \
	    /usr/bin/python3.[0-9]* /usr/local/bin/python3.[0-9]*; do
		[ -f "$_c" ] && [ -x "$_c" ] || continue
		_v=$("$_c" -c 'import sys; print("%d.%d" % sys.version_info[:2])' \
		    2>/dev/null) || continue
		case $_seen in *" $_v "*) continue ;; esac
		_seen="$_seen$_v "
		printf '%s %s\n' "$_v" "$_c"
	done | sort -t. -k1,1nr -k2,2nr | cut -d' ' -f2-
}

# vpip ENV PIP-ARGS...: ENV's own pip, offline and quiet.
vpip() {
	_e=$1
	shift
	"$_e/bin/python" -m pip --no-input --disable-pip-version-check "$@" \
	    >"$T/pip.log" 2>&1 || { cat "$T/pip.log" >&2; fail "pip $* in $_e"; }
}

# pip_list ENV FILE: `pip list --local --format=json` of ENV into FILE.
pip_list() {
	"$1/bin/python" -m pip list --local --format=json --no-index \
	    --disable-pip-version-check >"$2" 2>"$T/pip.log" ||
	    { cat "$T/pip.log" >&2; fail "pip list in $1"; }
}

WHEELS=/usr/share/python-wheels
# wheel_of NAME: the offline wheel for NAME, or skip.
wheel_of() {
	for _w in "$WHEELS/$1"-*.whl; do
		[ -f "$_w" ] && { echo "$_w"; return 0; }
	done
	skip "no offline $1 wheel in $WHEELS"
}

# mkproj DIR NAME VERSION [DEPENDENCY...]: a small setuptools project.
mkproj() {
	_p=$1 _n=$2 _v=$3
	shift 3
	_deps=
	for _x in "$@"; do
		_deps="$_deps\"$_x\", "
	done
	_mod=$(echo "$_n" | tr 'A-Z.-' 'a-z__')
	mkdir -p "$_p/$_mod"
	cat >"$_p/pyproject.toml" <<EOF
[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "$_n"
version = "$_v"
description = "test project $_n"
dependencies = [$_deps]

[tool.setuptools]
packages = ["$_mod"]
EOF
	echo "VALUE = '$_n $_v'" >"$_p/$_mod/__init__.py"
}

# Installs setuptools and wheel into ENV from the offline wheels. A setuptools
# that ensurepip already put there is kept: the distribution's own wheel may
# be patched for the distribution's python only (Debian's wants install_layout).
setup_tools() {
	if "$1/bin/python" -c 'import setuptools' 2>/dev/null; then
		vpip "$1" install --no-index "$(wheel_of wheel)"
	else
		vpip "$1" install --no-index "$(wheel_of setuptools)" "$(wheel_of wheel)"
	fi
}

# summary_field N: field N (1 environments, 2 new, 3 re-read, 4 unchanged,
# 5 gone) of the scan summary line in $T/out.
summary_field() {
	sed -n 's/^\([0-9]*\) environments\{0,1\} (\([0-9]*\) new, \([0-9]*\) re-read, \([0-9]*\) unchanged, \([0-9]*\) gone).*/\1 \2 \3 \4 \5/p' "$T/out" |
	    head -n 1 | cut -d' ' -f"$1"
}

# check_fail MSG: reports a failure but lets the test go on; finish exits 1.
FAILED=0
check_fail() {
	printf '%s: FAIL: %s\n' "$TEST" "$*" >&2
	FAILED=1
}

finish() {
	[ "$FAILED" -eq 0 ] || exit 1
	exit 0
}

# none_left: no venvdex of this test ($T in its command line) is still
# running 10 s on; one that is (a session outliving its terminal) is killed
# and fails the test.
none_left() {
	_i=0
	_pat=$(printf '%s\n' "$VENVDEX --db $T/" | sed 's/[][\\.*^$+?(){}|]/\\&/g')
	while pgrep -f -- "$_pat" >/dev/null 2>&1; do
		if [ "$_i" -ge 100 ]; then
			note "left running: $(pgrep -af -- "$_pat")"
			pkill -KILL -f -- "$_pat"
			fail "a venvdex still runs after its terminal went"
		fi
		sleep 0.1
		_i=$((_i + 1))
	done
}

# mkwheel OUTDIR NAME VERSION [REQUIREMENT...]: writes a pure-Python wheel by
# hand (no build backend needed); prints its path.
mkwheel() {
	$PY -S - "$@" <<'PYEOF'
import base64, hashlib, os, re, sys, zipfile
out, name, version = sys.argv[1:4]
reqs = sys.argv[4:]
mod = re.sub(r'[-_.]+', '_', name).lower()
dist = re.sub(r'[-_.]+', '_', name)
di = '%s-%s.dist-info' % (dist, version)
meta = 'Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: test project %s\n' % (name, version, name)
meta += ''.join('Requires-Dist: %s\n' % r for r in reqs)
files = {
    mod + '/__init__.py': "VALUE = '%s %s'\n" % (name, version),
    di + '/METADATA': meta,
    di + '/WHEEL': 'Wheel-Version: 1.0\nGenerator: venvdex-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    di + '/top_level.txt': mod + '\n',
}
def h(data):
    return 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
record = ''.join('%s,%s,%d\n' % (p, h(c.encode()), len(c.encode())) for p, c in files.items())
record += di + '/RECORD,,\n'
os.makedirs(out, exist_ok=True)
path = os.path.join(out, '%s-%s-py3-none-any.whl' % (dist, version))
with zipfile.ZipFile(path, 'w') as z:
    for p, c in files.items():
        z.writestr(p, c)
    z.writestr(di + '/RECORD', record)
print(path)
PYEOF
}

# install_projects ENV NAME:VERSION[:REQ]... : makes each as a setuptools
# project under $T/src and installs them with pip --no-build-isolation. When
# the build toolchain cannot build here (a distribution-patched setuptools on
# another python), installs hand-made wheels of the same projects instead.
install_projects() {
	_e=$1
	shift
	_dirs= _whls=
	for _spec in "$@"; do
		_n=${_spec%%:*} _r=${_spec#*:}
		_v=${_r%%:*} _q=
		[ "$_r" != "$_v" ] && _q=${_r#*:}
		if [ -n "$_q" ]; then
			mkproj "$T/src/$_n" "$_n" "$_v" "$_q"
			_whls="$_whls $(mkwheel "$T/wheels" "$_n" "$_v" "$_q")"
		else
			mkproj "$T/src/$_n" "$_n" "$_v"
			_whls="$_whls $(mkwheel "$T/wheels" "$_n" "$_v")"
		fi
		_dirs="$_dirs $T/src/$_n"
	done
	setup_tools "$_e"
	# shellcheck disable=SC2086
	if ! "$_e/bin/python" -m pip install --no-index --no-build-isolation $_dirs \
	    >"$T/pip.log" 2>&1; then
		note "cannot build with this setuptools ($(grep -m1 -o '[A-Za-z]*Error: .*' "$T/pip.log")); installing hand-made wheels"
		# shellcheck disable=SC2086
		vpip "$_e" install --no-index $_whls
	fi
}

# mkdist SITE NAME VERSION [INSTALLER]: a minimal NAME-VERSION.dist-info.
mkdist() {
	_di="$1/$(echo "$2" | tr '.-' '__')-$3.dist-info"
	mkdir -p "$_di"
	printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: fixture %s\n\n' \
	    "$2" "$3" "$2" >"$_di/METADATA"
	printf '%s\n' "${4:-pip}" >"$_di/INSTALLER"
	printf '%s,,\n' "${_di##*/}/METADATA" >"$_di/RECORD"
}

# mkfakevenv DIR VERSION [INTERPRETER]: a venv layout made by hand (no python
# run): pyvenv.cfg, bin/python a symlink to INTERPRETER ($PY by default).
mkfakevenv() {
	_i=${3:-$PY}
	_mm=$(echo "$2" | cut -d. -f1-2)
	mkdir -p "$1/bin" "$1/lib/python$_mm/site-packages"
	printf 'home = %s\ninclude-system-site-packages = false\nversion = %s\nexecutable = %s\n' \
	    "$(dirname "$_i")" "$2" "$_i" >"$1/pyvenv.cfg"
	ln -s "$_i" "$1/bin/python"
	ln -s python "$1/bin/python3"
	: >"$1/bin/activate"
}
