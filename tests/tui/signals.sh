#!/bin/sh
# The terminal is restored on Ctrl-C and on SIGTERM; mono theme on vt100.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/s/app/.venv" six=1.16.0
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
keys C-c
wait_for "EXITED 0"
tmux -L "$SOCK" kill-server; sleep 0.2

start
pid=$(pgrep -n -f -- "--db $DB") || fail "no venvdex process"
kill -TERM "$pid"
wait_for "EXITED 0"
tmux -L "$SOCK" kill-server; sleep 0.2

VXTERM=vt100 VXENV="NO_COLOR=1" start
wait_for "app"
keys q
wait_for "EXITED 0"
