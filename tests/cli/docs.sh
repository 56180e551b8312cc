#!/bin/sh
# docs: the help and the man page against the program. Every command has a
# --help; the man page documents every command, every option its usage
# shows, and every environment variable the sources read; every command
# fails a bad option with a "venvdex: " message and exit 2.
. "$top_srcdir/tests/cli/lib.sh"

MAN=$top_srcdir/man/venvdex.1
[ -f "$MAN" ] || fail "no man page at $MAN"

expect_rc 0 vx --help
cmds=$(sed -n '/^Commands:/,/^$/p' "$T/out" | awk 'NF > 0 && $1 != "Commands:" { print $1 }')
[ -n "$cmds" ] || fail "venvdex --help lists no commands: $(cat "$T/out")"
for c in $cmds; do
	expect_rc 0 vx "$c" --help
	grep -q "^usage: venvdex $c" "$T/out" || fail "venvdex $c --help: $(head -n 2 "$T/out")"
	[ -s "$T/err" ] && fail "venvdex $c --help wrote to stderr: $(cat "$T/err")"
	grep -q "^\.Cm $c\$" "$MAN" || fail "the man page does not document the command $c"
	# Each long option of its usage line is in the synopsis; each of its
	# help is described.
	for o in $(head -n 1 "$T/out" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		grep -q -- "^\.Op Fl -${o#--}\( \|\$\)" "$MAN" ||
		    check_fail "the man page's synopsis lacks $c $o"
	done
	for o in $(grep -o -- '--[a-z][a-z-]*' "$T/out" | sort -u); do
		grep -q -- "^\.It .*Fl -${o#--}\( \|\$\)" "$MAN" ||
		    check_fail "the man page does not describe $c $o"
	done
	expect_rc 2 vx "$c" --no-such-option
	err_is_venvdex "venvdex $c --no-such-option"
	[ -s "$T/out" ] && fail "venvdex $c --no-such-option wrote to stdout: $(head -c 300 "$T/out")"
done

# Every variable the sources read is in ENVIRONMENT.
vars=$(cat "$top_srcdir"/src/*.c "$top_srcdir"/ui/*.c |
    grep -o -E '(getenv|env_or|xdg|var_dir)\("[A-Z][A-Z0-9_]*"' |
    sed 's/.*("//; s/"$//' | sort -u)
[ -n "$vars" ] || fail "found no variables in the sources"
env_section=$(sed -n '/^\.Sh ENVIRONMENT$/,/^\.Sh /p' "$MAN")
for v in $vars; do
	printf '%s\n' "$env_section" | grep -q "^\.It Ev $v\$" ||
	    check_fail "the man page's ENVIRONMENT does not document $v"
done

# The files: the index's default place.
grep -q '^\.It Pa \$XDG_CACHE_HOME/venvdex/index.db$' "$MAN" || fail "FILES does not name the index"
finish
