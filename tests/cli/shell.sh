#!/bin/sh
# shell: `venvdex shell ENV -- COMMAND` in every shell installed here (bash,
# zsh, fish, dash, tcsh): the variables activation sets, `command -v python`,
# start-up files that put a pyenv-like shims folder first in PATH do not win,
# words passed through exactly, the exit status, nesting noticed, conda and
# pyenv environments, the change list and the history afterwards; then the
# interactive shell through tmux: the prompt, `pip install` inside it, and
# the change list after `exit`.
. "$top_srcdir/tests/cli/lib.sh"

E=$T/envs/proj/.venv
mkvenv "$E" --without-pip --prompt "my proj"
O=$T/envs/other
mkvenv "$O" --without-pip
expect_rc 0 vx scan -q "$T/envs"

# What the start-up files do: put the shims first, as `pyenv init` does, and
# say they ran.
SHIMS=$T/shims
mkdir -p "$SHIMS"
printf '#!/bin/sh\necho shim\n' >"$SHIMS/python"
chmod +x "$SHIMS/python"
cat >"$HOME/.bashrc" <<EOF
export PATH="$SHIMS:\$PATH"
export RC_RAN=bash
PS1='tst\$ '
EOF
cat >"$HOME/.zshenv" <<EOF
export ZSHENV_RAN=1
EOF
cat >"$HOME/.zshrc" <<EOF
export PATH="$SHIMS:\$PATH"
export RC_RAN=zsh\${ZSHENV_RAN:++env}
PS1='tst%# '
EOF
mkdir -p "$XDG_CONFIG_HOME/fish"
# An interactive fish's first start would generate completions from the man
# pages in the background, outliving the test: there are some already.
mkdir -p "$XDG_DATA_HOME/fish/generated_completions"
cat >"$XDG_CONFIG_HOME/fish/config.fish" <<EOF
set -gx PATH $SHIMS \$PATH
set -gx RC_RAN fish
function fish_prompt; printf 'tst> '; end
EOF
cat >"$HOME/.shrc" <<EOF
export PATH="$SHIMS:\$PATH"
export RC_RAN=sh
PS1='tst\$ '
EOF
cat >"$HOME/.tcshrc" <<EOF
setenv PATH "$SHIMS:\$PATH"
setenv RC_RAN tcsh
set prompt = 'tst> '
EOF

# What a command sees.
cat >"$T/probe" <<'EOF'
#!/bin/sh
for v in VIRTUAL_ENV VIRTUAL_ENV_PROMPT VENVDEX_SHELL RC_RAN PYTHONHOME \
    PYENV_VERSION CONDA_PREFIX CONDA_DEFAULT_ENV CONDA_SHLVL \
    CONDA_PROMPT_MODIFIER ACTIVATE_D ZDOTDIR HOME ENV BASH_ENV; do
	eval "printf '%s=%s\n' $v \"\${$v-(unset)}\""
done
printf 'python=%s\n' "$(command -v python)"
printf 'first=%s\n' "${PATH%%:*}"
n=0
IFS=:
for d in $PATH; do
	[ "$d" = "${PATH%%:*}" ] && n=$((n + 1))
done
printf 'copies=%s\n' "$n"
EOF
chmod +x "$T/probe"

# vxs SHELL [NAME=VALUE...] ARGS...: venvdex with SHELL (and those variables)
# set for it alone.
vxs() (
	SHELL=$1
	export SHELL
	shift
	while case ${1-} in [A-Z]*=*) true ;; *) false ;; esac; do
		export "$1"
		shift
	done
	exec "$VENVDEX" --db "$T/index.db" "$@"
)

# val NAME: NAME's value in $T/out.
val() {
	sed -n "s/^$1=//p" "$T/out" | head -n 1
}
is() {
	[ "$(val "$1")" = "$2" ] ||
	    check_fail "$SH: $1 is '$(val "$1")', expected '$2' ($(tr '\n' ' ' <"$T/out"))"
}

SHELLS=
for s in bash zsh fish dash tcsh; do
	p=$(command -v "$s" 2>/dev/null) || { note "$s is not installed"; continue; }
	SHELLS="$SHELLS $p"
done
[ -n "$SHELLS" ] || skip "no shell to test"

export PYTHONHOME=/nowhere
for SH in $SHELLS; do
	name=${SH##*/}
	rcname=$name
	[ "$name" = dash ] && rcname=sh
	[ "$name" = zsh ] && rcname=zsh+env
	expect_rc 0 vxs "$SH" ENV="$HOME/.shrc" shell "$E" -- "$T/probe"
	is VIRTUAL_ENV "$E"
	is VIRTUAL_ENV_PROMPT "my proj"
	is VENVDEX_SHELL "$E"
	is python "$E/bin/python"
	is first "$E/bin"
	is copies 1
	is RC_RAN "$rcname"
	is PYTHONHOME "(unset)"
	is PYENV_VERSION "(unset)"
	is HOME "$HOME"
	is ZDOTDIR "(unset)"
	is BASH_ENV "(unset)"
	[ "$name" = dash ] && is ENV "$HOME/.shrc"
	[ -s "$T/err" ] && check_fail "$SH: stderr after a quiet command: $(cat "$T/err")"

	# The shell's own lookup, words kept whole, the exit status.
	if [ "$name" = tcsh ]; then
		expect_rc 0 vxs "$SH" shell "$E" -- which python
	else
		expect_rc 0 vxs "$SH" shell "$E" -- command -v python
	fi
	[ "$(cat "$T/out")" = "$E/bin/python" ] ||
	    check_fail "$SH: the shell's python is $(cat "$T/out")"
	expect_rc 0 vxs "$SH" shell "$E" -- printf '%s|' 'a b' "c'd" '$HOME' '*' '!x' ''
	[ "$(cat "$T/out")" = "a b|c'd|\$HOME|*|!x||" ] ||
	    check_fail "$SH: words changed on the way: $(cat "$T/out")"
	expect_rc 7 vxs "$SH" shell "$E" -- sh -c 'exit 7'
done
unset PYTHONHOME

SH=$(command -v bash || command -v sh)
export SHELL="$SH"

# No start-up files left behind; nothing said on stderr by a quiet command.
[ -z "$(ls "$TMPDIR" | grep venvdex-shell || :)" ] ||
    fail "start-up files left in $TMPDIR: $(ls "$TMPDIR")"

# A command that is not there: the shell's 127.
expect_rc 127 vx shell "$E" -- no-such-command-here

# Nesting: an active venv, and a venvdex shell inside a venvdex shell.
expect_rc 0 vxs "$SHELL" VIRTUAL_ENV="$O" shell "$E" -- "$T/probe"
has "$T/err" "$O is already active"
is VIRTUAL_ENV "$E"
expect_rc 0 vx shell "$O" -- "$VENVDEX" --db "$T/index.db" shell "$E" -- "$T/probe"
has "$T/err" "nested in a venvdex shell (of $O)"
is VIRTUAL_ENV "$E"
is VENVDEX_SHELL "$E"
grep -q "$O/bin" "$T/out" && check_fail "the outer venv's bin is still in PATH"
expect_rc 0 vx shell "$E" -- "$VENVDEX" --db "$T/index.db" shell "$E" -- true
has "$T/err" "already in a venvdex shell (of $E)"

# VIRTUAL_ENV_DISABLE_PROMPT and the name: set, and a prompt left alone
# (checked in the interactive part); a name by the folder when no prompt.
expect_rc 0 vx shell "$O" -- "$T/probe"
is VIRTUAL_ENV_PROMPT other

# Usage and refusals.
expect_rc 2 vx shell
expect_rc 1 vx shell "$T/nowhere" -- true
err_is_venvdex
expect_rc 1 vxs "$T/no-shell" shell "$E" -- true
has "$T/err" "cannot run the shell"

# A package installed by the command: the change list on stderr, the
# history, and the time last used.
SITE=$(echo "$E"/lib/python3*/site-packages)
cat >"$T/install" <<EOF
#!/bin/sh
mkdir -p "$SITE/alpha-1.0.dist-info"
printf 'Metadata-Version: 2.1\nName: alpha\nVersion: 1.0\n\n' >"$SITE/alpha-1.0.dist-info/METADATA"
printf 'alpha-1.0.dist-info/METADATA,,\n' >"$SITE/alpha-1.0.dist-info/RECORD"
echo installed
EOF
chmod +x "$T/install"
expect_rc 0 vx shell "$E" -- "$T/install"
[ "$(cat "$T/out")" = installed ] || fail "the command's stdout: $(cat "$T/out")"
has "$T/err" "added"
has "$T/err" "alpha"
has "$T/err" "1 changed: 1 added, 0 upgraded, 0 downgraded, 0 removed"
expect_rc 0 vx log "$E" --json
jassert "$T/out" '[(x["name"], x["change"]) for x in d] == [("alpha", "added")]'
expect_rc 0 vx list --json
jassert "$T/out" 'env("'"$E"'")["last_used"] is not None and env("'"$E"'")["last_used"] >= '"$(($(date +%s) - 60))"

# pyenv: a version under a PYENV_ROOT of our own (a link to a real one).
for v in /root/.pyenv/versions/3.*; do
	[ -x "$v/bin/python3" ] && PV=$v
done
if [ -n "${PV:-}" ]; then
	PYENV_ROOT=$T/pyenv
	export PYENV_ROOT
	mkdir -p "$PYENV_ROOT/versions"
	ln -s "$PV" "$PYENV_ROOT/versions/${PV##*/}"
	for SH in $SHELLS; do
		expect_rc 0 vxs "$SH" shell "$PYENV_ROOT/versions/${PV##*/}" -- "$T/probe"
		is PYENV_VERSION "${PV##*/}"
		is first "$PYENV_ROOT/versions/${PV##*/}/bin"
		is VIRTUAL_ENV "(unset)"
	done
	unset PYENV_ROOT
else
	note "no pyenv version to test with"
fi

# conda: an environment tree made by hand, with activate.d scripts.
C=$T/conda/envs/ce
mkdir -p "$C/conda-meta" "$C/bin" "$C/etc/conda/activate.d"
printf '==> 2024-01-01 00:00:00 <==\n# cmd: conda create -n ce\n' >"$C/conda-meta/history"
ln -s "$PY" "$C/bin/python"
echo 'export ACTIVATE_D=sh' >"$C/etc/conda/activate.d/t.sh"
echo 'set -gx ACTIVATE_D fish' >"$C/etc/conda/activate.d/t.fish"
echo 'setenv ACTIVATE_D csh' >"$C/etc/conda/activate.d/t.csh"
for SH in $SHELLS; do
	name=${SH##*/}
	VIRTUAL_ENV=$O expect_rc 0 vxs "$SH" shell "$C" -- "$T/probe"
	is CONDA_PREFIX "$C"
	is CONDA_DEFAULT_ENV ce
	is CONDA_SHLVL 1
	is CONDA_PROMPT_MODIFIER "(ce) "
	is VIRTUAL_ENV "(unset)"
	is first "$C/bin"
	is python "$C/bin/python"
	case $name in
	fish) is ACTIVATE_D fish ;;
	tcsh|csh) is ACTIVATE_D csh ;;
	*) is ACTIVATE_D sh ;;
	esac
done
expect_rc 0 vxs "$SHELL" CONDA_PREFIX="$T/conda" CONDA_SHLVL=1 shell "$C" -- sh -c 'echo $CONDA_SHLVL $CONDA_PREFIX_1'
[ "$(cat "$T/out")" = "2 $T/conda" ] || check_fail "conda nesting: $(cat "$T/out")"

# --- interactive, through tmux ------------------------------------------
command -v tmux >/dev/null 2>&1 || { note "tmux is not installed: no interactive part"; finish; }
SOCK=vxshell$$
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :; cleanup' EXIT
screen() { tmux -L "$SOCK" capture-pane -p; }
wait_for() {	# wait_for TEXT [SECONDS]
	_i=0
	while [ "$_i" -lt "$((${2:-5} * 10))" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	note "screen: $(screen)"
	fail "${SH##*/}: the screen never showed '$1'"
}
# session SHELL ENV: venvdex shell ENV in a tmux pane of its own.
# A server of its own each time: a new one on the socket of one just killed
# may meet it still going away ("server exited unexpectedly").
N=0
session() {
	tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
	N=$((N + 1))
	SOCK=vxshell$$-$N
	tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 \
	    "env TERM=screen ENV='$HOME/.shrc' SHELL='$1' '$VENVDEX' --db '$T/index.db' shell '$2'; echo EXITED \$?; sleep 30"
}

for SH in $SHELLS; do
	session "$SH" "$O"
	wait_for "(other) tst"
	wait_for "'exit' to return"
	tmux -L "$SOCK" send-keys 'echo "ve=$VIRTUAL_ENV"' Enter
	wait_for "ve=$O"
	tmux -L "$SOCK" send-keys 'exit' Enter
	wait_for "no packages changed"
	wait_for "EXITED 0"
done

# pip inside the shell, then the change list after exit.
SH=$(command -v bash) || { note "no bash: no pip session"; finish; }
P=$T/envs/withpip
mkvenv "$P"
WHL=$(mkwheel "$T/wheels" gamma 2.5)
expect_rc 0 vx scan -q "$T/envs"
session "$SH" "$P"
wait_for "(withpip) tst"
tmux -L "$SOCK" send-keys "VIRTUAL_ENV_DISABLE_PROMPT=1 command -v python; pip install --no-index '$WHL'" Enter
wait_for "$P/bin/python"
wait_for "Successfully installed gamma-2.5" 30
tmux -L "$SOCK" send-keys 'exit' Enter
wait_for "EXITED 0"
screen | grep -q '^added  *gamma .* 2\.5' || { note "$(screen)"; fail "no change list after exit"; }
wait_for "1 changed: 1 added"
expect_rc 0 vx log "$P" --json
jassert "$T/out" '[(x["name"], x["change"]) for x in d] == [("gamma", "added")]'

# VIRTUAL_ENV_DISABLE_PROMPT: no prefix.
tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
SOCK=vxshell$$-last
tmux -L "$SOCK" -f /dev/null new-session -d -x 120 -y 40 \
    "env TERM=screen SHELL='$SH' VIRTUAL_ENV_DISABLE_PROMPT=1 '$VENVDEX' --db '$T/index.db' shell '$O'; echo EXITED \$?; sleep 30"
wait_for "tst\$"
screen | grep -q '(other)' && fail "a prompt prefix despite VIRTUAL_ENV_DISABLE_PROMPT"
tmux -L "$SOCK" send-keys 'exit 3' Enter
wait_for "EXITED 3"
tmux -L "$SOCK" kill-server >/dev/null 2>&1 || :
none_left
finish
