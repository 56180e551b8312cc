#!/bin/sh
# Every view, whole screens at 100x30 and at 40x10, compared with golden
# captures (tests/tui/golden/VIEW-WxH.txt). To change them on purpose:
#   VENVDEX_REGOLDEN=1 make check TESTS=tests/tui/golden.sh; git diff tests/tui/golden
. "$top_srcdir/tests/tui/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
# A base interpreter under HOME, so that nothing on screen depends on this machine.
mkdir -p "$HOME/base/bin"
printf '#!/bin/sh\n' >"$HOME/base/bin/python3.11"
chmod +x "$HOME/base/bin/python3.11"
venv() {	# venv DIR NAME=VERSION...: mkvenv on the base above
	mkvenv "$@"
	printf 'home = %s\ninclude-system-site-packages = false\nversion = 3.11.7\n' \
	    "$HOME/base/bin" >"$1/pyvenv.cfg"
	ln -sf "$HOME/base/bin/python3.11" "$1/bin/python"
}
venv "$HOME/src/app/.venv" requests=2.31.0 idna=3.4 certifi=2023.7.22 typing=3.7.4
site="$HOME/src/app/.venv/lib/python3.11/site-packages"
printf 'Requires-Dist: idna<4,>=2.5\nRequires-Dist: certifi>=2017.4.17\nRequires-Dist: PySocks!=1.5.7,>=1.5.6 ; extra == "socks"\nRequires-Dist: typing ; python_version < "3.5"\n' \
    >>"$site/requests-2.31.0.dist-info/METADATA"
venv "$HOME/src/api/.venv" requests=2.28.0 flask=3.0.0 idna=3.4
"$VENVDEX" --db "$DB" scan -q "$HOME"
rm -r "$HOME/src/api/.venv/lib/python3.11/site-packages/flask-3.0.0.dist-info"
"$VENVDEX" --db "$DB" scan -q "$HOME"
# Sizes on disk depend on the file system, times on the clock: fix them.
python3 -c '
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
d.execute("UPDATE env SET size = 1234567, first_seen = 1700000000")
d.execute("UPDATE history SET time = 1700000000 + rowid * 3600")
d.commit()
' "$DB"

for size in 100x30 40x10; do
	W=${size%x*} H=${size#*x}
	# python on PATH is app's; nothing from this machine.
	VXENV="PATH=$HOME/src/app/.venv/bin:$HOME/base/bin" W=$W H=$H start
	golden "envs-$size"
	keys Enter; wait_for "Packages of api"; golden "pkgs-$size"
	keys / r e q Enter; wait_for "1/2"; keys Enter; wait_for "in api"
	golden "pkg-$size"
	keys Escape Escape; sleep 0.2; keys Escape; wait_for "Python environments"
	keys j Enter; wait_for "Packages of app"
	keys / '^requests' Enter; sleep 0.3; keys Enter; wait_for "in app"
	golden "pkg-deps-$size"
	keys Escape Escape; sleep 0.2; keys Escape; wait_for "Python environments"
	keys f; wait_for "Packages in every"; keys r e q Enter; wait_for "2/"
	golden "find-$size"
	keys Escape Escape; wait_for "Python environments"
	keys '?'; wait_for "venvdex: keys"; golden "help-$size"
	keys Escape; wait_for "Python environments"
	keys w; wait_for "Which python"; golden "which-$size"
	keys Escape; wait_for "Python environments"
	keys g m; wait_for "Marked"; keys j d; wait_for "Diff"; golden "diff-$size"
	keys Escape; wait_for "Python environments"
	keys g L; wait_for "History of"; golden "log-$size"
	keys Escape; wait_for "Python environments"
	keys u; wait_for "Distributions installed"; golden "dupes-$size"
	keys Enter; wait_for "in api"
	keys Escape Escape; wait_for "Python environments"
	keys q; wait_for "EXITED 0"
	close_term
done

# The audit view: before any import (what to run), then with two advisories.
mkdir -p "$T/osv"
cat >"$T/osv/PYSEC-2023-74.json" <<'JSON'
{"id": "PYSEC-2023-74", "modified": "2023-06-01T00:00:00Z",
 "aliases": ["CVE-2023-32681", "GHSA-j8r2-6x86-q33q"],
 "summary": "Unintended leak of Proxy-Authorization header in requests",
 "database_specific": {"severity": "MODERATE"},
 "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.3.0"}, {"fixed": "2.31.0"}]}]}]}
JSON
cat >"$T/osv/GHSA-jjg7-2v4v-x38h.json" <<'JSON'
{"id": "GHSA-jjg7-2v4v-x38h", "modified": "2024-04-12T00:00:00Z",
 "aliases": ["CVE-2024-3651", "PYSEC-2024-60"],
 "summary": "Internationalized Domain Names in Applications (IDNA) vulnerable to denial of service",
 "affected": [{"package": {"ecosystem": "PyPI", "name": "idna"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.7"}]}]}]}
JSON
# audit_golden NAME: at both sizes, the audit view, and with ENTER set the
# environments of the advisory on the first line.
audit_golden() {
	for size in 100x30 40x10; do
		W=${size%x*} H=${size#*x}
		VXENV="PATH=$HOME/src/app/.venv/bin:$HOME/base/bin" W=$W H=$H start
		keys A; wait_for "Known vuln"; golden "$1-$size"
		if [ -n "${ENTER:-}" ]; then
			keys Enter; wait_for "idna in 2"; golden "$1-envs-$size"
			keys Escape
		fi
		keys Escape; wait_for "Python environments"
		keys q; wait_for "EXITED 0"
		close_term
	done
}
audit_golden audit-empty
"$VENVDEX" --db "$DB" audit --advisories "$T/osv" >/dev/null
ENTER=1 audit_golden audit

# The cleanup candidates: an environment whose base interpreter is gone.
mkvenv "$HOME/src/old/.venv" six=1.16.0
printf 'home = %s\ninclude-system-site-packages = false\nversion = 3.8.10\n' \
    "$HOME/gone/bin" >"$HOME/src/old/.venv/pyvenv.cfg"
ln -sf "$HOME/gone/bin/python3.8" "$HOME/src/old/.venv/bin/python"
"$VENVDEX" --db "$DB" scan -q "$HOME"
python3 -c '
import sqlite3, sys
d = sqlite3.connect(sys.argv[1])
d.execute("UPDATE env SET size = 1234567, first_seen = 1700000000")
d.commit()
' "$DB"
for size in 100x30 40x10; do
	W=${size%x*} H=${size#*x}
	VXENV="PATH=$HOME/src/app/.venv/bin:$HOME/base/bin" W=$W H=$H start
	keys C; wait_for "Cleanup candidates"; wait_for "1 candidates"
	# What it frees is measured on disk now: the file system decides.
	GOLDEN_SED='s/[0-9][0-9.]*[BKMG]\( \{1,\}\(now\|reclaimable\)\)/SIZE\1/g' \
	    golden "stale-$size"
	keys Escape; wait_for "Python environments"
	keys q; wait_for "EXITED 0"
	close_term
done
