#!/bin/sh
# basics: help, version, usage errors, exit statuses, the empty index.
. "$top_srcdir/tests/cli/lib.sh"

for opt in --help -h; do
	expect_rc 0 vx $opt
	has "$T/out" "usage: venvdex"
	for c in scan list show pkgs find; do
		has "$T/out" "$c" "venvdex $opt does not mention $c"
	done
	[ -s "$T/err" ] && fail "venvdex $opt wrote to stderr: $(cat "$T/err")"
done

for c in scan list show pkgs find; do
	for opt in --help -h; do
		expect_rc 0 vx $c $opt
		grep -q "^usage: venvdex $c" "$T/out" ||
		    fail "venvdex $c $opt: no 'usage: venvdex $c' line: $(cat "$T/out")"
	done
done
# Help needs no index: it works even where the index cannot be opened.
expect_rc 0 "$VENVDEX" --db /nonexistent/dir/index.db list --help
[ -e /nonexistent/dir/index.db ] && fail "help created an index"

expect_rc 0 vx --version
grep -Eq '^venvdex [0-9]+\.[0-9]+' "$T/out" || fail "--version: $(cat "$T/out")"
expect_rc 0 vx -V
grep -Eq '^venvdex [0-9]+\.[0-9]+' "$T/out" || fail "-V: $(cat "$T/out")"

# Unknown command and options: usage errors (2), a "venvdex: " message.
expect_rc 2 vx frobnicate
err_is_venvdex "unknown command"
has "$T/err" frobnicate
[ -s "$T/out" ] && fail "unknown command wrote to stdout: $(cat "$T/out")"
expect_rc 2 vx --frobnicate
err_is_venvdex "unknown global option"
for c in scan list show pkgs find; do
	expect_rc 2 vx $c --frobnicate
	err_is_venvdex "$c --frobnicate"
done
expect_rc 2 vx list --kind spaceship
err_is_venvdex "list --kind spaceship"
expect_rc 2 vx list extra-word
expect_rc 2 vx show
expect_rc 2 vx pkgs
expect_rc 2 vx find
expect_rc 2 vx list -f
err_is_venvdex "list -f without argument"

# A bad regular expression: usage error naming the pattern.
expect_rc 2 vx list -f '('
err_is_venvdex "bad regex"
has "$T/err" "(" "the bad pattern is not quoted in the message"
grep -qi 'pattern\|regex\|parenthes' "$T/err" || fail "unclear bad-regex message: $(cat "$T/err")"
expect_rc 2 vx find '[z-a]'
err_is_venvdex "find with a bad regex"
expect_rc 2 vx pkgs -f '(' "$T"
err_is_venvdex "pkgs -f with a bad regex"

# The empty index.
expect_rc 0 vx list --json
[ "$(cat "$T/out")" = "[]" ] || fail "empty list --json: '$(cat "$T/out")', expected []"
expect_rc 0 vx list
has "$T/out" "0 environments"
expect_rc 1 vx find --json pip
[ "$(cat "$T/out")" = "[]" ] || fail "find on an empty index: '$(cat "$T/out")'"

# pkgs/show of a folder that is no environment: failure (1), a message.
mkdir -p "$T/plain/sub"
expect_rc 1 vx pkgs "$T/plain/sub"
err_is_venvdex "pkgs of a plain folder"
[ -s "$T/out" ] && fail "pkgs of a plain folder wrote to stdout: $(cat "$T/out")"
expect_rc 1 vx show --json "$T/plain"
err_is_venvdex "show of a plain folder"
expect_rc 1 vx pkgs no-such-env-name
err_is_venvdex "pkgs of an unknown name"
expect_rc 1 vx pkgs "$T/does/not/exist"
err_is_venvdex "pkgs of a missing path"

# scan of a missing root: failure, but no crash, and the index stays usable.
run vx scan "$T/does/not/exist"
[ "$rc" -eq 1 ] || fail "scan of a missing root exited $rc, expected 1"
err_is_venvdex "scan of a missing root"
expect_rc 0 vx list --json
[ "$(cat "$T/out")" = "[]" ] || fail "list after a failed scan: $(cat "$T/out")"
# Options may follow ENV, as the usage lines show them ("pkgs ENV [--json]").
mkvenv "$T/v" --without-pip
expect_rc 0 vx pkgs --json "$T/v"
[ "$(cat "$T/out")" = "[]" ] || fail "pkgs --json ENV: '$(cat "$T/out")'"
run vx pkgs "$T/v" --json
[ "$rc" -eq 0 ] && [ "$(cat "$T/out")" = "[]" ] ||
    check_fail "'venvdex pkgs ENV --json' exited $rc ($(head -n1 "$T/err")), expected 0 and []"
run vx show "$T/v" --json
[ "$rc" -eq 0 ] && jassert "$T/out" 'd["path"] == "'"$T/v"'"' ||
    check_fail "'venvdex show ENV --json' exited $rc: $(head -n1 "$T/err")"
run vx find pip --json
[ "$rc" -ne 2 ] || check_fail "'venvdex find REGEX --json' is a usage error: $(head -n1 "$T/err")"
rm -rf "$T/v"

finish
