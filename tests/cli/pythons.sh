#!/bin/sh
# pythons: venv.sh's comparison with pip, under other Pythons than python3:
# the oldest and the newest pyenv version (3.7 or newer) installed here. Their
# pip, layout and metadata differ (pip 22 to 24, setuptools or none).

# The pyenv versions, found before lib.sh moves HOME away.
PYENV_VERSIONS=${PYENV_ROOT:-${HOME:-/nonexistent}/.pyenv}/versions
. "$top_srcdir/tests/cli/lib.sh"

[ -d "$PYENV_VERSIONS" ] || skip "no pyenv versions at $PYENV_VERSIONS"
# Candidates: X.Y.Z folders with a python3 that has ensurepip, oldest first.
cands=$(ls "$PYENV_VERSIONS" | grep -E '^3\.([7-9]|[1-9][0-9])\.[0-9]+$' | sort -t. -k2,2n -k3,3n)
pick=
for v in $(echo "$cands" | head -n 1) $(echo "$cands" | tail -n 1); do
	p=$PYENV_VERSIONS/$v/bin/python3
	[ -x "$p" ] && [ "$p" != "$PY" ] && "$p" -c 'import ensurepip, venv' 2>/dev/null || continue
	case " $pick " in *" $p "*) ;; *) pick="$pick $p" ;; esac
done
[ -n "$pick" ] || skip "no pyenv Python 3.7+ with ensurepip besides $PY"

n=0
for p in $pick; do
	ver=$("$p" -c 'import platform; print(platform.python_version())')
	V=$T/work/py$ver
	mkvenv_py "$p" "$V"
	install_projects "$V" Alpha_Lib:1.2.3 beta.tool:0.4.0:Alpha_Lib==1.2.3
	# An editable install where this Python's setuptools can make one.
	mkproj "$T/src/devproj$ver" Dev_Proj 3.1.4
	"$V/bin/python" -m pip install --no-index --no-build-isolation -e "$T/src/devproj$ver" \
	    >"$T/pip.log" 2>&1 || note "python $ver: pip install -e cannot build here: not tested"
	pip_list "$V" "$T/pip-$ver.json"
	jassert "$T/pip-$ver.json" '"alpha-lib" in [norm(p["name"]) for p in d]' "setup: python $ver: alpha not installed"

	expect_rc 0 vx scan "$T/work"
	expect_rc 0 vx pkgs --json "$V"
	same_pkgs "$T/out" "$T/pip-$ver.json" "python $ver: pkgs --json differs from pip list --local"
	jassert "$T/out" '{norm(p["name"]): p["editable"] for p in d} == {norm(p["name"]): "editable_project_location" in p for p in json.load(open("'"$T/pip-$ver.json"'"))}' \
	    "python $ver: editable flags differ from pip's"
	expect_rc 0 vx show --json "$V"
	jassert "$T/out" 'd["python"] == "'"$ver"'" and d["kind"] == "venv" and d["status"] == "ok"' \
	    "python $ver: not an ok venv of $ver"
	n=$((n + 1))
done
note "compared under $n Python(s):$pick"
finish
