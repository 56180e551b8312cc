#!/bin/sh
# deps and check over every environment of an index of 1,500 environments
# (as bench/tui.sh makes it: 27 packages each, here with Requires-Dist lines
# between them, markers and extras, some missing and some in conflict).
#   bench/deps.sh [--envs N] [--pkgs-per-env M] [--runs R] [--keep DIR]
# --keep DIR keeps the environments and the index in DIR; a later run with
# the same --envs and --pkgs-per-env reuses them.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
VENVDEX=${VENVDEX:-$top/venvdex}
envs=1500 per=27 runs=10 keep=
while [ $# -gt 0 ]; do
	case $1 in
	--envs) envs=$2; shift 2 ;;
	--pkgs-per-env) per=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--keep) keep=$2; shift 2 ;;
	*) echo "usage: bench/deps.sh [--envs N] [--pkgs-per-env M] [--runs R] [--keep DIR]" >&2; exit 2 ;;
	esac
done
command -v hyperfine >/dev/null || { echo "bench/deps.sh: hyperfine is needed" >&2; exit 1; }
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	T=$(cd "$keep" && pwd)
else
	T=$(mktemp -d /tmp/venvdex-deps-bench.XXXXXX)
	trap 'rm -rf "$T"' EXIT
fi
stamp="envs=$envs per=$per"
export HOME=$T/home XDG_CACHE_HOME=$T/home/.cache XDG_DATA_HOME=$T/home/.local/share
export LANG=C.UTF-8 TZ=UTC

DB=$T/index.db
if [ "$(cat "$T/stamp" 2>/dev/null)" != "$stamp" ]; then
rm -rf "$T/home" "$T/stamp" "$DB" "$DB-wal" "$DB-shm"
python3 - "$T/home/src" "$envs" "$per" <<'PY'
import os, random, sys
root, envs, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(7)
words = ["req", "num", "py", "dj", "flask", "yaml", "toml", "click", "rich", "attr",
         "six", "idna", "cert", "url", "lib", "jinja", "mark", "safe", "boto", "core"]
for e in range(envs):
    d = os.path.join(root, "proj%04d" % e, ".venv")
    site = os.path.join(d, "lib", "python3.11", "site-packages")
    os.makedirs(site)
    os.makedirs(os.path.join(d, "bin"))
    with open(os.path.join(d, "pyvenv.cfg"), "w") as f:
        f.write("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n")
    pkgs = {}
    while len(pkgs) < per:
        name = "%s%s-%d" % (rnd.choice(words), rnd.choice(words), rnd.randrange(400))
        pkgs[name] = "%d.%d.%d" % (rnd.randrange(5), rnd.randrange(20), rnd.randrange(10))
    names = list(pkgs)
    for name, ver in pkgs.items():
        reqs = []
        for other in rnd.sample(names, 4):
            if other == name:
                continue
            v = pkgs[other]
            spec = rnd.choice(["", ">=%s" % v, "<%d" % (int(v.split(".")[0]) + 1),
                               ">=%s,<99" % v, "==%s" % v, ">%s" % v])
            reqs.append(other + spec)
        reqs.append("typing; python_version < '3.5'")
        reqs.append("colorama; sys_platform == 'win32'")
        reqs.append("%s[fast]" % rnd.choice(names))
        reqs.append("speedups>=1; extra == 'fast'")
        if rnd.random() < 0.05:
            reqs.append("gone-%d" % rnd.randrange(100))
        di = os.path.join(site, "%s-%s.dist-info" % (name.replace("-", "_"), ver))
        os.makedirs(di)
        with open(os.path.join(di, "METADATA"), "w") as f:
            f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s does things\n" % (name, ver, name))
            f.write("Provides-Extra: fast\n")
            for r in reqs:
                f.write("Requires-Dist: %s\n" % r)
PY
"$VENVDEX" --db "$DB" scan -q "$T/home"
echo "$stamp" >"$T/stamp"
fi
ENV1=$T/home/src/proj0000/.venv
"$VENVDEX" --db "$DB" list --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("index: %d environments, %d packages" % (len(e), sum(x["packages"] for x in e)))'
"$VENVDEX" --db "$DB" check --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("check: %d environments, %d with problems, %d problems" % (len(d), sum(1 for e in d if e["problems"]), sum(len(e["problems"]) for e in d)))'
hyperfine -N -i --warmup 2 --runs "$runs" --style basic \
    "$VENVDEX --db $DB check" \
    "$VENVDEX --db $DB check --json" \
    "$VENVDEX --db $DB deps $ENV1" \
    "$VENVDEX --db $DB deps --json $ENV1" 2>&1 | grep -E "^Benchmark|Time|Range"
