#!/bin/sh
# faults: what unlucky days do to the index and how venvdex says so. Each
# part is named after the bug it guards against: nothing is lost, nothing is
# written where it should not be, every fault says what to do, once.
. "$top_srcdir/tests/cli/lib.sh"
need sqlite3

R=$T/r
mkfakevenv "$R/a" 3.11.7
mkdist "$R/a/lib/python3.11/site-packages" six 1.16.0
mkdist "$R/a/lib/python3.11/site-packages" attrs 23.1.0
mkfakevenv "$R/b" 3.12.1
mkdist "$R/b/lib/python3.12/site-packages" idna 3.4
SITE=$R/a/lib/python3.11/site-packages

# answer DB OUT: what the index says, in a form to compare: each environment
# (path, status, packages) from list --json and each package from find --json.
answer() {
	"$VENVDEX" --db "$1" list --json >"$T/ans.list" || fail "list --json on $1"
	"$VENVDEX" --db "$1" find --json . >"$T/ans.find" || fail "find --json on $1"
	$PY -c '
import json, sys
for e in sorted(json.load(open(sys.argv[1])), key=lambda e: e["path"]):
    print(e["path"], e["status"], e["packages"])
for p in sorted(json.load(open(sys.argv[2])), key=lambda p: (p["env"], p["name"])):
    print(p["env"], p["name"], p["version"])
' "$T/ans.list" "$T/ans.find" >"$2"
}
history_rows() {
	sqlite3 "$1" 'SELECT count(*) FROM history'
}

# The clean answer, for the parts below to converge to.
expect_rc 0 vx scan "$R"
answer "$T/index.db" "$T/clean"
grep -q "^$R/a ok 2$" "$T/clean" || fail "setup: the clean answer: $(cat "$T/clean")"

# --- unreadable_env_keeps_packages: a folder unreadable for one scan (chmod
# 000 on lib/, lib/pythonX.Y, site-packages, the environment itself) wiped
# the environment's packages and wrote a fake uninstall and reinstall of
# each. Now it keeps what the index knew, is marked unreadable, writes no
# history, and the chmod is noticed although no mtime changed: also one
# distribution's folder (chmod_dist_info_noticed: only scan --full saw it).
if can_unpriv; then
	h0=$(history_rows "$T/index.db")
	for dir in "$R/a/lib" "$R/a/lib/python3.11" "$SITE" "$R/a" \
	    "$SITE/six-1.16.0.dist-info"; do
		chmod 000 "$dir"
		rc=0
		$UNPRIV "$VENVDEX" --db "$T/index.db" scan "$R" >"$T/out" 2>"$T/err" || rc=$?
		chmod 755 "$dir"
		[ "$rc" -eq 0 ] || fail "scan with $dir unreadable exited $rc: $(cat "$T/err")"
		vx list --json >"$T/l.json"
		jassert "$T/l.json" "env('$R/a')['status'] == 'unreadable' and env('$R/a')['packages'] == 2" \
		    "with $dir unreadable, $R/a is not kept and marked unreadable"
		jassert "$T/l.json" "env('$R/b')['status'] == 'ok'" "with $dir unreadable, $R/b changed"
		vx pkgs --json "$R/a" >"$T/p.json"
		jassert "$T/p.json" "sorted(x['name'] for x in d) == ['attrs', 'six']" \
		    "with $dir unreadable, the packages of $R/a were lost"
		[ "$(history_rows "$T/index.db")" = "$h0" ] ||
		    fail "with $dir unreadable, history was written: $(vx log "$R/a")"
		# Readable again: read again at once, as it was, no history.
		expect_rc 0 $UNPRIV "$VENVDEX" --db "$T/index.db" scan "$R"
		answer "$T/index.db" "$T/now"
		cmp -s "$T/clean" "$T/now" || fail "readable again after $dir: $(diff "$T/clean" "$T/now")"
		[ "$(history_rows "$T/index.db")" = "$h0" ] ||
		    fail "readable again after $dir: history was written: $(vx log "$R/a")"
	done
	# An environment first met unreadable: indexed, unreadable, no packages.
	mkfakevenv "$R/c" 3.11.7
	mkdist "$R/c/lib/python3.11/site-packages" six 1.16.0
	chmod 000 "$R/c/lib/python3.11/site-packages"
	rc=0
	$UNPRIV "$VENVDEX" --db "$T/index.db" scan "$R" >"$T/out" 2>"$T/err" || rc=$?
	chmod 755 "$R/c/lib/python3.11/site-packages"
	[ "$rc" -eq 0 ] || fail "scan with a new unreadable env exited $rc"
	grep -q "could not be read" "$T/err" || fail "no word of the unreadable environment: $(cat "$T/err")"
	vx list --json >"$T/l.json"
	jassert "$T/l.json" "env('$R/c')['status'] == 'unreadable'" "a new unreadable env"
	expect_rc 0 $UNPRIV "$VENVDEX" --db "$T/index.db" scan "$R"
	vx list --json >"$T/l.json"
	jassert "$T/l.json" "env('$R/c')['status'] == 'ok' and env('$R/c')['packages'] == 1" \
	    "a new unreadable env, readable again"
	rm -rf "$R/c"
	expect_rc 0 vx scan "$R"
else
	note "cannot drop root's power over permissions: not testing unreadable folders"
fi

# one_line WHAT: stderr ($T/err) is one "venvdex: " line.
one_line() {
	err_is_venvdex "$1"
	[ "$(wc -l <"$T/err")" -eq 1 ] || fail "$1: not one line: $(cat "$T/err")"
}
sum() { sha256sum <"$1"; }

# --- foreign_sqlite_untouched: another program's SQLite file given as the
# index with user_version 1 or 2 was migrated (a table added, WAL switched
# on). Only a file with venvdex's application_id (or, made before it, its
# tables) is written; anything else is refused, byte for byte untouched.
for uv in 0 1 2 3; do
	$PY -c 'import sqlite3, sys; d = sqlite3.connect(sys.argv[1]); d.execute("CREATE TABLE notes (t TEXT)"); d.execute("INSERT INTO notes VALUES (1)"); d.execute("PRAGMA user_version = %s" % sys.argv[2]); d.commit()' \
	    "$T/other$uv.db" "$uv" || fail "setup: other$uv.db"
	s0=$(sum "$T/other$uv.db")
	for cmd in "scan $R" "list"; do
		# shellcheck disable=SC2086
		run "$VENVDEX" --db "$T/other$uv.db" $cmd
		[ "$rc" -eq 1 ] || fail "$cmd on a foreign database (user_version $uv) exited $rc"
		one_line "$cmd on a foreign database (user_version $uv)"
		has "$T/err" "not a venvdex index"
		[ "$(sum "$T/other$uv.db")" = "$s0" ] || fail "$cmd changed a foreign database (user_version $uv)"
		[ -e "$T/other$uv.db-wal" ] && fail "$cmd made a WAL beside a foreign database"
	done
done
# ... while venvdex's own indexes made before the application_id (schemas
# 1 to 3; 4 and 5 to test the last migrations too) still open, migrate, keep
# their environments, and get it.
for v in 1 2 3 4 5; do
	cp "$T/index.db" "$T/old$v.db"
	$PY -c '
import sqlite3, sys
d = sqlite3.connect(sys.argv[1]); v = int(sys.argv[2])
d.execute("PRAGMA journal_mode = DELETE")
if v < 6: d.execute("DROP INDEX env_ondisk"); d.execute("DROP TABLE osv_verdict"); d.execute("ALTER TABLE osv_source DROP COLUMN verdicts"); d.execute("DROP INDEX pkg_norm"); d.execute("CREATE INDEX pkg_norm ON pkg(norm)")
if v < 5: d.execute("DROP INDEX pkg_digest"); d.execute("ALTER TABLE pkg DROP COLUMN digest"); d.execute("ALTER TABLE pkg DROP COLUMN inode")
if v < 4: [d.execute("DROP TABLE %s" % t) for t in ("osv_affected", "osv_vuln", "osv_source")]
if v < 3: d.execute("DELETE FROM env WHERE gone IS NOT NULL"); d.execute("ALTER TABLE env DROP COLUMN gone")
if v < 2: d.execute("DROP TABLE walkdir")
d.execute("PRAGMA user_version = %d" % v); d.execute("PRAGMA application_id = 0"); d.commit()
' "$T/old$v.db" "$v" || fail "setup: a schema $v index"
	expect_rc 0 "$VENVDEX" --db "$T/old$v.db" list
	answer "$T/old$v.db" "$T/now"
	cmp -s "$T/clean" "$T/now" || fail "a schema $v index: $(diff "$T/clean" "$T/now")"
	[ "$(sqlite3 "$T/old$v.db" 'PRAGMA application_id')" = 1986291064 ] ||
	    fail "a schema $v index did not get venvdex's application_id"
	expect_rc 0 "$VENVDEX" --db "$T/old$v.db" scan "$R"
done
[ "$(sqlite3 "$T/index.db" 'PRAGMA application_id')" = 1986291064 ] ||
    fail "a new index has no application_id"

# --- damaged_index_one_line: a damaged index printed two lines (SQLite's
# "malformed", then the useful one), and diff, freeze and clean theirs and
# the damage. Every read command on a damaged page: one line, with how to
# rebuild it; a command that never reads the damaged page answers as usual.
# damage DB TABLE: random bytes over TABLE's root page.
damage() {
	$PY -c '
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
page = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (sys.argv[2],)).fetchone()[0]
size = db.execute("PRAGMA page_size").fetchone()[0]
db.close()
r = random.Random(3)
with open(sys.argv[1], "r+b") as f:
    f.seek((page - 1) * size)
    f.write(bytes(r.randrange(256) for _ in range(size)))
' "$1" "$2" || fail "setup: damage $2"
}
printf 'six==1.0\n' >"$T/req.txt"
for table in env pkg; do
	cp "$T/index.db" "$T/bad.db"
	damage "$T/bad.db" "$table"
	for cmd in "list" "list --json" "list --stale" "find six" "find --json six" \
	    "show $R/a" "show --json $R/a" "pkgs $R/a" "pkgs --json $R/a" \
	    "log $R/a" "log --json $R/a" "diff $R/a $R/b" "diff --json $R/a $R/b" \
	    "diff $R/a $T/req.txt" "deps $R/a" "deps --json $R/a" "check" \
	    "check --json" "dupes" "dupes --json" \
	    "freeze $R/a" "clean --dry-run" "clean --dry-run --json" "scan $R"; do
		cp "$T/bad.db" "$T/bad2.db"
		# shellcheck disable=SC2086
		run "$VENVDEX" --db "$T/bad2.db" $cmd
		[ -s "$T/err" ] || continue	# it never read the damaged page
		[ "$rc" -eq 1 ] || fail "$cmd on a damaged $table table exited $rc"
		one_line "$cmd on a damaged $table table"
		has "$T/err" "venvdex scan"
	done
done
# The environments' table damaged: these must notice.
cp "$T/index.db" "$T/bad.db"
damage "$T/bad.db" env
for cmd in "list" "list --json" "find six" "show $R/a" "log $R/a" "scan $R" \
    "diff $R/a $R/b" "freeze $R/a" "clean --dry-run"; do
	cp "$T/bad.db" "$T/bad2.db"
	# shellcheck disable=SC2086
	run "$VENVDEX" --db "$T/bad2.db" $cmd
	[ "$rc" -eq 1 ] || fail "$cmd on a damaged index exited $rc"
	one_line "$cmd on a damaged index"
	has "$T/err" "venvdex scan"
done

# --- memory_db_refused: --db :memory: reported success and saved nothing.
for db in ":memory:" ""; do
	run "$VENVDEX" --db "$db" scan "$R"
	[ "$rc" -eq 1 ] || fail "--db '$db' exited $rc: $(cat "$T/out")"
	one_line "--db '$db'"
	has "$T/err" "--db FILE"
done

# --- home_unset_no_root_cache: with HOME unset the index went to /.cache.
# Now the password file's home (nobody's: /nonexistent), or a refusal.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
	for uid in 65534 54321; do	# nobody, and a uid with no passwd entry
		rc=0
		env -u HOME -u XDG_CACHE_HOME -u VENVDEX_DB setpriv --reuid=$uid --regid=$uid \
		    --clear-groups "$VENVDEX" list >"$T/out" 2>"$T/err" || rc=$?
		[ "$rc" -eq 1 ] || fail "HOME unset (uid $uid): list exited $rc"
		one_line "HOME unset (uid $uid)"
		grep -q '/\.cache' "$T/err" && ! grep -q "$(getent passwd $uid | cut -d: -f6)/\.cache" "$T/err" &&
		    fail "HOME unset (uid $uid): /.cache: $(cat "$T/err")"
		[ $uid = 54321 ] && has "$T/err" "HOME is not set"
		[ $uid = 65534 ] && { getent passwd 65534 | grep -q ':/nonexistent:' || continue; has "$T/err" "/nonexistent/.cache"; }
	done
else
	note "not root: not testing HOME unset as another user"
fi

# --- locked_index_one_line: another writer holds the index: each env got
# a bare "database is locked" and the summary counted them as new. One line
# naming the holder (from /proc), after the busy timeout; nothing counted.
cp "$T/index.db" "$T/held.db"
mkfakevenv "$R/new" 3.11.7
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
[ "$rc" -eq 1 ] || fail "scan into a locked index exited $rc"
one_line "scan into a locked index"
has "$T/err" "locked by another program"
has "$T/err" "pid $holder)" "the message does not name the holder (pid $holder)"
grep -q '(0 new, 0 re-read, 0 unchanged, 0 gone)' "$T/out" || fail "a locked scan counts: $(cat "$T/out")"
rm -rf "$R/new"

# --- read_only_index: scan says why, once; the reads work.
if can_unpriv; then
	mkdir "$T/ro"
	cp "$T/index.db" "$T/ro/index.db"
	chmod 444 "$T/ro/index.db"
	chmod 555 "$T/ro"
	s0=$(sum "$T/ro/index.db")
	run $UNPRIV "$VENVDEX" --db "$T/ro/index.db" scan "$R"
	[ "$rc" -eq 1 ] || fail "scan into a read-only index exited $rc"
	one_line "scan into a read-only index"
	has "$T/err" "cannot be written"
	expect_rc 0 $UNPRIV "$VENVDEX" --db "$T/ro/index.db" list
	chmod 755 "$T/ro"
	[ "$(sum "$T/ro/index.db")" = "$s0" ] || fail "a read-only index was changed"
fi

# --- full_disk_one_line: a full file system gave one error per env and a
# summary that counted 300 new where 4 were stored. One line naming the file
# system and what to free; the counts are what the index holds.
F=$T/many
$PY - "$F" <<'PY'
import os, sys
for i in range(60):
    sp = os.path.join(sys.argv[1], "v%03d" % i, "lib", "python3.11", "site-packages")
    os.makedirs(os.path.join(sys.argv[1], "v%03d" % i, "bin"))
    open(os.path.join(sys.argv[1], "v%03d" % i, "pyvenv.cfg"), "w").write("home = /usr/bin\nversion = 3.11.7\n")
    for n in range(4):
        di = os.path.join(sp, "p%d_%03d-1.0.dist-info" % (n, i))
        os.makedirs(di)
        open(os.path.join(di, "METADATA"), "w").write(
            "Metadata-Version: 2.1\nName: p%d-%03d\nVersion: 1.0\nSummary: %s\n" % (n, i, "x" * 3000))
PY
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	mkdir "$T/small"
	rc=0
	# The count is taken in the same namespace: the tmpfs goes with it.
	unshare -m sh -c 'mount -t tmpfs -o size=256k tmpfs "$1" || exit 9
	    rc=0; "$2" --db "$1/index.db" scan "$3" || rc=$?
	    sqlite3 "$1/index.db" "SELECT count(*) FROM env" >"$4"; exit $rc' \
	    sh "$T/small" "$VENVDEX" "$F" "$T/count" >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" -eq 1 ] || fail "scan onto a full file system exited $rc: $(cat "$T/err")"
	one_line "scan onto a full file system"
	has "$T/err" "no space left on the file system mounted on $T/small"
	has "$T/err" "free some space"
	new=$(sed -n 's/.*(\([0-9]*\) new,.*/\1/p' "$T/out")
	[ -n "$new" ] && [ "$new" -lt 60 ] || fail "the full scan's summary: $(cat "$T/out")"
	[ "$(cat "$T/count")" = "$new" ] || fail "the summary says $new new, the index holds $(cat "$T/count")"
else
	note "no private mount namespace here: not testing a full file system"
fi

# --- kill -9 at several moments of a scan, then a scan: the answer a clean
# scan gives. And signals (TERM, HUP, INT) mid-scan: gone, index intact.
expect_rc 0 "$VENVDEX" --db "$T/clean-many.db" scan "$F"
answer "$T/clean-many.db" "$T/clean-many"
intact() {
	[ "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok ] || fail "$2: the index is damaged"
}
for ms in 30 100 250 600; do
	rm -f "$T/k.db" "$T/k.db-wal" "$T/k.db-shm"
	"$VENVDEX" --db "$T/k.db" scan --full "$F" >/dev/null 2>&1 &
	p=$!
	sleep "$(echo "$ms" | awk '{ printf "%.3f", $1 / 1000 }')"
	kill -9 $p 2>/dev/null || :
	wait $p 2>/dev/null || :
	[ -e "$T/k.db" ] || continue
	intact "$T/k.db" "kill -9 after $ms ms"
	expect_rc 0 "$VENVDEX" --db "$T/k.db" scan "$F"
	answer "$T/k.db" "$T/now"
	cmp -s "$T/clean-many" "$T/now" || fail "kill -9 after $ms ms, then a scan: $(diff "$T/clean-many" "$T/now" | head)"
done
for sig in TERM HUP INT; do
	rm -f "$T/k.db" "$T/k.db-wal" "$T/k.db-shm"
	"$VENVDEX" --db "$T/k.db" scan --full "$F" >/dev/null 2>&1 &
	p=$!
	sleep 0.1
	kill -STOP $p 2>/dev/null || :
	kill -"$sig" $p 2>/dev/null || :
	kill -CONT $p 2>/dev/null || :
	i=0
	while kill -0 $p 2>/dev/null; do
		[ $i -lt 50 ] || { kill -9 $p; fail "scan still runs 5 s after SIG$sig"; }
		sleep 0.1; i=$((i + 1))
	done
	wait $p 2>/dev/null || :
	[ -e "$T/k.db" ] || continue
	intact "$T/k.db" "SIG$sig mid-scan"
	expect_rc 0 "$VENVDEX" --db "$T/k.db" scan "$F"
	answer "$T/k.db" "$T/now"
	cmp -s "$T/clean-many" "$T/now" || fail "SIG$sig mid-scan, then a scan: $(diff "$T/clean-many" "$T/now" | head)"
done

# --- two scans at once: both succeed, the answer a clean scan gives.
rm -f "$T/k.db" "$T/k.db-wal" "$T/k.db-shm"
"$VENVDEX" --db "$T/k.db" scan "$F" >"$T/s1" 2>&1 &
p1=$!
"$VENVDEX" --db "$T/k.db" scan "$F" >"$T/s2" 2>&1 &
p2=$!
wait $p1 || fail "concurrent scan 1 failed: $(cat "$T/s1")"
wait $p2 || fail "concurrent scan 2 failed: $(cat "$T/s2")"
answer "$T/k.db" "$T/now"
cmp -s "$T/clean-many" "$T/now" || fail "two scans at once: $(diff "$T/clean-many" "$T/now" | head)"

exit 0
