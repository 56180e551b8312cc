#!/bin/sh
# The first run's scan shows its progress (folders walked, environments
# found, where it is, what it found), q stops it and what was found stays
# indexed; R scans again, to the end.
. "$top_srcdir/tests/tui/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed"; exit 77; }
# 40 environments among 40,000 folders: a walk long enough to stop.
python3 - "$HOME/src" <<'PY'
import os, sys
root = sys.argv[1]
for p in range(40):
    proj = os.path.join(root, "p%02d" % p)
    for a in range(25):
        for b in range(40):
            os.makedirs(os.path.join(proj, "pkg%02d" % a, "m%02d" % b))
    site = os.path.join(proj, ".venv", "lib", "python3.11", "site-packages", "six-1.16.0.dist-info")
    os.makedirs(site)
    os.makedirs(os.path.join(proj, ".venv", "bin"))
    open(os.path.join(proj, ".venv", "pyvenv.cfg"), "w").write("home = /usr/bin\nversion = 3.11.7\n")
    open(os.path.join(site, "METADATA"), "w").write("Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n")
PY
# Start it with q already typed, and keep everything it writes to the terminal.
tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
    "sleep 0.5; env TERM=screen HOME='$HOME' '$VENVDEX' --db '$DB'; echo EXITED \$?; sleep 30"
tmux -L "$SOCK" set-option -g status off >/dev/null
tmux -L "$SOCK" pipe-pane -o "cat >>'$T/out'"
keys q
wait_for "Scan stopped"
grep -q "folders walked, [0-9]* environments found" "$T/out" || fail "no progress screen"
grep -q "q or Esc: stop scanning" "$T/out" || fail "no word on how to stop"
n=$("$VENVDEX" --db "$DB" list --json | grep -o '"path"' | wc -l)
[ "$n" -lt 40 ] || fail "the scan was not stopped ($n environments indexed)"
screen | grep -q " $n environments, " || fail "the list does not show what was found ($n)"
# R: the whole scan.
keys R
wait_for "Scanned: "
m=$("$VENVDEX" --db "$DB" list --json | grep -o '"path":"[^"]*/src/p[0-9]*/.venv"' | wc -l)
[ "$m" = 40 ] || fail "R found $m of the 40 environments"
n=$("$VENVDEX" --db "$DB" list --json | grep -o '"path"' | wc -l)
screen | grep -q "^Scanned: $n environments" || fail "R's summary"
screen | grep -q " $n environments, " || fail "the list after R ($n)"
keys q
wait_for "EXITED 0"
restored
