#!/bin/sh
# venv: environments made by python3 -m venv, compared with pip's own answers.
. "$top_srcdir/tests/cli/lib.sh"

ROOT=$T/work
mkdir -p "$ROOT"

# python3 -m venv with pip, plus setuptools, wheel and two local projects,
# beta depending on alpha, installed offline. Its pip from ensurepip itself
# (mkvenv_real): the other tests' venvs have a copy of what it installs.
V=$ROOT/withpip
mkvenv_real "$V"
install_projects "$V" Alpha_Lib:1.2.3 beta.tool:0.4.0:Alpha_Lib==1.2.3
pip_list "$V" "$T/pip-withpip.json"
jassert "$T/pip-withpip.json" '{norm(p["name"]): p["version"] for p in d}.get("alpha-lib") == "1.2.3"' \
    "pip did not install alpha"

# Without pip: nothing installed at all.
N=$ROOT/nopip
mkvenv "$N" --without-pip

# --system-site-packages: only what is in the venv itself counts, as for
# pip list --local (asked with the first venv's pip through --python).
S=$ROOT/syssite
mkvenv "$S" --system-site-packages --without-pip
if ! "$V/bin/python" -m pip --python "$S/bin/python" list --local --format=json \
    >"$T/pip-syssite.json" 2>"$T/pip.log"; then
	# pip < 22.3 has no --python: give the venv its own pip.
	rm -rf "$S"
	mkvenv "$S" --system-site-packages
	pip_list "$S" "$T/pip-syssite.json"
fi

# A venv not indexed yet is indexed on the spot by pkgs.
expect_rc 0 vx pkgs --json "$V"
same_pkgs "$T/out" "$T/pip-withpip.json" "pkgs of a venv indexed on the spot"
expect_rc 0 vx list --json
jassert "$T/out" 'len(d) == 1 and d[0]["path"] == "'"$V"'"' "pkgs did not index $V on the spot"

expect_rc 0 vx scan "$ROOT"
expect_rc 0 vx list --json
cp "$T/out" "$T/list.json"
jassert "$T/list.json" 'sorted(e["path"] for e in d) == sorted(["'"$V"'", "'"$N"'", "'"$S"'"])' \
    "scan did not find exactly the three venvs"

for e in "$V" "$N" "$S"; do
	name=$(basename "$e")
	ver=$(sed -n 's/^version *= *//p' "$e/pyvenv.cfg" | tr -d '\r ')
	[ -n "$ver" ] || ver=$("$e/bin/python" -c 'import sys; print(sys.version.split()[0])')
	case $name in
	nopip) echo '[]' >"$T/pip-$name.json" ;;
	esac
	npkgs=$(jget "$T/pip-$name.json" 'len(d)')
	jassert "$T/list.json" 'env("'"$e"'")["kind"] == "venv"' "$name: kind is not venv"
	jassert "$T/list.json" 'env("'"$e"'")["creator"] == "venv"' "$name: creator is not venv"
	jassert "$T/list.json" 'env("'"$e"'")["python"] == "'"$ver"'"' "$name: python is not $ver"
	jassert "$T/list.json" 'env("'"$e"'")["status"] == "ok"' "$name: status is not ok"
	jassert "$T/list.json" 'env("'"$e"'")["stale"] == []' "$name: stale is not []"
	jassert "$T/list.json" 'env("'"$e"'")["packages"] == '"$npkgs" "$name: packages is not $npkgs"
	jassert "$T/list.json" 'isinstance(env("'"$e"'")["size"], int) and env("'"$e"'")["size"] > 0' \
	    "$name: size is not > 0"
	# Size on disk as du counts it: blocks, each hard link once (GNU du).
	if du_b=$(du -s --block-size=1 "$e" 2>/dev/null | cut -f1) && [ -n "$du_b" ]; then
		jassert "$T/list.json" 'env("'"$e"'")["size"] == '"$du_b" \
		    "$name: size $(jget "$T/list.json" '[x["size"] for x in d if x["path"] == "'"$e"'"][0]') is not du's $du_b"
	fi
	jassert "$T/list.json" 'env("'"$e"'")["manager"] is None' "$name: manager is not null"
	jassert "$T/list.json" 'env("'"$e"'")["runnable"] is True' "$name: not runnable"

	expect_rc 0 vx pkgs --json "$e"
	same_pkgs "$T/out" "$T/pip-$name.json" "$name: pkgs --json differs from pip list --local"

	expect_rc 0 vx show --json "$e"
	site=$(cd "$e" && "$e/bin/python" -c 'import site; print(site.getsitepackages()[0])')
	site=$(cd "$site" && pwd -P)
	jassert "$T/out" 'd["path"] == "'"$e"'" and "'"$site"'" in d["site"]' \
	    "$name: show --json site does not hold $site"
done

[ "$(cat "$T/pip-nopip.json")" = "[]" ] || fail "setup"
expect_rc 0 vx pkgs --json "$N"
[ "$(cat "$T/out")" = "[]" ] || fail "pkgs of a venv without pip: $(cat "$T/out"), expected []"
expect_rc 0 vx show --json "$S"
jassert "$T/out" 'd["system_site_packages"] is True' "syssite: system_site_packages is not true"
expect_rc 0 vx show --json "$V"
jassert "$T/out" 'd["system_site_packages"] is False' "withpip: system_site_packages is not false"

# Details of the packages: the dependency, installer, summary, location.
site=$(cd "$V/lib/python"*/site-packages && pwd -P)
expect_rc 0 vx pkgs --json "$V"
cp "$T/out" "$T/pkgs.json"
jassert "$T/pkgs.json" '[(p["version"], p["installer"], p["summary"]) for p in d if norm(p["name"]) == "beta-tool"] == [("0.4.0", "pip", "test project beta.tool")]' \
    "beta.tool: wrong version, installer or summary"
jassert "$T/pkgs.json" 'all(p["location"] == "'"$site"'" for p in d if norm(p["name"]) in ("alpha-lib", "beta-tool"))' \
    "alpha/beta: location is not the site-packages"
jassert "$T/pkgs.json" 'all(p["editable"] is False for p in d)' "a package is marked editable"
jassert "$T/pkgs.json" '[p["requested"] for p in d if norm(p["name"]) == "beta-tool"] == [True]' \
    "beta.tool was asked for by name: requested should be true"
expect_rc 0 vx pkgs --json -f '^alpha' "$V"
jassert "$T/out" '[norm(p["name"]) for p in d] == ["alpha-lib"]' "pkgs -f ^alpha"

# ENV as a path inside the environment, and as its unique name.
expect_rc 0 vx pkgs --json "$V/lib"
same_pkgs "$T/out" "$T/pip-withpip.json" "pkgs ENV/lib"
expect_rc 0 vx pkgs --json "$site"
same_pkgs "$T/out" "$T/pip-withpip.json" "pkgs ENV/lib/pythonX.Y/site-packages"
expect_rc 0 vx pkgs --json withpip
same_pkgs "$T/out" "$T/pip-withpip.json" "pkgs by unique name"
expect_rc 0 vx show --json syssite
jassert "$T/out" 'd["path"] == "'"$S"'"' "show by name"

# venv writes the prompt as Python's repr(): show gives it back without the quotes.
P=$ROOT/prompted
mkvenv "$P" --without-pip --prompt "it's mine"
expect_rc 0 vx scan "$P"
expect_rc 0 vx show --json "$P"
jassert "$T/out" 'd["prompt"] == "it'"'"'s mine"' "show --json prompt keeps Python's quotes: $(cat "$T/out")"
expect_rc 0 vx show "$P"
grep -q "^prompt  *it's mine\$" "$T/out" || fail "show prompt keeps Python's quotes"

# Human output names the packages.
expect_rc 0 vx pkgs "$V"
has "$T/out" "beta.tool"
has "$T/out" "0.4.0"

# find across the environments.
expect_rc 0 vx find --json '^alpha'
jassert "$T/out" '[(norm(p["name"]), p["version"], p["env"]) for p in d] == [("alpha-lib", "1.2.3", "'"$V"'")]' \
    "find ^alpha"
finish
