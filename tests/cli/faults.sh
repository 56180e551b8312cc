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

# answer DB OUT: what the index says of the roots, in a form to compare:
# the environments (path, status, packages) and every package of each.
answer() {
	"$VENVDEX" --db "$1" list --json >"$T/ans.list" || fail "list --json on $1"
	: >"$2"
	for e in $($PY -c 'import json,sys; print("\n".join(sorted(e["path"] for e in json.load(open(sys.argv[1])))))' "$T/ans.list"); do
		"$VENVDEX" --db "$1" pkgs --json "$e" >"$T/ans.pkgs" || fail "pkgs --json $e on $1"
		$PY -c '
import json, sys
l = json.load(open(sys.argv[1]))
e = [x for x in l if x["path"] == sys.argv[3]][0]
p = json.load(open(sys.argv[2]))
print(e["path"], e["status"], e["packages"], sorted((x["name"], x["version"]) for x in p))
' "$T/ans.list" "$T/ans.pkgs" "$e" >>"$2"
	done
}
history_rows() {
	sqlite3 "$1" 'SELECT count(*) FROM history'
}

# The clean answer, for the parts below to converge to.
expect_rc 0 vx scan "$R"
answer "$T/index.db" "$T/clean"
grep -q "^$R/a ok 2 " "$T/clean" || fail "setup: the clean answer: $(cat "$T/clean")"

# --- unreadable_env_keeps_packages: a folder unreadable for one scan (chmod
# 000 on lib/, lib/pythonX.Y, site-packages, the environment itself) wiped
# the environment's packages and wrote a fake uninstall and reinstall of
# each. Now it keeps what the index knew, is marked unreadable, writes no
# history, and the chmod is noticed although no mtime changed.
if can_unpriv; then
	h0=$(history_rows "$T/index.db")
	for dir in "$R/a/lib" "$R/a/lib/python3.11" "$SITE" "$R/a"; do
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

exit 0
