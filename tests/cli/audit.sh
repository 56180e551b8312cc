#!/bin/sh
# audit: crafted OSV records (ranges with every event kind, explicit
# versions, withdrawn, aliases, pre-releases, epochs) against the real pip,
# setuptools and wheel of real environments; every verdict checked against
# packaging's own ordering (pip's vendored copy), evaluated as OSV defines
# it. A zip and a folder; re-import only on change; --fetch from a loopback
# http.server (then a 304).
. "$top_srcdir/tests/cli/lib.sh"

$PY -c 'from pip._vendor.packaging.version import Version' 2>/dev/null ||
    skip "python3's pip has no vendored packaging"

A=$T/home/a
B=$T/home/b
mkvenv "$A"
if command -v virtualenv >/dev/null 2>&1; then
	virtualenv -q --no-periodic-update --no-download "$B" >"$T/venv.log" 2>&1 ||
	    { cat "$T/venv.log" >&2; fail "virtualenv $B"; }
else
	mkvenv "$B"
fi
expect_rc 0 vx scan -q "$T/home"
for e in "$A" "$B"; do
	expect_rc 0 vx pkgs "$e" --json
	cp "$T/out" "$T/pkgs-$(basename "$e").json"
done

# No advisories yet: a clear error.
expect_rc 1 vx audit
has "$T/err" "no advisories imported"

# gen DIR: writes the crafted records into DIR and the expected findings,
# computed with packaging's ordering, into $T/want.json.
mkdir -p "$T/recs"
$PY - "$T/recs" "$T/want.json" "$A" "$T/pkgs-a.json" "$B" "$T/pkgs-b.json" <<'EOF'
import json, os, re, sys
from pip._vendor.packaging.version import Version, InvalidVersion

out, wantf = sys.argv[1], sys.argv[2]
envs = {}
for path, pf in zip(sys.argv[3::2], sys.argv[4::2]):
    envs[path] = {re.sub(r'[-_.]+', '-', p['name']).lower(): p['version']
                  for p in json.load(open(pf))}
names = ['pip', 'setuptools', 'wheel']
inst = {}   # name -> set of versions installed
for e in envs.values():
    for n in names:
        if n in e:
            inst.setdefault(n, set()).add(e[n])

def V(s):
    return Version(s)

def bump(v, k):
    r = list(V(v).release) + [0, 0]
    r[k] += 1
    return '.'.join(str(x) for x in r[:k + 1] + [0] * (2 - k))

def lower(v):
    r = list(V(v).release)
    if r[0] > 0:
        return '%d.99' % (r[0] - 1)
    return '0.0.1'

recs = []
def rec(rid, name, ranges=None, versions=None, aliases=(), withdrawn=False,
        eco='PyPI', summary=None, severity=None):
    aff = {'package': {'ecosystem': eco, 'name': name}}
    if ranges is not None:
        aff['ranges'] = [{'type': 'ECOSYSTEM', 'events': ev} for ev in ranges]
    if versions is not None:
        aff['versions'] = versions
    r = {'schema_version': '1.6.0', 'id': rid, 'modified': '2026-11-%02dT00:00:00Z' % (len(recs) % 28 + 1),
         'aliases': list(aliases), 'summary': summary or ('crafted ' + rid),
         'affected': [aff]}
    if severity:
        r['database_specific'] = {'severity': severity}
    if withdrawn:
        r['withdrawn'] = '2026-01-01T00:00:00Z'
    recs.append(r)

for n in names:
    for v in sorted(inst.get(n, ())):
        t = n.upper() + '-' + re.sub(r'\W', '_', v)
        up, up2 = bump(v, 1), bump(v, 0)
        rec('PYSEC-%s-1' % t, n, [[{'introduced': '0'}, {'fixed': up}]], severity='HIGH')
        rec('PYSEC-%s-2' % t, n, [[{'introduced': '0'}, {'fixed': v}]])
        rec('PYSEC-%s-3' % t, n, [[{'introduced': v}, {'last_affected': v}]])
        rec('PYSEC-%s-4' % t, n, [[{'introduced': '0'}, {'last_affected': lower(v)}]])
        rec('PYSEC-%s-5' % t, n, [[{'introduced': '0'}, {'limit': v}]])
        rec('PYSEC-%s-6' % t, n, [[{'introduced': '0'}, {'limit': up}]])
        rec('PYSEC-%s-7' % t, n, versions=['0.1', v])
        rec('PYSEC-%s-8' % t, n, versions=['0.1', up])
        rec('PYSEC-%s-9' % t, n, [[{'introduced': '0'}, {'fixed': up}]], withdrawn=True)
        # The same vulnerability three times: ids that alias each other.
        rec('PYSEC-%s-10' % t, n, [[{'introduced': '0'}, {'fixed': up2}]], aliases=['CVE-%s' % t])
        rec('GHSA-%s-11' % t, n, [[{'introduced': lower(v)}, {'fixed': up}]], aliases=['CVE-%s' % t],
            severity='MODERATE')
        rec('OSV-%s-12' % t, n, [[{'introduced': '0'}, {'fixed': up}]], aliases=['GHSA-%s-11' % t])
        # Pre-releases: v's own rc is below v, the next's alpha above it.
        rec('PYSEC-%s-13' % t, n, [[{'introduced': '0'}, {'fixed': v + 'rc1'}]])
        rec('PYSEC-%s-14' % t, n, [[{'introduced': v + 'rc1'}, {'fixed': up + 'a1'}]])
        # Epochs: 1!0.1 is above every version without one.
        rec('PYSEC-%s-15' % t, n, [[{'introduced': '0'}, {'fixed': '1!0.1'}]])
        rec('PYSEC-%s-16' % t, n, [[{'introduced': '1!0'}]])
        # Two ranges, events out of order; the name spelled otherwise.
        rec('PYSEC-%s-17' % t, n.upper(),
            [[{'fixed': lower(v)}, {'introduced': '0'}], [{'fixed': up2}, {'introduced': v}]])
        rec('PYSEC-%s-18' % t, n, [[{'introduced': '0'}, {'fixed': lower(v)}],
                                   [{'introduced': up}, {'fixed': up2}]])
        # Another ecosystem's package of the same name.
        rec('OSV-%s-19' % t, n, [[{'introduced': '0'}]], eco='npm')

# What OSV says, with packaging's ordering.
def in_range(v, events):
    limits = [e['limit'] for e in events if 'limit' in e]
    evs = [e for e in events if 'limit' not in e]
    def key(e):
        x = list(e.values())[0]
        return Version('0') if x == '0' else V(x)
    evs.sort(key=key)
    aff = False
    for e in evs:
        k, x = list(e.items())[0]
        if k == 'introduced' and (x == '0' or V(v) >= V(x)):
            aff = True
        elif k == 'fixed' and V(v) >= V(x):
            aff = False
        elif k == 'last_affected' and V(v) > V(x):
            aff = False
    if limits and not any(V(v) < V(l) for l in limits):
        aff = False
    return aff

def fixed_above(v, a):
    f = [list(e.values())[0] for r in a.get('ranges', ()) for e in r['events']
         if 'fixed' in e and V(e['fixed']) > V(v)]
    return min(f, key=V) if f else None

def hits(r, n, v):
    if r.get('withdrawn'):
        return False, None
    for a in r['affected']:
        p = a['package']
        if p['ecosystem'] != 'PyPI' or re.sub(r'[-_.]+', '-', p['name']).lower() != n:
            continue
        if v in a.get('versions', ()) or any(in_range(v, rg['events']) for rg in a.get('ranges', ())):
            return True, fixed_above(v, a)
    return False, None

rank = lambda i: (0 if i.startswith('PYSEC-') else 1 if i.startswith('GHSA-') else 2, i)
want = []
for n in names:
    hit = []
    for r in recs:
        per = {}
        for path, e in envs.items():
            if n in e:
                h, f = hits(r, n, e[n])
                if h:
                    per[path] = (e[n], f)
        if per:
            hit.append((r, per))
    # Merge records that share an id.
    groups = []
    for r, per in hit:
        keys = {r['id']} | set(r['aliases'])
        g = [x for x in groups if x['keys'] & keys]
        new = {'keys': keys, 'recs': [(r, per)]}
        for x in g:
            new['keys'] |= x['keys']
            new['recs'] += x['recs']
            groups.remove(x)
        groups.append(new)
    for g in groups:
        own = sorted((r['id'] for r, _ in g['recs']), key=rank)
        envsv = {}
        for r, per in g['recs']:
            for p, (v, f) in per.items():
                old = envsv.get(p, (v, None))[1]
                if f is not None and (old is None or V(f) < V(old)):
                    old = f
                envsv[p] = (v, old)
        fx = [f for v, f in envsv.values() if f is not None]
        want.append({'id': own[0], 'aliases': sorted(g['keys'] - {own[0]}),
                     'package': n, 'fixed': max(fx, key=V) if fx else None,
                     'envs': [{'path': p, 'version': envsv[p][0]} for p in sorted(envsv)]})
want.sort(key=lambda f: (f['package'], f['id']))
for i, r in enumerate(recs):
    json.dump(r, open(os.path.join(out, '%04d.json' % i), 'w'))
open(os.path.join(out, 'zz-garbage.json'), 'w').write('{"id": "X", "affected": [')
open(os.path.join(out, 'README'), 'w').write('not a record\n')
json.dump(want, open(wantf, 'w'), sort_keys=True)
print(len(recs), len(want))
EOF
note "crafted records and findings: $(cat "$T/want.json" | head -c 0)$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/want.json") findings"

# check: venvdex's findings ($T/out) are those wanted, ids, fixed and envs.
check() {
	json_valid "$T/out"
	$PY - "$T/out" "$T/want.json" <<'EOF' || fail "audit differs from packaging's verdicts"
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
for f in got:
    assert set(f) == {'id', 'aliases', 'summary', 'severity', 'package', 'fixed', 'envs'}, f
strip = [{k: f[k] for k in ('id', 'aliases', 'package', 'fixed', 'envs')} for f in got]
if strip != want:
    g = {(f['package'], f['id']): f for f in strip}
    w = {(f['package'], f['id']): f for f in want}
    for k in sorted(set(g) | set(w)):
        if g.get(k) != w.get(k):
            print('got ', g.get(k), '\nwant', w.get(k), file=sys.stderr)
    sys.exit(1)
EOF
}

# A folder of records.
expect_rc 1 vx audit --advisories "$T/recs" --json
check
has "$T/err" "advisories: "
jassert "$T/out" 'any(f["severity"] == "HIGH" and f["summary"].startswith("crafted PYSEC-") for f in d)'
jassert "$T/out" 'not any(f["id"].endswith("-9") or f["id"].startswith("OSV-") and f["id"].endswith("-19") for f in d)' \
    "a withdrawn or non-PyPI record was reported"
# Merged aliases: the PYSEC id first, the GHSA, CVE and OSV ids with it.
jassert "$T/out" 'all(len(f["aliases"]) == 3 for f in d if f["id"].endswith("-10"))'

# The people's output: the date, every id, every env, and a last line that
# counts each environment once however many findings it has.
cp "$T/out" "$T/audit.json"
expect_rc 1 vx audit
has "$T/out" "advisories: "
has "$T/out" "newest 2026-11-"
has "$T/out" "$(basename "$A")"
want=$($PY -c 'import json, sys
d = json.load(open(sys.argv[1]))
envs = {e["path"] for f in d for e in f["envs"]}
print("%d vulnerabilities in %d environments" % (len(d), len(envs)))' "$T/audit.json")
[ "$(tail -n 1 "$T/out")" = "$want" ] ||
    fail "audit's last line: '$(tail -n 1 "$T/out")', want '$want'"

# One ENV only.
expect_rc 1 vx audit "$A" --json
jassert "$T/out" 'all(e["path"] == "'"$A"'" for f in d for e in f["envs"]) and len(d) > 0'

# The verdicts kept in the index (osv_verdict, per (name, version), filled
# by the first audit after an import) give what computing them gives, byte
# for byte: computed again when they cannot be written (another writer holds
# the lock, or the index is read-only), and judged anew for a version a scan
# brings (a scan that changes packages marks them incomplete).
expect_rc 1 vx audit --json
cmp -s "$T/out" "$T/audit.json" || fail "a second audit (verdicts kept) differs from the first"
kept() {
	$PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute("SELECT verdicts FROM osv_source").fetchone()[0], c.execute("SELECT count(*) > 0 FROM osv_verdict").fetchone()[0])' "$1"
}
[ "$(kept "$T/index.db")" = "1 1" ] || fail "no verdicts kept after an audit: $(kept "$T/index.db")"
vx audit >"$T/audit.txt" 2>&1 || :
# forget DB: the verdicts kept, forgotten (as after an import).
forget() {
	$PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM osv_verdict"); c.execute("UPDATE osv_source SET verdicts = 0"); c.commit()' "$1"
}
forget "$T/index.db"
# locked CMD...: CMD run while another connection holds the write lock.
locked() {
	$PY - "$T/index.db" "$@" <<'EOF'
import sqlite3, subprocess, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
r = subprocess.run(sys.argv[2:], stdout=open("out", "wb"), stderr=open("err", "wb"))
c.execute("ROLLBACK")
sys.exit(r.returncode)
EOF
}
rc=0; locked "$VENVDEX" --db "$T/index.db" audit --json || rc=$?
[ "$rc" -eq 1 ] || fail "audit with the index locked exited $rc: $(cat "$T/err")"
cmp -s "$T/out" "$T/audit.json" || fail "audit with the index locked (verdicts computed) differs"
[ "$(kept "$T/index.db")" = "0 0" ] || fail "verdicts were kept under another's lock"
rc=0; locked "$VENVDEX" --db "$T/index.db" audit || rc=$?
cmp -s "$T/out" "$T/audit.txt" || fail "audit (text) with the index locked differs: $(diff "$T/audit.txt" "$T/out")"
expect_rc 1 vx audit "$A" --json
jassert "$T/out" 'all(e["path"] == "'"$A"'" for f in d for e in f["envs"]) and len(d) > 0'
[ "$(kept "$T/index.db")" = "1 1" ] || fail "no verdicts kept after an audit of one ENV"
expect_rc 1 vx audit --json
cmp -s "$T/out" "$T/audit.json" || fail "audit after one ENV's differs"
if can_unpriv; then
	mkdir -p "$T/ro"
	cp "$T/index.db" "$T/ro/index.db"
	forget "$T/ro/index.db"
	chmod 444 "$T/ro/index.db"
	chmod 555 "$T/ro"
	run $UNPRIV "$VENVDEX" --db "$T/ro/index.db" audit --json
	chmod 755 "$T/ro"
	chmod 644 "$T/ro/index.db"
	[ "$rc" -eq 1 ] || fail "audit of a read-only index exited $rc: $(cat "$T/err")"
	cmp -s "$T/out" "$T/audit.json" || fail "audit of a read-only index differs"
	[ "$(kept "$T/ro/index.db")" = "0 0" ] || fail "verdicts were written into a read-only index"
else
	note "cannot drop root's power over permissions: not testing a read-only index"
fi
# A version no verdict was kept for, brought by a scan: vxprobe 1.0 (not
# hit) becomes 2.0 (hit).
site=$(echo "$A"/lib/python3*/site-packages)
mkdir -p "$site/vxprobe-1.0.dist-info"
printf 'Metadata-Version: 2.1\nName: vxprobe\nVersion: 1.0\n' >"$site/vxprobe-1.0.dist-info/METADATA"
expect_rc 0 vx scan -q "$T/home"
mkdir -p "$T/recs2"
cp "$T/recs"/*.json "$T/recs2/"
echo '{"id": "PYSEC-2099-1", "affected": [{"package": {"ecosystem": "PyPI", "name": "vxprobe"}, "versions": ["2.0"]}]}' >"$T/recs2/probe.json"
expect_rc 1 vx audit --advisories "$T/recs2" --json
jassert "$T/out" 'not any(f["package"] == "vxprobe" for f in d)'
[ "$(kept "$T/index.db")" = "1 1" ] || fail "no verdicts kept after an import"
mv "$site/vxprobe-1.0.dist-info" "$site/vxprobe-2.0.dist-info"
printf 'Metadata-Version: 2.1\nName: vxprobe\nVersion: 2.0\n' >"$site/vxprobe-2.0.dist-info/METADATA"
expect_rc 0 vx scan -q "$T/home"
expect_rc 1 vx audit --json
jassert "$T/out" '[e["version"] for f in d if f["package"] == "vxprobe" for e in f["envs"]] == ["2.0"]' \
    "a version a scan brought was not judged"
rm -r "$site/vxprobe-2.0.dist-info"
expect_rc 0 vx scan -q "$T/home"

# The same records as a zip, as OSV publishes them.
(cd "$T/recs" && $PY -m zipfile -c "$T/all.zip" $(ls | grep json)) || fail "zip"
expect_rc 1 vx audit --advisories "$T/all.zip" --json
check

# Imported once: unchanged (even touched) it is not read again.
$PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("UPDATE osv_source SET imported = 7"); c.commit()' "$T/index.db"
expect_rc 1 vx audit --json
touch -d '2020-01-01' "$T/all.zip"
expect_rc 1 vx audit --advisories "$T/all.zip" --json
imported() {
	$PY -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT imported FROM osv_source").fetchone()[0])' "$T/index.db"
}
[ "$(imported)" = 7 ] || fail "an unchanged export was imported again"
# Changed: imported again (only the records with one id prefix).
(cd "$T/recs" && rm -f "$T/all.zip" && $PY -m zipfile -c "$T/all.zip" $(ls | grep -- '-.*json' | head -3) 0000.json) || fail "zip"
expect_rc 1 vx audit --json
[ "$(imported)" != 7 ] || fail "a changed export was not imported again"
jassert "$T/out" 'len(d) >= 1 and all(f["id"].endswith("-1") for f in d)'

# Clean: records that hit nothing installed exit 0.
mkdir -p "$T/clean"
echo '{"id": "PYSEC-0-0", "affected": [{"package": {"ecosystem": "PyPI", "name": "pip"}, "versions": ["0.0.1"]}]}' >"$T/clean/a.json"
expect_rc 0 vx audit --advisories "$T/clean" --json
jassert "$T/out" 'd == []'
expect_rc 1 vx audit --advisories "$T/nowhere"
has "$T/err" "nowhere"
echo 'not a zip' >"$T/bad.zip"
expect_rc 1 vx audit --advisories "$T/bad.zip"
# What was imported before stays.
expect_rc 0 vx audit --json

# --fetch from a loopback http.server: a download, then a 304.
mkdir -p "$T/www/PyPI"
cp "$T/all.zip" "$T/www/PyPI/all.zip"
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$PY -m http.server --bind 127.0.0.1 --directory "$T/www" "$PORT" >"$T/http.log" 2>&1 &
HTTPD=$!
trap 'kill $HTTPD 2>/dev/null || :; cleanup' EXIT
i=0
until $PY -c 'import socket,sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$PORT" 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "http.server did not start"
	sleep 0.1
done
VENVDEX_OSV_URL=http://127.0.0.1:$PORT/PyPI/all.zip
export VENVDEX_OSV_URL
expect_rc 1 vx audit --fetch --json
[ -f "$XDG_CACHE_HOME/venvdex/osv-PyPI.zip" ] || fail "--fetch left no export in the cache"
cmp "$XDG_CACHE_HOME/venvdex/osv-PyPI.zip" "$T/all.zip" || fail "--fetch: the export differs"
jassert "$T/out" 'len(d) >= 1 and all(f["id"].endswith("-1") for f in d)'
expect_rc 1 vx audit --fetch --json
grep -q '" 304 ' "$T/http.log" || { cat "$T/http.log" >&2; fail "the second --fetch was not a conditional 304"; }
VENVDEX_OSV_URL=http://127.0.0.1:$PORT/nothing.zip
expect_rc 1 vx audit --fetch
has "$T/err" "404"
kill $HTTPD
wait $HTTPD 2>/dev/null || :
exit 0
