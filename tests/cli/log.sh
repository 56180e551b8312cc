#!/bin/sh
# log: the history of a real venv after installs, an upgrade and an uninstall
# seen by `venvdex scan`; diff ENV@DATE ENV shows what changed since.
. "$top_srcdir/tests/cli/lib.sh"

E=$T/envs/e
mkvenv "$E"
setup_tools "$E"
expect_rc 0 vx scan -q "$T/envs"
expect_rc 0 vx log "$E" --json
jassert "$T/out" 'd == []' "a first sight is not history"
expect_rc 0 vx log "$E"
has "$T/out" "no changes recorded"

sleep 1
BEFORE=$(date +%s)
sleep 1
install_projects "$E" alpha:1.0 beta:0.1
expect_rc 0 vx scan -q "$T/envs"
MIDDLE=$(date +%s)
sleep 1
mkproj "$T/src/alpha" alpha 2.0
vpip "$E" install --no-index --no-build-isolation "$T/src/alpha"
vpip "$E" uninstall -y beta
expect_rc 0 vx scan -q "$T/envs"

expect_rc 0 vx log "$E" --json
json_valid "$T/out"
jassert "$T/out" '[(x["name"], x["old"], x["new"], x["change"]) for x in d] == [
    ("alpha", None, "1.0", "added"), ("beta", None, "0.1", "added"),
    ("alpha", "1.0", "2.0", "upgraded"), ("beta", "0.1", None, "removed")]' \
    "log does not show the install, the upgrade and the uninstall"
jassert "$T/out" 'all(isinstance(x["time"], int) and '"$BEFORE"' < x["time"] for x in d)'
jassert "$T/out" 'sorted(d[0]) == ["change", "name", "new", "old", "time"]'

expect_rc 0 vx log "$E"
has "$T/out" "added"
has "$T/out" "removed"
has "$T/out" "upgraded"
has "$T/out" "1.0 -> 2.0"
grep -q '^[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9] ' "$T/out" ||
    fail "log times are not ISO 8601: $(cat "$T/out")"

# What E held before the installs, by epoch seconds and by local time.
expect_rc 1 vx diff "$E@$BEFORE" "$E" --json
jassert "$T/out" 'd["only_b"] == [{"name": "alpha", "version": "2.0"}] and d["only_a"] == [] and d["changed"] == []' \
    "diff ENV@before ENV does not show alpha added"
WHEN=$(date -d "@$BEFORE" +%Y-%m-%dT%H:%M:%S 2>/dev/null) ||
    WHEN=$(date -r "$BEFORE" +%Y-%m-%dT%H:%M:%S)
expect_rc 1 vx diff "$E@$WHEN" "$E" --json
jassert "$T/out" '[x["name"] for x in d["only_b"]] == ["alpha"]'
# Between two dates: the upgrade and the uninstall.
expect_rc 1 vx diff "$E@$MIDDLE" "$E@@$(date +%s)" --json
jassert "$T/out" 'd["changed"] == [{"name": "alpha", "a": "1.0", "b": "2.0", "direction": "up"}] and [x["name"] for x in d["only_a"]] == ["beta"]'
expect_rc 0 vx diff "$E@$(date +%s)" "$E"
# Before the history starts: an error that says from when.
expect_rc 1 vx diff "$E@2001-01-01" "$E"
err_is_venvdex
has "$T/err" "history starts"
# As date -Iseconds prints it (an offset from UTC), and a time ago.
WHEN=$(date -d "@$BEFORE" -Iseconds 2>/dev/null) && {
	expect_rc 1 vx diff "$E@$WHEN" "$E" --json
	jassert "$T/out" '[x["name"] for x in d["only_b"]] == ["alpha"]' "$WHEN"
}
AGO=$(( $(date +%s) - BEFORE ))s
expect_rc 1 vx diff "$E@$AGO" "$E" --json
jassert "$T/out" '[x["name"] for x in d["only_b"]] == ["alpha"]' "ENV@${AGO} (a time ago)"
expect_rc 0 vx diff "$E@0m" "$E"
# After the @ of an environment, what is no date is said to be none.
expect_rc 1 vx diff "$E@the-day-before" "$E"
err_is_venvdex
has "$T/err" "'the-day-before' is not a date"
expect_rc 1 vx diff "e@3x" "$E"
has "$T/err" "'3x' is not a date"
# Not an environment before the @: said so.
expect_rc 1 vx diff "nothing@2d" "$E"
has "$T/err" "nothing: no environment of that name"
expect_rc 2 vx log
expect_rc 1 vx log "$T/nowhere"
err_is_venvdex
# A project folder stands for its environment; with two, both are listed.
mkdir -p "$T/proj"
mkvenv "$T/proj/.venv" --without-pip
expect_rc 0 vx log "$T/proj" --json
jassert "$T/out" 'd == []'
mkvenv "$T/proj/venv" --without-pip
expect_rc 1 vx log "$T/proj"
err_is_venvdex
has "$T/err" "holds 2 environments"
has "$T/err" "$T/proj/venv"
