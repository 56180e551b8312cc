#!/bin/sh
# Resizing at any moment, down to 40x10 and below, and back.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/r/app/.venv" flask=3.0.0
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
keys Enter; wait_for "Packages of app"
tmux -L "$SOCK" resize-window -x 40 -y 10
wait_for "flask"
[ "$(screen | wc -L)" -le 40 ] || fail "wider than 40 columns"
tmux -L "$SOCK" resize-window -x 30 -y 8
wait_for "needs 40x10"
keys / f l; sleep 0.3		# typing while too small must not crash
tmux -L "$SOCK" resize-window -x 120 -y 40
wait_for "Packages of app"
keys Escape; sleep 0.2
tmux -L "$SOCK" resize-window -x 40 -y 10
wait_for "Packages of app"
tmux -L "$SOCK" resize-window -x 100 -y 30
keys Escape Escape; wait_for "venvdex: Python environments"
keys q
wait_for "EXITED 0"
