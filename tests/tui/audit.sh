#!/bin/sh
# audit in the browser: an environment holding a version an imported OSV
# advisory names is marked !vuln; one that is also stale (its project is
# interpreter is gone) is proposed for deletion on the status line, not
# for upgrade. The audit view (A): before any import it says how to import;
# then one line per advisory (ids, package, installed versions, fix,
# severity, environments), Enter lists the environments it hits (the stale
# one offered for deletion, not upgrade), Enter there opens one; with
# advisories that hit nothing, it says so with their date.
. "$top_srcdir/tests/tui/lib.sh"
mkvenv "$HOME/p/app/.venv" flask=3.0.0 jinja2=3.1.2 werkzeug=2.3.7
mkvenv "$HOME/p/ok/.venv" flask=3.0.0 jinja2=3.1.4
mkvenv "$HOME/gone/.venv" jinja2=2.0 werkzeug=3.0.0
printf 'home = /nonexistent/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n' >"$HOME/gone/.venv/pyvenv.cfg"
ln -sf /nonexistent/bin/python3 "$HOME/gone/.venv/bin/python"
"$VENVDEX" --db "$DB" scan -q "$HOME"

# Nothing imported yet: the view says how to import.
start
keys A; wait_for "Known vulnerabilities"
wait_for "no advisories imported: run venvdex audit --fetch or --advisories FILE"
keys q; wait_for "EXITED 0"
close_term

mkdir -p "$T/osv"
cat >"$T/osv/GHSA-h5c8-rqwp-cp95.json" <<'JSON'
{"id": "GHSA-h5c8-rqwp-cp95", "modified": "2024-05-06T00:00:00Z",
 "aliases": ["CVE-2024-22195"], "summary": "Jinja vulnerable to HTML attribute injection",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "Jinja2"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.1.3"}]}]}]}
JSON
cat >"$T/osv/PYSEC-2023-221.json" <<'JSON'
{"id": "PYSEC-2023-221", "modified": "2023-10-25T00:00:00Z",
 "aliases": ["CVE-2023-46136", "GHSA-hrfv-mqp8-q5rw"], "summary": "Werkzeug DoS",
 "database_specific": {"severity": "HIGH"},
 "affected": [{"package": {"ecosystem": "PyPI", "name": "Werkzeug"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "3.0.1"}]}],
   "versions": ["3.0.0"]}]}
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
wait_for "2 with known vulnerabilities"
keys Escape; wait_for "Python environments"

# The audit view: a line per advisory, by package.
keys A; wait_for "Known vulnerabilities (advisories of 2024-05-06)"
wait_re "^ *ID +PACKAGE[^ ]* +INSTALLED +FIXED +SEVERITY +ENVS +ALIASES"
wait_re "^ *PYSEC-2023-221 +werkzeug +2\.3\.7, 3\.0\.0 +3\.0\.1 +HIGH +2 +CVE-2023-46136 GHSA-hrfv-mqp8-q5rw *$"
wait_re "^ *GHSA-h5c8-rqwp-cp95 +jinja2 +2\.0, 3\.1\.2 +3\.1\.3 +2 +CVE-2024-22195 *$"
screen | grep -q "3\.1\.4" && fail "the fixed jinja2 is listed"
wait_for "2 advisories, 2 environments hit"
# The filter matches the summary.
keys / H T M L Enter; wait_for "1/2"
screen | grep -q "PYSEC-2023-221" && fail "the filter let werkzeug's advisory through"
# Enter: the environments it hits; the stale one is to be deleted.
keys Enter; wait_for "GHSA-h5c8-rqwp-cp95: jinja2 in 2 environments"
wait_re "^ +app +3\.1\.2 +upgrade to 3\.1\.3 +~/p/app/\.venv *$"
wait_re "^ +gone +2\.0 +delete \(stale: !python\) +~/gone/\.venv *$"
wait_for "1 stale: x deletes it rather than upgrading"
# x on the stale one asks to delete it (no: nothing happens).
keys / g o n e Enter; wait_for "1/2"
keys x; wait_for "Delete"
keys n; wait_gone "Delete 1"
[ -d "$HOME/gone/.venv" ] || fail "n deleted the environment"
keys Escape; wait_for "2 environments"
# Enter on an environment opens its packages.
keys G Enter; wait_for "Packages of app"
keys Escape; wait_for "GHSA-h5c8-rqwp-cp95: jinja2"
keys Escape; wait_for "Known vulnerabilities"
keys Escape; wait_for "PYSEC-2023-221"	# the filter cleared
keys Escape; wait_for "Python environments"
keys q; wait_for "EXITED 0"
close_term

# Advisories that hit nothing: the view says so, with their date.
mkdir -p "$T/clean"
cat >"$T/clean/GHSA-0000-0000-0000.json" <<'JSON'
{"id": "GHSA-0000-0000-0000", "modified": "2025-01-02T00:00:00Z", "summary": "old",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "flask"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "0.5"}]}]}]}
JSON
"$VENVDEX" --db "$DB" audit --advisories "$T/clean" >/dev/null || fail "the clean advisories hit"
start
keys A; wait_for "no vulnerable versions found, advisories of 2025-01-02"
keys q; wait_for "EXITED 0"
