#!/bin/sh
# roots: `venvdex scan` with no ROOT finds environments in $HOME and in the
# places each manager keeps them, as their variables move those places out
# of $HOME, and those listed in ~/.conda/environments.txt.
. "$top_srcdir/tests/cli/lib.sh"

O=$T/out-of-home	# none of the places below is under $HOME
XDG_DATA_HOME=$O/xdg-data
# Every WORKON_HOME entry: probe used to read only the first.
WORKON_HOME=$O/workon-first:$O/workon
PIPX_HOME=$O/pipx
CONDA_ENVS_PATH=$O/conda-envs
CONDA_ENVS_DIRS=$O/conda-dirs
POETRY_VIRTUALENVS_PATH=$O/poetry
PYENV_ROOT=$O/pyenv
HATCH_DATA_DIR=$O/hatch
UV_PYTHON_INSTALL_DIR=$O/uv-python
export XDG_DATA_HOME WORKON_HOME PIPX_HOME CONDA_ENVS_PATH CONDA_ENVS_DIRS \
    POETRY_VIRTUALENVS_PATH PYENV_ROOT HATCH_DATA_DIR UV_PYTHON_INSTALL_DIR

# mkconda DIR VERSION: a conda environment's files.
mkconda() {
	mkdir -p "$1/conda-meta" "$1/bin"
	printf '{"name": "python", "version": "%s", "build": "0", "depends": []}\n' "$2" \
	    >"$1/conda-meta/python-$2-0.json"
	: >"$1/conda-meta/history"
}

# mkinterp DIR VERSION: a base installation (pyenv's, uv's).
mkinterp() {
	_mm=$(echo "$2" | cut -d. -f1-2)
	mkdir -p "$1/bin" "$1/lib/python$_mm/site-packages" "$1/include/python$_mm"
	: >"$1/bin/python$_mm"
	chmod +x "$1/bin/python$_mm"
	ln -s "python$_mm" "$1/bin/python3"
	: >"$1/lib/python$_mm/os.py"
	printf '#define PY_VERSION "%s"\n' "$2" >"$1/include/python$_mm/patchlevel.h"
}

mkfakevenv "$HOME/src/app/.venv" 3.11.7
mkfakevenv "$O/workon/tools" 3.11.7
mkfakevenv "$O/workon-first/first" 3.11.7
mkfakevenv "$PIPX_HOME/venvs/black" 3.11.7
mkconda "$CONDA_ENVS_PATH/ds" 3.10.13
mkconda "$CONDA_ENVS_DIRS/ml" 3.11.7
mkfakevenv "$POETRY_VIRTUALENVS_PATH/app-AbCdEfGh-py3.11" 3.11.7
mkinterp "$PYENV_ROOT/versions/3.11.7" 3.11.7
mkfakevenv "$XDG_DATA_HOME/virtualenvs/proj-AbCd1234" 3.11.7
echo "$HOME/src/proj" >"$XDG_DATA_HOME/virtualenvs/proj-AbCd1234/.project"
mkdir -p "$HOME/src/proj"
mkfakevenv "$HATCH_DATA_DIR/env/virtual/app/AbCdEfGh/app" 3.11.7
mkinterp "$UV_PYTHON_INSTALL_DIR/cpython-3.12.1-linux-x86_64-gnu" 3.12.1
# A project's path hash names its poetry and hatch environments: they get it as project.
mkdir -p "$HOME/src/web"
: >"$HOME/src/web/pyproject.toml"
TAG=$($PY -c 'import base64, hashlib, sys; print(base64.urlsafe_b64encode(hashlib.sha256(sys.argv[1].encode()).digest()).decode()[:8])' "$HOME/src/web")
mkfakevenv "$POETRY_VIRTUALENVS_PATH/web-$TAG-py3.11" 3.11.7
mkfakevenv "$HATCH_DATA_DIR/env/virtual/web/$TAG/web" 3.11.7
mkconda "$O/listed/env" 3.12.1
mkdir -p "$HOME/.conda"
echo "$O/listed/env" >"$HOME/.conda/environments.txt"
mkconda "$O/not-listed/env" 3.12.1	# nobody names it: not found

expect_rc 0 vx scan
expect_rc 0 vx list --json
# Only ours: the default roots include /opt and the system Pythons too.
$PY - "$T/out" "$T" >"$T/mine.json" <<'EOF' || fail "list --json"
import json, sys
print(json.dumps([e for e in json.load(open(sys.argv[1])) if e["path"].startswith(sys.argv[2] + "/")]))
EOF

# found PATH MANAGER: PATH was found once, managed by MANAGER (None: none).
found() {
	jassert "$T/mine.json" 'env("'"$1"'")["manager"] == '"$2" \
	    "$1: not found, or its manager is not $2"
}
found "$HOME/src/app/.venv" None
found "$O/workon/tools" '"virtualenvwrapper"'
found "$O/workon-first/first" '"virtualenvwrapper"'
found "$PIPX_HOME/venvs/black" '"pipx"'
found "$CONDA_ENVS_PATH/ds" '"conda"'
found "$CONDA_ENVS_DIRS/ml" '"conda"'
found "$POETRY_VIRTUALENVS_PATH/app-AbCdEfGh-py3.11" '"poetry"'
found "$PYENV_ROOT/versions/3.11.7" '"pyenv"'
found "$XDG_DATA_HOME/virtualenvs/proj-AbCd1234" '"pipenv"'
found "$HATCH_DATA_DIR/env/virtual/app/AbCdEfGh/app" '"hatch"'
found "$UV_PYTHON_INSTALL_DIR/cpython-3.12.1-linux-x86_64-gnu" '"uv"'
found "$O/listed/env" '"conda"'
jassert "$T/mine.json" 'len(d) == 14' "scan found other environments than the fourteen: $(jget "$T/mine.json" '[e["path"] for e in d]')"
for e in "$POETRY_VIRTUALENVS_PATH/web-$TAG-py3.11" "$HATCH_DATA_DIR/env/virtual/web/$TAG/web"; do
	jassert "$T/mine.json" 'env("'"$e"'")["project"] == "'"$HOME/src/web"'"' \
	    "$e: not linked to its project by its path hash"
done
jassert "$T/mine.json" 'env("'"$POETRY_VIRTUALENVS_PATH/app-AbCdEfGh-py3.11"'")["project"] is None' \
    "a poetry environment whose hash names no project got one"
jassert "$T/mine.json" 'env("'"$XDG_DATA_HOME/virtualenvs/proj-AbCd1234"'")["project"] == "'"$HOME/src/proj"'"' \
    "the pipenv environment's .project"
finish
