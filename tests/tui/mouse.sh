#!/bin/sh
# The mouse, sent as the terminal would (X10 encoding for TERM=screen):
# the wheel moves by three lines, a click selects, a double click opens.
. "$top_srcdir/tests/tui/lib.sh"
i=0; while [ $i -lt 60 ]; do mkvenv "$HOME/m/env$i" a=1; i=$((i + 1)); done
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
mouse() { tmux -L "$SOCK" send-keys -H 1b 5b 4d "$@"; sleep 0.3; }
mouse 61 22 26; mouse 61 22 26		# wheel down twice
keys Enter; wait_for "Packages of env6"
keys Escape; wait_for "venvdex: Python environments"
mouse 60 22 26				# wheel up once
keys Enter; wait_for "Packages of env3"
keys Escape; wait_for "venvdex: Python environments"
# A click on screen row 8 (the list starts at row 3): env5.
mouse 20 22 28; mouse 23 22 28
keys Enter; wait_for "Packages of env5"
keys q
wait_for "EXITED 0"
