#!/bin/sh
# The terminal is restored on q, on Ctrl-C, on SIGTERM and SIGHUP, and on a
# fatal signal (which then still kills venvdex); mono theme on vt100 and
# with NO_COLOR: no colour, only bold, underline and reverse.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/s/app/.venv" six=1.16.0
"$VENVDEX" --db "$DB" scan -q "$HOME"
pid() { pgrep -n -f -- "--db $DB" || fail "no venvdex process"; }
again() { tmux -L "$SOCK" kill-server; sleep 0.2; start; }

start
keys q
wait_for "EXITED 0"
restored

again
keys C-c
wait_for "EXITED 0"
restored

again
kill -TERM "$(pid)"
wait_for "EXITED 0"
restored

again
kill -HUP "$(pid)"
wait_for "EXITED 0"
restored

again
kill -SEGV "$(pid)"
wait_for "EXITED 139"
restored

tmux -L "$SOCK" kill-server; sleep 0.2
VXTERM=vt100 VXENV="NO_COLOR=1" start
wait_for "app"
tmux -L "$SOCK" capture-pane -e -p >"$T/mono"
grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" "$T/mono" &&
    fail "colour escapes on vt100 with NO_COLOR"
grep -q "$(printf '\033')\[[0-9;]*7m" "$T/mono" || fail "no reverse video for the cursor line"
keys q
wait_for "EXITED 0"
restored

# NO_COLOR alone, on a colour terminal, is mono as well.
tmux -L "$SOCK" kill-server; sleep 0.2
VXTERM=screen-256color VXENV="NO_COLOR=1" start
tmux -L "$SOCK" capture-pane -e -p >"$T/mono"
grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" "$T/mono" && fail "colour escapes with NO_COLOR"
tmux -L "$SOCK" kill-server; sleep 0.2
VXTERM=screen-256color start
tmux -L "$SOCK" capture-pane -e -p >"$T/colour"
grep -q "$(printf '\033')\[[0-9;]*[34][0-9]*m" "$T/colour" || fail "no colour on screen-256color"
exit 0
