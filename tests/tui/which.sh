#!/bin/sh
# The which view (w): python and pip followed to their environments, a
# problem when they differ, a command added at its prompt; and the marks in
# the environments view.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/one/.venv"
mkvenv "$HOME/p/two/.venv" tool=1.0
# pip in two, python in one: "I ran pip install and it went elsewhere".
printf '#!%s\nimport sys\n' "$HOME/p/two/.venv/bin/python" >"$HOME/p/two/.venv/bin/pip"
printf '#!/bin/sh\n' >"$HOME/p/two/.venv/bin/mytool"
chmod +x "$HOME/p/two/.venv/bin/pip" "$HOME/p/two/.venv/bin/mytool"
"$VENVDEX" --db "$DB" scan -q "$HOME"
VXENV="PATH=$HOME/p/one/.venv/bin:$HOME/p/two/.venv/bin:/usr/bin:/bin" start
# The marks come just after the first paint.
wait_re "^  one  *python "
wait_re "^  two  *pip "
keys w; wait_for "Which python and pip really run"
keys / b u t ' ' p y t h o n ' ' i s Enter; sleep 0.3
screen | grep -q "pip installs into .*two/.venv but python is" ||
    fail "the pip/python problem"
keys Escape; sleep 0.2
keys w; wait_for "explain command:"
keys m y t o o l Enter; wait_for "two/.venv/bin/mytool"
keys G; sleep 0.3
keys / t w o / \. v e n v Enter; sleep 0.3
keys Enter; wait_for "Packages of two"
keys q
wait_for "EXITED 0"
