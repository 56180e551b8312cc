#!/bin/sh
# audit's speed: importing a 20,000-record OSV export (a zip, as OSV
# publishes it) into an index of 1,500 environments and 40,000 packages,
# and auditing every environment against it. Needs python3 and hyperfine.
#   bench/audit.sh [--envs N] [--pkgs-per-env M] [--records R] [--keep DIR]
# --keep DIR keeps the tree, the export and the index in DIR; a later run reuses them.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
VENVDEX=${VENVDEX:-$top/venvdex}
envs=1500 per=27 records=20000 keep=
while [ $# -gt 0 ]; do
	case $1 in
	--envs) envs=$2; shift 2 ;;
	--pkgs-per-env) per=$2; shift 2 ;;
	--records) records=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	*) echo "usage: bench/audit.sh [--envs N] [--pkgs-per-env M] [--records R] [--keep DIR]" >&2; exit 2 ;;
	esac
done
command -v hyperfine >/dev/null || { echo "bench/audit.sh: hyperfine is needed" >&2; exit 1; }
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	T=$(cd "$keep" && pwd)
else
	T=$(mktemp -d /tmp/venvdex-audit-bench.XXXXXX)
	trap 'rm -rf "$T"' EXIT
fi
export HOME=$T/home XDG_CACHE_HOME=$T/home/.cache XDG_DATA_HOME=$T/home/.local/share
export LANG=C.UTF-8 TZ=UTC

# Environments holding 400 package names at versions 0.0 to 9.9, and an
# export whose records name 2,000 packages (those 400 among them), as PyPI's
# records are: a range of introduced/fixed events (a few with last_affected
# and limit) and the explicit list of the versions in it; details and
# references as long as real ones.
DB=$T/index.db
[ -f "$T/all.zip" ] || python3 - "$T/home/src" "$T/all.zip" "$envs" "$per" "$records" <<'PY'
import json, os, random, sys, zipfile
root, zpath, envs, per, records = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
rnd = random.Random(7)
names = ["pkg%03d" % i for i in range(2000)]
for e in range(envs):
    d = os.path.join(root, "proj%04d" % e, ".venv")
    site = os.path.join(d, "lib", "python3.11", "site-packages")
    os.makedirs(site)
    with open(os.path.join(d, "pyvenv.cfg"), "w") as f:
        f.write("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n")
    for name in rnd.sample(names[:400], per):
        ver = "%d.%d" % (rnd.randrange(10), rnd.randrange(10))
        di = os.path.join(site, "%s-%s.dist-info" % (name, ver))
        os.makedirs(di)
        with open(os.path.join(di, "METADATA"), "w") as f:
            f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, ver))
with zipfile.ZipFile(zpath, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(records):
        name = rnd.choice(names)
        a = rnd.randrange(100)
        b = a + 1 + rnd.randrange(3)
        lo, hi = "%d.%d" % divmod(a, 10), "%d.%d" % divmod(b, 10)
        events = [{"introduced": lo}, {"fixed": hi}]
        if i % 10 == 0:
            events = [{"introduced": "0"}, {"last_affected": lo}, {"limit": hi}]
        rec = {"schema_version": "1.6.0", "id": "PYSEC-2026-%d" % i,
               "modified": "2026-11-%02dT00:00:00Z" % (i % 28 + 1),
               "published": "2026-01-01T00:00:00Z",
               "aliases": ["CVE-2026-%d" % (i // 2)], "summary": "crafted %d" % i,
               "details": "x" * 1500,
               "affected": [{"package": {"ecosystem": "PyPI", "name": name,
                   "purl": "pkg:pypi/" + name},
                   "ranges": [{"type": "ECOSYSTEM", "events": events}],
                   "versions": ["%d.%d.%d" % (x // 10, x % 10, p) for x in range(a, b) for p in range(4)]}],
               "references": [{"type": "WEB", "url": "https://example.invalid/%d/%d" % (i, r)} for r in range(6)]}
        z.writestr("PYSEC-2026-%d.json" % i, json.dumps(rec))
PY
[ -f "$DB" ] || "$VENVDEX" --db "$DB" scan -q "$T/home"
"$VENVDEX" --db "$DB" list --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("index: %d environments, %d packages" % (len(e), sum(x["packages"] for x in e)))'
ls -l "$T/all.zip" | awk '{ print "export: " $5 " bytes" }'
# Importing: each run imports the zip afresh (--prepare makes it look changed).
hyperfine -r 2 --prepare "touch -d @$(date +%s) $T/all.zip; python3 -c 'import sqlite3; c=sqlite3.connect(\"$DB\"); c.execute(\"DELETE FROM osv_source\"); c.commit()'" \
    -n "import $records records + audit" "'$VENVDEX' --db '$DB' audit --advisories '$T/all.zip' --json >/dev/null || true"
hyperfine -w 1 -r 5 -n "audit (every environment)" "'$VENVDEX' --db '$DB' audit --json >/dev/null || true"
"$VENVDEX" --db "$DB" audit --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("findings: %d, environment hits: %d" % (len(d), sum(len(f["envs"]) for f in d)))'
