#!/bin/sh
# walk: what scan walks and what it says while it does: a root that is a
# symlink, /proc, /sys and /dev, -x on a tree with another file system in
# it, progress on a terminal and silence elsewhere.
. "$top_srcdir/tests/cli/lib.sh"

R=$T/root
mkfakevenv "$R/src/app/.venv" 3.11.7
mkdist "$R/src/app/.venv/lib/python3.11/site-packages" attrs 23.1.0

# A root that is a symlink to a folder is walked (as find -H does), under
# the name it was given; symlinks below it are not followed.
ln -s "$R/src" "$T/srclink"
ln -s "$R/src/app" "$R/src/applink"
expect_rc 0 vx scan "$T/srclink"
expect_rc 0 vx list --json
jassert "$T/out" '[e["path"] for e in d] == ["'"$T/srclink/app/.venv"'"]' \
    "a root that is a symlink: not walked, or its symlinks followed"
[ -s "$T/err" ] && fail "scan of a symlinked root warns: $(cat "$T/err")"

# /proc, /sys and /dev are never walked, even when named, or named through
# a symlink; the other roots are still scanned.
ln -s /proc "$T/proclink"
for r in /proc /sys /dev /proc/self "$T/proclink"; do
	[ -d "$r" ] || continue
	run vx --db "$T/virt.db" scan "$r" "$R"
	[ "$rc" -eq 1 ] || fail "scan $r exited $rc, expected 1"
	err_is_venvdex "scan $r"
	grep -q "not scanned" "$T/err" || fail "scan $r: $(cat "$T/err")"
	grep -q '^1 environment .* [0-9]* folders' "$T/out" || fail "scan $r $R: $(cat "$T/out")"
	folders=$(sed -n 's/.* \([0-9]*\) folders\{0,1\} in .*/\1/p' "$T/out")
	[ "$folders" -lt 50 ] || fail "scan $r walked $folders folders"
done

# -x: an environment on another file system inside the root is found
# without -x, not with it. Needs a mount of our own (a private namespace).
# (unshare(1) makes the namespace's mounts private: nothing leaks out.)
mkdir -p "$R/mnt"
if command -v unshare >/dev/null 2>&1 &&
    unshare -m sh -c "mount -t tmpfs none '$R/mnt'" 2>/dev/null; then
	unshare -m sh -c "
		mount -t tmpfs none '$R/mnt' || exit 3
		mkdir -p '$R/mnt/far/bin' '$R/mnt/far/lib/python3.11/site-packages'
		printf 'home = /usr/bin\nversion = 3.11.7\n' >'$R/mnt/far/pyvenv.cfg'
		ln -s '$PY' '$R/mnt/far/bin/python'
		'$VENVDEX' --db '$T/x1.db' scan -x '$R' >'$T/x1.out' 2>&1 || exit 4
		'$VENVDEX' --db '$T/x2.db' scan '$R' >'$T/x2.out' 2>&1 || exit 5
	" || fail "scan in a private mount namespace failed ($?): $(cat "$T/x1.out" "$T/x2.out" 2>/dev/null)"
	expect_rc 0 vx --db "$T/x1.db" list --json
	jassert "$T/out" '[e["path"] for e in d] == ["'"$R/src/app/.venv"'"]' \
	    "scan -x crossed into another file system"
	expect_rc 0 vx --db "$T/x2.db" list --json
	jassert "$T/out" 'sorted(e["path"] for e in d) == ["'"$R/mnt/far"'", "'"$R/src/app/.venv"'"]' \
	    "scan without -x did not cross into another file system"
else
	note "cannot mount a file system here: not testing -x"
fi

# Progress: on standard error when it is a terminal, and nothing extra
# when it is not (or with -q).
expect_rc 0 vx --db "$T/p.db" scan "$R"
[ -s "$T/err" ] && fail "scan wrote to stderr without a terminal: $(cat "$T/err")"
[ "$(wc -l <"$T/out")" -eq 1 ] || fail "scan printed more than its summary: $(cat "$T/out")"
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1 </dev/null; then
	# stdout to a file, stderr to the terminal script(1) records.
	script -qc "'$VENVDEX' --db '$T/p2.db' scan '$R' >'$T/p.out'" /dev/null </dev/null >"$T/tty" 2>&1 ||
	    fail "scan on a terminal failed: $(cat "$T/tty")"
	grep -q 'folders\{0,1\}, [0-9]* environments\{0,1\}' "$T/tty" ||
	    fail "no progress on a terminal: $(od -c "$T/tty" | head)"
	grep -q 'environment.*new' "$T/tty" && fail "the summary went to the terminal, not stdout"
	has "$T/p.out" "1 environment (1 new"
	# The progress line is erased once the scan is over.
	$PY -c '
import sys
t = open(sys.argv[1], "rb").read()
sys.exit(0 if t.rstrip(b"\r\n").endswith(b"\r\x1b[K") else 1)
' "$T/tty" || fail "the progress line is left on the terminal: $(od -c "$T/tty" | tail -n 3)"
	script -qc "'$VENVDEX' --db '$T/p3.db' scan -q '$R'" /dev/null </dev/null >"$T/tty" 2>&1 ||
	    fail "scan -q on a terminal failed"
	[ -s "$T/tty" ] && fail "scan -q printed something: $(od -c "$T/tty" | head -n 3)"
else
	note "script(1) is not usable: not testing progress on a terminal"
fi
finish
