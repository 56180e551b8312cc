#!/bin/sh
# which-loops: a python or pip that can never start is a problem, not fine
# (issue 10): a #! line naming itself, #! lines round a cycle, `#!/usr/bin/env
# python` in a file named python found first on PATH, pip's `#!/bin/sh` +
# exec form running itself, and #! chains deeper than Linux starts (ELOOP).
# Each case is first proven not to start when bash runs it (exit status not
# 0, or still running after 5 s), then venvdex must say so; the same files
# reached another way still start, and venvdex says they are fine.
. "$top_srcdir/tests/cli/lib.sh"
need bash
need timeout

SYS=/usr/bin:/bin
A=$T/a/.venv
mkdir -p "$T/a"
mkvenv "$A" --without-pip
PRE='import sys; print(sys.prefix)'

# script FILE INTERP: a Python script printing its sys.prefix, run by INTERP.
script() {
	printf '#!%s\n%s\n' "$2" "$PRE" >"$1"
	chmod +x "$1"
}

# shexec FILE PYTHON: the same in pip's long-path form (#!/bin/sh, exec PYTHON).
shexec() {
	printf '#!/bin/sh\n'"'''exec'"' "%s" "$0" "$@"\n'"' '''"'\n%s\n' "$2" "$PRE" >"$1"
	chmod +x "$1"
}

# bash_runs CMD [SECONDS]: bash runs `CMD -c PRE` with this PATH (a script
# takes the arguments to its Python, which runs the script), for SECONDS (5)
# at most; output in $T/got, status in $src (124: still running). A loop of
# execs spins a core while it lasts: never() gives it 2 s, ample for a
# Python that could start to have printed.
bash_runs() {
	src=0
	timeout "${2:-5}" bash -c '"$1" -c "$2"' sh "$1" "$PRE" >"$T/got" 2>"$T/got.err" \
	    </dev/null || src=$?
}

# never CMD: CMD cannot start, and venvdex which says so, as text and JSON.
never() {
	bash_runs "$1" 2
	[ "$src" -ne 0 ] && [ ! -s "$T/got" ] ||
	    fail "$1 started after all (status $src: $(cat "$T/got"))"
	expect_rc 1 vx which --json "$1"
	json_valid "$T/out"
	jassert "$T/out" 'd[0]["matches"][0]["loop"] and d[0]["matches"][0]["env"] is None' \
	    "$1: no loop in the JSON (PATH=$PATH)"
	jassert "$T/out" 'any("never starts" in p for p in d[0]["problems"])' \
	    "$1: no problem in the JSON"
	jassert "$T/out" 'any("never starts" in a["problem"] and a["level"] == "error" for a in d[0]["advice"])' \
	    "$1: no advice"
	expect_rc 1 vx which "$1"
	has "$T/out" "problem: "
	has "$T/out" "never starts"
}

# fine CMD ENV: CMD starts in ENV, and venvdex which says that with no problem.
fine() {
	bash_runs "$1"
	[ "$src" -eq 0 ] && [ "$(cat "$T/got")" = "$2" ] ||
	    fail "$1 does not start in $2 (status $src: $(cat "$T/got") $(cat "$T/got.err"))"
	expect_rc 0 vx which --json "$1"
	jassert "$T/out" 'd[0]["matches"][0]["loop"] is None and d[0]["matches"][0]["env"] == "'"$2"'" and d[0]["problems"] == []' \
	    "$1: not fine (PATH=$PATH)"
}

# The normal case.
PATH=$A/bin:$SYS
fine python "$A"

# --- a #! line naming itself, directly or through a link ------------------------
mkdir -p "$T/self" "$T/selflink"
script "$T/self/python" "$T/self/python"
script "$T/selflink/python" "$T/selflink/py"
ln -s python "$T/selflink/py"
PATH=$T/self:$A/bin:$SYS
never python
expect_rc 1 vx which --json python
jassert "$T/out" 'd[0]["matches"][0]["loop"] == ["'"$T"'/self/python", "'"$T"'/self/python"]' \
    "the loop of a #! naming itself"
PATH=$T/selflink:$A/bin:$SYS
never python

# --- #! lines round a cycle: two files, three ------------------------------------
mkdir -p "$T/c2" "$T/c3"
script "$T/c2/python" "$T/c2/other"
script "$T/c2/other" "$T/c2/python"
script "$T/c3/python" "$T/c3/x"
script "$T/c3/x" "$T/c3/y"
script "$T/c3/y" "$T/c3/python"
PATH=$T/c2:$A/bin:$SYS
never python
never other
PATH=$T/c3:$A/bin:$SYS
never python
# pip whose python is in a cycle: pip never starts either.
script "$T/c3/pip" "$T/c3/x"
never pip

# --- #!/usr/bin/env python in a file named python ---------------------------------
mkdir -p "$T/env"
script "$T/env/python" "/usr/bin/env python"
printf '#!/usr/bin/env -S python -u\n%s\n' "$PRE" >"$T/env/python3"
chmod +x "$T/env/python3"
script "$T/env/pip" "/usr/bin/env python"
PATH=$T/env:$A/bin:$SYS
never python
never python3
never pip
# The same files with the real python first on PATH: env finds that one.
PATH=$A/bin:$T/env:$SYS
fine "$T/env/python" "$A"
fine "$T/env/pip" "$A"

# --- pip's #!/bin/sh + exec form running itself, or round a cycle -----------------
mkdir -p "$T/sh"
shexec "$T/sh/pip" "$T/sh/pip"
shexec "$T/sh/pip3" "$T/sh/python"
shexec "$T/sh/python" "$T/sh/pip3"
shexec "$T/sh/good" "$A/bin/python"
PATH=$T/sh:$SYS
never pip
never pip3
never python
fine good "$A"
# A cycle through both kinds: a #! script whose interpreter sh-execs it.
shexec "$T/sh/mixed" "$T/sh/mixed2"
script "$T/sh/mixed2" "$T/sh/mixed"
never mixed

# --- #! chains: as deep as Linux goes, and one more (ELOOP) -------------------------
# dN: N #! scripts in a row before A's python (a binary). Linux 5.8 and later
# start at most 5; venvdex must agree with this kernel at every depth.
mkdir -p "$T/deep"
prev=$A/bin/python
for n in 1 2 3 4 5 6 7; do
	script "$T/deep/d$n" "$prev"
	prev=$T/deep/d$n
done
# Older kernels drew the line elsewhere (and not always with ELOOP): there
# the comparison is skipped.
PATH=$T/deep:$SYS
bash_runs d5
d5=$src
bash_runs d6
if [ "$d5" -ne 0 ] || ! grep -q 'Too many levels of symbolic links' "$T/got.err"; then
	note "this kernel ($(uname -r)) does not refuse the 6th #! script with ELOOP: depths not compared"
	finish
fi
for n in 1 2 3 4 5 6 7; do
	bash_runs "d$n"
	if [ "$src" -eq 0 ]; then
		fine "d$n" "$A"
	else
		grep -q 'Too many levels of symbolic links' "$T/got.err" ||
		    fail "d$n: not ELOOP: $(cat "$T/got.err")"
		never "d$n"
	fi
done
expect_rc 1 vx which --json d6
jassert "$T/out" 'len(d[0]["matches"][0]["loop"]) == 6' "the chain Linux refuses, d6 to d1"
finish
