#!/bin/sh
# Every view and the movement keys: environments -> packages -> detail ->
# back, help, the global package search, quitting with the terminal restored.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/app/.venv" requests=2.31.0 idna=3.4 certifi=2023.7.22
printf 'Requires-Dist: idna<4,>=2.5\n' >>"$HOME/p/app/.venv/lib/python3.11/site-packages/requests-2.31.0.dist-info/METADATA"
mkvenv "$HOME/p/other/venv" requests=2.28.0
i=0; while [ $i -lt 40 ]; do mkvenv "$HOME/many/env$i"; i=$((i + 1)); done
"$VENVDEX" --db "$DB" scan -q "$HOME"
start

# Movement: j/k, Down/Up, G/g, End/Home, PageDown/PageUp.
line 3 | grep -q "^  app " || fail "first row is not app"
keys j; sleep 0.2; keys Enter
wait_for "Packages of env0"
keys BSpace; wait_for "venvdex: Python environments"
keys G; sleep 0.2; keys Enter; wait_for "Packages of other"
keys h; wait_for "venvdex: Python environments"
keys End; sleep 0.2; keys Home; sleep 0.2; keys Enter; wait_for "Packages of app"
keys Left; wait_for "venvdex: Python environments"
keys NPage; sleep 0.2; keys PPage; sleep 0.2; keys Down Up; sleep 0.2
keys Enter; wait_for "Packages of app"

# Packages: sorted by name; Enter opens the detail.
line 3 | grep -q "^certifi" || fail "packages not sorted"
keys j j; sleep 0.2; keys Enter
wait_for "requests 2.31.0 in app"
screen | grep -q "idna<4,>=2.5 .*installed: 3.4" || fail "requires with installed version"
screen | grep -q "In other environments" || fail "other environments section"
screen | grep -q "2.28.0 .*other" || fail "the other environment's version"
keys Escape; wait_for "Packages of app"
keys Escape; wait_for "venvdex: Python environments"

# Help lists every command from the table.
keys '?'; wait_for "venvdex: keys"
for c in "Move up one line" "Filter the list" "Sort by the next column" "Search the packages" "Quit venvdex"; do
	screen | grep -q "$c" || fail "help lacks '$c'"
done
keys q
wait_for "EXITED 0"
screen | grep -q "venvdex: Python environments" && fail "the browser is still on screen after q"
exit 0
