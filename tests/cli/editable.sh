#!/bin/sh
# editable: projects installed in development mode, three ways: pip -e (PEP 660
# dist-info + direct_url.json), a legacy NAME.egg-link, and a .pth file naming
# a folder that holds an egg-info.
. "$top_srcdir/tests/cli/lib.sh"

V=$T/work/.venv
mkdir -p "$T/work"
mkvenv "$V"
SITE=$(cd "$V/lib/python"*/site-packages && pwd -P)

# 1. pip install -e of a local project.
mkproj "$T/src/devproj" Dev_Proj 3.1.4
setup_tools "$V"
PIP_E=1
if ! "$V/bin/python" -m pip install --no-index --no-build-isolation -e "$T/src/devproj" \
    >"$T/pip.log" 2>&1; then
	note "pip install -e cannot build here ($(grep -m1 -o '[A-Za-z]*Error: .*' "$T/pip.log")): not testing it"
	PIP_E=0
fi

# 2. A legacy egg-link (setup.py develop): NAME.egg-link names the project
# folder, easy-install.pth puts it on sys.path.
mkdir -p "$T/src/legacy/Legacy_Dev.egg-info"
printf 'Metadata-Version: 1.1\nName: Legacy-Dev\nVersion: 0.9.1\nSummary: an old develop install\n' \
    >"$T/src/legacy/Legacy_Dev.egg-info/PKG-INFO"
printf '%s\n.' "$T/src/legacy" >"$SITE/Legacy-Dev.egg-link"
printf 'import sys; sys.__plen = len(sys.path)\n%s\nimport sys; new = sys.path[sys.__plen:]\n' \
    "$T/src/legacy" >"$SITE/easy-install.pth"

# 3. A plain .pth file naming a folder with an egg-info (outside the venv:
# pip list --local leaves it out, and pip never calls it editable).
mkdir -p "$T/src/pthdev/pth_dev.egg-info"
printf 'Metadata-Version: 2.1\nName: pth_dev\nVersion: 7.0\nSummary: on the path through a pth\n' \
    >"$T/src/pthdev/pth_dev.egg-info/PKG-INFO"
printf '# a comment\n%s\n' "$T/src/pthdev" >"$SITE/zz_pthdev.pth"

# What pip sees: pip list --local, the venv's own distributions (an
# .egg-link install counts where its link is; a bare .pth folder where it is).
pip_list "$V" "$T/pip.json"
jassert "$T/pip.json" '"legacy-dev" in [norm(p["name"]) for p in d]' \
    "setup: pip does not see legacy-dev: the fixture is wrong"
jassert "$T/pip.json" '"pth-dev" not in [norm(p["name"]) for p in d]' \
    "setup: pip list --local lists the .pth folder outside the venv"
if [ "$PIP_E" = 1 ]; then
	jassert "$T/pip.json" '[p.get("editable_project_location") for p in d if norm(p["name"]) == "dev-proj"] == ["'"$T/src/devproj"'"]' \
	    "setup: pip does not list dev-proj as editable"
fi

expect_rc 0 vx pkgs --json "$V"
cp "$T/out" "$T/pkgs.json"
same_pkgs "$T/pkgs.json" "$T/pip.json" "pkgs --json differs from pip list"
# Each one once.
jassert "$T/pkgs.json" 'len(d) == len(set(norm(p["name"]) for p in d))' "a package is listed twice"
jassert "$T/pkgs.json" '[(p["name"], p["version"], p["editable"]) for p in d if norm(p["name"]) == "legacy-dev"] == [("Legacy-Dev", "0.9.1", True)]' \
    "the egg-link install is not Legacy-Dev 0.9.1, editable"
jassert "$T/pkgs.json" '"pth-dev" not in [norm(p["name"]) for p in d]' \
    "the .pth folder outside the venv is listed (pip list --local does not)"
if [ "$PIP_E" = 1 ]; then
	pipname=$(jget "$T/pip.json" '[p["name"] for p in d if norm(p["name"]) == "dev-proj"][0]')
	jassert "$T/pkgs.json" '[(norm(p["name"]), p["version"], p["editable"]) for p in d if norm(p["name"]) == "dev-proj"] == [("dev-proj", "3.1.4", True)]' \
	    "the pip -e install is not dev-proj 3.1.4, editable"
	jassert "$T/pkgs.json" '[p["name"] for p in d if norm(p["name"]) == "dev-proj"] == ["'"$pipname"'"]' \
	    "the pip -e install's name differs from pip's ($pipname)"
fi
# editable agrees with pip's editable_project_location.
"$V/bin/python" -m pip list --local --format=json -v >"$T/pipv.json" 2>"$T/pip.log" ||
    { cat "$T/pip.log" >&2; fail "pip list -v"; }
jassert "$T/pkgs.json" '{norm(p["name"]): p["editable"] for p in d} == {norm(p["name"]): "editable_project_location" in p for p in json.load(open("'"$T/pipv.json"'"))}' \
    "editable flags differ from pip's editable_project_location"
jassert "$T/pkgs.json" '[p["location"] for p in d if norm(p["name"]) in ("pip", "legacy-dev")] == ["'"$T/src/legacy"'", "'"$SITE"'"]' \
    "locations of Legacy-Dev (its project folder) or pip (the site-packages)"

# Human output marks editables.
expect_rc 0 vx pkgs -f legacy "$V"
grep -q 'Legacy-Dev.*0\.9\.1.* e' "$T/out" || fail "pkgs does not flag Legacy-Dev as editable: $(cat "$T/out")"

# find sees editables too, and the env was indexed on the spot by pkgs.
expect_rc 0 vx find --json 'dev'
jassert "$T/out" 'all(p["env"] == "'"$V"'" and p["editable"] for p in d) and len(d) == '$((1 + PIP_E)) \
    "find dev"
expect_rc 0 vx list --json
jassert "$T/out" 'env("'"$V"'")["project"] == "'"$T/work"'"' ".venv: project is not its parent"
finish
