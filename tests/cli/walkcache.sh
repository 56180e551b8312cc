#!/bin/sh
# A re-scan reads again only the folders whose mtime changed; what it
# remembers of the others must never hide a new, moved or removed
# environment. The tree's mtimes are set an hour back so the cache is used.
. "$top_srcdir/tests/cli/lib.sh"
mkfake() {	# a small PEP 405 layout, enough to be an environment
	mkdir -p "$1/bin" "$1/lib/python3.11/site-packages/x-1.0.dist-info"
	printf 'home = /usr/bin\nversion = 3.11.7\n' >"$1/pyvenv.cfg"
	printf 'Metadata-Version: 2.1\nName: x\nVersion: 1.0\n' \
	    >"$1/lib/python3.11/site-packages/x-1.0.dist-info/METADATA"
}
age() { find "$R" -exec touch -h -d '1 hour ago' {} +; }
count() { vx list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
R=$T/tree
mkdir -p "$R/a/deep/er" "$R/b" "$R/c/d"
mkfake "$R/a/one"
mkfake "$R/b/two"
age
vx scan -q "$R" || fail "scan"
[ "$(count)" = 2 ] || fail "first scan: $(count) environments, want 2"
rows=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from walkdir where mtime > 0').fetchone()[0])" "$T/index.db")
[ "$rows" -ge 6 ] || fail "the walk remembered $rows folders"

# Unchanged: served from the cache, same answer.
out=$(vx scan "$R") || fail "rescan"
echo "$out" | grep -q "2 environments (0 new, 0 re-read, 2 unchanged, 0 gone)" || fail "rescan: $out"

# New in an old folder deep down: its parent's mtime changed.
mkfake "$R/a/deep/er/three"
vx scan -q "$R"
[ "$(count)" = 3 ] || fail "new deep environment not found"
age

# Moved from one folder to another, and one removed.
mv "$R/a/one" "$R/c/d/one"
rm -rf "$R/b/two"
vx scan -q "$R"
vx list --json | grep -q '"path":"'"$R"'/c/d/one"' || fail "moved environment not found"
vx list --json | grep -q "b/two" && fail "removed environment still listed"
[ "$(count)" = 2 ] || fail "after move and removal: $(count), want 2"

# A folder that became a tree of its own, in an aged parent.
age
mkdir -p "$R/c/new/x/y"
mkfake "$R/c/new/x/y/four"
vx scan -q "$R"
[ "$(count)" = 3 ] || fail "environment under a new folder not found"
# --full reads everything again and agrees.
vx scan -q --full "$R"
[ "$(count)" = 3 ] || fail "--full disagrees"
exit 0
