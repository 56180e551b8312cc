#!/bin/sh
# audit in the browser: an environment holding a version an imported OSV
# advisory names is marked !vuln; one that is also stale (its project is
# interpreter is gone) is proposed for deletion on the status line, not
# for upgrade.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/app/.venv" flask=3.0.0 jinja2=3.1.2
mkvenv "$HOME/p/ok/.venv" flask=3.0.0 jinja2=3.1.4
mkvenv "$HOME/gone/.venv" jinja2=2.0
printf 'home = /nonexistent/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n' >"$HOME/gone/.venv/pyvenv.cfg"
ln -sf /nonexistent/bin/python3 "$HOME/gone/.venv/bin/python"
"$VENVDEX" --db "$DB" scan -q "$HOME"
mkdir -p "$T/osv"
cat >"$T/osv/GHSA-h5c8-rqwp-cp95.json" <<'JSON'
{"id": "GHSA-h5c8-rqwp-cp95", "modified": "2024-05-06T00:00:00Z",
 "aliases": ["CVE-2024-22195"], "summary": "Jinja vulnerable to HTML attribute injection",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "Jinja2"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.1.3"}]}]}]}
JSON
"$VENVDEX" --db "$DB" audit --advisories "$T/osv" >/dev/null && fail "audit found nothing"

"$VENVDEX" --db "$DB" list --stale --json | grep -q '/gone/' ||
    fail "setup: the environment without its interpreter is not stale"

start
wait_re "^  app .*!vuln"
screen | grep -E "^  ok " | grep -q "!vuln" && fail "a fixed version is marked"
screen | tail -n 1 | grep -q "1 stale environment holds known vulnerabilities: delete it" ||
    fail "the stale, vulnerable environment is not proposed for deletion"
# Its packages: the vulnerable one marked, the footer says how many.
keys Enter
wait_re "^ *jinja2 +3\.1\.2 !vuln"
screen | grep -E "^ *flask " | grep -q "!vuln" && fail "flask is marked"
wait_for "1 with known vulnerabilities"
keys q; wait_for "EXITED 0"
