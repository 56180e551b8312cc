#!/usr/bin/env bash
# bench/rescan.sh: the CPU time of a re-scan of an unchanged tree, for two venvdex
# binaries (what a change to the probe costs every plain `venvdex scan`).
#
# usage: bench/rescan.sh [--entries N] [--runs R] OLD NEW
#
#   OLD, NEW     two venvdex binaries (e.g. one built before a change, one after)
#   --entries N  size of the corpus (gen-home.py, seed 1) in entries (default 300000)
#   --runs R     timed runs per binary (default 20); hyperfine's mean user and system
#                times are reported: on a machine others load too, CPU time says more
#                than wall time
#
# Each binary indexes the corpus once into its own index, then re-scans it R times.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

entries=300000
runs=20
while [ $# -gt 0 ]; do
    case $1 in
        --entries) entries=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) break ;;
    esac
done
[ $# -eq 2 ] || { usage >&2; exit 2; }
old=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
new=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
VENVDEX=$new bench_setup
python3 "$top/bench/gen-home.py" --entries "$entries" --seed 1 "$work/corpus" >/dev/null
for b in "$old" "$new"; do
    "$b" --db "$work/$(basename "$b").db" scan -q "$work/corpus"
done
hyperfine -N --warmup 2 --runs "$runs" --export-json "$work/h.json" \
    -n old "$old --db $work/$(basename "$old").db scan -q $work/corpus" \
    -n new "$new --db $work/$(basename "$new").db scan -q $work/corpus" >/dev/null
python3 - "$work/h.json" "$entries" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print("re-scan of an unchanged %s-entry corpus, mean of %d runs:" % (sys.argv[2], len(r[0]["times"])))
print("| binary | user (ms) | sys (ms) | user+sys (ms) | wall median (ms) |")
print("|---|---:|---:|---:|---:|")
for x in r:
    print("| %s | %.1f | %.1f | %.1f | %.1f |" % (x["command"], x["user"] * 1e3,
        x["system"] * 1e3, (x["user"] + x["system"]) * 1e3, x["median"] * 1e3))
EOF
