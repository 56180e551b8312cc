#!/bin/sh
# managers.sh: environments made by the real managers (poetry, pipenv, pdm,
# tox, virtualenvwrapper, pipx), offline, in the private HOME: venvdex's
# manager, project and name for each are what the manager itself says
# (poetry env info -p, pipenv --venv, pdm venv list, tox's envdir,
# lsvirtualenv, pipx list). A manager that is not installed is skipped; the
# test skips (77) when none is.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/cli/lib.sh"

PDM_CHECK_UPDATE=false
PIPENV_YES=1
PIPENV_NOSPIN=1
PIPENV_VERBOSITY=-1
PIPENV_IGNORE_VIRTUALENVS=1
POETRY_NO_INTERACTION=1
VIRTUALENV_NO_PERIODIC_UPDATE=1
export PDM_CHECK_UPDATE PIPENV_YES PIPENV_NOSPIN PIPENV_VERBOSITY \
    PIPENV_IGNORE_VIRTUALENVS POETRY_NO_INTERACTION VIRTUALENV_NO_PERIODIC_UPDATE

S=$HOME/src	# projects, inside the HOME a plain scan walks
tried=0
START=$(date +%s)
# expect ENV MANAGER PROJECT NAME: venvdex's answer for ENV (scanned now).
expect() {
	_p=$1 _m=$2 _j=$3 _n=$4
	[ -d "$_p" ] || { check_fail "$_m: no environment at '$_p'"; return 0; }
	expect_rc 0 vx scan
	expect_rc 0 vx list --json
	jsoft "$T/out" "env('$_p')['manager'] == '$_m'" \
	    "$_p: manager is not $_m" || :
	if [ -n "$_j" ]; then
		jsoft "$T/out" "env('$_p')['project'] == '$_j'" \
		    "$_p: project is not $_j" || :
	else
		jsoft "$T/out" "env('$_p')['project'] is None" \
		    "$_p: has a project" || :
	fi
	jsoft "$T/out" "env('$_p')['name'] == '$_n'" "$_p: name is not $_n" || :
	tried=$((tried + 1))
	note "$_m: $(basename "$_p") ok at $(($(date +%s) - START)) s"
}

# quiet CMD...: runs CMD with its output in $T/tool.log; fails if it fails.
quiet() {
	"$@" >"$T/tool.log" 2>&1 || { tail -n 30 "$T/tool.log" >&2; fail "$*"; }
}

pyproject_poetry() {	# DIR NAME
	mkdir -p "$1"
	cat >"$1/pyproject.toml" <<EOF
[tool.poetry]
name = "$2"
version = "0.1.0"
description = ""
authors = ["t <t@example.com>"]

[tool.poetry.dependencies]
python = ">=3.7"
EOF
}

# --- poetry ------------------------------------------------------------------
if command -v poetry >/dev/null 2>&1; then
	# Its default place, and the name poetry lists the environment by.
	pyproject_poetry "$S/po" "po app"
	(cd "$S/po" && quiet poetry env use "$PY" && quiet poetry install --no-root)
	p=$(cd "$S/po" && poetry env info -p)
	n=$(cd "$S/po" && poetry env list | sed -n '1s/ .*//p')
	expect "$p" poetry "$S/po" "$n"

	# `poetry config virtualenvs.path DIR`: written in poetry's config.toml.
	(cd "$S/po" && quiet poetry config virtualenvs.path "$T/poetry-envs")
	[ -f "$XDG_CONFIG_HOME/pypoetry/config.toml" ] || check_fail "poetry wrote no config.toml"
	pyproject_poetry "$S/po2" "po2"
	(cd "$S/po2" && quiet poetry env use "$PY")
	p=$(cd "$S/po2" && poetry env info -p)
	case $p in "$T/poetry-envs/"*) ;; *) check_fail "poetry did not use virtualenvs.path: $p" ;; esac
	expect "$p" poetry "$S/po2" "$(basename "$p")"

	# virtualenvs.in-project in the project's poetry.toml: .venv, named
	# after its project.
	pyproject_poetry "$S/po3" "po3"
	(cd "$S/po3" && quiet poetry config --local virtualenvs.in-project true &&
	    quiet poetry env use "$PY")
	p=$(cd "$S/po3" && poetry env info -p)
	expect "$p" poetry "$S/po3" po3
	(cd "$S/po" && quiet poetry config --unset virtualenvs.path)
else
	note "poetry is not installed"
fi

# --- pipenv ------------------------------------------------------------------
if command -v pipenv >/dev/null 2>&1; then
	mkdir -p "$S/pe"
	(cd "$S/pe" && quiet pipenv --python "$PY")
	p=$(cd "$S/pe" && pipenv --venv)
	expect "$p" pipenv "$S/pe" "$(basename "$p")"

	# PIPENV_VENV_IN_PROJECT=1: the .venv, with the .project pipenv writes.
	mkdir -p "$S/pe2"
	(cd "$S/pe2" && PIPENV_VENV_IN_PROJECT=1 quiet pipenv --python "$PY")
	p=$(cd "$S/pe2" && pipenv --venv)
	[ "$p" = "$S/pe2/.venv" ] || check_fail "pipenv in-project env at $p"
	expect "$p" pipenv "$S/pe2" pe2

else
	note "pipenv is not installed"
fi

# --- pdm ---------------------------------------------------------------------
if command -v pdm >/dev/null 2>&1; then
	mkdir -p "$S/pd"
	printf '[project]\nname = "pd"\nversion = "0.1"\nrequires-python = ">=3.7"\ndependencies = []\n' \
	    >"$S/pd/pyproject.toml"
	(cd "$S/pd" && quiet pdm venv create "$PY" && quiet pdm lock)
	p=$( (cd "$S/pd" && pdm venv list) | sed -n 's/^.*in-project: //p')
	expect "$p" pdm "$S/pd" pd

	# `pdm config venv.location DIR`: pdm's config.toml.
	(cd "$S/pd" && quiet pdm config venv.location "$T/pdm-envs" &&
	    quiet pdm venv create --name bar "$PY")
	p=$( (cd "$S/pd" && pdm venv list) | sed -n 's/^.*bar: //p')
	case $p in "$T/pdm-envs/"*) ;; *) check_fail "pdm did not use venv.location: $p" ;; esac
	# Its project: pdm names it PROJECT-HASH-NAME, HASH md5 of the project's path.
	expect "$p" pdm "$S/pd" "$(basename "$p")"
else
	note "pdm is not installed"
fi

# --- tox ---------------------------------------------------------------------
if command -v tox >/dev/null 2>&1; then
	mkdir -p "$S/tx"
	printf '[tox]\nenvlist = py3\nskipsdist = true\n[testenv]\nskip_install = true\ncommands = python -c "pass"\n' \
	    >"$S/tx/tox.ini"
	(cd "$S/tx" && quiet tox -e py3)
	p=$(cd "$S/tx" && tox -e py3 --showconfig 2>/dev/null | sed -n 's/^envdir = //p')
	expect "$p" tox "$S/tx" py3
else
	note "tox is not installed"
fi

# --- virtualenvwrapper ------------------------------------------------------
vw=/usr/share/virtualenvwrapper/virtualenvwrapper.sh
if [ -f "$vw" ] && command -v bash >/dev/null 2>&1 && command -v virtualenv >/dev/null 2>&1; then
	mkdir -p "$S/vwproj"
	WORKON_HOME=$T/home/.virtualenvs VIRTUALENVWRAPPER_PYTHON=/usr/bin/python3 \
	    quiet bash -c '. "$1" && mkvirtualenv -p "$2" -a "$3" wenv' sh "$vw" "$PY" "$S/vwproj"
	n=$(WORKON_HOME=$T/home/.virtualenvs VIRTUALENVWRAPPER_PYTHON=/usr/bin/python3 \
	    bash -c '. "$1" && lsvirtualenv -b' sh "$vw" 2>/dev/null | head -n 1)
	expect "$T/home/.virtualenvs/$n" virtualenvwrapper "$S/vwproj" wenv
else
	note "virtualenvwrapper is not installed"
fi

# --- pipx --------------------------------------------------------------------
if command -v pipx >/dev/null 2>&1; then
	$PY - "$T/wheels" <<'EOF'
import os, sys, zipfile
os.makedirs(sys.argv[1], exist_ok=True)
di = 'hello_tool-1.0.dist-info'
with zipfile.ZipFile(os.path.join(sys.argv[1], 'hello_tool-1.0-py3-none-any.whl'), 'w') as z:
    z.writestr('hello_tool/__init__.py', 'def main():\n    print("hi")\n')
    z.writestr(di + '/METADATA', 'Metadata-Version: 2.1\nName: hello-tool\nVersion: 1.0\n')
    z.writestr(di + '/WHEEL', 'Wheel-Version: 1.0\nGenerator: t\nRoot-Is-Purelib: true\nTag: py3-none-any\n')
    z.writestr(di + '/entry_points.txt', '[console_scripts]\nhello-tool = hello_tool:main\n')
    z.writestr(di + '/RECORD', '')
EOF
	quiet pipx install --pip-args=--no-index "$T/wheels/hello_tool-1.0-py3-none-any.whl"
	n=$(pipx list --json | $PY -c 'import json, sys; print(*json.load(sys.stdin)["venvs"])')
	expect "$HOME/.local/pipx/venvs/$n" pipx "" hello-tool
else
	note "pipx is not installed"
fi

# --- pyenv-virtualenv: `pyenv virtualenv system X` makes versions/X --------
PYENV_ROOT=$T/pyenv
export PYENV_ROOT
mkvenv "$PYENV_ROOT/versions/sysenv"
expect "$PYENV_ROOT/versions/sysenv" pyenv-virtualenv "" sysenv
unset PYENV_ROOT

[ "$tried" -gt 1 ] || skip "no manager is installed"
finish
