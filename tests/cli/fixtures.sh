#!/bin/sh
# fixtures: environment layouts written by hand (conda, legacy virtualenv,
# Windows venv, broken venv, pyenv, pipx, pipenv, in-project .venv), probed
# from their files alone.
. "$top_srcdir/tests/cli/lib.sh"

R=$T/root
mkdir -p "$R"

# --- conda base with a nested env --------------------------------------------
C=$R/miniconda3
mkdir -p "$C/conda-meta" "$C/bin" "$C/lib/python3.11/site-packages"
cat >"$C/conda-meta/python-3.11.5-h2755cc3_0_cpython.json" <<'EOF'
{"name": "python", "version": "3.11.5", "build": "h2755cc3_0_cpython", "build_number": 0,
 "channel": "https://conda.anaconda.org/conda-forge/linux-64",
 "depends": ["libffi >=3.4,<4.0a0", "libzlib >=1.2.13"], "size": 30000000,
 "requested_spec": "python=3.11", "files": ["bin/python3.11"]}
EOF
cat >"$C/conda-meta/numpy-1.26.0-py311h64a7726_0.json" <<'EOF'
{"name": "numpy", "version": "1.26.0", "build": "py311h64a7726_0",
 "channel": "https://conda.anaconda.org/conda-forge/linux-64",
 "depends": ["libblas >=3.9.0", "python >=3.11,<3.12.0a0", "python_abi 3.11.* *_cp311"],
 "size": 8000000, "requested_spec": "numpy", "files": []}
EOF
cat >"$C/conda-meta/libffi-3.4.2-h7f98852_5.json" <<'EOF'
{"name": "libffi", "version": "3.4.2", "build": "h7f98852_5", "channel": "https://conda.anaconda.org/conda-forge/linux-64",
 "depends": [], "size": 58292}
EOF
printf '==> 2024-01-02 10:00:00 <==\n# cmd: conda install numpy\n+conda-forge/linux-64::numpy-1.26.0-py311h64a7726_0\n' \
    >"$C/conda-meta/history"
: >"$C/bin/python3.11"
chmod +x "$C/bin/python3.11"
ln -s python3.11 "$C/bin/python"
: >"$C/lib/python3.11/os.py"
# numpy's own dist-info (installed by conda) and one that pip put there.
mkdist "$C/lib/python3.11/site-packages" numpy 1.26.0 conda
mkdist "$C/lib/python3.11/site-packages" requests 2.31.0 pip
CE=$C/envs/ds
mkdir -p "$CE/conda-meta" "$CE/bin" "$CE/lib/python3.10/site-packages"
cat >"$CE/conda-meta/python-3.10.13-hd12c33a_0_cpython.json" <<'EOF'
{"name": "python", "version": "3.10.13", "build": "hd12c33a_0_cpython", "channel": "conda-forge", "depends": []}
EOF
: >"$CE/conda-meta/history"
: >"$CE/bin/python3.10"
ln -s python3.10 "$CE/bin/python"

# --- legacy virtualenv (< 20) whose base python is gone ------------------------
L=$R/oldenv
mkdir -p "$L/bin" "$L/lib/python2.7/site-packages/six-1.16.0-py2.7.egg-info"
: >"$L/bin/python"
chmod +x "$L/bin/python"
echo 'VIRTUAL_ENV="/somewhere/oldenv"' >"$L/bin/activate"
echo "$T/gone/python2.7-prefix" >"$L/lib/python2.7/orig-prefix.txt"
printf 'Metadata-Version: 1.1\nName: six\nVersion: 1.16.0\nSummary: Python 2 and 3 compatibility utilities\n' \
    >"$L/lib/python2.7/site-packages/six-1.16.0-py2.7.egg-info/PKG-INFO"

# --- Windows venv, copied onto this disk -------------------------------------
W=$R/winenv
mkdir -p "$W/Scripts" "$W/Lib/site-packages" "$W/Include"
printf 'home = C:\\Python311\r\ninclude-system-site-packages = false\r\nversion = 3.11.4\r\n' >"$W/pyvenv.cfg"
: >"$W/Scripts/python.exe"
: >"$W/Scripts/activate.bat"
mkdist "$W/Lib/site-packages" attrs 23.1.0

# --- a venv whose interpreter was removed --------------------------------------
B=$R/brokenvenv
mkdir -p "$T/oldpy/bin"
: >"$T/oldpy/bin/python3.12"
mkfakevenv "$B" 3.12.1 "$T/oldpy/bin/python3.12"
mkdist "$B/lib/python3.12/site-packages" click 8.1.7
rm -rf "$T/oldpy"

# --- a pyenv version ----------------------------------------------------------
P=$HOME/.pyenv/versions/3.11.7
mkdir -p "$P/bin" "$P/include/python3.11" "$P/lib/python3.11/site-packages"
: >"$P/bin/python3.11"
chmod +x "$P/bin/python3.11"
ln -s python3.11 "$P/bin/python3"
printf '/* patchlevel */\n#define PY_MAJOR_VERSION 3\n#define PY_VERSION "3.11.7"\n' \
    >"$P/include/python3.11/patchlevel.h"
: >"$P/lib/python3.11/os.py"
mkdist "$P/lib/python3.11/site-packages" pip 23.2.1

# --- pipx, by its metadata file (not by its location) ---------------------------
X=$R/tools/black
mkfakevenv "$X" 3.11.7
mkdist "$X/lib/python3.11/site-packages" black 23.1.0
echo '{"main_package": {"package": "black", "package_version": "23.1.0"}, "pipx_metadata_version": "0.2"}' \
    >"$X/pipx_metadata.json"

# --- pipenv, whose project folder is gone ------------------------------------
E=$XDG_DATA_HOME/virtualenvs/proj-AbCd1234
mkfakevenv "$E" 3.11.7
mkdist "$E/lib/python3.11/site-packages" requests 2.28.0
echo "$T/gone/proj" >"$E/.project"
# pipenv's hash is urlsafe base64: '-' and '_' in it too (the corpus once
# made deltalab2-INr-ULWA, which was taken for no pipenv's).
E2=$XDG_DATA_HOME/virtualenvs/deltalab2-INr-UL_A
mkfakevenv "$E2" 3.11.7
mkdir -p "$R/deltalab2"
echo "$R/deltalab2" >"$E2/.project"

# --- an in-project .venv ------------------------------------------------------
A=$R/myapp/.venv
mkdir -p "$R/myapp"
echo '[project]' >"$R/myapp/pyproject.toml"
mkfakevenv "$A" 3.11.7
mkdist "$A/lib/python3.11/site-packages" Flask 3.0.0

# --- a pyenv-virtualenv env, inside its version, with pyenv's symlink to it ----
PV=$P/envs/tools311
mkfakevenv "$PV" 3.11.7 "$P/bin/python3.11"
mkdist "$PV/lib/python3.11/site-packages" httpie 3.2.2
ln -s "$PV" "$HOME/.pyenv/versions/tools311"

# --- virtualenvwrapper, whose .project names the project -------------------------
VW=$HOME/.virtualenvs/webtools
mkfakevenv "$VW" 3.11.7
mkdir -p "$R/code/webtools"
echo "$R/code/webtools" >"$VW/.project"

# --- a Windows virtualenv from before virtualenv 20 (no pyvenv.cfg) ---------------
WL=$R/winold
mkdir -p "$WL/Scripts" "$WL/Lib/site-packages"
: >"$WL/Scripts/python.exe"
: >"$WL/Scripts/activate.bat"
mkdist "$WL/Lib/site-packages" colorama 0.4.6

# -----------------------------------------------------------------------------
expect_rc 0 vx scan "$R" "$HOME"
ALL="$C $CE $L $W $B $P $X $E $E2 $A $PV $VW $WL"
expect_rc 0 vx list --json
cp "$T/out" "$T/list.json"
n=0
for e in $ALL; do
	n=$((n + 1))
	jassert "$T/list.json" 'env("'"$e"'") is not None' "$e not found exactly once"
done
jassert "$T/list.json" 'len(d) == '$n "scan found $(jget "$T/list.json" 'len(d)') environments, expected $n"

# attr ENV KEY VALUE(python literal) MSG
attr() {
	jassert "$T/list.json" 'env("'"$1"'")["'"$2"'"] == '"$3" "${4:-$1: $2 is not $3 but $(jget "$T/list.json" '[e for e in d if e["path"] == "'"$1"'"][0]["'"$2"'"]')}"
}
# pkgs_are ENV PYTHON-LIST-OF-(name, version, installer)
pkgs_are() {
	expect_rc 0 vx pkgs --json "$1"
	jassert "$T/out" 'sorted((p["name"], p["version"], p["installer"]) for p in d) == sorted('"$2"')' \
	    "$1: packages are not $2"
}

attr "$C" kind '"conda"'
attr "$C" manager '"conda"'
attr "$C" python '"3.11.5"'
attr "$C" status '"ok"'
attr "$C" packages 4
pkgs_are "$C" '[("libffi", "3.4.2", "conda"), ("numpy", "1.26.0", "conda"), ("python", "3.11.5", "conda"), ("requests", "2.31.0", "pip")]'
attr "$CE" kind '"conda"'
attr "$CE" python '"3.10.13"'
pkgs_are "$CE" '[("python", "3.10.13", "conda")]'

attr "$L" kind '"virtualenv-legacy"'
attr "$L" creator '"virtualenv"'
attr "$L" python '"2.7"'
attr "$L" status '"broken"'
jassert "$T/list.json" '"interpreter-missing" in env("'"$L"'")["stale"]' "$L: stale lacks interpreter-missing"
pkgs_are "$L" '[("six", "1.16.0", None)]'

attr "$W" kind '"venv"'
attr "$W" runnable False
attr "$W" python '"3.11.4"'
pkgs_are "$W" '[("attrs", "23.1.0", "pip")]'

attr "$B" kind '"venv"'
attr "$B" status '"broken"'
attr "$B" python '"3.12.1"'
jassert "$T/list.json" '"interpreter-missing" in env("'"$B"'")["stale"]' "$B: stale lacks interpreter-missing"
pkgs_are "$B" '[("click", "8.1.7", "pip")]'

attr "$P" kind '"interpreter"'
attr "$P" manager '"pyenv"'
attr "$P" python '"3.11.7"'
attr "$P" status '"ok"'
pkgs_are "$P" '[("pip", "23.2.1", "pip")]'

attr "$X" manager '"pipx"'
attr "$X" kind '"venv"'
attr "$X" status '"ok"'

attr "$E" manager '"pipenv"'
attr "$E2" manager '"pipenv"'
attr "$E" project "\"$T/gone/proj\""
jassert "$T/list.json" '"project-missing" in env("'"$E"'")["stale"]' "$E: stale lacks project-missing"
attr "$E" status '"ok"'

attr "$PV" manager '"pyenv-virtualenv"'
attr "$PV" kind '"venv"'
attr "$PV" status '"ok"'
pkgs_are "$PV" '[("httpie", "3.2.2", "pip")]'

attr "$VW" manager '"virtualenvwrapper"'
attr "$VW" project "\"$R/code/webtools\""
attr "$VW" stale '[]'
attr "$VW" name '"webtools"'

attr "$WL" kind '"virtualenv-legacy"'
attr "$WL" runnable False
pkgs_are "$WL" '[("colorama", "0.4.6", "pip")]'

attr "$A" project "\"$R/myapp\""
attr "$A" stale '[]'
attr "$A" status '"ok"'
attr "$A" name '"myapp"'

# Filters.
expect_rc 0 vx list --json --kind conda
jassert "$T/out" 'sorted(e["path"] for e in d) == sorted(["'"$C"'", "'"$CE"'"])' "list --kind conda"
expect_rc 0 vx list --json --kind virtualenv-legacy
jassert "$T/out" 'sorted(e["path"] for e in d) == sorted(["'"$L"'", "'"$WL"'"])' "list --kind virtualenv-legacy"
expect_rc 0 vx list --json --kind interpreter
jassert "$T/out" '[e["path"] for e in d] == ["'"$P"'"]' "list --kind interpreter"
expect_rc 0 vx list --json --stale
jassert "$T/out" 'sorted(e["path"] for e in d) == sorted(["'"$L"'", "'"$B"'", "'"$E"'"])' "list --stale"
jassert "$T/out" 'all(e["stale"] for e in d)' "list --stale lists an environment with no stale reason"
expect_rc 0 vx list --json -f 'miniconda'
jassert "$T/out" 'sorted(e["path"] for e in d) == sorted(["'"$C"'", "'"$CE"'"])' "list -f miniconda"
expect_rc 0 vx list --stale
has "$T/out" "interpreter-missing"
has "$T/out" "project-missing"

# find across environments, by PEP 503 name, sorted by environment path.
expect_rc 0 vx find --json '^requests$'
jassert "$T/out" 'sorted((p["env"], p["version"]) for p in d) == sorted([("'"$C"'", "2.31.0"), ("'"$E"'", "2.28.0")])' \
    "find ^requests$"
expect_rc 0 vx find --json '^numpy$'
jassert "$T/out" '[(p["env"], p["installer"]) for p in d] == [("'"$C"'", "conda")]' "find ^numpy$ (once, from conda)"
expect_rc 0 vx find --json '^(flask|black|click)$'
jassert "$T/out" 'sorted(p["name"] for p in d) == ["Flask", "black", "click"]' "find ^(flask|black|click)$ (case-insensitive)"
expect_rc 1 vx find --json '^nosuchpackage$'
[ "$(cat "$T/out")" = "[]" ] || fail "find with no match: $(cat "$T/out")"
expect_rc 0 vx find '^six$'
has "$T/out" "1.16.0"

# show for the odd ones.
expect_rc 0 vx show --json "$W"
jassert "$T/out" 'd["site"] == ["'"$W"'/Lib/site-packages"] and d["runnable"] is False' "show winenv"
expect_rc 0 vx show "$W"
grep -qi 'windows' "$T/out" || fail "show of a Windows venv does not say so: $(cat "$T/out")"
finish
