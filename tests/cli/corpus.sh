#!/bin/sh
# A synthetic home with environments of every kind and manager (bench's
# generator, which also writes what a scanner should report for each):
# venvdex must find each of them, and only them, and say the same.
: "${VENVDEX:?}" "${top_srcdir:?}"
command -v python3 >/dev/null 2>&1 || { echo "no python3"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/venvdex-corpus.XXXXXX")
trap 'rm -rf "$T"' EXIT
H=$T/home
python3 "$top_srcdir/bench/gen-home.py" --entries 20000 --seed 3 --manifest "$T/want.json" "$H" >/dev/null || exit 1
# The generator's managers live where their defaults say, under this HOME.
env -i PATH="$PATH" HOME="$H" LANG=C.UTF-8 "$VENVDEX" --db "$T/db" scan -q "$H" || exit 1
env -i PATH="$PATH" HOME="$H" "$VENVDEX" --db "$T/db" list --json >"$T/got.json" || exit 1
python3 - "$T/want.json" "$T/got.json" "$H" <<'PY'
import json, os, re, sys
want = {e["path"]: e for e in json.load(open(sys.argv[1]))["envs"]}
# A base interpreter also lists the user site, as pip does (a name once).
def names(d):
    if not os.path.isdir(d):
        return set()
    return {re.sub(r"[-_.]+", "-", n.rsplit("-", 1)[0] if n.count("-") else n).lower()
            for n in os.listdir(d) if n.endswith((".dist-info", ".egg-info"))}
for e in want.values():
    if e["kind"] == "interpreter" and e.get("python"):
        mm = ".".join(e["python"].split(".")[:2])
        us = os.path.join(sys.argv[3], ".local/lib/python%s/site-packages" % mm)
        own = os.path.join(e["path"], "lib/python%s/site-packages" % mm)
        if names(us):
            e["packages"] = len(names(us) | names(own))
got = {e["path"]: e for e in json.load(open(sys.argv[2]))}
bad = 0
for p in sorted(set(want) | set(got)):
    if p not in got:
        print("not found:", p); bad += 1; continue
    if p not in want:
        print("not an environment, but listed:", p); bad += 1; continue
    w, g = want[p], got[p]
    for k in ("kind", "creator", "manager", "python", "status", "packages", "project"):
        if w.get(k) != g.get(k):
            print("%s: %s is %r, want %r" % (p, k, g.get(k), w.get(k))); bad += 1
    ws = sorted(s for s in w.get("stale", []) if s != "unused")
    gs = sorted(s for s in g.get("stale", []) if s != "unused")
    if ws != gs:
        print("%s: stale is %r, want %r" % (p, gs, ws)); bad += 1
print("%d environments, %d differences" % (len(want), bad))
sys.exit(1 if bad else 0)
PY
