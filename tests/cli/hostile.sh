#!/bin/sh
# hostile: what a disk may hold to hurt a scanner: garbage and huge metadata,
# terminal escape sequences, symlink loops, very deep trees, names that are not
# UTF-8, folders that cannot be read.
. "$top_srcdir/tests/cli/lib.sh"

R=$T/root
mkdir -p "$R"
ESC=$(printf '\033')
TO=
command -v timeout >/dev/null 2>&1 && TO="timeout 120"

# no_esc FILE WHAT: FILE holds no ESC byte, no C1 control (raw or UTF-8).
no_esc() {
	$PY - "$1" <<'EOF' || fail "$2 lets terminal controls through"
import sys
t = open(sys.argv[1], 'rb').read().decode('utf-8', 'surrogateescape')
# ESC, BEL, C1 controls as characters, and raw C1 bytes (0x80-0x9f outside
# UTF-8 sequences, which surrogateescape maps to U+DC80-U+DC9F).
bad = [i for i, c in enumerate(t) if c in '\x1b\x07' or 0x80 <= ord(c) <= 0x9f or
       0xdc80 <= ord(c) <= 0xdc9f]
if bad:
    i = bad[0]
    sys.stderr.write('control at %d: %r\n' % (i, t[max(0, i - 40):i + 40]))
    sys.exit(1)
EOF
}

# scan_timed SECONDS ROOT...: scan that must finish in time. The limits catch
# hangs and blow-ups, with room for a loaded machine and the sanitizers; how
# fast a scan is, is measured in bench/.
scan_timed() {
	_lim=$1
	shift
	_t0=$(date +%s)
	run $TO "$VENVDEX" --db "$T/index.db" scan "$@"
	_t1=$(date +%s)
	[ "$rc" -eq 124 ] && fail "scan $* did not finish in 120 s"
	[ "$rc" -le 1 ] || { cat "$T/err" >&2; fail "scan $* exited $rc"; }
	[ $((_t1 - _t0)) -le "$_lim" ] || fail "scan $* took $((_t1 - _t0)) s (limit $_lim s)"
}

# --- metadata: garbage, huge, and with escape sequences -----------------------
V=$R/meta
mkfakevenv "$V" 3.11.7
S=$V/lib/python3.11/site-packages
mkdist "$S" okpkg 1.0
mkdir -p "$S/garbage-1.0.dist-info"
$PY -c '
import random, sys
r = random.Random(42)
sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(65536)))
' >"$S/garbage-1.0.dist-info/METADATA"
printf 'pip\n' >"$S/garbage-1.0.dist-info/INSTALLER"
# 100 MB, the headers first, then a long body (sparse: quick to write).
mkdir -p "$S/huge-2.0.dist-info"
printf 'Metadata-Version: 2.1\nName: huge\nVersion: 2.0\nSummary: a very long description\n\n' \
    >"$S/huge-2.0.dist-info/METADATA"
truncate -s 100M "$S/huge-2.0.dist-info/METADATA" 2>/dev/null ||
    dd if=/dev/zero of="$S/huge-2.0.dist-info/METADATA" bs=1048576 seek=99 count=1 conv=notrunc 2>/dev/null ||
    fail "cannot make a 100 MB file"
# ... and a 100 MB RECORD: its size is not known, rather than a guess.
cp "$S/huge-2.0.dist-info/METADATA" "$S/huge-2.0.dist-info/RECORD"
# Escape sequences: OSC title, clear screen, C1 CSI (as UTF-8 and raw), BEL.
mkdir -p "$S/evil-6.6.6.dist-info"
printf 'Metadata-Version: 2.1\nName: evil\033]0;pwned\007pkg\302\233J\nVersion: 6.6.6\033[2J\nSummary: \033[2Jclear \302\2332J csi \2332J raw \033]0;pwned\007 title \033[31mred\n\n' \
    >"$S/evil-6.6.6.dist-info/METADATA"
echo pip >"$S/evil-6.6.6.dist-info/INSTALLER"
# An environment whose folder name holds escapes too.
EV="$R/evil${ESC}[2Jname${ESC}]0;pwned$(printf '\007')"
mkfakevenv "$EV" 3.11.7
mkdist "$EV/lib/python3.11/site-packages" plain 1.0

scan_timed 30 "$R"
# Neither huge file is read whole into memory: the scan's peak stays small.
rss=$($PY -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
' "$VENVDEX" --db "$T/rss.db" scan "$V")
# (48 MB: well under either 100 MB file, with room for the sanitizers' own.)
[ "$rss" -lt 49152 ] || fail "a scan of the huge METADATA and RECORD peaked at $rss kB"
expect_rc 0 vx pkgs --json "$V"
json_valid "$T/out" "pkgs --json with garbage and escapes"
cp "$T/out" "$T/meta.json"
jassert "$T/meta.json" '[(p["version"], p["size"]) for p in d if p["name"] == "huge"] == [("2.0", None)]' \
    "the package with a 100 MB METADATA and RECORD is missing, or has a size"
jassert "$T/meta.json" '("okpkg", "1.0") in [(p["name"], p["version"]) for p in d]' "okpkg is missing beside the garbage"
jassert "$T/meta.json" '[p["version"][:5] for p in d if "pwned" in p["name"] or p["name"].startswith("evil")] == ["6.6.6"]' \
    "the package with escapes in its name is missing"
jassert "$T/meta.json" 'all(isinstance(p["name"], str) and isinstance(p["version"], str) for p in d)' "names and versions"

for cmd in "pkgs $V" "list" "find ." "show $V" "show $EV"; do
	# shellcheck disable=SC2086
	expect_rc 0 vx $cmd
	no_esc "$T/out" "venvdex $cmd"
done
expect_rc 0 vx list --json
json_valid "$T/out" "list --json with escapes in a path"
jassert "$T/out" 'len([e for e in d if "pwned" in e["path"]]) == 1' "the env with escapes in its name is missing"
expect_rc 0 vx find --json 'evil'
json_valid "$T/out" "find --json"

# Forced onto a terminal: script(1) gives venvdex a pty.
if command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1 </dev/null; then
	for cmd in "pkgs '$V'" "find ." "list"; do
		script -qc "'$VENVDEX' --db '$T/index.db' $cmd" /dev/null </dev/null >"$T/tty.out" 2>&1 ||
		    fail "venvdex $cmd on a terminal failed: $(head -c 500 "$T/tty.out")"
		grep -q 'okpkg\|environment\|evil' "$T/tty.out" || fail "script captured nothing: $(head -c 300 "$T/tty.out")"
		no_esc "$T/tty.out" "venvdex $cmd on a terminal (NO_COLOR=1)"
		# With colour: only venvdex's own SGR sequences (ESC [ ... m) remain.
		(unset NO_COLOR; TERM=xterm-256color script -qc "'$VENVDEX' --db '$T/index.db' $cmd" \
		    /dev/null </dev/null >"$T/tty.out" 2>&1) || fail "venvdex $cmd on a colour terminal failed"
		sed "s/${ESC}\[[0-9;]*m//g" "$T/tty.out" >"$T/tty.plain"
		no_esc "$T/tty.plain" "venvdex $cmd on a colour terminal"
	done
else
	note "script(1) is not usable: not testing output to a terminal"
fi

# --- symlink loops -----------------------------------------------------------
LP=$T/loops
mkdir -p "$LP/sub"
mkfakevenv "$LP/sub/v1" 3.11.7
mkfakevenv "$LP/v2" 3.11.7
ln -s . "$LP/a"
ln -s "$LP" "$LP/sub/back"
ln -s ../.. "$LP/sub/v1/lib/up"
ln -s "$LP/sub/v1" "$LP/v1link"
scan_timed 60 "$LP"
expect_rc 0 vx list --json -f loops
jassert "$T/out" 'sorted(e["path"] for e in d) == ["'"$LP/sub/v1"'", "'"$LP/v2"'"]' \
    "symlink loops: not each env exactly once"

# --- a 5000-level deep tree with a venv at the bottom --------------------------
DEEP=$T/deep
$PY - "$DEEP" "$PY" <<'EOF' || fail "cannot make the deep tree"
import os, sys
os.makedirs(sys.argv[1])
os.chdir(sys.argv[1])
for i in range(5000):
    os.mkdir('d')
    os.chdir('d')
os.makedirs('venv/bin')
os.makedirs('venv/lib/python3.11/site-packages/deep_pkg-1.0.dist-info')
with open('venv/pyvenv.cfg', 'w') as f:
    f.write('home = %s\nversion = 3.11.7\nexecutable = %s\n' % (os.path.dirname(sys.argv[2]), sys.argv[2]))
os.symlink(sys.argv[2], 'venv/bin/python')
with open('venv/lib/python3.11/site-packages/deep_pkg-1.0.dist-info/METADATA', 'w') as f:
    f.write('Metadata-Version: 2.1\nName: deep-pkg\nVersion: 1.0\n\n')
EOF
scan_timed 90 "$DEEP"
expect_rc 0 vx list --json -f '/venv$'
json_valid "$T/out" "list --json with a 10 kB path"
if jsoft "$T/out" '[e["path"] for e in d if e["path"].startswith("'"$DEEP"'/")] == ["'"$DEEP"'" + "/d" * 5000 + "/venv"]' \
    "the venv 5000 levels down (a path longer than PATH_MAX) was not found"; then
	expect_rc 0 vx find --json '^deep-pkg$'
	jassert "$T/out" 'len(d) == 1 and d[0]["version"] == "1.0"' "find deep-pkg"
fi

# --- a folder name that is not UTF-8 -----------------------------------------
NU="$T/nonutf/bad$(printf '\377\376')name"
mkfakevenv "$NU" 3.11.7
mkdist "$NU/lib/python3.11/site-packages" latin_pkg 0.1
scan_timed 30 "$T/nonutf"
expect_rc 0 vx list --json -f nonutf
json_valid "$T/out" "list --json with a non-UTF-8 path"
jassert "$T/out" 'len(d) == 1 and d[0]["path"].startswith("'"$T/nonutf/bad"'")' "the non-UTF-8 venv was not found"
expect_rc 0 vx find --json latin
json_valid "$T/out" "find --json with a non-UTF-8 env path"
jassert "$T/out" 'len(d) == 1' "find latin_pkg in the non-UTF-8 venv"
expect_rc 0 vx pkgs --json "$NU"
jassert "$T/out" '[p["name"] for p in d] == ["latin_pkg"]' "pkgs of the non-UTF-8 venv by its real path"
expect_rc 0 vx list
no_esc "$T/out" "list with a non-UTF-8 path"

# --- unreadable folders --------------------------------------------------------
# Counted and named at the end; an environment whose packages cannot be read
# is unreadable, not empty; one that cannot be reached any more is not gone.
if can_unpriv; then
	U=$T/perm
	mkfakevenv "$U/open/v" 3.11.7
	mkdist "$U/open/v/lib/python3.11/site-packages" okpkg 1.0
	mkfakevenv "$U/locked/v" 3.11.7
	SL=$U/sitelocked
	mkfakevenv "$SL" 3.11.7
	mkdist "$SL/lib/python3.11/site-packages" hidden 1.0
	mkfakevenv "$U/later" 3.11.7
	mkdist "$U/later/lib/python3.11/site-packages" kept 2.0
	chmod 000 "$U/locked" "$SL/lib/python3.11/site-packages"
	# uscan: scan $U without the power to ignore permissions.
	uscan() {
		run $UNPRIV $TO "$VENVDEX" --db "$T/perm.db" scan "$U"
		[ "$rc" -eq 0 ] || fail "scan with unreadable folders exited $rc: $(cat "$T/err")"
	}
	uscan
	grep -q "^venvdex: 2 folders could not be read (permission denied), the first: $U/" "$T/err" ||
	    fail "scan does not count and name the unreadable folders: $(cat "$T/err")"
	"$VENVDEX" --db "$T/perm.db" list --json >"$T/perm.json" || fail "list"
	jassert "$T/perm.json" 'sorted(e["path"] for e in d) == ["'"$U/later"'", "'"$U/open/v"'", "'"$SL"'"]' \
	    "the readable venvs beside the locked folder"
	jassert "$T/perm.json" '(env("'"$U/open/v"'")["status"], env("'"$U/open/v"'")["packages"]) == ("ok", 1)' \
	    "the readable venv"
	jassert "$T/perm.json" 'env("'"$SL"'")["status"] == "unreadable"' \
	    "a venv whose site-packages cannot be read is not marked unreadable"
	# Unreachable now: kept as it was, not dropped as gone.
	chmod 000 "$U/later"
	uscan
	[ "$(summary_field 5)" = 0 ] || fail "an environment that cannot be read any more was dropped: $(cat "$T/out")"
	"$VENVDEX" --db "$T/perm.db" find --json '^kept$' >"$T/out" || fail "the unreachable venv's package was dropped"
	jassert "$T/out" '[p["env"] for p in d] == ["'"$U/later"'"]' "find kept"
	# Readable again (chmod changes no mtime): read again, ok.
	chmod 755 "$U/later" "$U/locked" "$SL/lib/python3.11/site-packages"
	uscan
	[ -s "$T/err" ] && fail "scan of readable folders warns: $(cat "$T/err")"
	"$VENVDEX" --db "$T/perm.db" list --json >"$T/perm.json" || fail "list"
	jassert "$T/perm.json" '(env("'"$SL"'")["status"], env("'"$SL"'")["packages"]) == ("ok", 1)' \
	    "the venv whose site-packages is readable again was not read again"
	jassert "$T/perm.json" 'len(d) == 4' "the venv in the folder readable again was not found"
else
	note "cannot drop root's power over permissions: not testing unreadable folders"
fi

# Messages name paths from disk: escapes in them do not reach the terminal.
run vx pkgs "${EV}x/no/such/thing"
[ "$rc" -eq 1 ] || fail "pkgs of a missing path beside $EV exited $rc"
err_is_venvdex "pkgs of a missing path"
no_esc "$T/err" "an error message naming a path with escapes"
finish
