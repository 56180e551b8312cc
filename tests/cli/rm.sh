#!/bin/sh
# rm: every refusal of the safety rules on a real tree, the deletion itself
# (by descriptors, one file system, hard links counted once), what the index
# keeps of a deleted environment (list --gone, log, diff ENV@DATE, freeze),
# and the traces of conda, pipx and pyenv.
. "$top_srcdir/tests/cli/lib.sh"

# mkenv DIR: a real venv without pip, with two packages written by hand.
mkenv() {
	$PY -m venv --without-pip "$1" >"$T/mkvenv.log" 2>&1 ||
	    { cat "$T/mkvenv.log" >&2; fail "python3 -m venv --without-pip $1"; }
	_sp=$(echo "$1"/lib/python3*/site-packages)
	mkdist "$_sp" Alpha 1.0
	mkdist "$_sp" beta 2.0
}

# gone_ok DIR: DIR was not deleted.
still() {
	[ -f "$1/pyvenv.cfg" ] || fail "${2:-$1 was deleted}"
}

refused() {	# refused WHAT ARG...: rm refuses, exit 1, says WHAT, deletes nothing
	_what=$1
	shift
	expect_rc 1 vx rm --yes "$@"
	grep -qF -- "$_what" "$T/out" ||
	    fail "rm $*: no '$_what' in: $(cat "$T/out" "$T/err")"
}

mkdir -p "$T/envs"
E=$T/envs/e
mkenv "$E"
expect_rc 0 vx scan -q "$T/envs"

# --- refusals -----------------------------------------------------------------
refused "an empty argument" ""
refused "the root of the file system" /
refused "your home folder" "$HOME"
refused "holds your home folder" "$T"
refused "a top-level system folder" /usr
mkdir -p "$T/plain/sub"
refused "not a Python environment" "$T/plain"
[ -d "$T/plain/sub" ] || fail "a plain folder was touched"
refused "inside the environment $E" "$E/lib"
refused "No such file" "$T/nowhere"
: >"$T/afile"
refused "not a folder" "$T/afile"
expect_rc 1 vx rm --yes no-such-name
has "$T/out" "no environment of that name"

# A symlink to the environment: refused, the real path shown.
ln -s "$E" "$T/link"
refused "a symbolic link to $E" "$T/link"
[ -L "$T/link" ] || fail "the link went"
still "$E" "rm through a symlink deleted its target"

# Things an environment never holds, at its root.
for x in .git setup.py pyproject.toml src; do
	P=$T/envs/p-$(echo "$x" | tr -d .)
	mkenv "$P"
	case $x in
	.git|src) mkdir "$P/$x" ;;
	*) echo "project" >"$P/$x" ;;
	esac
	refused "holds $x, which an environment never holds" "$P"
	still "$P"
	rm -rf "$P"
done

# A base interpreter other indexed environments use: listed; --force lifts it.
B=$T/envs/base
mkenv "$B"
U=$T/envs/user
mkfakevenv "$U" 3.11.0 "$B/bin/python"
expect_rc 0 vx scan -q "$T/envs"
refused "the base interpreter of 1 other indexed environment: $U" "$B"
has "$T/out" "--force"
still "$B"

# In use: a process running its python, one with VIRTUAL_ENV inside it.
"$B/bin/python" -c 'import time; time.sleep(120)' &
PID=$!
trap 'kill $PID 2>/dev/null; cleanup' EXIT
sleep 0.3
refused "in use by 1 running process: $PID (python" "$B"
still "$B"
kill $PID
wait $PID 2>/dev/null || :
trap cleanup EXIT
W=$T/envs/w
mkenv "$W"
VIRTUAL_ENV=$W sleep 120 &
PID=$!
trap 'kill $PID 2>/dev/null; cleanup' EXIT
sleep 0.2
refused "in use by 1 running process: $PID (sleep)" "$W"
still "$W"
kill $PID
wait $PID 2>/dev/null || :
trap cleanup EXIT

# Without --yes and without a terminal: it only lists, and fails.
expect_rc 1 vx rm "$W" </dev/null
has "$T/out" "$W"
has "$T/err" "nothing deleted"
still "$W"
# On a terminal it asks; the default is no.
if script -qc true /dev/null </dev/null >/dev/null 2>&1; then
	printf '\n' | script -qec "'$VENVDEX' --db '$T/index.db' rm '$W'" /dev/null \
	    >"$T/tty.out" 2>&1 || :
	has "$T/tty.out" "Delete 1 environment, freeing"
	still "$W" "the question's default deleted"
	printf 'y\n' | script -qec "'$VENVDEX' --db '$T/index.db' rm '$W'" /dev/null \
	    >"$T/tty.out" 2>&1 || fail "rm on a terminal, answered y: $(cat "$T/tty.out")"
	[ ! -e "$W" ] || fail "answered y: not deleted"
else
	note "no script(1) pseudo-terminal: the question is not tested"
	expect_rc 0 vx rm --yes "$W"
fi

# --force: the base interpreter goes; its user is listed first.
expect_rc 0 vx rm --yes --force "$B"
has "$T/out" "note: --force: the base interpreter of 1 other"
[ ! -e "$B" ] || fail "rm --force did not delete $B"

# --- a mount point, and a file system inside ------------------------------------
if [ "$(id -u)" -eq 0 ] && unshare -m --propagation private true 2>/dev/null; then
	M=$T/mnt
	mkdir -p "$M" "$T/envs/crossed"
	mkenv "$T/envs/crossed"
	mkdir "$T/envs/crossed/lib/other"
	unshare -m --propagation private sh -c '
		set -e
		mount -t tmpfs tmpfs "$1"
		"$2" -m venv --without-pip "$1"
		mount -t tmpfs tmpfs "$3/lib/other"
		: >"$3/lib/other/precious"
		"$4" --db "$5/index.db" rm --yes "$1" >"$5/m1.out" 2>&1 && exit 11
		"$4" --db "$5/index.db" rm --yes "$3" >"$5/m2.out" 2>&1 && exit 12
		test -f "$1/pyvenv.cfg" || exit 13
		test -f "$3/lib/other/precious" || exit 14
		test -f "$3/pyvenv.cfg" || exit 15
		exit 0' sh "$M" "$PY" "$T/envs/crossed" "$VENVDEX" "$T" ||
	    fail "mount point test: status $? $(cat "$T/m1.out" "$T/m2.out" 2>/dev/null)"
	has "$T/m1.out" "a mount point"
	has "$T/m2.out" "holds a mount point: $T/envs/crossed/lib/other"
	rm -rf "$T/envs/crossed"
else
	note "cannot mount here: mount points not tested"
fi

# --- a deletion, and what the index keeps ---------------------------------------
# History: beta upgraded after the first scan.
sleep 1
MID=$(date +%s)
sleep 1
SP=$(echo "$E"/lib/python3*/site-packages)
rm -rf "$SP"/beta-2.0.dist-info
mkdist "$SP" beta 3.0
mkdir -p "$SP/gamma-0.1.dist-info"
mkdist "$SP" gamma 0.1
echo '{"url": "file:///src/my%20gamma", "dir_info": {"editable": true}}' \
    >"$SP/gamma-0.1.dist-info/direct_url.json"
# A hard link to a file outside: deleting it frees nothing of that file.
dd if=/dev/zero of="$T/big" bs=1024 count=512 2>/dev/null
ln "$T/big" "$E/biglink"
expect_rc 0 vx scan -q "$T/envs"
expect_rc 1 vx rm "$E" --json </dev/null
jassert "$T/out" 'd["dry_run"] and d["removed"] == 0 and d["environments"][0]["ok"]'
SIZE=$(jget "$T/out" 'd["environments"][0]["size"]')
[ "$SIZE" -lt 500000 ] || fail "the hard link to a file outside counted as freed: $SIZE"

ln -s "$T/envs" "$T/via"
expect_rc 0 vx rm --yes --json "$T/via/e"
json_valid "$T/out"
jassert "$T/out" 'd["removed"] == 1 and d["environments"][0]["path"] == "'"$E"'" and d["environments"][0]["arg"] == "'"$T/via/e"'"'
jassert "$T/out" 'sorted(d["environments"][0]) == ["arg", "error", "files", "freed", "kind", "manager", "name", "notes", "ok", "path", "python", "reasons", "refused", "removed", "size"]'
jassert "$T/out" 'd["freed"] > 0 and d["freed"] < 500000' "freed counts the outside hard link"
[ ! -e "$E" ] || fail "$E is still there"
[ -f "$T/big" ] || fail "the file hard-linked from outside went"
[ "$(wc -c <"$T/big")" -eq 524288 ] || fail "the outside file changed"

expect_rc 0 vx list --json
jassert "$T/out" 'not [x for x in d if x["path"] == "'"$E"'"]' "a deleted env is still listed"
expect_rc 0 vx list --gone --json
jassert "$T/out" '[x["path"] for x in d] == ["'"$B"'", "'"$E"'", "'"$W"'"] and all(isinstance(x["gone"], int) for x in d)'
expect_rc 0 vx list --gone
has "$T/out" "gone"
expect_rc 1 vx find beta --json
jassert "$T/out" 'd == []' "find answers about a deleted env"

expect_rc 0 vx freeze "$E"
printf '%s\n' "Alpha==1.0" "beta==3.0" "# Editable install with no version control (gamma==0.1)" \
    "-e /src/my gamma" >"$T/want"
cmp -s "$T/out" "$T/want" || fail "freeze of a deleted env: $(cat "$T/out")"
expect_rc 0 vx log "$E" --json
jassert "$T/out" '[(x["name"], x["change"]) for x in d] == [("beta", "upgraded"), ("gamma", "added")]'
expect_rc 1 vx diff "$E@$MID" "$E" --json
jassert "$T/out" 'd["changed"] == [{"name": "beta", "a": "2.0", "b": "3.0", "direction": "up"}]'
# By name, while no environment on disk has it.
expect_rc 0 vx freeze e
has "$T/out" "beta==3.0"
expect_rc 1 vx rm --yes "$E"
has "$T/out" "No such file"

# Made again at the same path: on disk once more.
mkenv "$E"
expect_rc 0 vx scan -q "$T/envs"
expect_rc 0 vx list --json
jassert "$T/out" 'env("'"$E"'")["gone"] is None'

# --- conda: environments.txt -------------------------------------------------------
C=$T/conda/envs/ds
mkdir -p "$C/conda-meta" "$C/bin" "$C/lib/python3.10/site-packages"
echo '{"name": "python", "version": "3.10.13", "build": "h", "channel": "conda-forge", "depends": []}' \
    >"$C/conda-meta/python-3.10.13-h.json"
: >"$C/conda-meta/history"
: >"$C/bin/python3.10"
ln -s python3.10 "$C/bin/python"
mkdir -p "$HOME/.conda"
printf '%s\n' /opt/conda "$C" "$T/conda/envs/other" >"$HOME/.conda/environments.txt"
expect_rc 0 vx rm --yes "$C"
printf '%s\n' /opt/conda "$T/conda/envs/other" >"$T/want"
cmp -s "$HOME/.conda/environments.txt" "$T/want" ||
    fail "environments.txt: $(cat "$HOME/.conda/environments.txt")"
has "$T/out" "removed from $HOME/.conda/environments.txt"

# --- pipx: its dangling links in ~/.local/bin ------------------------------------------
X=$HOME/.local/share/pipx/venvs/tool
mkenv "$X"
printf '#!%s/bin/python\n' "$X" >"$X/bin/tool"
mkdir -p "$HOME/.local/bin" "$HOME/.local/share/man/man1"
ln -s "$X/bin/tool" "$HOME/.local/bin/tool"
ln -s "$T/elsewhere/x" "$HOME/.local/bin/unrelated"
: >"$X/tool.1"
ln -s "$X/tool.1" "$HOME/.local/share/man/man1/tool.1"
expect_rc 0 vx rm --yes "$X"
[ ! -L "$HOME/.local/bin/tool" ] || fail "pipx's link stayed"
[ ! -L "$HOME/.local/share/man/man1/tool.1" ] || fail "pipx's man page link stayed"
[ -L "$HOME/.local/bin/unrelated" ] || fail "an unrelated dangling link went"
has "$T/out" "removed 1 dangling links from $HOME/.local/bin: tool"

# --- pyenv: a version, as pyenv uninstall leaves things --------------------------------
PYENV_ROOT=$T/pyenv
export PYENV_ROOT
for v in 3.98.1 3.99.2; do
	P=$PYENV_ROOT/versions/$v
	mm=${v%.*}
	mkdir -p "$P/bin" "$P/include/python$mm" "$P/lib/python$mm/site-packages"
	printf '#define PY_VERSION "%s"\n' "$v" >"$P/include/python$mm/patchlevel.h"
	: >"$P/lib/python$mm/os.py"
	: >"$P/bin/python$mm"
	chmod +x "$P/bin/python$mm"
	ln -s "python$mm" "$P/bin/python3"
done
mkdir -p "$PYENV_ROOT/shims"
for s in python3 python3.98 python3.99; do
	printf '#!/usr/bin/env bash\nexec pyenv exec "$0" "$@"\n' >"$PYENV_ROOT/shims/$s"
done
V=$PYENV_ROOT/versions/3.99.2
VE=$V/envs/tools
mkfakevenv "$VE" 3.99.2 "$V/bin/python3.99"
ln -s "$VE" "$PYENV_ROOT/versions/tools"
expect_rc 0 vx scan -q "$PYENV_ROOT"
refused "the base interpreter of 1 other indexed environment" "$V"
expect_rc 0 vx rm --yes --force "$V"
[ ! -e "$V" ] || fail "pyenv version not deleted"
[ ! -e "$PYENV_ROOT/shims/python3.99" ] || fail "its shim stayed"
[ -f "$PYENV_ROOT/shims/python3" ] || fail "a shim another version provides went"
[ -f "$PYENV_ROOT/shims/python3.98" ] || fail "another version's shim went"
[ ! -L "$PYENV_ROOT/versions/tools" ] || fail "pyenv-virtualenv's link stayed"
expect_rc 0 vx list --gone --json
jassert "$T/out" '"'"$VE"'" in [x["path"] for x in d]' "the env inside the version is not marked gone"

# --- a deep tree: more levels than folders kept open (reopened by "..") ----------------
D=$T/envs/deep
mkenv "$D"
$PY - "$D/lib" <<'EOF'
import os, sys
os.chdir(sys.argv[1])
for i in range(300):
    os.mkdir("d")
    os.chdir("d")
    with open("f", "w") as f:
        f.write("x" * 100)
    os.symlink("/", "root-link")
EOF
expect_rc 0 vx rm --yes --json "$D"
jassert "$T/out" 'd["removed"] == 1 and d["environments"][0]["files"] > 900'
[ ! -e "$D" ] || fail "a deep tree was not deleted whole"
[ -d /usr/bin ] || fail "a link to / was followed"

# --- rm_deep_chain_linear: a 30,000-level chain inside an environment is
# measured (the check) and deleted in linear time, by descriptors (sizing
# such a chain was O(depth^2): 478 s). In memory where it can be: a disk
# makes and removes deep folders slowly whatever the program.
if SHM=$(mktemp -d /dev/shm/venvdex-rm.XXXXXX 2>/dev/null); then
	trap 'rm -rf "$SHM"; cleanup' EXIT
	mkfakevenv "$SHM/env" 3.11.7
	$PY - "$SHM/env/lib" <<'EOF'
import os, sys
os.chdir(sys.argv[1])
for i in range(30000):
    os.mkdir("d")
    os.chdir("d")
open("f", "w").close()
EOF
	t0=$(date +%s)
	expect_rc 1 vx rm "$SHM/env" </dev/null
	has "$T/out" "$SHM/env"
	expect_rc 0 vx rm --yes --json "$SHM/env"
	t=$(( $(date +%s) - t0 ))
	jassert "$T/out" 'd["removed"] == 1 and d["environments"][0]["files"] > 30000' \
	    "rm_deep_chain_linear: not every level counted"
	[ ! -e "$SHM/env" ] || fail "rm_deep_chain_linear: the chain was not deleted whole"
	[ "$t" -lt 60 ] || fail "rm_deep_chain_linear: checking and deleting took $t s"
	rm -rf "$SHM"
	trap cleanup EXIT
fi

# --- the rest of the contract ---------------------------------------------------------
expect_rc 2 vx rm
expect_rc 2 vx rm --nope "$T"
expect_rc 2 vx freeze
expect_rc 1 vx freeze "$T/nowhere"
err_is_venvdex
finish
