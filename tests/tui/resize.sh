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

# Every view at 40x10 and back: no line wider than the window, no crash.
close_term
mkvenv "$HOME/r/api/.venv" flask=2.0.0 click=8.1.7
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
small() {	# small TITLE: the view titled TITLE survives 40x10
	tmux -L "$SOCK" resize-window -x 40 -y 10
	wait_for "$1"
	[ "$(screen | wc -L)" -le 40 ] || fail "$1: wider than 40 columns"
	tmux -L "$SOCK" resize-window -x 100 -y 30
	wait_for "$1"
}
small "Python environments"
keys Enter; wait_for "Packages of api"; small "Packages of api"
# A burst of resizes: the last size wins, with no key to wake the browser.
for i in 1 2 3 4 5 6; do
	tmux -L "$SOCK" resize-window -x 40 -y 10
	tmux -L "$SOCK" resize-window -x 100 -y 30
done
wait_for "the click package"	# cut to "the cl" at 40 columns
keys Enter; wait_for "in api"; small "in api"
keys Escape Escape; wait_for "Python environments"
keys '?'; wait_for "venvdex: keys"; small "venvdex: keys"
keys Escape; wait_for "Python environments"
keys f; wait_for "Packages in every environment"; keys f l a s k Enter
wait_for "2/3"; small "Packages in every"
keys Escape Escape; wait_for "Python environments"
keys w; wait_for "Which python and pip"; small "Which python"
keys Escape; wait_for "Python environments"
keys m; wait_for "Marked"; keys j d; wait_for "Diff"; small "Diff"
keys Escape; wait_for "Python environments"
keys L; wait_for "History of"; small "History of"
keys q
wait_for "EXITED 0"
