#!/bin/sh
# index: where the index lives (--db, VENVDEX_DB, the XDG default), a corrupt
# index, an index that cannot be written, concurrent scans.
. "$top_srcdir/tests/cli/lib.sh"

R=$T/root
mkfakevenv "$R/v1" 3.11.7
mkdist "$R/v1/lib/python3.11/site-packages" attrs 23.1.0

# envs_in DB: the paths of list --json on DB, one per line.
envs_in() {
	"$VENVDEX" --db "$1" list --json >"$T/l.json" || fail "list --db $1"
	jget "$T/l.json" '"\n".join(e["path"] for e in d)'
}

# --db FILE wins over VENVDEX_DB.
expect_rc 0 "$VENVDEX" --db "$T/a.db" scan "$R"
[ -f "$T/a.db" ] || fail "--db $T/a.db: no file made"
[ -e "$VENVDEX_DB" ] && fail "--db given, but VENVDEX_DB ($VENVDEX_DB) was made too"
[ -e "$XDG_CACHE_HOME/venvdex/index.db" ] && fail "--db given, but the default index was made"
[ "$(envs_in "$T/a.db")" = "$R/v1" ] || fail "--db $T/a.db does not hold $R/v1"

# VENVDEX_DB when no --db.
VENVDEX_DB=$T/b.db "$VENVDEX" scan "$R" >/dev/null || fail "scan with VENVDEX_DB"
[ -f "$T/b.db" ] || fail "VENVDEX_DB=$T/b.db: no file made"
[ -e "$XDG_CACHE_HOME/venvdex/index.db" ] && fail "VENVDEX_DB given, but the default index was made"
VENVDEX_DB=$T/b.db "$VENVDEX" list --json >"$T/out" || fail "list with VENVDEX_DB"
jassert "$T/out" '[e["path"] for e in d] == ["'"$R/v1"'"]' "list through VENVDEX_DB"
VENVDEX_DB=$T/b.db "$VENVDEX" --db "$T/c.db" list --json >"$T/out" || fail "list --db c.db"
[ "$(cat "$T/out")" = "[]" ] || fail "--db does not win over VENVDEX_DB: $(cat "$T/out")"

# Neither: $XDG_CACHE_HOME/venvdex/index.db, the folder made as needed.
(unset VENVDEX_DB; "$VENVDEX" scan "$R" >/dev/null) || fail "scan with the default index"
[ -f "$XDG_CACHE_HOME/venvdex/index.db" ] || fail "no default index at \$XDG_CACHE_HOME/venvdex/index.db"
(unset VENVDEX_DB; "$VENVDEX" list --json) >"$T/out" || fail "list with the default index"
jassert "$T/out" '[e["path"] for e in d] == ["'"$R/v1"'"]' "list through the default index"
# ... and ~/.cache when XDG_CACHE_HOME is not set.
(unset VENVDEX_DB XDG_CACHE_HOME; HOME=$T/home2; mkdir -p "$HOME"; "$VENVDEX" scan "$R" >/dev/null) ||
    fail "scan without XDG_CACHE_HOME"
[ -f "$T/home2/.cache/venvdex/index.db" ] || fail "no index at ~/.cache/venvdex/index.db without XDG_CACHE_HOME"
stray=$(find "$T/home" -name 'index.db*' ! -path "$XDG_CACHE_HOME/*")
[ -z "$stray" ] || fail "an index was made elsewhere in HOME: $stray"

# WAL mode and the schema.
$PY - "$T/a.db" <<'EOF' || fail "the index is not in WAL mode or lacks its tables"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
mode = db.execute('PRAGMA journal_mode').fetchone()[0]
tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
assert mode == 'wal', mode
assert {'env', 'pkg', 'history'} <= tables, tables
EOF

# Two scans at once: both succeed (busy timeout), one environment indexed.
mkfakevenv "$R/v2" 3.11.7
"$VENVDEX" --db "$T/a.db" scan "$R" >"$T/s1" 2>&1 &
p1=$!
"$VENVDEX" --db "$T/a.db" scan "$R" >"$T/s2" 2>&1 &
p2=$!
wait $p1 || fail "concurrent scan 1 failed: $(cat "$T/s1")"
wait $p2 || fail "concurrent scan 2 failed: $(cat "$T/s2")"
[ "$(envs_in "$T/a.db" | sort | tr '\n' ' ')" = "$R/v1 $R/v2 " ] ||
    fail "after concurrent scans: $(envs_in "$T/a.db")"

# A corrupt index: failure, a message that says how to rebuild, file untouched.
$PY -c '
import random, sys
r = random.Random(7)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(16384)))
' >"$T/bad.db"
sum0=$(cksum <"$T/bad.db")
for cmd in "list" "list --json" "find x" "pkgs $R/v1" "show $R/v1"; do
	# shellcheck disable=SC2086
	run "$VENVDEX" --db "$T/bad.db" $cmd
	[ "$rc" -eq 1 ] || fail "$cmd on a corrupt index exited $rc, expected 1 ($(cat "$T/err"))"
	err_is_venvdex "$cmd on a corrupt index"
	grep -q 'venvdex scan' "$T/err" || fail "$cmd on a corrupt index does not say how to rebuild (venvdex scan): $(cat "$T/err")"
	grep -qF "$T/bad.db" "$T/err" || fail "$cmd on a corrupt index does not name the file: $(cat "$T/err")"
	[ "$(cksum <"$T/bad.db")" = "$sum0" ] || fail "$cmd changed the corrupt index"
	[ -e "$T/bad.db-wal" ] && [ -s "$T/bad.db-wal" ] && fail "$cmd wrote a WAL beside the corrupt index"
done
# A file that is not SQLite at all (text).
echo 'hello, I am not a database' >"$T/text.db"
run "$VENVDEX" --db "$T/text.db" list
[ "$rc" -eq 1 ] && grep -q 'venvdex scan' "$T/err" || fail "a text file as index: rc $rc, $(cat "$T/err")"
[ "$(cat "$T/text.db")" = 'hello, I am not a database' ] || fail "the text file was changed"

# An index that cannot be written where it should be.
: >"$T/notadir"
run "$VENVDEX" --db "$T/notadir/index.db" list
[ "$rc" -eq 1 ] || fail "--db under a regular file: list exited $rc, expected 1"
err_is_venvdex "--db under a regular file"
grep -qF "$T/notadir" "$T/err" || fail "the message does not name the index: $(cat "$T/err")"
[ -f "$T/notadir" ] && [ ! -s "$T/notadir" ] || fail "the regular file was changed"
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$T/ro"
	chmod 555 "$T/ro"
	run "$VENVDEX" --db "$T/ro/index.db" list
	chmod 755 "$T/ro"
	[ "$rc" -eq 1 ] || fail "--db in a read-only folder: list exited $rc, expected 1"
	err_is_venvdex "--db in a read-only folder"
	grep -qF "$T/ro" "$T/err" || fail "the message does not name the index: $(cat "$T/err")"
else
	note "running as root: not testing a read-only folder (root writes anyway)"
fi
finish
