#!/bin/sh
# clean: on a generated tree, exactly the stale environments go (interpreter
# missing, project gone, unused for long) and every other file stays byte
# for byte; --dry-run and a run without a terminal change nothing; a guarded
# stale env is kept with its reason; conda's environments.txt is updated.
. "$top_srcdir/tests/cli/lib.sh"

# snapshot: every path under $HOME with its type and content (sha256 for
# files, target for links), sorted; environments.txt aside (it changes).
snapshot() {
	cd "$HOME"
	{
		find . -type d -printf 'd %p\n'
		find . -type l -printf 'l %p -> %l\n'
		find . -type f ! -path ./.conda/environments.txt -exec sha256sum {} + |
		    sed 's/^\([0-9a-f]*\)  \(.*\)$/f \2 \1/'
	} | LC_ALL=C sort
	cd "$T"
}

# old FILE...: last touched 200 days ago.
old() {
	touch -h -d '200 days ago' "$@"
}

W=$HOME/work
mkdir -p "$W" "$T/outside/dir" "$T/pythons"
echo "keep me" >"$T/outside/dir/precious"
echo "shared" >"$T/outside/shared"

# Stays: a fresh real venv, a project beside it, data files.
$PY -m venv --without-pip "$W/app/.venv" >/dev/null 2>&1 || fail "python3 -m venv"
echo 'print(1)' >"$W/app/main.py"
echo '[project]' >"$W/app/pyproject.toml"
head -c 100000 /dev/urandom >"$W/data.bin"

# Goes: unused for 200 days (its own interpreter, old too).
cp "$PY" "$T/pythons/python-old" 2>/dev/null || : >"$T/pythons/python-old"
mkfakevenv "$W/old" 3.11.0 "$T/pythons/python-old"
mkdist "$W/old/lib/python3.11/site-packages" oldpkg 1.0
# A hard link from outside, and links out of it that must not be followed.
ln "$T/outside/shared" "$W/old/shared-link"
ln -s "$T/outside/dir" "$W/old/lib/python3.11/site-packages/outlink"
ln -s "$T/outside/dir/precious" "$W/old/precious-link"
old "$T/pythons/python-old" "$W/old/pyvenv.cfg" "$W/old/lib/python3.11/site-packages" "$W/old"

# Goes: its interpreter is missing.
mkfakevenv "$W/broken" 3.11.0 "$T/missing/bin/python3"
# Goes: its project (virtualenvwrapper's .project) is gone.
mkfakevenv "$HOME/.virtualenvs/orphan" 3.11.0
echo "$T/gone/project" >"$HOME/.virtualenvs/orphan/.project"
# Goes: a conda env whose python is missing, listed in environments.txt.
C=$HOME/miniconda3/envs/stale
mkdir -p "$C/conda-meta" "$C/bin" "$C/lib/python3.10/site-packages"
echo '{"name": "python", "version": "3.10.13", "build": "h", "channel": "conda-forge", "depends": []}' \
    >"$C/conda-meta/python-3.10.13-h.json"
: >"$C/conda-meta/history"
ln -s python3.10 "$C/bin/python"
mkdir -p "$HOME/.conda"
printf '%s\n' "$HOME/miniconda3" "$C" >"$HOME/.conda/environments.txt"
# Stays: stale, but a repository shares its folder.
mkfakevenv "$W/guarded" 3.11.0 "$T/missing/bin/python3"
mkdir "$W/guarded/.git"
echo "ref: refs/heads/main" >"$W/guarded/.git/HEAD"

expect_rc 0 vx scan -q "$HOME"
expect_rc 0 vx list --stale --json
jassert "$T/out" 'sorted(x["path"] for x in d) == sorted(["'"$W/old"'", "'"$W/broken"'", "'"$HOME/.virtualenvs/orphan"'", "'"$C"'", "'"$W/guarded"'"])' \
    "the generated tree's stale envs are not the expected ones"
cp "$T/index.db" "$T/index.before"
expect_rc 0 vx list --json
cp "$T/out" "$T/list.before"

snapshot >"$T/snap.before"
cp "$HOME/.conda/environments.txt" "$T/envtxt.before"

# --dry-run: the candidates and their reasons, and nothing changes.
expect_rc 0 vx clean --dry-run --json
json_valid "$T/out"
jassert "$T/out" 'd["dry_run"] and d["removed"] == 0 and d["freed"] == 0'
jassert "$T/out" '{x["path"]: x["reasons"] for x in d["environments"]} == {
    "'"$W/old"'": ["unused"], "'"$W/broken"'": ["interpreter-missing"],
    "'"$HOME/.virtualenvs/orphan"'": ["project-missing"],
    "'"$C"'": ["interpreter-missing"], "'"$W/guarded"'": ["interpreter-missing"]}'
jassert "$T/out" '[x["ok"] for x in d["environments"] if x["path"] == "'"$W/guarded"'"] == [False]'
jassert "$T/out" 'any(".git" in r for x in d["environments"] for r in x["refused"])'
jassert "$T/out" 'all(x["size"] > 0 for x in d["environments"] if x["ok"])'
# The hard link from outside is not space freed: old's size is small.
OLDSIZE=$(jget "$T/out" '[x["size"] for x in d["environments"] if x["path"] == "'"$W/old"'"][0]')
expect_rc 0 vx clean --dry-run
has "$T/out" "would be removed (--dry-run: nothing changed)"
has "$T/out" "stale: unused"
has "$T/out" "refused: holds .git"
snapshot >"$T/snap.dry"
cmp -s "$T/snap.before" "$T/snap.dry" || { diff "$T/snap.before" "$T/snap.dry" >&2; fail "--dry-run changed files"; }
cmp -s "$T/envtxt.before" "$HOME/.conda/environments.txt" || fail "--dry-run changed environments.txt"
expect_rc 0 vx list --json
cmp -s "$T/out" "$T/list.before" || fail "--dry-run changed the index"

# No terminal, no --yes: it lists and deletes nothing.
expect_rc 0 vx clean </dev/null
has "$T/err" "nothing deleted"
snapshot >"$T/snap.tty"
cmp -s "$T/snap.before" "$T/snap.tty" || fail "clean without --yes or a terminal changed files"

# --older-than alone: only those unused that long.
expect_rc 0 vx clean --older-than 1000 --dry-run --json
jassert "$T/out" 'd["environments"] == []'
expect_rc 0 vx clean --older-than 100 --dry-run --json
jassert "$T/out" '[x["path"] for x in d["environments"]] == ["'"$W/old"'"]'
expect_rc 2 vx clean --older-than soon
expect_rc 2 vx clean extra

# The real thing.
expect_rc 0 vx clean --yes
has "$T/out" "4 environments removed"
has "$T/out" "freed"
has "$T/out" "removed from $HOME/.conda/environments.txt"
snapshot >"$T/snap.after"
# Exactly the stale envs' paths went; everything else is as it was.
grep -v -E '^. \./(work/old|work/broken|\.virtualenvs/orphan|miniconda3/envs/stale)( |/|$)' \
    "$T/snap.before" >"$T/snap.want"
cmp -s "$T/snap.want" "$T/snap.after" || { diff "$T/snap.want" "$T/snap.after" >&2; fail "clean touched what is not a stale env"; }
[ "$(wc -l <"$T/snap.before")" -gt "$(wc -l <"$T/snap.after")" ] || fail "nothing was deleted"
printf '%s\n' "$HOME/miniconda3" >"$T/want"
cmp -s "$T/want" "$HOME/.conda/environments.txt" || fail "environments.txt: $(cat "$HOME/.conda/environments.txt")"
[ "$(cat "$T/outside/dir/precious")" = "keep me" ] || fail "a file outside, linked from an env, changed"
[ "$(cat "$T/outside/shared")" = "shared" ] || fail "a file hard-linked from outside changed"
[ -f "$W/guarded/.git/HEAD" ] || fail "the guarded env went"

# What went is in the index, marked gone; freeze still answers.
expect_rc 0 vx list --gone --json
jassert "$T/out" 'len(d) == 4'
expect_rc 0 vx freeze "$W/old"
has "$T/out" "oldpkg==1.0"
expect_rc 0 vx clean --json --yes
jassert "$T/out" '[x["path"] for x in d["environments"]] == ["'"$W/guarded"'"] and d["removed"] == 0'
[ "$OLDSIZE" -lt 100000 ] || fail "old's size counts the file hard-linked from outside: $OLDSIZE"
finish
