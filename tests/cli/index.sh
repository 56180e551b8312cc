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

# An index another program holds locked for writing: the scan fails after
# one busy timeout (not one per environment), says why once, and counts
# nothing as written.
mkfakevenv "$R/v4" 3.11.7
mkfakevenv "$R/v5" 3.11.7
expect_rc 0 "$VENVDEX" --db "$T/held.db" scan "$R/v1"
$PY -c '
import os, sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
while not os.path.exists(sys.argv[3]):
	time.sleep(0.05)
db.execute("ROLLBACK")
' "$T/held.db" "$T/held.on" "$T/held.off" &
holder=$!
i=0
while [ ! -e "$T/held.on" ] && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$T/held.on" ] || fail "setup: the lock holder did not start"
run "$VENVDEX" --db "$T/held.db" scan "$R"
: >"$T/held.off"
wait $holder || fail "setup: the lock holder failed"
[ "$rc" -eq 1 ] || fail "scan into a locked index exited $rc, expected 1 ($(cat "$T/err"))"
err_is_venvdex "scan into a locked index"
[ "$(grep -c 'locked' "$T/err")" -eq 1 ] ||
    fail "scan into a locked index: not one message that says it is locked: $(cat "$T/err")"
grep -q '(0 new, 0 re-read, 0 unchanged, 0 gone)' "$T/out" ||
    fail "scan into a locked index claims it wrote: $(cat "$T/out")"
[ "$(envs_in "$T/held.db")" = "$R/v1" ] || fail "after a locked scan: $(envs_in "$T/held.db")"

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
if can_unpriv; then
	mkdir -p "$T/ro"
	chmod 555 "$T/ro"
	run $UNPRIV "$VENVDEX" --db "$T/ro/index.db" list
	chmod 755 "$T/ro"
	[ "$rc" -eq 1 ] || fail "--db in a read-only folder: list exited $rc, expected 1"
	err_is_venvdex "--db in a read-only folder"
	grep -qF "$T/ro" "$T/err" || fail "the message does not name the index: $(cat "$T/err")"
else
	note "cannot drop root's power over permissions: not testing a read-only folder"
fi

# --help needs no index, wherever it comes among the options.
for cmd in "list --json --help" "pkgs -f x --help" "find -h" "scan -x --help"; do
	# shellcheck disable=SC2086
	expect_rc 0 "$VENVDEX" --db "$T/helpdir/index.db" $cmd
	[ -e "$T/helpdir" ] && fail "'$cmd' made an index"
done

# untouched FILE SUM WHAT: fails unless FILE's checksum is still SUM.
untouched() {
	[ "$(cksum <"$1")" = "$2" ] || fail "$3 changed the index file"
}

# damaged_ok DB WHAT CMD...: CMD on DB fails (1) saying how to rebuild it.
damaged_ok() {
	_db=$1 _what=$2
	shift 2
	run "$VENVDEX" --db "$_db" "$@"
	[ "$rc" -eq 1 ] ||
	    fail "$* on $_what exited $rc, expected 1 (out: $(head -c 300 "$T/out"); err: $(cat "$T/err"))"
	err_is_venvdex "$* on $_what"
	grep -q "move it away.*venvdex scan" "$T/err" ||
	    fail "$* on $_what does not say how to rebuild the index: $(cat "$T/err")"
	grep -qF "$_db" "$T/err" || fail "$* on $_what does not name the file: $(cat "$T/err")"
}

# A good index, written and closed (checkpointed: no -wal beside it).
mkfakevenv "$R/v3" 3.11.7
mkdist "$R/v3/lib/python3.11/site-packages" six 1.16.0
expect_rc 0 "$VENVDEX" --db "$T/good.db" scan "$R"
[ -s "$T/good.db-wal" ] && fail "setup: the index left a WAL behind"
# The -wal and -shm stay, emptied: a command does not make and delete them
# each time. What was written is in the index file alone: a copy of it
# without them answers the same.
[ -e "$T/good.db-wal" ] && [ -e "$T/good.db-shm" ] ||
    fail "the index's -wal and -shm were deleted at close"
cp "$T/good.db" "$T/alone.db"
expect_rc 0 "$VENVDEX" --db "$T/good.db" list --json
cp "$T/out" "$T/list-good"
expect_rc 0 "$VENVDEX" --db "$T/alone.db" list --json
cmp -s "$T/out" "$T/list-good" ||
    fail "the index file alone does not hold what the last command wrote"
grep -q '/v3"' "$T/out" || fail "the index file alone lost an environment: $(cat "$T/out")"
# Moved away as the manual says, its emptied -wal and -shm left behind: a
# new index is made there and works.
mv "$T/alone.db" "$T/moved.db"
cp "$T/good.db-wal" "$T/alone.db-wal"
cp "$T/good.db-shm" "$T/alone.db-shm"
expect_rc 0 "$VENVDEX" --db "$T/alone.db" scan "$R"
expect_rc 0 "$VENVDEX" --db "$T/alone.db" list --json
grep -q '/v3"' "$T/out" || fail "a new index beside the old -wal and -shm: $(cat "$T/out")"

# A truncated index.
$PY -c '
import sys
b = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(b[:len(b) // 3])
' "$T/good.db" "$T/trunc.db" || fail "setup: truncate"
sum0=$(cksum <"$T/trunc.db")
for cmd in "list" "find six" "pkgs $R/v1" "scan $R"; do
	# shellcheck disable=SC2086
	damaged_ok "$T/trunc.db" "a truncated index" $cmd
	untouched "$T/trunc.db" "$sum0" "$cmd on a truncated index"
done

# Damage inside a table: the index opens, but a query meets a bad page. It
# must fail, not pass for an empty answer.
# smash DB TABLE OUT: copies DB to OUT with the root page of TABLE overwritten.
smash() {
	$PY -c '
import random, shutil, sqlite3, sys
src, table, out = sys.argv[1:4]
db = sqlite3.connect(src)
page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
size = db.execute("PRAGMA page_size").fetchone()[0]
db.close()
shutil.copyfile(src, out)
r = random.Random(3)
with open(out, "r+b") as f:
    f.seek((page - 1) * size)
    f.write(bytes(r.randrange(256) for _ in range(size)))
' "$1" "$2" "$3" || fail "setup: smash $2"
}
smash "$T/good.db" env "$T/badenv.db"
sum0=$(cksum <"$T/badenv.db")
for cmd in "list" "list --json" "show --json $R/v1"; do
	# shellcheck disable=SC2086
	damaged_ok "$T/badenv.db" "an index with a damaged env table" $cmd
	untouched "$T/badenv.db" "$sum0" "$cmd on a damaged env table"
done
damaged_ok "$T/badenv.db" "an index with a damaged env table" scan "$R"
smash "$T/good.db" pkg "$T/badpkg.db"
sum0=$(cksum <"$T/badpkg.db")
for cmd in "find six" "find --json six" "pkgs $R/v3" "pkgs --json $R/v3"; do
	# shellcheck disable=SC2086
	damaged_ok "$T/badpkg.db" "an index with a damaged pkg table" $cmd
	untouched "$T/badpkg.db" "$sum0" "$cmd on a damaged pkg table"
done

# An index from a newer venvdex: refused, untouched, with what to do.
cp "$T/good.db" "$T/newer.db"
$PY -c 'import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); d.execute("PRAGMA user_version = 99"); d.commit()' \
    "$T/newer.db" || fail "setup: user_version"
sum0=$(cksum <"$T/newer.db")
for cmd in "list" "scan $R"; do
	# shellcheck disable=SC2086
	run "$VENVDEX" --db "$T/newer.db" $cmd
	[ "$rc" -eq 1 ] || fail "$cmd on a newer index exited $rc, expected 1"
	err_is_venvdex "$cmd on a newer index"
	grep -q 'newer venvdex' "$T/err" && grep -q -- '--db' "$T/err" && grep -q 'venvdex scan' "$T/err" ||
	    fail "$cmd on a newer index: unclear message: $(cat "$T/err")"
	untouched "$T/newer.db" "$sum0" "$cmd on a newer index"
done

# Somebody else's SQLite database: refused, and no table added to it.
$PY -c 'import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); d.execute("CREATE TABLE notes (t TEXT)"); d.commit()' \
    "$T/other.db" || fail "setup: other.db"
sum0=$(cksum <"$T/other.db")
run "$VENVDEX" --db "$T/other.db" scan "$R"
[ "$rc" -eq 1 ] || fail "scan into another program's database exited $rc, expected 1"
grep -q 'not a venvdex index' "$T/err" || fail "another program's database: $(cat "$T/err")"
untouched "$T/other.db" "$sum0" "scan into another program's database"

# An index that can be read but not written (the file, or its folder): the
# read commands work, scan says why it cannot.
if can_unpriv; then
	for how in file folder; do
		mkdir -p "$T/ro-$how"
		cp "$T/good.db" "$T/ro-$how/index.db"
		if [ $how = file ]; then chmod 444 "$T/ro-$how/index.db"; else chmod 555 "$T/ro-$how"; fi
		sum0=$(cksum <"$T/ro-$how/index.db")
		for cmd in "list --json" "find --json six" "pkgs --json v3" "show --json v3"; do
			# shellcheck disable=SC2086
			run $UNPRIV "$VENVDEX" --db "$T/ro-$how/index.db" $cmd
			[ "$rc" -eq 0 ] || fail "$cmd on a read-only $how exited $rc: $(cat "$T/err")"
			json_valid "$T/out" "$cmd on a read-only $how"
		done
		jassert "$T/out" 'd["path"] == "'"$R/v3"'"' "show on a read-only $how"
		run $UNPRIV "$VENVDEX" --db "$T/ro-$how/index.db" scan "$R"
		[ "$rc" -eq 1 ] || fail "scan into a read-only $how exited $rc, expected 1"
		err_is_venvdex "scan into a read-only $how"
		grep -q "cannot be written.*read-only" "$T/err" || fail "scan into a read-only $how: $(cat "$T/err")"
		untouched "$T/ro-$how/index.db" "$sum0" "a read-only $how"
		chmod 755 "$T/ro-$how"
		chmod 644 "$T/ro-$how/index.db"
	done
	# Regression: an index both read-only and damaged (a venvdex schema
	# version without its tables) freed the first error twice. (venvdex's
	# by its application_id: without it, a file that is not venvdex's.)
	mkdir -p "$T/ro-damaged"
	# (this venvdex's own schema version, read off a good index: no upgrade due)
	$PY -c 'import sqlite3, sys; v = sqlite3.connect(sys.argv[2]).execute("PRAGMA user_version").fetchone()[0]; d = sqlite3.connect(sys.argv[1]); d.execute("CREATE TABLE junk (x)"); d.execute("PRAGMA user_version = %d" % v); d.execute("PRAGMA application_id = 1986291064"); d.commit()' \
	    "$T/ro-damaged/index.db" "$T/good.db" || fail "setup: ro-damaged"
	chmod 444 "$T/ro-damaged/index.db"
	sum0=$(cksum <"$T/ro-damaged/index.db")
	run $UNPRIV "$VENVDEX" --db "$T/ro-damaged/index.db" list
	chmod 644 "$T/ro-damaged/index.db"
	[ "$rc" -eq 1 ] || fail "list on a read-only damaged index exited $rc, expected 1: $(cat "$T/err")"
	err_is_venvdex "a read-only damaged index"
	grep -q "move it away.*venvdex scan" "$T/err" ||
	    fail "a read-only damaged index: does not say how to rebuild it: $(cat "$T/err")"
	untouched "$T/ro-damaged/index.db" "$sum0" "list on a read-only damaged index"
	# An index that cannot be read at all: not damaged; its permissions.
	cp "$T/good.db" "$T/locked.db"
	chmod 000 "$T/locked.db"
	run $UNPRIV "$VENVDEX" --db "$T/locked.db" list
	chmod 644 "$T/locked.db"
	[ "$rc" -eq 1 ] || fail "list on an unreadable index exited $rc, expected 1"
	err_is_venvdex "an unreadable index"
	grep -q 'ermission' "$T/err" || fail "an unreadable index: $(cat "$T/err")"
	cmp -s "$T/locked.db" "$T/good.db" || fail "the unreadable index was changed"
else
	note "cannot drop root's power over permissions: not testing read-only indexes"
fi
finish
