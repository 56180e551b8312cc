#!/bin/sh
# create: environments made by venvdex behave as python -m venv's do, for the
# oldest and newest pyenv CPython and Debian's /usr/bin/python3: sys.prefix,
# sys.base_prefix, sys.path, pip --version, pip install/uninstall of a local
# wheel offline, pip list = venvdex pkgs, activation in bash, zsh and fish;
# a DIR over 127 bytes, --copies, --system-site-packages, every refusal.
. "$top_srcdir/tests/cli/lib.sh"

# pip 18.1 (3.6's ensurepip) breaks on PIP_NO_CACHE_DIR=1; its cache stays in $T.
unset PIP_NO_CACHE_DIR

PYENV=/root/.pyenv/versions
OLDEST=$(ls -d "$PYENV"/3.6.* 2>/dev/null | sort -V | head -n 1) || :
NEWEST=$(ls -d "$PYENV"/3.13.* 2>/dev/null | sort -V | tail -n 1) || :

# A tiny local wheel, built offline (pip wheel of a setuptools project with
# the system's setuptools; a hand-made wheel where that cannot build).
mkproj "$T/src/tinyproj" tinyproj 1.0
if /usr/bin/python3 -m pip wheel --no-index --no-build-isolation --no-deps \
    -w "$T/wheels" "$T/src/tinyproj" >"$T/wheel.log" 2>&1; then
	WHL=$(ls "$T"/wheels/tinyproj-1.0-*.whl)
else
	note "pip wheel failed ($(tail -n 1 "$T/wheel.log")); a hand-made wheel"
	WHL=$(mkwheel "$T/wheels" tinyproj 1.0)
fi

# pycheck ENV BASE_PREFIX: the environment's own python and pip.
pycheck() {
	_e=$1 _b=$2
	"$_e/bin/python" -c '
import sys, json
print(json.dumps({"prefix": sys.prefix, "base": sys.base_prefix, "path": sys.path}))' \
	    >"$T/sys.json" || fail "$_e/bin/python does not run"
	jassert "$T/sys.json" "d['prefix'] == '$_e'" "$_e: sys.prefix"
	jassert "$T/sys.json" "d['base'] == '$_b'" "$_e: sys.base_prefix"
	jassert "$T/sys.json" "any(p.startswith('$_e/lib/python') and p.endswith('/site-packages') for p in d['path'])" \
	    "$_e: its site-packages not on sys.path"
	"$_e/bin/pip" --version >"$T/pipv" 2>&1 || { cat "$T/pipv" >&2; fail "$_e/bin/pip --version"; }
	has "$T/pipv" "from $_e/lib/python"
	for _s in pip3 "pip$(sed -n 's/^version = \([0-9]*\.[0-9]*\).*/\1/p' "$_e/pyvenv.cfg")"; do
		[ -x "$_e/bin/$_s" ] || fail "$_e: no bin/$_s"
	done
	vpip "$_e" install --no-index "$WHL"
	"$_e/bin/python" -c 'import tinyproj; print(tinyproj.VALUE)' | grep -q 'tinyproj 1.0' ||
	    fail "$_e: tinyproj not importable after pip install"
	expect_rc 0 vx scan "$_e"
	expect_rc 0 vx pkgs "$_e" --json
	cp "$T/out" "$T/vx.json"
	pip_list "$_e" "$T/pip.json"
	same_pkgs "$T/vx.json" "$T/pip.json" "$_e: venvdex pkgs differs from pip list"
	jassert "$T/vx.json" "'tinyproj' in [norm(p['name']) for p in d]"
	vpip "$_e" uninstall -y tinyproj
	"$_e/bin/python" -c 'import tinyproj' 2>/dev/null && fail "$_e: tinyproj still there"
	:
}

# shells ENV: activation and deactivation in bash, zsh and fish.
shells() {
	_e=$1
	for _sh in bash zsh; do
		command -v $_sh >/dev/null 2>&1 || { note "$_sh not installed"; continue; }
		$_sh -c '
			old=$PATH
			. "$1/bin/activate" || exit 1
			[ "$VIRTUAL_ENV" = "$1" ] || { echo "VIRTUAL_ENV=$VIRTUAL_ENV"; exit 1; }
			[ "$(command -v python)" = "$1/bin/python" ] || { echo "python is $(command -v python)"; exit 1; }
			[ -n "$VIRTUAL_ENV_PROMPT" ] || [ -n "${PS1:-}" ] || :
			deactivate
			[ "$PATH" = "$old" ] || { echo "PATH not restored"; exit 1; }
			[ -z "${VIRTUAL_ENV:-}" ] || { echo "VIRTUAL_ENV left"; exit 1; }
		' $_sh "$_e" >"$T/sh.out" 2>&1 || { cat "$T/sh.out" >&2; fail "$_sh: activation of $_e"; }
	done
	if command -v fish >/dev/null 2>&1; then
		fish --no-config -c '
			set old "$PATH"
			source $argv[1]/bin/activate.fish; or exit 1
			test "$VIRTUAL_ENV" = $argv[1]; or begin; echo "VIRTUAL_ENV=$VIRTUAL_ENV"; exit 1; end
			test (command -s python) = $argv[1]/bin/python; or begin; echo "python is" (command -s python); exit 1; end
			deactivate
			test "$PATH" = "$old"; or begin; echo "PATH not restored"; exit 1; end
			set -q VIRTUAL_ENV; and begin; echo "VIRTUAL_ENV left"; exit 1; end
			exit 0
		' "$_e" >"$T/sh.out" 2>&1 || { cat "$T/sh.out" >&2; fail "fish: activation of $_e"; }
	else
		note "fish not installed"
	fi
}

# layout ENV PY: what python -m venv writes.
layout() {
	_e=$1
	for _k in home include-system-site-packages version executable command venvdex; do
		grep -q "^$_k = " "$_e/pyvenv.cfg" || fail "$_e/pyvenv.cfg: no $_k"
	done
	[ "$(cat "$_e/.gitignore" | tail -n 1)" = '*' ] || fail "$_e/.gitignore"
	[ -L "$_e/lib64" ] && [ "$(readlink "$_e/lib64")" = lib ] || fail "$_e: no lib64 -> lib"
	for _f in activate activate.fish activate.csh; do
		[ -f "$_e/bin/$_f" ] || fail "$_e: no bin/$_f"
	done
	grep -q "__VENV_" "$_e/bin/activate" && fail "$_e/bin/activate: a placeholder left"
	:
}

# sized ENV: the size create indexed (counted as it wrote, without reading
# pip's files again) is the one a full re-read of ENV finds.
sized() {
	expect_rc 0 vx list --json
	_s1=$(jget "$T/out" "[e['size'] for e in d if e['path'] == '$1']")
	expect_rc 0 vx scan --full "$1"
	expect_rc 0 vx list --json
	_s2=$(jget "$T/out" "[e['size'] for e in d if e['path'] == '$1']")
	[ "$_s1" != "[]" ] || fail "$1 is not in the index"
	[ "$_s1" = "$_s2" ] || fail "$1: create indexed a size of $_s1, a scan finds $_s2"
}

tested=0
for base in "$OLDEST" "$NEWEST" /usr; do
	[ -n "$base" ] || continue
	py=$base/bin/python3
	[ -x "$py" ] || { note "no $py"; continue; }
	e=$T/envs/$(basename "$base")
	expect_rc 0 vx create "$e" --python "$py"
	has "$T/out" "created $e"
	layout "$e"
	# Sized as placed (the cache's wheel just unpacked), then from the
	# cache's stamp of what its files take.
	sized "$e"
	expect_rc 0 vx create "$e.again" --python "$py"
	sized "$e.again"
	rm -rf "$e.again"
	real_base=$(cd "$base" && pwd -P)
	pycheck "$e" "$real_base"
	shells "$e"
	# the same as the interpreter's own venv writes for the activation scripts
	"$py" -m venv --without-pip "$T/ref" >/dev/null 2>&1 || fail "$py -m venv"
	for f in activate activate.fish activate.csh; do
		sed "s|$T/ref|$e|g; s|(ref)|($(basename "$e"))|g; s|'ref'|'$(basename "$e")'|g; s|\"ref\"|\"$(basename "$e")\"|g; s|=ref\$|=$(basename "$e")|" \
		    "$T/ref/bin/$f" >"$T/ref.$f"
		cmp -s "$T/ref.$f" "$e/bin/$f" || { diff "$T/ref.$f" "$e/bin/$f" >&2; fail "$e/bin/$f differs from venv's"; }
	done
	rm -rf "$T/ref"
	tested=$((tested + 1))
done
[ "$tested" -gt 0 ] || skip "no interpreter to test with"

# The version form and the pyenv version name (oldest and newest as found).
if [ -n "$NEWEST" ]; then
	v=$(basename "$NEWEST")
	expect_rc 0 vx scan "$NEWEST"
	expect_rc 0 vx create "$T/byver" --python "${v%.*}" --without-pip
	has "$T/byver/pyvenv.cfg" "home = $NEWEST/bin"
	has "$T/byver/pyvenv.cfg" "version = $v"
	[ ! -d "$T/byver/lib/python${v%.*}/site-packages/pip" ] || fail "--without-pip seeded pip"
	expect_rc 0 env PYENV_ROOT=/root/.pyenv "$VENVDEX" --db "$T/index.db" create "$T/byname" --python "$v" --without-pip
	has "$T/byname/pyvenv.cfg" "home = $NEWEST/bin"
	# A pyenv shim is followed to the interpreter it runs.
	mkdir -p "$T/pyenv/shims" "$T/pyenv/versions"
	ln -s "$NEWEST" "$T/pyenv/versions/$v"
	echo "$v" >"$T/pyenv/version"
	printf '#!/usr/bin/env bash\nset -e\nexport PYENV_ROOT="%s"\nexec "/nonexistent/pyenv" exec "$@"\n' \
	    "$T/pyenv" >"$T/pyenv/shims/python3"
	chmod +x "$T/pyenv/shims/python3"
	expect_rc 0 env PYENV_ROOT="$T/pyenv" "$VENVDEX" --db "$T/index.db" create "$T/byshim" --python "$T/pyenv/shims/python3" --without-pip
	has "$T/byshim/pyvenv.cfg" "home = $T/pyenv/versions/$v/bin"
	"$T/byshim/bin/python" -c 'import sys; print(sys.prefix)' | grep -qx "$T/byshim" ||
	    fail "the env made through a shim does not run"

	# --json: the environment as list --json shows it, and it is indexed.
	expect_rc 0 vx create "$T/js" --python "$NEWEST/bin/python3" --without-pip --json
	json_valid "$T/out"
	jassert "$T/out" "d['path'] == '$T/js' and d['kind'] == 'venv' and d['python'] == '$v'"
	expect_rc 0 vx list --json
	jassert "$T/out" "env('$T/js')['python'] == '$v'"

	# A DIR whose path is over 127 bytes: pip's scripts use the /bin/sh form.
	long=$T/$(printf '%0140d' 0 | tr 0 l)
	expect_rc 0 vx create "$long" --python "$NEWEST/bin/python3"
	head -n 1 "$long/bin/pip" | grep -qx '#!/bin/sh' || fail "long path: pip's shebang is $(head -n 1 "$long/bin/pip")"
	"$long/bin/pip" --version >"$T/pipv" 2>&1 || { cat "$T/pipv" >&2; fail "long path: pip does not run"; }
	has "$T/pipv" "from $long/lib/python"

	# --copies: real files, still an environment of that base.
	expect_rc 0 vx create "$T/copies" --python "$NEWEST/bin/python3" --copies --without-pip
	[ -f "$T/copies/bin/python" ] && [ ! -L "$T/copies/bin/python" ] || fail "--copies: bin/python is a link"
	has "$T/copies/pyvenv.cfg" "--copies"
	"$T/copies/bin/python" -c 'import sys; print(sys.prefix, sys.base_prefix)' >"$T/pp" ||
	    fail "--copies: python does not run"
	has "$T/pp" "$T/copies $NEWEST"

	# --system-site-packages: the base's site-packages is on sys.path.
	expect_rc 0 vx create "$T/sys" --python "$NEWEST/bin/python3" --system-site-packages --without-pip
	has "$T/sys/pyvenv.cfg" "include-system-site-packages = true"
	"$T/sys/bin/python" -c 'import sys; print("\n".join(sys.path))' >"$T/pp"
	grep -qx "$NEWEST/lib/python${v%.*}/site-packages" "$T/pp" ||
	    fail "--system-site-packages: the base's site-packages not on sys.path"

	# --prompt
	expect_rc 0 vx create "$T/prompted" --python "$NEWEST/bin/python3" --prompt 'my env' --without-pip
	has "$T/prompted/pyvenv.cfg" "prompt = 'my env'"
	bash -c '. "$1/bin/activate"; echo "$VIRTUAL_ENV_PROMPT"' sh "$T/prompted" | grep -q 'my env' ||
	    fail "--prompt not in VIRTUAL_ENV_PROMPT"

	# --clear on an environment empties it first
	touch "$T/js/extra-file"
	expect_rc 0 vx create "$T/js" --python "$NEWEST/bin/python3" --without-pip --clear
	[ ! -e "$T/js/extra-file" ] || fail "--clear left a file"
	[ -f "$T/js/pyvenv.cfg" ] || fail "--clear: no pyvenv.cfg after"
fi

# Refusals, each with a venvdex: message and exit 1, nothing made.
refuse() {	# refuse WHAT-IN-MESSAGE ARGS...
	_m=$1
	shift
	expect_rc 1 vx create "$@"
	err_is_venvdex
	has "$T/err" "$_m"
}
mkdir -p "$T/full"
echo keep >"$T/full/file"
refuse "exists and is not empty" "$T/full" --without-pip
refuse "not an environment" "$T/full" --without-pip --clear
[ "$(cat "$T/full/file")" = keep ] || fail "a refused --clear touched the folder"
refuse "PATH separator" "$T/a:b" --without-pip
[ ! -e "$T/a:b" ] || fail "a refused DIR was made"
refuse "not valid UTF-8" "$T/bad$(printf '\377')" --without-pip
refuse "no such interpreter" "$T/x1" --python "$T/nowhere/bin/python3"
refuse "no Python 9.9" "$T/x2" --python 9.9
refuse "no such interpreter" "$T/x3" --python no-such-pyenv-name
mkdir -p "$T/winpy/Lib" "$T/winpy/Scripts"
: >"$T/winpy/python.exe"
chmod +x "$T/winpy/python.exe"
refuse "Windows-layout" "$T/x4" --python "$T/winpy"
refuse "Windows-layout" "$T/x5" --python "$T/winpy/python.exe"
touch "$T/afile"
refuse "not a folder" "$T/afile" --without-pip
if [ -x "$PYENV/2.7.18/bin/python2.7" ]; then
	refuse "no venv module" "$T/x6" --python "$PYENV/2.7.18/bin/python2.7"
fi
for x in x1 x2 x3 x4 x5 x6; do
	[ ! -e "$T/$x" ] || fail "refused: $T/$x was made"
done
expect_rc 2 vx create
expect_rc 2 vx create a b

finish
