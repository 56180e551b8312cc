#!/bin/sh
# rescan: a second scan reads only what changed; installs, upgrades, removals
# and vanished environments are seen, and the history table records them.
. "$top_srcdir/tests/cli/lib.sh"

R=$T/root
mkdir -p "$R"
V=$R/app/.venv
mkdir -p "$R/app"
mkvenv "$V"
mkfakevenv "$R/other" 3.11.7
mkdist "$R/other/lib/python3.11/site-packages" attrs 23.1.0
mkfakevenv "$R/doomed" 3.11.7
mkdist "$R/doomed/lib/python3.11/site-packages" six 1.16.0
N=3

# summary_is "E A C U G" WHAT: the scan summary line in $T/out.
summary_is() {
	_got=$(summary_field 1-5)
	[ "$_got" = "$1" ] || fail "$2: scan said '$(head -n 1 "$T/out")', expected (environments new re-read unchanged gone) = $1"
}

# sql QUERY: runs QUERY on the index with python's sqlite3 (read-only), one
# row per line, columns separated by |, NULL as None.
sql() {
	$PY - "$T/index.db" "$1" <<'EOF'
import sqlite3, sys
db = sqlite3.connect('file:%s?mode=ro' % sys.argv[1], uri=True)
for row in db.execute(sys.argv[2]):
    print('|'.join(str(c) for c in row))
EOF
}

expect_rc 0 vx scan "$R"
summary_is "$N $N 0 0 0" "first scan"
expect_rc 0 vx scan "$R"
summary_is "$N 0 0 $N 0" "second scan of an unchanged tree"
expect_rc 0 vx list --json
jassert "$T/out" 'len(d) == '$N "list after two scans"

# Install a package offline: only that environment is re-read.
W1=$(mkwheel "$T/wheels" Tiny_Pkg 1.0)
vpip "$V" install --no-index "$W1"
pip_list "$V" "$T/pip.json"
expect_rc 0 vx scan "$R"
summary_is "$N 0 1 $((N - 1)) 0" "rescan after pip install into $V"
expect_rc 0 vx pkgs --json "$V"
same_pkgs "$T/out" "$T/pip.json" "pkgs after install differs from pip list"
jassert "$T/out" '[p["version"] for p in d if norm(p["name"]) == "tiny-pkg"] == ["1.0"]' "tiny-pkg 1.0 not seen after rescan"

# Upgrade it.
W2=$(mkwheel "$T/wheels" Tiny_Pkg 2.0)
vpip "$V" install --no-index "$W2"
expect_rc 0 vx scan "$R"
summary_is "$N 0 1 $((N - 1)) 0" "rescan after upgrade"
expect_rc 0 vx pkgs --json -f tiny "$V"
jassert "$T/out" '[p["version"] for p in d] == ["2.0"]' "tiny-pkg 2.0 not seen after upgrade"

# Remove an environment's folder.
rm -rf "$R/doomed"
expect_rc 0 vx scan "$R"
summary_is "$((N - 1)) 0 0 $((N - 1)) 1" "rescan after rm -rf of an environment"
expect_rc 0 vx list --json
jassert "$T/out" 'sorted(e["path"] for e in d) == sorted(["'"$V"'", "'"$R/other"'"])' "removed env still listed"
expect_rc 1 vx find --json '^six$'
[ "$(cat "$T/out")" = "[]" ] || fail "the removed env's packages are still found: $(cat "$T/out")"

# Uninstall.
vpip "$V" uninstall -y Tiny_Pkg
expect_rc 0 vx scan "$R"
summary_is "$((N - 1)) 0 1 $((N - 2)) 0" "rescan after uninstall"
expect_rc 1 vx find --json 'tiny'

# The history: added, upgraded, removed, in that order.
sql "SELECT norm, coalesce(old, 'None'), coalesce(new, 'None') FROM history WHERE env_path = '$V' AND norm = 'tiny-pkg' ORDER BY time, rowid" \
    >"$T/hist" || fail "cannot read the history table"
printf 'tiny-pkg|None|1.0\ntiny-pkg|1.0|2.0\ntiny-pkg|2.0|None\n' >"$T/hist.want"
cmp -s "$T/hist" "$T/hist.want" || {
	note "history: $(cat "$T/hist")"
	fail "history of tiny-pkg is not add 1.0, 1.0 -> 2.0, remove 2.0"
}
sql "SELECT name FROM history WHERE env_path = '$V' AND norm = 'tiny-pkg' LIMIT 1" | grep -qx 'Tiny_Pkg' ||
    fail "history name is not the metadata name Tiny_Pkg"
# A first scan is no change: nothing recorded for what was there already.
sql "SELECT count(*) FROM history WHERE norm IN ('pip', 'attrs', 'six')" | grep -qx 0 ||
    fail "the first scan recorded history for packages that were already there"
now=$(date +%s)
sql "SELECT min(time), max(time) FROM history" | {
	IFS='|' read -r lo hi
	[ "$lo" -gt $((now - 600)) ] && [ "$hi" -le $((now + 5)) ] || fail "history times $lo..$hi are not now ($now)"
}
if command -v sqlite3 >/dev/null 2>&1; then
	[ "$(sqlite3 -readonly "$T/index.db" "SELECT count(*) FROM history WHERE env_path = '$V'")" = 3 ] ||
	    fail "sqlite3 sees another history"
fi

# The index agrees with a fresh full scan.
expect_rc 0 vx list --json
cp "$T/out" "$T/list1.json"
expect_rc 0 vx scan --full "$R"
expect_rc 0 vx list --json
$PY - "$T/list1.json" "$T/out" <<'EOF' || fail "an incremental index differs from a --full rescan"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
strip = lambda l: [{k: v for k, v in e.items() if k not in ('last_used',)} for e in l]
if strip(a) != strip(b):
    print(a, b, sep='\n', file=sys.stderr)
    sys.exit(1)
EOF
finish
