#!/bin/sh
# pip: `venvdex pip ENV -- ARGS` runs ENV's own pip: its exit status passed
# through, the change list (added, upgraded, downgraded, removed, sizes,
# totals) and its JSON after a re-index, the history, Ctrl-C reaching pip
# alone (through tmux), and the refusals.
. "$top_srcdir/tests/cli/lib.sh"

E=$T/envs/e
mkvenv "$E"
expect_rc 0 vx scan -q "$T/envs"
A1=$(mkwheel "$T/w1" alpha 1.0)
A2=$(mkwheel "$T/w2" alpha 2.0)
B=$(mkwheel "$T/w1" beta 0.1)

# pip's own status comes back; nothing changed.
expect_rc 1 vx pip "$E" -- install --no-index no-such-package-here
has "$T/err" "no-such-package-here"
has "$T/out" "no packages changed"

# An install: the change list for people.
expect_rc 0 vx pip "$E" -- install --no-index "$A1"
has "$T/out" "Successfully installed alpha-1.0"
grep -q '^added  *alpha  *+[0-9.]*[BK]  *1\.0$' "$T/out" ||
    fail "no 'added alpha' line: $(cat "$T/out")"
has "$T/out" "1 changed: 1 added, 0 upgraded, 0 downgraded, 0 removed; +"

# An upgrade and an install, as JSON: stdout holds the JSON alone, pip's
# output went to stderr.
expect_rc 0 vx pip "$E" --json -- install --no-index "$A2" "$B"
json_valid "$T/out"
has "$T/err" "Successfully installed"
jassert "$T/out" 'd["env"] == "'"$E"'" and d["exit_status"] == 0'
jassert "$T/out" '[(x["name"], x["version"]) for x in d["added"]] == [("beta", "0.1")]'
jassert "$T/out" '[(x["name"], x["old"], x["new"]) for x in d["upgraded"]] == [("alpha", "1.0", "2.0")]'
jassert "$T/out" 'd["downgraded"] == [] and d["removed"] == []'
jassert "$T/out" 'isinstance(d["added"][0]["size"], int) and d["added"][0]["size"] > 0'
jassert "$T/out" 'isinstance(d["upgraded"][0]["size"], int) and isinstance(d["upgraded"][0]["old_size"], int)'
jassert "$T/out" 'd["totals"]["added"] == 1 and d["totals"]["upgraded"] == 1 and d["totals"]["downgraded"] == 0 and d["totals"]["removed"] == 0'
jassert "$T/out" 'd["totals"]["size_change"] == d["added"][0]["size"] + d["upgraded"][0]["size"] - d["upgraded"][0]["old_size"]'
jassert "$T/out" 'sorted(d) == ["added", "downgraded", "env", "exit_status", "removed", "totals", "upgraded"]'
pip_list "$E" "$T/pip.json"
jassert "$T/out" 'd["totals"]["packages"] == '"$(jget "$T/pip.json" 'len(d)')"

# A downgrade, then a removal.
expect_rc 0 vx pip "$E" --json -- install --no-index "$A1"
jassert "$T/out" '[(x["name"], x["old"], x["new"]) for x in d["downgraded"]] == [("alpha", "2.0", "1.0")]'
expect_rc 0 vx pip "$E" -- uninstall -y beta
grep -q '^removed  *beta  *-[0-9.]*[BK]  *0\.1$' "$T/out" ||
    fail "no 'removed beta' line: $(cat "$T/out")"
has "$T/out" "1 changed: 0 added, 0 upgraded, 0 downgraded, 1 removed; -"

# The index follows pip, and the history has every step.
expect_rc 0 vx pkgs "$E" --json
pip_list "$E" "$T/pip.json"
same_pkgs "$T/out" "$T/pip.json"
expect_rc 0 vx log "$E" --json
jassert "$T/out" '[(x["name"], x["change"]) for x in d] == [("alpha", "added"),
    ("alpha", "upgraded"), ("beta", "added"), ("alpha", "downgraded"), ("beta", "removed")]'

# Any status pip's interpreter ends with comes back (a sitecustomize exits
# early when asked, or sleeps to be interrupted).
SITE=$("$E/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
cat >"$SITE/sitecustomize.py" <<'EOF'
import os, signal, time
if os.environ.get("VX_TEST_EXIT"):
    os._exit(int(os.environ["VX_TEST_EXIT"]))
if os.environ.get("VX_TEST_SLEEP") == "handler":
    signal.signal(signal.SIGINT, lambda *a: os._exit(99))
elif os.environ.get("VX_TEST_SLEEP") == "default":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
if os.environ.get("VX_TEST_SLEEP"):
    print("sleeping now", flush=True)
    time.sleep(60)
EOF
VX_TEST_EXIT=42
export VX_TEST_EXIT
expect_rc 42 vx pip "$E" -- list
has "$T/out" "no packages changed"
unset VX_TEST_EXIT
# Nothing of pip's on stdout with --json, even on failure; the status in the JSON.
expect_rc 1 vx pip "$E" --json -- install --no-index no-such-package-here
json_valid "$T/out"
jassert "$T/out" 'd["exit_status"] == 1 and d["totals"]["added"] == 0'
# PYTHONHOME would send the env's python elsewhere: not passed on.
expect_rc 0 env PYTHONHOME=/nowhere "$VENVDEX" --db "$T/index.db" pip "$E" -- --version
has "$T/out" "pip "

# Refusals.
expect_rc 2 vx pip "$E"
expect_rc 2 vx pip "$E" install x
has "$T/err" "then -- and pip's arguments"
expect_rc 2 vx pip -- list
expect_rc 1 vx pip "$T/nowhere" -- list
err_is_venvdex
N=$T/envs/nopip
mkvenv "$N" --without-pip
expect_rc 1 vx pip "$N" -- list
err_is_venvdex
has "$T/err" "has no pip; --ensure-pip seeds it"
# --ensure-pip seeds pip as create does, then runs it; the seeded pip is
# a change like any other, and a second run seeds nothing.
expect_rc 0 vx pip "$N" --ensure-pip -- --version
has "$T/out" "pip "
grep -q '^added  *pip ' "$T/out" || fail "no 'added pip' line: $(cat "$T/out")"
[ -x "$N/bin/pip" ] || fail "--ensure-pip wrote no bin/pip"
expect_rc 0 vx pip "$N" --ensure-pip -- --version
has "$T/out" "no packages changed"
G=$T/envs/gone
mkfakevenv "$G" 3.99.1 "$T/no-python-here/python3.99"
expect_rc 1 vx pip "$G" -- list
has "$T/err" "its interpreter is missing"
W=$T/envs/win
mkdir -p "$W/Scripts" "$W/Lib/site-packages"
printf 'home = C:\\Python312\nversion = 3.12.1\n' >"$W/pyvenv.cfg"
: >"$W/Scripts/python.exe"
expect_rc 1 vx pip "$W" -- list
has "$T/err" "Windows environment"

# --- Ctrl-C, through tmux: it reaches pip, venvdex waits and reports -------
command -v tmux >/dev/null 2>&1 || { note "tmux is not installed: no Ctrl-C test"; finish; }
SOCK=vxpip$$
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :; cleanup' EXIT
screen() { tmux -L "$SOCK" capture-pane -p; }
wait_for() {
	_i=0
	while [ "$_i" -lt 100 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	note "screen: $(screen)"
	fail "the screen never showed '$1'"
}
# pip's handler runs (its status comes back); then pip killed by the signal.
for how in handler default; do
	tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
	SOCK=vxpip$$-$how	# a server of its own: not one still going away
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 30 \
	    "env VX_TEST_SLEEP=$how '$VENVDEX' --db '$T/index.db' pip '$E' -- list; echo EXITED \$?; sleep 30"
	wait_for "sleeping now"
	tmux -L "$SOCK" send-keys C-c
	if [ "$how" = handler ]; then
		wait_for "EXITED 99"
	else
		wait_for "EXITED 130"
		wait_for "pip ended by SIGINT"
	fi
	# venvdex itself was not interrupted: it re-indexed and reported.
	wait_for "no packages changed"
done
tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
none_left
finish
