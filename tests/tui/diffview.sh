#!/bin/sh
# Mark an environment (m), press d on another: the diff view, its groups,
# the filter, and Enter on a package showing both sides; D compares with a
# requirements file typed at a prompt; L shows the history.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/w/alpha/.venv" requests=2.31.0 idna=3.4 gone=1.0
mkvenv "$HOME/w/beta/.venv" requests=2.32.0 idna=3.4 six=1.16.0
printf 'requests>=2.32  # new enough\nidna==3.4\nflask\n' >"$T/req.txt"
"$VENVDEX" --db "$DB" scan -q "$HOME"
cd "$T"
start
keys m; wait_for "Marked ~/w/alpha/.venv"
keys j d; wait_for "Diff  A: alpha   B: beta"
screen | grep -q "^- gone  *1.0  *only in A" || fail "only in A"
screen | grep -q "^+ six  *1.16.0 only in B" || fail "only in B"
screen | grep -q "^~ requests 2.31.0 2.32.0 newer in B" || fail "changed, up"
screen | grep -q "1 only in A, 1 only in B, 1 changed, 1 the same" || fail "summary"
keys / r e q Enter; wait_for "1/3"
keys Enter; wait_for "requests on both sides"
screen | grep -q "A: alpha" || fail "side A"
screen | grep -q "requests 2.32.0" || fail "side B's version"
keys Escape Escape Escape; wait_for "venvdex: Python environments"
# Against a requirements file: verdicts.
keys D; wait_for "compare with file:"
keys r e q . t x t Enter; wait_for "B: req.txt"
screen | grep -q "flask .*missing" || fail "missing"
screen | grep -q "requests 2.32.0 >=2.32 *satisfied" || fail "satisfied"
screen | grep -q "six .*extra" || fail "extra"
keys Escape; wait_for "venvdex: Python environments"
# A file that is not there: an error, no view.
keys D; wait_for "compare with file:"
keys n o p e . t x t Enter; wait_for "nope.txt"
line 1 | grep -q "Python environments" || fail "a view opened for a missing file"
# History, after a change and a rescan.
rm -rf "$HOME/w/beta/.venv/lib/python3.11/site-packages/six-1.16.0.dist-info"
"$VENVDEX" --db "$DB" scan -q "$HOME"
keys R; wait_for "Scanned:"
keys L; wait_for "History of beta"
screen | grep -q "removed  *six  *1.16.0" || fail "history row"
keys q
wait_for "EXITED 0"
