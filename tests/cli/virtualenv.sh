#!/bin/sh
# virtualenv: environments made by virtualenv (20+), compared with pip's answers.
. "$top_srcdir/tests/cli/lib.sh"
need virtualenv

V=$T/work/ve
mkdir -p "$T/work"
# The real interpreter, so that virtualenv does not look for pyenv shims.
virtualenv --no-download --no-periodic-update -p "$PY" "$V" >"$T/ve.log" 2>&1 ||
    virtualenv --no-download -p "$PY" "$V" >"$T/ve.log" 2>&1 ||
    { cat "$T/ve.log" >&2; skip "virtualenv cannot make an environment offline here"; }
[ -x "$V/bin/python" ] || fail "virtualenv made no bin/python"
pip_list "$V" "$T/pip.json"
npkgs=$(jget "$T/pip.json" 'len(d)')
[ "$npkgs" -gt 0 ] || fail "virtualenv installed nothing (expected pip at least)"

expect_rc 0 vx scan "$T/work"
expect_rc 0 vx list --json
cp "$T/out" "$T/list.json"
ver=$(sed -n 's/^version_info *= *//p; s/^version *= *//p' "$V/pyvenv.cfg" | head -n 1 | tr -d '\r ')
pyver=$("$V/bin/python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
jassert "$T/list.json" 'len(d) == 1' "scan found $(jget "$T/list.json" 'len(d)') environments, expected 1"
jassert "$T/list.json" 'env("'"$V"'")["kind"] == "venv"' "kind is not venv (virtualenv 20 writes pyvenv.cfg)"
jassert "$T/list.json" 'env("'"$V"'")["creator"] == "virtualenv"' "creator is not virtualenv"
jassert "$T/list.json" 'env("'"$V"'")["status"] == "ok" and env("'"$V"'")["stale"] == []' "not ok"
jassert "$T/list.json" 'env("'"$V"'")["python"].startswith("'"$pyver"'")' \
    "python is not $pyver (pyvenv.cfg says $ver)"
jassert "$T/list.json" 'env("'"$V"'")["packages"] == '"$npkgs" "packages is not $npkgs"
jassert "$T/list.json" 'env("'"$V"'")["size"] > 0' "size is not > 0"

expect_rc 0 vx pkgs --json "$V"
same_pkgs "$T/out" "$T/pip.json" "virtualenv: pkgs --json differs from pip list --local"
jassert "$T/out" 'all(p["installer"] in ("pip", "virtualenv", None) for p in d)' "odd installer"

expect_rc 0 vx show --json "$V"
jassert "$T/out" 'any(s.startswith("'"$V"'/lib/python") and s.endswith("/site-packages") for s in d["site"])' \
    "show --json site does not point at the site-packages"

# Installing offline into it is seen by a rescan.
install_projects "$V" gamma:2.0.1
pip_list "$V" "$T/pip2.json"
expect_rc 0 vx scan "$T/work"
expect_rc 0 vx pkgs --json "$V"
same_pkgs "$T/out" "$T/pip2.json" "virtualenv after install: pkgs differs from pip list"
finish
