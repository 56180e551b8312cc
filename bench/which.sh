#!/bin/sh
# which over a PATH of N environments' bin folders, each with its own python
# (a venv layout made by hand whose bin/python links to the real python3):
# N matches in N environments, looked up in which's environment cache once
# each. The environments are indexed first, so the run measures which itself.
# PATH's entries are relative (e/0001/bin, from $T) as a 10,000-entry PATH of
# absolute ones would not fit in one variable (Linux: 128 KiB).
#   bench/which.sh [--envs N] [--runs R]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
VENVDEX=${VENVDEX:-$top/venvdex}
envs=10000 runs=5
while [ $# -gt 0 ]; do
	case $1 in
	--envs) envs=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	*) echo "usage: bench/which.sh [--envs N] [--runs R]" >&2; exit 2 ;;
	esac
done
command -v hyperfine >/dev/null || { echo "bench/which.sh: hyperfine is needed" >&2; exit 1; }
PY=$(python3 -c 'import sys; print(sys.executable)')
T=$(mktemp -d /tmp/venvdex-which-bench.XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME=$T/home XDG_CACHE_HOME=$T/home/.cache XDG_DATA_HOME=$T/home/.local/share
export LANG=C.UTF-8 TZ=UTC
mkdir -p "$HOME"

cd "$T"
python3 - "$T/e" "$envs" "$PY" "$T/path" <<'PY'
import os, sys
root, n, py, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
bins = []
for i in range(n):
    d = os.path.join(root, "%04d" % i)
    os.makedirs(os.path.join(d, "bin"))
    os.makedirs(os.path.join(d, "lib", "python3.11", "site-packages"))
    with open(os.path.join(d, "pyvenv.cfg"), "w") as f:
        f.write("home = %s\ninclude-system-site-packages = false\nversion = 3.11.7\n"
                % os.path.dirname(py))
    os.symlink(py, os.path.join(d, "bin", "python"))
    bins.append("e/%04d/bin" % i)
with open(out, "w") as f:
    f.write(":".join(bins) + ":/usr/bin:/bin")
PY
"$VENVDEX" --db "$T/index.db" scan -q "$T/e"
PATH=$(cat "$T/path") "$VENVDEX" --db "$T/index.db" which --json python >"$T/out.json" || :
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d[0]["matches"]), "matches,",
    len({m["env"] for m in d[0]["matches"]}), "environments")' "$T/out.json"
PATH=$(cat "$T/path") hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$T/h.json" \
    "$VENVDEX --db $T/index.db which --json python" >/dev/null
python3 - "$T/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("which --json python: wall %.2f s (mean of %d), CPU user %.2f + system %.2f s"
      % (r["mean"], len(r["times"]), r["user"], r["system"]))
PY
