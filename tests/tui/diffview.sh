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
# The three groups in three colours (red, green, yellow here).
_esc=$(printf '\033')
tmux -L "$SOCK" capture-pane -p -e >"$T/colours"
for _row in "gone" "six" "requests"; do
	grep "^.*[-+~] $_row " "$T/colours" | grep -q "$_esc\[" ||
	    fail "no colour on the $_row row"
done
[ "$(grep -E "[-+~] (gone|six) " "$T/colours" | sed 's/[^\033]*\(\033\[[0-9;]*m\).*/\1/' | sort -u | wc -l)" -ge 2 ] ||
    fail "only in A and only in B share a colour"
# Their own roles (added, removed, changed), not the filter match's bold.
grep "+ six " "$T/colours" | grep -q "$_esc\[1m" && fail "only in B drawn in the match role"
grep "+ six " "$T/colours" | grep -q "$_esc\[32m" || fail "only in B is not green"
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
keys / s i x Enter; wait_for "1/"
keys Enter; wait_for "six on both sides"
screen | grep -q "B: req.txt does not require it" || fail "extra: both sides"
keys Escape Escape; wait_for "B: req.txt"
keys / f l a s k Enter; wait_for "1/"
keys Enter; wait_for "flask on both sides"
screen | grep -q "not installed" || fail "missing: side A"
screen | grep -q "B: req.txt wants any version" || fail "missing: side B"
keys Escape Escape Escape; wait_for "venvdex: Python environments"
# ~/ at the prompt is the home folder; the file's problems are shown.
printf 'requests>=2\nnot a requirement !!\n' >"$HOME/bad-req.txt"
keys D; wait_for "compare with file:"
keys '~/bad-req.txt' Enter; wait_for "bad-req.txt"
screen | grep -q "requests .*satisfied" || fail "the ~/ file was not read"
line 30 | grep -q "bad-req.txt:2: 'not a requirement !!'" || fail "the skipped line is not shown"
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
screen | grep -q "six  *1.16.0  *removed" || fail "history row"
keys q
wait_for "EXITED 0"

# At 40x10: the diff and the history still show names and versions.
close_term
rm -f "$HOME/w/beta/.venv/bin/python"
mkvenv "$HOME/w/beta/.venv" requests=2.32.0 idna=3.4 six=1.16.0 urllib3=2.2.1
"$VENVDEX" --db "$DB" scan -q "$HOME"
W=40 H=10 start
[ "$(screen | wc -L)" -le 40 ] || fail "wider than 40 columns"
keys m; wait_for "Marked"
keys j d; wait_for "Diff  A: alpha"
screen | grep -q "^~ requests 2.31.0 2.32.0" || fail "changed row at 40x10"
screen | grep -q "^- gone " || fail "only in A at 40x10"
keys Escape; wait_for "Python environments"
keys L; wait_for "History of beta"
screen | grep -q "urllib3  *2.2.1  *added" || fail "history at 40x10: version or change cut off"
screen | grep -q "six  *1.16.0  *added" || fail "history at 40x10: six added again"
[ "$(screen | wc -L)" -le 40 ] || fail "wider than 40 columns"
keys q
wait_for "EXITED 0"
