#!/usr/bin/env bash
# bench/deep.sh: a tree thousands of levels deep (hostile, but found on real disks after a
# runaway script), venvdex against find and fdfind on the same tree.
#
# usage: bench/deep.sh [--depth N] [--runs R]
#
#   --depth N  levels (default 5000; paths pass PATH_MAX after about 2000)
#   --runs R   timed runs per command (default 5); hyperfine's median is reported
#
# Times `venvdex scan` with a fresh index and again on the unchanged tree, `find -name
# pyvenv.cfg` and `fdfind -u -g pyvenv.cfg`; a venv at the bottom must be found. Everything is
# in a temporary folder. The venvdex binary is $VENVDEX, else ./venvdex at the top of the tree.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
depth=5000 runs=5
while [ $# -gt 0 ]; do
    case $1 in
        --depth) depth=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done
bench_setup
python3 - "$work/tree" "$depth" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
os.chdir(sys.argv[1])
for i in range(int(sys.argv[2])):
    os.mkdir("d")
    os.chdir("d")
os.makedirs("venv/bin")
os.makedirs("venv/lib/python3.11/site-packages/deep_pkg-1.0.dist-info")
open("venv/pyvenv.cfg", "w").write("home = /usr/bin\nversion = 3.11.7\n")
open("venv/lib/python3.11/site-packages/deep_pkg-1.0.dist-info/METADATA", "w").write(
    "Metadata-Version: 2.1\nName: deep-pkg\nVersion: 1.0\n")
PY

q() { printf '%q' "$1"; }
db=$work/index.db
scan="$(q "$venvdex") --db $(q "$db") scan -q $(q "$work/tree")"
"$venvdex" --db "$db" scan -q "$work/tree"
"$venvdex" --db "$db" find '^deep-pkg$' >/dev/null || die "the venv at the bottom was not found"
cmds=(-n "venvdex scan (fresh index)" --prepare "rm -f $(q "$db")*" "$scan")
args=(-n "venvdex scan (again)" "$scan" -n "find" "find $(q "$work/tree") -name pyvenv.cfg")
fd=$(command -v fdfind || command -v fd || true)
[ -n "$fd" ] && args+=(-n "fdfind" "$fd -u -g pyvenv.cfg $(q "$work/tree")")
hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$work/a.json" "${cmds[@]}" >&2
hyperfine --warmup 1 --runs "$runs" --style basic --export-json "$work/b.json" "${args[@]}" >&2
python3 - "$work/a.json" "$work/b.json" "$depth" "$(du -sh "$db" | cut -f1)" <<'PY'
import json, statistics, sys
rows = []
for f in sys.argv[1:3]:
    rows += [(r["command"], statistics.median(r["times"])) for r in json.load(open(f))["results"]]
print("A chain of %s folders with a venv at the bottom; index after a scan: %s.\n" % (sys.argv[3], sys.argv[4]))
print("| command | median (ms) |\n|---|---:|")
for name, t in rows:
    print("| %s | %.0f |" % (name, t * 1e3))
PY
