#!/bin/sh
# which: what the shell runs, compared with the shell's own answer (type -a,
# command -v) and with pyenv's (`pyenv which`), on PATHs and folders built in
# $T: venvs in different orders, copied and broken venvs, pip's long-shebang
# form, env shebangs, a fake PYENV_ROOT, asdf, conda, relative PATH entries.
. "$top_srcdir/tests/cli/lib.sh"

# The real pyenv (if any) and bash, found before PATH changes.
PYENV_BIN=$(command -v pyenv 2>/dev/null) || PYENV_BIN=
BASH_BIN=$(command -v bash 2>/dev/null) || BASH_BIN=
TIMEOUT=$(command -v timeout 2>/dev/null) || TIMEOUT=
[ -z "$TIMEOUT" ] || TIMEOUT="$TIMEOUT 5"
SYS=/usr/bin:/bin

A=$T/a/.venv
B=$T/b/.venv
mkdir -p "$T/a" "$T/b"
mkvenv "$A" --without-pip
mkvenv "$B" --without-pip
site_of() {
	(cd "$1" && "$1/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
}
SA=$(site_of "$A")
SB=$(site_of "$B")

# A hand-written pip for B: a console script whose shebang is B's python.
mkpip() {
	printf '#!%s\n# -*- coding: utf-8 -*-\nimport sys\nfrom pip._internal.cli.main import main\n' \
	    "$2" >"$1"
	chmod +x "$1"
}
mkpip "$B/bin/pip" "$B/bin/python"
mkpip "$B/bin/pip3" "$B/bin/python"

# wh FILE CMD...: `venvdex which --json CMD...` into FILE, status in $rc.
wh() {
	_f=$1
	shift
	rc=0
	vx which --json "$@" >"$_f" 2>"$T/err" || rc=$?
	[ "$rc" -le 1 ] || { cat "$T/err" >&2; fail "which $* exited $rc"; }
	[ -s "$_f" ] || { head -c 4000 "$T/err" >&2; fail "no output from which $*"; }
	json_valid "$_f"
	prefix_truth "$_f" "$@"
}

# prefix_truth FILE CMD...: for every command of a `which --json` in FILE,
# the sys.prefix that Python computes when bash starts it with this PATH in
# this folder is the env venvdex names; one that cannot start has a problem.
# A python command prints its prefix (-c); any other command (pip, a script)
# is run with no arguments and PYTHONPATH holding a sitecustomize that prints
# the prefix of whatever Python starts and exits at once, before the script
# runs. A command that starts no Python (sh, a binary) is no verdict.
TRUTHS=0
mkdir -p "$T/truthsite"
cat >"$T/truthsite/sitecustomize.py" <<'EOF'
import os, sys
if os.environ.get("VX_TRUTH"):
    sys.stdout.write("VXPREFIX=%s\n" % sys.prefix)
    sys.stdout.flush()
    os._exit(0)
EOF
prefix_truth() {
	[ -n "$BASH_BIN" ] || return 0
	_tf=$1
	shift
	_i=0
	for _c in "$@"; do
		# Exit 126 or 127 with no output: it could not be started at all
		# (a fake python of a fixture that starts and fails is left alone).
		# One that runs itself for ever is stopped after 5 s (124).
		_src=0
		case $_c in
		-*) continue ;;
		python | python[0-9] | python[0-9].[0-9] | python[0-9].[0-9][0-9])
			_pfx=$($TIMEOUT "$BASH_BIN" -c '"$1" -c "import sys; print(sys.prefix)"' \
			    sh "$_c" 2>"$T/truth.err" </dev/null) || _src=$? ;;
		*)
			_pfx=$(VX_TRUTH=1 PYTHONPATH=$T/truthsite $TIMEOUT "$BASH_BIN" -c '"$1"' \
			    sh "$_c" 2>"$T/truth.err" </dev/null) || _src=$?
			case $_pfx in
			VXPREFIX=/*) _pfx=${_pfx#VXPREFIX=} ;;
			*) [ "$_src" -ne 0 ] || { _i=$((_i + 1)); continue; }
				_pfx= ;;
			esac ;;
		esac
		# The fixtures' fake ELF pythons are never meant to run.
		grep -q 'cannot execute binary file' "$T/truth.err" && _src=1
		# A fake shim that starts and misses its pyenv is no verdict either.
		case $_src in
		0) ;;
		124) [ -n "$TIMEOUT" ] || { _i=$((_i + 1)); continue; }
			_pfx= ;;
		126 | 127)
			# bash's own message ($0 is sh), not one of the shim's.
			grep -qE '^sh: .*(bad interpreter|Too many levels|Permission denied|No such file)' \
			    "$T/truth.err" || { _i=$((_i + 1)); continue; }
			_pfx= ;;
		*) _i=$((_i + 1)); continue ;;
		esac
		case $_pfx in
		/*)
			[ -d "$_pfx" ] || { _i=$((_i + 1)); continue; }	# a fake python
			jsoft "$_tf" 'd['"$_i"']["matches"] and d['"$_i"']["matches"][0]["env"] == "'"$_pfx"'"' \
			    "$_c (PATH=$PATH, in $PWD) runs with sys.prefix $_pfx: which names another env" || : ;;
		'')
			jsoft "$_tf" 'd['"$_i"']["problems"] != [] or not d['"$_i"']["matches"]' \
			    "$_c (PATH=$PATH, in $PWD) cannot start, yet which reports no problem" || : ;;
		esac
		TRUTHS=$((TRUTHS + 1))
		_i=$((_i + 1))
	done
}

# The shell prints matches in relative PATH entries relatively: make them absolute.
abs_lines() {
	while IFS= read -r _l; do
		case $_l in
		/*) printf '%s\n' "$_l" ;;
		*) printf '%s/%s\n' "$PWD" "${_l#./}" ;;
		esac
	done
}

# same_as_shell CMD: the matches equal bash's `type -P -a` (else the winner command -v's).
same_as_shell() {
	wh "$T/w.json" "$1"
	jget "$T/w.json" '"\n".join(m["path"] for m in d[0]["matches"])' >"$T/vx.txt"
	if [ -n "$BASH_BIN" ]; then
		# A folder repeated on PATH is one match (and a PATH problem).
		"$BASH_BIN" -c 'type -P -a "$1"' sh "$1" | abs_lines | awk '!seen[$0]++' >"$T/sh.txt" || :
		cmp -s "$T/vx.txt" "$T/sh.txt" || { note "venvdex: $(cat "$T/vx.txt")";
		    note "bash type -a: $(cat "$T/sh.txt")"; fail "$1: matches differ from type -a (PATH=$PATH)"; }
	fi
	if [ -n "${SHELL_CMDV:-}" ]; then
		w=$("$SHELL_CMDV" -c 'command -v "$1"' sh "$1" | abs_lines) || w=
	else
		w=$(command -v "$1" | abs_lines) || w=
	fi
	[ "$(head -n 1 "$T/vx.txt")" = "$w" ] || fail "$1: winner $(head -n 1 "$T/vx.txt"), command -v says $w"
	jassert "$T/w.json" '[m["wins"] for m in d[0]["matches"]] == [i == 0 for i in range(len(d[0]["matches"]))]' \
	    "$1: exactly the first match must win"
}

# --- PATH order ---------------------------------------------------------------
# A non-executable python and a folder named python on PATH are skipped.
mkdir -p "$T/junk/python" "$T/junk2"
echo 'not a program' >"$T/junk2/python"
PATH=$T/junk:$T/junk2:$A/bin:$B/bin:$SYS
export PATH
same_as_shell python
same_as_shell python3
jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$A"'"' "python3 is not in A"
jassert "$T/w.json" 'd[0]["matches"][1]["env"] == "'"$B"'"' "the second python3 is not in B"
jassert "$T/w.json" 'd[0]["matches"][0]["interpreter"] == "'"$A"'/bin/python3"' \
    "the interpreter is not A's bin/python3 (the venv link must not be followed)"
jassert "$T/w.json" 'd[0]["matches"][0]["site"] == "'"$SA"'"' "site of A is not $SA"
jassert "$T/w.json" 'd[0]["matches"][0]["version"] == "'"$($A/bin/python -c 'import platform; print(platform.python_version())')"'"' \
    "version of A"
jassert "$T/w.json" 'd[0]["matches"][0]["via"] == "symlink"' "A/bin/python3 is a symlink"
jassert "$T/w.json" 'd[0]["problems"] == []' "problems where there are none"
[ "$rc" -eq 0 ] || fail "which python3 exited $rc with no problem"
# Environments found this way are indexed.
expect_rc 0 vx list --json
jassert "$T/out" 'env("'"$A"'")["kind"] == "venv" and env("'"$B"'")["kind"] == "venv"' \
    "which did not index A and B"

# pip is only in B, python in A: pip installs elsewhere.
same_as_shell pip
wh "$T/w.json" pip
[ "$rc" -eq 1 ] || fail "pip in B with python in A: exit $rc, expected 1"
jassert "$T/w.json" 'd[0]["matches"][0]["interpreter"] == "'"$B"'/bin/python" and d[0]["matches"][0]["env"] == "'"$B"'"' \
    "pip's interpreter is not B's python"
jassert "$T/w.json" 'd[0]["matches"][0]["site"] == "'"$SB"'"' "pip installs into $SB"
jassert "$T/w.json" 'any("python -m pip" in a["fix"] and "'"$B"'" in a["problem"] for a in d[0]["advice"])' \
    "no pip/python mismatch reported"
# The other order: no problem.
PATH=$B/bin:$A/bin:$SYS
same_as_shell pip
wh "$T/w.json" python pip
[ "$rc" -eq 0 ] || fail "B first: exit $rc, expected 0: $(cat "$T/w.json")"
# Human output: the chain, the shadowed match.
PATH=$B/bin:$A/bin:$SYS
expect_rc 0 vx which python3
has "$T/out" "python3 -> $B/bin/python3 (symlink) -> "
has "$T/out" "installs into $SB"
has "$T/out" "shadowed: $A/bin/python3"

# --- VIRTUAL_ENV ----------------------------------------------------------------
VIRTUAL_ENV=$A
export VIRTUAL_ENV
wh "$T/w.json" python
[ "$rc" -eq 1 ] || fail "VIRTUAL_ENV=A with B first on PATH: exit $rc"
jassert "$T/w.json" 'any("VIRTUAL_ENV is '"$A"'" in p for p in d[0]["problems"])' "VIRTUAL_ENV not first"
VIRTUAL_ENV=$T/gone
wh "$T/w.json" python
jassert "$T/w.json" 'any("does not exist" in p and "'"$T/gone"'" in p for p in d[0]["problems"])' \
    "VIRTUAL_ENV pointing at nothing"
unset VIRTUAL_ENV

# --- a copied venv: its scripts still run the old interpreter ----------------------
C=$T/c/.venv
mkdir -p "$T/c"
cp -a "$B" "$C"
PATH=$C/bin:$SYS
same_as_shell pip
wh "$T/w.json" pip
[ "$rc" -eq 1 ] || fail "copied venv: exit $rc"
jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$B"'"' "the copied pip does not run B"
jassert "$T/w.json" 'any("lives in '"$C"'" in p and "'"$B"'/bin/python" in p for p in d[0]["problems"])' \
    "the copied venv's pip is not reported"
# ... and once B is gone, its interpreter is missing.
mv "$B" "$T/b/moved"
wh "$T/w.json" pip
jassert "$T/w.json" 'd[0]["matches"][0]["interpreter"] == "'"$B"'/bin/python" and d[0]["matches"][0]["env"] is None' \
    "moved: interpreter"
jassert "$T/w.json" 'any("does not exist" in p for p in d[0]["problems"])' "moved: missing interpreter not reported"
mv "$T/b/moved" "$B"

# --- a venv whose base interpreter was removed ---------------------------------
mkdir -p "$T/base/bin"
ln -s "$PY" "$T/base/bin/python3"
D=$T/d/.venv
"$T/base/bin/python3" -m venv --without-pip "$D" || fail "venv from a linked interpreter"
if [ "$(readlink "$D/bin/python3")" = "$T/base/bin/python3" ]; then
	mkpip "$D/bin/pip" "$D/bin/python"
	rm "$T/base/bin/python3"
	PATH=$D/bin:$SYS
	same_as_shell python3
	wh "$T/w.json" python3 pip
	jassert "$T/w.json" 'any("broken link" in p and "'"$D"'/bin/python3" in p for p in d[0]["problems"])' \
	    "the dangling python3 is not reported"
	jassert "$T/w.json" 'd[1]["matches"][0]["path"] == "'"$D"'/bin/pip" and d[1]["matches"][0]["env"] is None' \
	    "pip of the broken venv"
	jassert "$T/w.json" 'any("bad interpreter" in p for p in d[1]["problems"])' "pip's broken interpreter"
	jassert "$T/w.json" 'any("venv --clear '"$D"'" in a["fix"] for a in d[1]["advice"])' "no fix for the broken venv"
else
	note "venv resolved the interpreter link; broken-base case skipped"
fi

# --- shebang forms ----------------------------------------------------------------
mkdir -p "$T/tools"
# pip's long-path form, quoted and not.
printf '#!/bin/sh\n'"'''exec'"' "%s" "$0" "$@"\n'"' '''"'\nimport sys\n' "$B/bin/python" >"$T/tools/longq"
printf '#!/bin/sh\n'"'''exec'"' %s "$0" "$@"\n'"' '''"'\nimport sys\n' "$A/bin/python" >"$T/tools/long"
printf '#!/usr/bin/env python3\nimport sys\n' >"$T/tools/envpy"
printf '#!/usr/bin/env -S python3 -u\nimport sys\n' >"$T/tools/envs"
printf '#!/bin/sh\necho hi\n' >"$T/tools/shell"
head -c 3000 /dev/urandom >"$T/tools/binary"
chmod +x "$T/tools/"*
ln -s loop2 "$T/tools/loop1"
ln -s loop1 "$T/tools/loop2"
PATH=$A/bin:$T/tools:$B/bin:$SYS
wh "$T/w.json" longq long envpy envs shell binary loop1 nosuchcommand
jassert "$T/w.json" 'd[0]["matches"][0]["interpreter"] == "'"$B"'/bin/python" and d[0]["matches"][0]["env"] == "'"$B"'"' \
    "pip's quoted sh+exec form"
jassert "$T/w.json" 'd[1]["matches"][0]["interpreter"] == "'"$A"'/bin/python"' "pip's sh+exec form"
jassert "$T/w.json" 'd[2]["matches"][0]["interpreter"] == "'"$A"'/bin/python3" and d[2]["matches"][0]["env"] == "'"$A"'"' \
    "#!/usr/bin/env python3 is not resolved on PATH"
jassert "$T/w.json" 'd[3]["matches"][0]["interpreter"] == "'"$A"'/bin/python3"' "env -S"
jassert "$T/w.json" 'd[4]["matches"][0]["env"] is None and d[5]["matches"][0]["interpreter"] is None' \
    "a shell script or a binary has no Python"
jassert "$T/w.json" 'd[6]["matches"] == [] and d[7]["matches"] == []' "a link loop or nothing: no match"

# --- what really starts: our own fixtures run by bash, against venvdex ---------------
# Each script prints the sys.prefix of the Python that runs it, or "sh" when
# the shell ends up running it; a script that does not start prints nothing.
G=$T/gt
mkdir -p "$G"
PRE='import sys; print(sys.prefix)'
printf '#!%s\r\n%s\r\n' "$A/bin/python" "$PRE" >"$G/crlf"
printf '#!%s -E\r\n%s\r\n' "$A/bin/python" "$PRE" >"$G/crlfarg"
printf '#!/usr/bin/env python3\r\n%s\r\n' "$PRE" >"$G/crlfenv"
printf '#!/%0300d/python\necho sh\n' 0 >"$G/longname"
$PY -c 'import sys; sys.stdout.write("#!/" + "a" * (1 << 20) + "\necho sh\n")' >"$G/megaline"
printf '#!%s -%s\n%s\n' "$A/bin/python" "$(printf '%0300d' 0 | tr 0 E)" "$PRE" >"$G/longarg"
printf '#!/usr/bin/env -S python3 -E\n%s\n' "$PRE" >"$G/envs"
printf '#!/usr/bin/env python3 -E\n%s\n' "$PRE" >"$G/envnos"
printf '#!bin/python3\n%s\n' "$PRE" >"$G/relative"
# pip's, uv's and installer's long-path forms, and uv's relocatable ones.
printf '#!/bin/sh\n'"'''exec'"' "%s" "$0" "$@"\n'"' '''"'\n%s\n' "$B/bin/python" "$PRE" >"$G/shdq"
printf '#!/bin/sh\n'"'''exec'"" '%s' "'"$0" "$@"\n'"' '''"'\n%s\n' "$B/bin/python" "$PRE" >"$G/shsq"
printf '#!/bin/sh\n'"'''exec'"' "$(dirname -- "$(realpath -- "$0")")"/'"'python'"' "$0" "$@"\n'"' '''"'\n%s\n' \
    "$PRE" >"$A/bin/relreal"
printf '#!/bin/sh\n'"'''exec'"' "$(CDPATH= cd -- "$(dirname -- "$0")" && echo "$PWD")"/'"'python'"' "$0" "$@"\n'"' '''"'\n%s\n' \
    "$PRE" >"$B/bin/relcd"
chmod +x "$G"/* "$A/bin/relreal" "$B/bin/relcd"
ln -s "$A/bin/relreal" "$G/relreal"
ln -s "$B/bin/relcd" "$G/relcd"

# truth CMD: what bash really gets from running CMD ("" when it does not
# start), compared with venvdex's env for it, from the current folder.
truth() {
	_got=$("$BASH_BIN" -c "$1" 2>/dev/null </dev/null) || _got=
	wh "$T/g.json" "$1"
	case $_got in
	'')
		jassert "$T/g.json" 'd[0]["problems"] != []' "$1 does not start, yet no problem"
		[ "$rc" -eq 1 ] || fail "$1: exit $rc" ;;
	sh)
		jassert "$T/g.json" 'd[0]["matches"][0]["interpreter"] is None and d[0]["problems"] != []' \
		    "$1 is run by the shell" ;;
	*)
		jassert "$T/g.json" 'd[0]["matches"][0]["env"] == "'"$_got"'" and d[0]["problems"] == []' \
		    "$1 runs in $_got" ;;
	esac
}
if [ -n "$BASH_BIN" ]; then
	PATH=$G:$A/bin:$SYS
	for s in crlf crlfarg crlfenv longname megaline longarg envs envnos shdq shsq relreal relcd; do
		truth "$s"
	done
	# relcd through a link looks beside the link: no python there.
	jassert "$T/g.json" 'd[0]["matches"][0]["interpreter"] == "'"$G"'/python"' "uv's relocatable form, by cd"
	PATH=$B/bin:$SYS
	truth relcd
	PATH=$G:$A/bin:$SYS
	cd "$A"
	truth relative
	cd "$T"
	wh "$T/g.json" crlf envnos
	jassert "$T/g.json" 'any("dos2unix" in a["fix"] for a in d[0]["advice"])' "CRLF: no fix"
	jassert "$T/g.json" 'any("-S python3 -E" in a["fix"] for a in d[1]["advice"])' "env without -S: no fix"
else
	note "no bash: the scripts were not run"
fi

# pip's own long-shebang form, written by pip itself into a venv at a long path.
L=$T/long/$(printf '%0100d' 0)/.venv
mkdir -p "$T/long"
if $PY -m venv "$L" >/dev/null 2>&1 && [ "$(head -n 1 "$L/bin/pip")" = "#!/bin/sh" ]; then
	PATH=$L/bin:$SYS
	_loc=$("$L/bin/pip" --version | sed -n 's/^pip .* from \(.*\)\/pip (python .*/\1/p')
	wh "$T/w.json" pip
	jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$L"'" and d[0]["matches"][0]["site"] == "'"$_loc"'"' \
	    "pip's long form: pip --version says $_loc"
	[ "$rc" -eq 0 ] || fail "pip's long form: exit $rc"
else
	note "pip did not write its #!/bin/sh form here; skipped"
fi

# --- PATH entries that are files, loops, or start with ~ (bash expands it) -----------
mkdir -p "$HOME/hbin" "$T/pe"
printf '#!/usr/bin/env python3\n' >"$HOME/hbin/htool"
chmod +x "$HOME/hbin/htool"
: >"$T/pe/afile"
ln -s loop "$T/pe/loop"
PATH="$T/pe/afile:$T/pe/loop:~/hbin:$B/bin:$SYS"
# Only bash expands ~ on PATH: compare with bash, not with sh's command -v.
[ -z "$BASH_BIN" ] || SHELL_CMDV=$BASH_BIN same_as_shell htool
wh "$T/w.json" htool
[ "$rc" -eq 1 ] || fail "PATH with a file, a loop and ~: exit $rc"
jassert "$T/w.json" 'any("'"$T"'/pe/afile is a file, not a folder" in p for p in d[0]["problems"])' "file on PATH"
jassert "$T/w.json" 'any("'"$T"'/pe/loop is a symbolic link loop" in p for p in d[0]["problems"])' "loop on PATH"
jassert "$T/w.json" 'any("'"'~/hbin'"' starts with ~" in p for p in d[0]["problems"])' "~ on PATH"
jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$B"'"' "htool's env python3 is B's"
# env(1) does not expand ~: the script's python3 is the next one on PATH.
printf '#!/usr/bin/env python3\nimport sys; print(sys.prefix)\n' >"$HOME/hbin/htool"
ln -s "$A/bin/python3" "$HOME/hbin/python3"
PATH="~/hbin:$SYS"
wh "$T/w.json" htool python3
jassert "$T/w.json" 'd[1]["matches"][0]["path"] == "'"$HOME"'/hbin/python3"' "bash finds python3 through ~"
jassert "$T/w.json" 'd[0]["matches"][0]["env"] != "'"$A"'"' "env found python3 through ~"
if [ -n "$BASH_BIN" ]; then
	_got=$("$BASH_BIN" -c htool 2>/dev/null) || _got=
	jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$_got"'"' "htool runs in $_got"
fi
rm "$HOME/hbin/python3"

# Options after the commands, as the synopsis has them.
PATH=$A/bin:$SYS
expect_rc 0 vx which python --json
json_valid "$T/out"
jassert "$T/out" 'len(d) == 1 and d[0]["command"] == "python"' "which python --json"

# --- an active venv is the business of Python's commands only ----------------------
VIRTUAL_ENV=$A
export VIRTUAL_ENV
mkdir -p "$T/sysbin"
printf '\177ELF fake' >"$T/sysbin/notpy"
chmod +x "$T/sysbin/notpy"
PATH=$A/bin:$T/sysbin:$SYS
wh "$T/w.json" notpy python
[ "$rc" -eq 0 ] || fail "VIRTUAL_ENV and a command it does not have: exit $rc: $(cat "$T/w.json")"
unset VIRTUAL_ENV

# --- where pip install writes: PIP_USER, the user site, PEP 668 ----------------------
I=$T/inst
mkdir -p "$I/bin" "$I/lib/python3.12/site-packages"
printf '\177ELF fake' >"$I/bin/python3.12"
chmod +x "$I/bin/python3.12"
: >"$I/lib/python3.12/os.py"
PATH=$I/bin:$SYS
wh "$T/w.json" python3.12
jassert "$T/w.json" 'd[0]["matches"][0]["site"] == "'"$I"'/lib/python3.12/site-packages" and not d[0]["matches"][0]["user_site"]' \
    "an installation's own site"
PIP_USER=1
export PIP_USER
wh "$T/w.json" python3.12
jassert "$T/w.json" 'd[0]["matches"][0]["site"] == "'"$HOME"'/.local/lib/python3.12/site-packages" and d[0]["matches"][0]["user_site"]' \
    "PIP_USER: the user site"
PATH=$B/bin:$SYS
wh "$T/w.json" pip
[ "$rc" -eq 1 ] || fail "PIP_USER in a venv: exit $rc"
jassert "$T/w.json" 'any("PIP_USER is set" in p for p in d[0]["problems"])' "PIP_USER in a venv"
unset PIP_USER
# Not writable: pip defaults to the user site (run as nobody when root).
PATH=$I/bin:$SYS
if [ "$(id -u)" -ne 0 ]; then
	chmod 555 "$I/lib/python3.12/site-packages"
	wh "$T/w.json" python3.12
	chmod 755 "$I/lib/python3.12/site-packages"
	jassert "$T/w.json" 'd[0]["matches"][0]["site"] == "'"$HOME"'/.local/lib/python3.12/site-packages"' \
	    "a site not writable: the user site"
elif command -v setpriv >/dev/null 2>&1 && setpriv --reuid=65534 --regid=65534 --clear-groups \
    test -x "$VENVDEX" 2>/dev/null; then
	chmod 755 "$T"
	mkdir -p "$T/nobody"
	chmod 777 "$T/nobody"
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$T/nobody" \
	    "$VENVDEX" --db "$T/nobody/index.db" which --json python3.12 >"$T/w.json" || :
	chmod 700 "$T"
	json_valid "$T/w.json"
	jassert "$T/w.json" 'd[0]["matches"][0]["site"] == "'"$T"'/nobody/.local/lib/python3.12/site-packages" and d[0]["matches"][0]["user_site"]' \
	    "a site not writable (as nobody): the user site"
else
	note "root without setpriv: the unwritable site is not checked"
fi
printf '[externally-managed]\nError=use a venv\n' >"$I/lib/python3.12/EXTERNALLY-MANAGED"
expect_rc 0 vx which python3.12
has "$T/out" "pip install refused: externally managed (PEP 668)"
wh "$T/w.json" python3.12
jassert "$T/w.json" 'd[0]["matches"][0]["externally_managed"]' "EXTERNALLY-MANAGED"
PIP_BREAK_SYSTEM_PACKAGES=1
export PIP_BREAK_SYSTEM_PACKAGES
wh "$T/w.json" python3.12
jassert "$T/w.json" 'not d[0]["matches"][0]["externally_managed"]' "PIP_BREAK_SYSTEM_PACKAGES"
unset PIP_BREAK_SYSTEM_PACKAGES

# --- relative, empty, missing and repeated PATH entries -----------------------------
mkdir -p "$T/rel/bin"
printf '#!%s\n' "$A/bin/python" >"$T/rel/bin/python"
chmod +x "$T/rel/bin/python"
cd "$T/rel"
PATH=bin:$B/bin:$T/nowhere:$SYS:$B/bin:
same_as_shell python
wh "$T/w.json" python
[ "$rc" -eq 1 ] || fail "bad PATH entries: exit $rc"
jassert "$T/w.json" 'd[0]["matches"][0]["path"] == "'"$T"'/rel/bin/python"' "relative entry not followed"
jassert "$T/w.json" 'any("relative" in p for p in d[0]["problems"])' "relative entry"
jassert "$T/w.json" 'any("empty entry" in p for p in d[0]["problems"])' "empty entry"
jassert "$T/w.json" 'any("'"$T"'/nowhere does not exist" in p for p in d[0]["problems"])' "missing folder"
jassert "$T/w.json" 'any("more than once" in p for p in d[0]["problems"])' "repeated folder"
expect_rc 1 vx which python
has "$T/out" "PATH and variables:"
cd "$T"
# The same folder four times, spelled three ways: one match, one PATH problem.
PATH=$B/bin:$A/bin:$B/bin/:$B//bin:$B/bin:$SYS
wh "$T/w.json" python
jassert "$T/w.json" '[m["path"] for m in d[0]["matches"]].count("'"$B"'/bin/python") == 1' \
    "a repeated folder gives one match"
jassert "$T/w.json" 'sum("more than once" in a["problem"] and a["general"] for a in d[0]["advice"]) == 1' \
    "a repeated folder is one PATH problem"
expect_rc 1 vx which python
[ "$(grep -c "shadowed: $B/bin/python" "$T/out")" -eq 0 ] || fail "the winner's folder again, shadowed"
[ "$(grep -c "is on PATH more than once" "$T/out")" -eq 1 ] || fail "the repeat said more than once"

# --- pyenv: a fake PYENV_ROOT -------------------------------------------------------
R=$T/pyenv
# fakever VERSION [pip]: an installation with an ELF-looking python that is never run.
fakever() {
	_v=$R/versions/$1
	_mm=$(echo "$1" | cut -d. -f1-2)
	mkdir -p "$_v/bin" "$_v/lib/python$_mm/site-packages" "$_v/include/python$_mm"
	printf '\177ELF\2\1\1\0fake' >"$_v/bin/python$_mm"
	chmod +x "$_v/bin/python$_mm"
	: >"$_v/lib/python$_mm/os.py"
	printf '#define PY_VERSION "%s"\n' "$1" >"$_v/include/python$_mm/patchlevel.h"
	ln -s "python$_mm" "$_v/bin/python"
	ln -s "python$_mm" "$_v/bin/python3"
	[ "${2:-}" = pip ] && mkpip "$_v/bin/pip" "$_v/bin/python$_mm"
	:
}
fakever 3.10.13 pip
fakever 3.11.7 pip
fakever 3.11.2
fakever 3.12.1
# A pyenv-virtualenv environment: versions/myenv -> 3.11.7/envs/myenv.
E=$R/versions/3.11.7/envs/myenv
mkdir -p "$E/bin" "$E/lib/python3.11/site-packages"
printf 'home = %s\nversion = 3.11.7\n' "$R/versions/3.11.7/bin" >"$E/pyvenv.cfg"
ln -s "$R/versions/3.11.7/bin/python3.11" "$E/bin/python"
mkpip "$E/bin/pip" "$R/versions/myenv/bin/python"
ln -s 3.11.7/envs/myenv "$R/versions/myenv"
mkdir -p "$R/shims"
for c in python python3 pip; do
	cat >"$R/shims/$c" <<EOF
#!/usr/bin/env bash
set -e
[ -n "\$PYENV_DEBUG" ] && set -x

program="\${0##*/}"

export PYENV_ROOT="$R"
exec "$R/libexec/pyenv" exec "\$program" "\$@"
EOF
	chmod +x "$R/shims/$c"
done
echo 3.10.13 >"$R/version"
PYENV_ROOT=$R
export PYENV_ROOT
unset PYENV_VERSION
PATH=$R/shims:$SYS

# pyv CMD WANT ORIGIN: the shim runs WANT (and agrees with `pyenv which`), chosen by ORIGIN.
pyv() {
	wh "$T/p.json" "$1"
	jassert "$T/p.json" 'd[0]["matches"][0]["via"] == "pyenv-shim"' "$1: not a pyenv shim"
	jassert "$T/p.json" 'd[0]["matches"][0]["target"] == "'"$2"'"' \
	    "$1: the shim runs $(jget "$T/p.json" 'd[0]["matches"][0]["target"]'), expected $2"
	[ -z "$3" ] || jassert "$T/p.json" 'd[0]["matches"][0]["shim_origin"] == "'"$3"'"' "$1: origin"
	if [ -n "$PYENV_BIN" ]; then
		_pw=$("$PYENV_BIN" which "$1" 2>/dev/null) || _pw=
		[ "$_pw" = "$2" ] || fail "$1: pyenv which says '$_pw', venvdex $2 (PYENV_VERSION=${PYENV_VERSION:-})"
	fi
}
pyv python "$R/versions/3.10.13/bin/python" "$R/version"
jassert "$T/p.json" 'd[0]["matches"][0]["env"] == "'"$R"'/versions/3.10.13" and d[0]["matches"][0]["version"] == "3.10.13"' \
    "pyenv 3.10.13 environment"
pyv pip "$R/versions/3.10.13/bin/pip" "$R/version"
jassert "$T/p.json" 'd[0]["matches"][0]["interpreter"] == "'"$R"'/versions/3.10.13/bin/python3.10"' "pyenv pip interpreter"
jassert "$T/p.json" 'd[0]["matches"][0]["site"] == "'"$R"'/versions/3.10.13/lib/python3.10/site-packages"' "pyenv site"
# .python-version in a parent folder, with a comment and a blank line.
mkdir -p "$T/proj/sub/deeper"
printf '# pinned\n\n3.11.7\n' >"$T/proj/.python-version"
cd "$T/proj/sub/deeper"
pyv python "$R/versions/3.11.7/bin/python" "$T/proj/.python-version"
# PYENV_VERSION wins over files; several versions: the first with the command.
PYENV_VERSION=3.12.1:3.11.7
export PYENV_VERSION
pyv python "$R/versions/3.12.1/bin/python" "PYENV_VERSION environment variable"
pyv pip "$R/versions/3.11.7/bin/pip" ""
# Prefixes resolve to the newest installed (pyenv 2.x), python- is stripped.
PYENV_VERSION=3.11
pyv python "$R/versions/3.11.7/bin/python" ""
PYENV_VERSION=python-3.10.13
wh "$T/p.json" python
jassert "$T/p.json" 'd[0]["matches"][0]["target"] == "'"$R"'/versions/3.10.13/bin/python"' "python- prefix"
# pyenv-virtualenv names.
PYENV_VERSION=myenv
pyv pip "$R/versions/myenv/bin/pip" ""
jassert "$T/p.json" 'd[0]["matches"][0]["env"] == "'"$E"'"' "pyenv-virtualenv env"
# `pyenv activate myenv` sets VIRTUAL_ENV and PYENV_VIRTUAL_ENV, and leaves
# PATH to the shims: nothing wrong with that.
VIRTUAL_ENV=$R/versions/myenv PYENV_VIRTUAL_ENV=$R/versions/myenv
export VIRTUAL_ENV PYENV_VIRTUAL_ENV
wh "$T/p.json" python pip
[ "$rc" -eq 0 ] || fail "pyenv activate: exit $rc: $(cat "$T/p.json")"
# ... but python from another version is.
PYENV_VERSION=3.12.1
wh "$T/p.json" python
jassert "$T/p.json" 'any("the pyenv shim chose version 3.12.1" in p for p in d[0]["problems"])' \
    "pyenv activate, then another version"
unset VIRTUAL_ENV PYENV_VIRTUAL_ENV
PYENV_VERSION=myenv
# system: the next on PATH without the shims.
PYENV_VERSION=system
if command -v python3 >/dev/null 2>&1; then
	pyv python3 "$(PATH=$SYS command -v python3)" ""
fi
# Not installed: a problem, and pyenv falls back to system.
unset PYENV_VERSION
mkdir -p "$T/proj2"
echo 3.9.9 >"$T/proj2/.python-version"
cd "$T/proj2"
wh "$T/p.json" python3
[ "$rc" -eq 1 ] || fail "pyenv version not installed: exit $rc"
jassert "$T/p.json" '"pyenv: version `3.9.9'"'"' is not installed (set by '"$T"'/proj2/.python-version)" in d[0]["problems"]' \
    "not installed"
if command -v python3 >/dev/null 2>&1; then
	pyv python3 "$(PATH=$SYS command -v python3)" ""
fi
expect_rc 1 vx which python3
has "$T/out" "version \`3.9.9' is not installed"
cd "$T"
unset PYENV_ROOT

# The real pyenv, read-only, with PYENV_VERSION set.
if [ -n "$PYENV_BIN" ]; then
	RR=$(HOME=$(getent passwd "$(id -u)" | cut -d: -f6) "$PYENV_BIN" root 2>/dev/null) || RR=
	RV=
	[ -n "$RR" ] && [ -d "$RR/shims" ] && [ -f "$RR/shims/python3" ] &&
	    RV=$(ls "$RR/versions" 2>/dev/null | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | head -n 1)
	if [ -n "$RV" ]; then
		PYENV_ROOT=$RR PYENV_VERSION=$RV PATH=$RR/shims:$SYS
		export PYENV_ROOT PYENV_VERSION
		for c in python3 pip; do
			_pw=$("$PYENV_BIN" which "$c" 2>/dev/null) || continue
			wh "$T/p.json" "$c"
			jassert "$T/p.json" 'd[0]["matches"][0]["target"] == "'"$_pw"'"' \
			    "real pyenv: $c: pyenv which says $_pw"
		done
		unset PYENV_ROOT PYENV_VERSION
	else
		note "no usable real PYENV_ROOT: comparison skipped"
	fi
else
	note "pyenv is not installed: comparison skipped"
fi

# --- asdf ---------------------------------------------------------------------------
AS=$T/asdf
mkdir -p "$AS/shims" "$AS/installs/python/3.11.7/bin" "$AS/installs/python/3.11.7/lib/python3.11"
printf '\177ELF fake' >"$AS/installs/python/3.11.7/bin/python3.11"
chmod +x "$AS/installs/python/3.11.7/bin/python3.11"
ln -s python3.11 "$AS/installs/python/3.11.7/bin/python"
: >"$AS/installs/python/3.11.7/lib/python3.11/os.py"
printf '#!/usr/bin/env bash\n# asdf-plugin: python 3.11.7\nexec %s/bin/asdf exec "python" "$@"\n' "$AS" >"$AS/shims/python"
chmod +x "$AS/shims/python"
ASDF_DATA_DIR=$AS
export ASDF_DATA_DIR
mkdir -p "$T/aproj/x"
printf 'nodejs 20.1.0\npython 3.11.7 system # comment\n' >"$T/aproj/.tool-versions"
cd "$T/aproj/x"
PATH=$AS/shims:$SYS
wh "$T/w.json" python
jassert "$T/w.json" 'd[0]["matches"][0]["via"] == "asdf-shim" and d[0]["matches"][0]["target"] == "'"$AS"'/installs/python/3.11.7/bin/python"' \
    "asdf shim"
jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$AS"'/installs/python/3.11.7" and d[0]["matches"][0]["shim_origin"] == "'"$T"'/aproj/.tool-versions"' \
    "asdf environment"
cd "$T"
unset ASDF_DATA_DIR

# --- conda -----------------------------------------------------------------------------
K=$T/conda/envs/k
mkdir -p "$K/conda-meta" "$K/bin" "$K/lib/python3.11/site-packages"
printf '\177ELF fake' >"$K/bin/python3.11"
chmod +x "$K/bin/python3.11"
ln -s python3.11 "$K/bin/python"
: >"$K/conda-meta/python-3.11.5-h2755cc3_0_cpython.json"
PATH=$K/bin:$A/bin:$SYS
wh "$T/w.json" python
jassert "$T/w.json" 'd[0]["matches"][0]["env"] == "'"$K"'" and d[0]["problems"] == []' "conda env on PATH"
CONDA_PREFIX=$K
export CONDA_PREFIX
PATH=$A/bin:$K/bin:$SYS
wh "$T/w.json" python
[ "$rc" -eq 1 ] || fail "CONDA_PREFIX not first: exit $rc"
jassert "$T/w.json" 'any("CONDA_PREFIX is '"$K"'" in p for p in d[0]["problems"])' "CONDA_PREFIX not first"
unset CONDA_PREFIX

# --- usage and terminal safety ------------------------------------------------------------
PATH=$A/bin:$SYS
expect_rc 2 vx which --bogus
err_is_venvdex
expect_rc 0 vx which --help
has "$T/out" "usage: venvdex which"
mkdir -p "$T/esc$(printf '\033')[31m"
ln -s "$A/bin/python" "$T/esc$(printf '\033')[31m/python"
PATH="$T/esc$(printf '\033')[31m:$SYS"
run vx which python
grep -q "$(printf '\033')" "$T/out" && fail "an escape sequence from disk reached the terminal"
# ... nor from a #! line; and names that are not UTF-8 stay valid JSON.
mkdir -p "$T/nu$(printf '\377')"
printf '#!/x\033]0;pwn\007/\377/python\n' >"$T/nu$(printf '\377')/python"
chmod +x "$T/nu$(printf '\377')/python"
PATH="$T/nu$(printf '\377'):$SYS"
run vx which python
grep -q "$(printf '\033')" "$T/out" && fail "an escape sequence from a #! line reached the terminal"
has "$T/out" "problem: "
wh "$T/w.json" python
jassert "$T/w.json" 'd[0]["matches"][0]["env"] is None and any("bad interpreter" in p for p in d[0]["problems"])' \
    "a missing interpreter with a name that is not UTF-8"
:
[ "$TRUTHS" -gt 0 ] || [ -z "$BASH_BIN" ] || fail "no python command was checked against sys.prefix"
note "$TRUTHS commands checked against the sys.prefix bash gets"
finish
