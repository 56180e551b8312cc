#!/bin/sh
# The which view (w): python and pip followed to their environments, a
# problem when they differ (in the broken colour), a command added at its
# prompt, small windows; and the marks in the environments view.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/one/.venv"
mkvenv "$HOME/p/two/.venv" tool=1.0
# pip in two, python in one: "I ran pip install and it went elsewhere".
printf '#!%s\nimport sys\n' "$HOME/p/two/.venv/bin/python" >"$HOME/p/two/.venv/bin/pip"
printf '#!/bin/sh\n' >"$HOME/p/two/.venv/bin/mytool"
# Windows line endings, and an escape sequence in its #! line.
printf '#!%s\r\n' "$HOME/p/two/.venv/bin/python" >"$HOME/p/two/.venv/bin/crlf"
printf '#!/x\033[2J\033]0;pwn\007/python\n' >"$HOME/p/two/.venv/bin/esc"
# A #! line naming itself: it never starts.
printf '#!%s\n' "$HOME/p/two/.venv/bin/loopy" >"$HOME/p/two/.venv/bin/loopy"
chmod +x "$HOME/p/two/.venv/bin/pip" "$HOME/p/two/.venv/bin/mytool" \
    "$HOME/p/two/.venv/bin/crlf" "$HOME/p/two/.venv/bin/esc" \
    "$HOME/p/two/.venv/bin/loopy"
"$VENVDEX" --db "$DB" scan -q "$HOME"
VXENV="PATH=$HOME/p/one/.venv/bin:$HOME/p/two/.venv/bin:/usr/bin:/bin" start
# The marks come just after the first paint.
wait_re "^  one  *python "
wait_re "^  two  *pip "
keys w; wait_for "Which python and pip really run"
# python is the match itself: no "runs" line repeating it.
screen | grep -q "runs ~/p/one/.venv/bin/python" && fail "python runs itself, said twice"
keys / b u t ' ' p y t h o n ' ' i s Enter; sleep 0.3
screen | grep -q "pip installs into .*two/.venv but python is" ||
    fail "the pip/python problem"
keys Escape; sleep 0.2
# Problems are drawn in the broken colour (red), off the cursor line.
keys Down; sleep 0.2
tmux -L "$SOCK" capture-pane -p -e | grep "pip installs into .*two/.venv but" |
    grep -q "$(printf '\033')\[[0-9;]*31[;m]" || fail "the problem is not highlighted"
keys w; wait_for "explain command:"
keys m y t o o l Enter; wait_for "two/.venv/bin/mytool"
keys w; wait_for "explain command:"
keys c r l f Enter; wait_for "Windows (CRLF) line endings"
keys w; wait_for "explain command:"
keys e s c Enter; wait_for "two/.venv/bin/esc"
keys w; wait_for "explain command:"
keys l o o p y Enter; wait_for "never starts: #! or exec lines that loop"
wait_for "its #! line names itself"
tmux -L "$SOCK" capture-pane -p -e | grep -q "$(printf '\033')\]0;pwn" &&
    fail "an escape sequence from a #! line reached the terminal"
# A small window, and back: still drawn, Enter still opens.
tmux -L "$SOCK" resize-window -x 40 -y 10
wait_for "Which python and pip"
[ "$(screen | wc -L)" -le 40 ] || fail "wider than 40 columns"
tmux -L "$SOCK" resize-window -x 100 -y 30
wait_for "Which python and pip really run"
keys g; sleep 0.2
keys / t w o / \. v e n v Enter; sleep 0.3
keys Enter; wait_for "Packages of two"
keys q
wait_for "EXITED 0"
