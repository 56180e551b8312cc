#!/bin/sh
# The first run on an empty index scans the default places (here a HOME
# with two projects) with a progress screen, then shows what it found.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/src/alpha/.venv" requests=2.31.0 idna=3.4
mkvenv "$HOME/src/beta/.venv" Django=4.2.7
touch "$HOME/src/alpha/pyproject.toml" "$HOME/src/beta/pyproject.toml"
start
wait_for "alpha"
screen | grep -q "beta" || fail "beta not listed"
screen | grep -q "Scanned: .* environments" || fail "no scan summary in the status line"
line 1 | grep -q "venvdex: Python environments" || fail "title"
screen | grep -q " [0-9]* environments, [0-9]* packages, .* on disk" || fail "footer totals"
# The index now holds both.
"$VENVDEX" --db "$DB" list --json | grep -q '"name":"alpha"' || fail "not indexed"
keys q
wait_for "EXITED 0"
