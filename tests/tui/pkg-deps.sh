#!/bin/sh
# The package detail evaluates markers for the environment and counts an
# extra only when an installed requirer asked for it (issue 9): no "not
# installed" for typing on 3.11, no "Required by" through moto[all] that
# nobody asked for.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/app/.venv" app=1.0 moto=4.2.0 docker=7.0.0 typing=3.7.4 \
    boto3=1.34.0 requests=2.31.0
site="$HOME/p/app/.venv/lib/python3.11/site-packages"
cat >>"$site/app-1.0.dist-info/METADATA" <<'META'
Requires-Dist: typing ; python_version < "3.5"
Requires-Dist: moto>=4
Requires-Dist: pytest ; extra == "test"
Requires-Dist: requests<2
Requires-Dist: six
META
cat >>"$site/moto-4.2.0.dist-info/METADATA" <<'META'
Requires-Dist: boto3>=1.9.201
Requires-Dist: docker>=3.0.0 ; extra == "all"
META
"$VENVDEX" --db "$DB" scan -q "$HOME"
start
keys Enter; wait_for "Packages of app"
keys Enter; wait_for "app 1.0 in app"
screen | grep -q 'typing ; python_version < "3.5" *not needed here' ||
    fail "a false marker is not 'not needed here'"
screen | grep -q 'pytest ; extra == "test" *only with extra test' ||
    fail "an extra's requirement is not 'only with extra test'"
screen | grep -q 'moto>=4 *installed: 4.2.0' || fail "moto installed"
screen | grep -q 'requests<2 *installed: 2.31.0, not <2' || fail "a conflict"
screen | grep -q 'six *not installed' || fail "a missing requirement"
keys Escape; wait_for "Packages of app"
keys / '^docker$' Enter; sleep 0.3; keys Enter; wait_for "docker 7.0.0 in app"
screen | grep -A1 "Required by" | grep -q "^  nothing" ||
    fail "docker required by moto[all], which nobody asked for"
keys Escape Escape; sleep 0.2
keys / '^typing$' Enter; sleep 0.3; keys Enter; wait_for "typing 3.7.4 in app"
screen | grep -A1 "Required by" | grep -q "^  nothing" ||
    fail "typing required by app on 3.11"
keys Escape Escape; sleep 0.2
keys / '^moto$' Enter; sleep 0.3; keys Enter; wait_for "moto 4.2.0 in app"
screen | grep -q 'docker>=3.0.0 ; extra == "all" *only with extra all' ||
    fail "moto's extra"
screen | grep -A1 "Required by" | grep -q "app 1.0: moto>=4" || fail "moto required by app"
keys q
wait_for "EXITED 0"
