#!/bin/sh
# / filters as you type (PCRE2, smart case); an invalid pattern is shown as
# such and never crashes; n/N move between matches; Esc clears.
. "$top_srcdir/tests/tui/lib.sh"
for n in alpha beta gamma alphabet; do mkvenv "$HOME/w/$n/.venv" numpy=1.26.0; done
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
keys / a l p h; wait_for "2/4"
screen | grep -q "^beta" && fail "beta shown under /alph"
keys Enter; wait_for "filter: alph"
keys n; wait_for "match 2 of 2"
keys N; wait_for "match 1 of 2"
# An invalid pattern: the prompt says so, the list keeps the last valid filter.
keys / C-u '(' ; wait_for "missing closing parenthesis"
keys Enter; wait_for "invalid pattern"
keys Escape; wait_for "4  ? help"
# Smart case: an upper-case letter makes it exact.
keys / B E T A; wait_for "0/4"
keys C-u b e t a; wait_for "1/4"
keys Escape; wait_for "4  ? help"
# The global package search, with the prompt open at once.
keys f; wait_for "Packages in every environment"
keys n u m; wait_for "4/4"
keys Enter Enter; wait_for "numpy 1.26.0 in"
keys q
wait_for "EXITED 0"
