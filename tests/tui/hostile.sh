#!/bin/sh
# Text from disk with escape sequences, control characters, non-UTF-8 bytes
# and wide characters is drawn safely.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/h/app/.venv" evil=1.0 wide=2.0
site="$HOME/h/app/.venv/lib/python3.11/site-packages"
printf 'Metadata-Version: 2.1\nName: evil\nVersion: 1.0\nSummary: \033]0;pwned\007 \033[2J clear \302\233 c1 \377 bad\n' >"$site/evil-1.0.dist-info/METADATA"
printf 'Metadata-Version: 2.1\nName: wide\nVersion: 2.0\nSummary: \346\227\245\346\234\254\350\252\236 wide text\n' >"$site/wide-2.0.dist-info/METADATA"
mkdir -p "$HOME/h/$(printf 'bad\377name')"
mkvenv "$HOME/h/$(printf 'bad\377name')/env"
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
wait_for "bad"
keys / a p p Enter; sleep 0.2; keys Enter
wait_for "Packages of app"
screen | grep -q "?]0;pwned? ?\[2J clear ? c1 � bad" || fail "escape sequences not neutralised"
screen | grep -q "日本語 wide text" || fail "UTF-8 summary not drawn"
keys q
wait_for "EXITED 0"
