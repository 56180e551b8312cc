#!/bin/sh
# The environments view marks STATUS "deps" where venvdex check would report
# the environment (a requirement missing here), and not where every
# requirement is met. The mark is found after the first paint (it takes
# deps_each() over every environment): the browser's timings say the marks
# came after the first paint, and the screen shows them once they have.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/sick/.venv" app=1.0 six=1.16.0
mkvenv "$HOME/p/well/.venv" tool=2.0 six=1.16.0
cat >>"$HOME/p/sick/.venv/lib/python3.11/site-packages/app-1.0.dist-info/METADATA" <<'META'
Requires-Dist: six>=1.10
Requires-Dist: gone-away>=2
META
cat >>"$HOME/p/well/.venv/lib/python3.11/site-packages/tool-2.0.dist-info/METADATA" <<'META'
Requires-Dist: six>=1.10
Requires-Dist: typing ; python_version < "3.5"
META
"$VENVDEX" --db "$DB" scan -q "$HOME"
"$VENVDEX" --db "$DB" check "$HOME/p/sick/.venv" >/dev/null && fail "check finds sick fine"
"$VENVDEX" --db "$DB" check "$HOME/p/well/.venv" >/dev/null || fail "check finds well broken"

VXENV="VENVDEX_TIMINGS='$T/timings'" start
wait_re '^ +sick .* ok deps '
settle
screen | grep -E '^ +sick ' | grep -q ' ok deps ' || fail "no deps mark on sick"
screen | grep -E '^ +well ' | grep -q ' deps ' && fail "a deps mark on well"
screen | grep -E '^ +well ' | grep -q ' ok ' || fail "well is not shown ok"
keys q
wait_for "EXITED 0"
close_term
# The order of events (written at exit): the first paint, then the marks.
grep -n . "$T/timings" | grep -q '^1:first-paint-ms ' ||
    fail "the first paint is not the first event: $(cat "$T/timings")"
grep -n . "$T/timings" | grep -q '^2:marks-ms ' ||
    fail "the marks did not come right after the first paint: $(cat "$T/timings")"
# The mark goes once the requirement is met.
mkdir -p "$HOME/p/sick/.venv/lib/python3.11/site-packages/gone_away-2.1.dist-info"
printf 'Metadata-Version: 2.1\nName: gone-away\nVersion: 2.1\n' \
    >"$HOME/p/sick/.venv/lib/python3.11/site-packages/gone_away-2.1.dist-info/METADATA"
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
wait_re '^ +sick '
settle
screen | grep -E '^ +sick ' | grep -q ' deps ' && fail "a deps mark on sick once mended"
keys q
wait_for "EXITED 0"
close_term
exit 0
