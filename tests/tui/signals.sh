#!/bin/sh
# The terminal is restored on q, on Ctrl-C, on SIGTERM and SIGHUP, and on a
# fatal signal (which then still kills venvdex); a signal or a lost terminal
# mid-scan ends the browser (browser_exits_on_signal_mid_scan); mono theme on vt100 and
# with NO_COLOR: no colour, only bold, underline and reverse.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/s/app/.venv" six=1.16.0
"$VENVDEX" --db "$DB" scan -q "$HOME"
pid() { pgrep -n -f -- "--db $DB" || fail "no venvdex process"; }
again() { close_term; start; }

start
keys q
wait_for "EXITED 0"
restored

again
keys C-c
wait_for "EXITED 0"
restored

again
kill -TERM "$(pid)"
wait_for "EXITED 0"
restored

again
kill -HUP "$(pid)"
wait_for "EXITED 0"
restored

again
kill -SEGV "$(pid)"
wait_for "EXITED 139"
restored

# The browser's own scan (the first run, an empty index) stops for a signal,
# and for a terminal that goes away: the process is gone within seconds
# (it spun at full CPU for good: ui_getkey returns the exit key for ever),
# and the index holds what was written. 40,000 folders: a scan long enough
# to stop; SIGSTOP holds it mid-scan while the signal is sent.
close_term
python3 - "$HOME/src" <<'PY' || { echo "python3 is needed"; exit 77; }
import os, sys
root = sys.argv[1]
for p in range(40):
    proj = os.path.join(root, "p%02d" % p)
    for a in range(25):
        for b in range(40):
            os.makedirs(os.path.join(proj, "pkg%02d" % a, "m%02d" % b))
PY
SDB="$T/scan.db"
# scanning [PREFIX]: venvdex on the empty index SDB, until its scan screen shows.
scanning() {
	rm -f "$SDB" "$SDB-wal" "$SDB-shm"
	tmux -L "$SOCK" -f /dev/null new-session -d -x 100 -y 30 \
	    "env TERM=screen HOME='$HOME' PATH='$PATH' ${1:-} '$VENVDEX' --db '$SDB'; echo EXITED \$?; sleep 30"
	tmux -L "$SOCK" set-option -g status off >/dev/null
	wait_for "folders walked"
	spid=$(pgrep -n -f -- "--db $SDB") || fail "no venvdex process"
}
# gone_within N: the scanning venvdex is gone within N seconds.
gone_within() {
	i=0
	while kill -0 "$spid" 2>/dev/null; do
		[ $i -lt $(($1 * 10)) ] || { kill -9 "$spid"; fail "venvdex still runs $1 s after $2"; }
		sleep 0.1; i=$((i + 1))
	done
}
intact() {
	"$VENVDEX" --db "$SDB" list --json >/dev/null || fail "the index after $1 cannot be read"
	[ "$(sqlite3 "$SDB" 'PRAGMA integrity_check' 2>/dev/null || echo ok)" = ok ] ||
	    fail "the index after $1 is damaged"
}
for sig in TERM HUP; do
	scanning
	kill -STOP "$spid"
	screen | grep -q "folders walked" || fail "setup: the scan was over before SIG$sig"
	kill -"$sig" "$spid"
	kill -CONT "$spid"
	gone_within 5 "SIG$sig mid-scan"
	wait_for "EXITED 0"
	restored
	intact "SIG$sig mid-scan"
	close_term
done
# Its terminal goes away mid-scan (the ssh connection drops); with no leak
# check at exit, which an ASan build would hang in (see tests/tui/lib.sh).
scanning "$NO_EXIT_LEAKS"
tmux -L "$SOCK" kill-server
gone_within 5 "its terminal went away mid-scan"
intact "losing the terminal mid-scan"
# ... and with SIGHUP blocked (so only the dead terminal tells).
scanning "$NO_EXIT_LEAKS python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP]); os.execv(sys.argv[1], sys.argv[1:])'"
tmux -L "$SOCK" kill-server
gone_within 5 "its terminal went away mid-scan (SIGHUP blocked)"
intact "losing the terminal mid-scan (SIGHUP blocked)"
# ... and once the scan is over, idle in the list, SIGHUP blocked.
scanning "$NO_EXIT_LEAKS python3 -c 'import os, signal, sys; signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP]); os.execv(sys.argv[1], sys.argv[1:])'"
wait_for "? help"
tmux -L "$SOCK" kill-server
gone_within 5 "its terminal went away (idle, SIGHUP blocked)"

VXTERM=vt100 VXENV="NO_COLOR=1" start
wait_for "app"
tmux -L "$SOCK" capture-pane -e -p >"$T/mono"
grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" "$T/mono" &&
    fail "colour escapes on vt100 with NO_COLOR"
grep -q "$(printf '\033')\[[0-9;]*7m" "$T/mono" || fail "no reverse video for the cursor line"
keys q
wait_for "EXITED 0"
restored

# NO_COLOR alone, on a colour terminal, is mono as well.
close_term
VXTERM=screen-256color VXENV="NO_COLOR=1" start
tmux -L "$SOCK" capture-pane -e -p >"$T/mono"
grep -q "$(printf '\033')\[[0-9;]*[34][0-7]m" "$T/mono" && fail "colour escapes with NO_COLOR"
close_term
VXTERM=screen-256color start
tmux -L "$SOCK" capture-pane -e -p >"$T/colour"
grep -q "$(printf '\033')\[[0-9;]*[34][0-9]*m" "$T/colour" || fail "no colour on screen-256color"
exit 0
