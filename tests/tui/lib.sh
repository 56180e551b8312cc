# Browser tests: venvdex runs in a private tmux server with a fixed size,
# TERM, LANG, TZ, HOME and PATH, and a private index; keys are sent and the
# screen is captured and compared, as tmux's own regress/ scripts do (see
# golden below: VENVDEX_REGOLDEN=1 rewrites the golden screens on purpose).
set -u
# Hermetic: the tools from the system only, never a pyenv shim or a venv.
PATH=/usr/local/bin:/usr/bin:/bin
export PATH
command -v tmux >/dev/null 2>&1 || { echo "tmux is not installed"; exit 77; }
: "${VENVDEX:?VENVDEX is not set}"

# A fixed place (and length) for the temporary folder, so that paths on
# screen are the same from run to run once the random part is masked.
T=$(mktemp -d /tmp/venvdex-tui.XXXXXX)
SOCK="vx$$"
# The browsers this test started ($T is in each one's command line) are asked
# to quit (SIGTERM, which they take as q) while their terminal is still there,
# then the tmux server goes; one still running after that is a browser that
# outlives its terminal: it is killed and the test fails.
#
# Why not just close the terminal: when a terminal goes, the kernel sends the
# foreground group SIGHUP and SIGCONT, and again when the pane's shell (the
# session leader) exits. An ASan build exiting on the first SIGHUP runs
# LeakSanitizer, whose tracer attaches with PTRACE_ATTACH and waits for the
# SIGSTOP that brings; a later SIGCONT discards that SIGSTOP, and the tracer
# waits for ever while the process spins waiting for it (1 time in 3 here,
# tests/tui/signals.sh; a plain build is not affected). So every test closes
# its terminal with close_term, and the tests of a lost terminal start that
# browser with $NO_EXIT_LEAKS (no leak check at its exit).
# (pgrep reads a regular expression: the paths' own characters are quoted.)
VXPAT=$(printf '%s\n' "$VENVDEX --db $T/" | sed 's/[][\\.*^$+?(){}|]/\\&/g')
browsers() { pgrep -f -- "$VXPAT" 2>/dev/null | tr '\n' ' '; }
gone() {	# gone: waits up to 10 s for browsers() to be empty
	_n=0
	while [ -n "$(browsers)" ] && [ $_n -lt 50 ]; do sleep 0.2; _n=$((_n + 1)); done
	[ -z "$(browsers)" ]
}
# close_term: the browsers quit (SIGTERM) and are gone, then the terminal goes.
close_term() {
	_p=$(browsers)
	[ -z "$_p" ] || { kill -TERM $_p 2>/dev/null; gone || fail "venvdex did not quit on SIGTERM"; }
	tmux -L "$SOCK" kill-server 2>/dev/null
	sleep 0.2
}
NO_EXIT_LEAKS="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
cleanup() {
	_rc=$?
	_p=$(browsers)
	[ -z "$_p" ] || { kill -TERM $_p 2>/dev/null; gone; }
	tmux -L "$SOCK" kill-server 2>/dev/null
	if ! gone; then
		_p=$(browsers)
		echo "FAIL: venvdex still running after its terminal went:"
		ps -o pid,stat,etime,args -p "$(echo $_p | tr ' ' ,)" 2>/dev/null
		kill -KILL $_p 2>/dev/null
		_rc=1
	fi
	rm -rf "$T"
	exit $_rc
}
trap cleanup EXIT
export HOME="$T/home" XDG_CACHE_HOME="$T/home/.cache" XDG_DATA_HOME="$T/home/.local/share"
export XDG_CONFIG_HOME="$T/home/.config" TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset VIRTUAL_ENV CONDA_PREFIX PYENV_ROOT PYENV_VERSION WORKON_HOME PIPX_HOME NO_COLOR \
    PYTHONPATH PYTHONHOME PIP_REQUIRE_VIRTUALENV CONDA_ENVS_PATH POETRY_VIRTUALENVS_PATH \
    PIPENV_VENV_IN_PROJECT VENVDEX_DB VENVDEX_TIMINGS VENVDEX_STALE_DAYS ESCDELAY
mkdir -p "$HOME"
DB="$T/index.db"

fail() { echo "FAIL: $*"; echo "--- screen:"; screen; exit 1; }

# A fake PEP 405 venv: DIR NAME=VERSION... (dist-info with METADATA, RECORD).
mkvenv() {
	d=$1; shift
	mkdir -p "$d/bin" "$d/lib/python3.11/site-packages"
	printf 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n' >"$d/pyvenv.cfg"
	ln -s /usr/bin/python3 "$d/bin/python"
	for nv in "$@"; do
		n=${nv%%=*} v=${nv#*=}
		di="$d/lib/python3.11/site-packages/$n-$v.dist-info"
		mkdir -p "$di"
		printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: the %s package\n' "$n" "$v" "$n" >"$di/METADATA"
		printf 'pip\n' >"$di/INSTALLER"
		printf '%s/__init__.py,sha256=x,1000\n' "$n" >"$di/RECORD"
	done
}

# start [ARGS...]: venvdex in a 100x30 window; the pane prints EXITED <status> when it ends.
start() {
	W=${W:-100} H=${H:-30}
	tmux -L "$SOCK" -f /dev/null new-session -d -x "$W" -y "$H" \
	    "env TERM=${VXTERM:-screen} HOME='$HOME' PATH='$PATH' ${VXENV:-} '$VENVDEX' --db '$DB' $*; echo EXITED \$?; sleep 30"
	tmux -L "$SOCK" set-option -g status off >/dev/null
	wait_for "? help"
}
keys() { tmux -L "$SOCK" send-keys "$@"; }
screen() { tmux -L "$SOCK" capture-pane -p; }
# wait_for TEXT: until the screen shows TEXT (5 s at most).
wait_for() { wait_grep -F "$1" "the screen never showed '$1'"; }
# wait_re REGEX: until a line of the screen matches REGEX (grep -E).
wait_re() { wait_grep -E "$1" "no line of the screen matched '$1'"; }
wait_grep() {	# wait_grep -F|-E PATTERN FAILURE
	i=0
	while [ $i -lt 50 ]; do
		screen | grep -q "$1" -- "$2" && return 0
		sleep 0.1; i=$((i + 1))
	done
	fail "$3"
}
# wait_gone TEXT: until TEXT is off the screen.
wait_gone() {
	i=0
	while [ $i -lt 50 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1; i=$((i + 1))
	done
	fail "the screen still shows '$1'"
}
# restored: after venvdex ended, the terminal is as it was: main screen, cursor
# shown, keypad and mouse modes off.
restored() {
	st=$(tmux -L "$SOCK" display -p \
	    '#{alternate_on} #{cursor_flag} #{keypad_flag} #{keypad_cursor_flag} #{mouse_any_flag}')
	[ "$st" = "0 1 0 0 0" ] ||
	    fail "terminal not restored (alternate cursor keypad keypad-cursor mouse: $st)"
}
# line N: the screen's line N (1-based).
line() { screen | sed -n "${1}p"; }

# settle: until two captures 0.1 s apart are the same (3 s at most).
settle() {
	_prev=; i=0
	while [ $i -lt 30 ]; do
		_now=$(screen)
		[ "$_now" = "$_prev" ] && return 0
		_prev=$_now; sleep 0.1; i=$((i + 1))
	done
}
# golden NAME: the whole screen, the temporary folder's random part masked,
# compared with tests/tui/golden/NAME.txt (tmux regress's cmp). With
# VENVDEX_REGOLDEN=1 the screen is written there instead: look at the diff.
# GOLDEN_SED, if set, is one more sed expression applied to the capture (for
# what the file system decides, such as sizes measured on disk).
golden() {
	settle
	screen | sed -e "s|${T#/tmp/venvdex-tui.}|XXXXXX|g" \
	    ${GOLDEN_SED:+-e "$GOLDEN_SED"} >"$T/screen.txt"
	_g="$top_srcdir/tests/tui/golden/$1.txt"
	if [ -n "${VENVDEX_REGOLDEN:-}" ]; then
		cp "$T/screen.txt" "$_g"
		echo "wrote $_g"
		return 0
	fi
	[ -f "$_g" ] || fail "$1: no golden screen $_g (VENVDEX_REGOLDEN=1 writes it)"
	if ! cmp -s "$_g" "$T/screen.txt"; then
		diff -u "$_g" "$T/screen.txt"
		fail "$1: the screen is not its golden ($_g)"
	fi
}
