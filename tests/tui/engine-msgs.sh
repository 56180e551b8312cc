#!/bin/sh
# The engine's messages go to the status line, never over the screen
# (issue 9): R on a read-only index is refused there, and a scan into a
# locked index says that it wrote nothing, and why.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/app/.venv" flask=3.0.0
"$VENVDEX" --db "$DB" scan -q "$HOME"

# Locked: another process holds the write lock for the whole scan.
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
python3 -c '
import sqlite3, sys, time
d = sqlite3.connect(sys.argv[1], isolation_level=None)
d.execute("BEGIN EXCLUSIVE")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
' "$DB" "$T/locked" 20 &
LOCKER=$!
i=0; while [ ! -e "$T/locked" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -e "$T/locked" ] || fail "setup: the index was not locked"
start
keys R
wait_long() {	# wait_long TEXT: as wait_for, for 20 s (a busy index waits 5 s a write)
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	fail "the screen never showed '$1'"
}
wait_long "Scan failed, nothing written"
screen | tail -n 1 | grep -q "the index is locked" || fail "the cause is not on the status line"
screen | grep -q "^venvdex:" && fail "a message was printed over the screen"
line 1 | grep -q "venvdex: Python environments" || fail "the title bar was overwritten"
screen | grep -q "^  app " || fail "the list is gone"
keys q; wait_for "EXITED 0"
kill "$LOCKER" 2>/dev/null; wait "$LOCKER" 2>/dev/null
close_term

# Read-only: R is refused on the status line, and nothing changes.
_u="setpriv --bounding-set=-dac_override,-dac_read_search"
mkdir "$T/.unpriv" && chmod 000 "$T/.unpriv"
if [ "$(id -u)" != 0 ]; then
	_u=
elif ! $_u true 2>/dev/null || $_u ls "$T/.unpriv" >/dev/null 2>&1; then
	echo "cannot drop root's power over permissions: not testing a read-only index"
	exit 0
fi
chmod 444 "$DB"
sum0=$(cksum <"$DB")
VXENV="$_u" start
keys R; wait_for "Not scanning"
screen | tail -n 1 | grep -q "Not scanning: index .* cannot be written" ||
    fail "the refusal is not on the status line"
screen | grep -q "scanning for Python environments" && fail "scanned a read-only index"
keys q; wait_for "EXITED 0"
[ "$(cksum <"$DB")" = "$sum0" ] || fail "the read-only index changed"
