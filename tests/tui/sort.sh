#!/bin/sh
# s sorts by the next column, S reverses; the cursor stays on its row.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/a/small/.venv" one=1
mkvenv "$HOME/a/large/.venv" one=1 two=2 three=3
mkvenv "$HOME/a/mid/.venv" one=1 two=2
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
line 3 | grep -q "^  large" || fail "name order"
keys S; wait_for "Sorted by NAME, reversed"
line 3 | grep -q "^  small" || fail "reversed name order"
keys S s s s s; wait_for "Sorted by PKGS"
line 3 | grep -q "^  small" || fail "PKGS ascending: small first"
line 5 | grep -q "^  large" || fail "PKGS ascending: large last"
keys S; wait_for "Sorted by PKGS, reversed"
line 3 | grep -q "^  large" || fail "PKGS descending"
keys q
wait_for "EXITED 0"
