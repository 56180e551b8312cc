#!/usr/bin/env bash
# bench/pkgs.sh: what one environment holds, venvdex against pip's own `pip list`.
#
# usage: bench/pkgs.sh [--dists N] [--runs R]
#
#   --dists N  distributions to add to the environment (default 300)
#   --runs R   timed runs per command (default 10); the median is reported
#
# Makes a real environment with `python3 -m venv` (pip from ensurepip, offline) in a
# temporary folder and adds N distributions to it (dist-info with METADATA, RECORD,
# INSTALLER, as pip writes them), then times, on that one environment:
#   1. python -m pip list --format=json       (pip's answer; PIP_DISABLE_PIP_VERSION_CHECK)
#   2. venvdex pkgs ENV --json                 (from the index)
#   3. venvdex scan --full ENV + pkgs ENV      (read from disk again, then answered)
# and checks that venvdex and pip name the same packages at the same versions.
# HOME, XDG_* and the index are in the temporary folder. The venvdex binary is $VENVDEX,
# else ./venvdex at the top of the source tree. Uses hyperfine.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
dists=300 runs=10
while [ $# -gt 0 ]; do
    case $1 in
        --dists) dists=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done
python3 -c 'import ensurepip, venv' 2>/dev/null || die "python3 with venv and ensurepip is needed"
bench_setup
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1
unset VIRTUAL_ENV PYTHONPATH PIP_REQUIRE_VIRTUALENV
env=$work/env
db=$work/index.db
python3 -m venv "$env" || die "python3 -m venv failed"
python3 - "$env" "$dists" <<'PY'
import glob, hashlib, base64, os, sys
env, n = sys.argv[1], int(sys.argv[2])
site = glob.glob(os.path.join(env, "lib", "python3*", "site-packages"))[0]
def h(b):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()
for i in range(n):
    name, ver = "bench-pkg-%03d" % i, "%d.%d.%d" % (i % 7, i % 13, i % 5)
    mod = "bench_pkg_%03d" % i
    os.makedirs(os.path.join(site, mod))
    src = ("VALUE = %d\n" % i).encode()
    open(os.path.join(site, mod, "__init__.py"), "wb").write(src)
    di = os.path.join(site, "%s-%s.dist-info" % (mod, ver))
    os.makedirs(di)
    meta = ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: benchmark package %d\n"
            "Requires-Dist: bench-pkg-%03d\n\nA description.\n" % (name, ver, i, (i + 1) % n)).encode()
    files = {"METADATA": meta, "INSTALLER": b"pip\n", "WHEEL": b"Wheel-Version: 1.0\n"}
    for f, b in files.items():
        open(os.path.join(di, f), "wb").write(b)
    rec = ["%s/__init__.py,%s,%d" % (mod, h(src), len(src))]
    rec += ["%s/%s,%s,%d" % (os.path.basename(di), f, h(b), len(b)) for f, b in files.items()]
    rec.append("%s/RECORD,," % os.path.basename(di))
    open(os.path.join(di, "RECORD"), "w").write("\n".join(rec) + "\n")
PY

q() { printf '%q' "$1"; }
pip_list="$(q "$env/bin/python") -m pip list --format=json"
vx_pkgs="$(q "$venvdex") --db $(q "$db") pkgs $(q "$env") --json"
vx_scan="$(q "$venvdex") --db $(q "$db") scan -q --full $(q "$env") && $vx_pkgs"
"$venvdex" --db "$db" scan -q "$env" || die "venvdex scan failed"

# The same answer, or the timings mean nothing.
eval "$pip_list" >"$work/pip.json"
eval "$vx_pkgs" >"$work/vx.json"
python3 - "$work/pip.json" "$work/vx.json" <<'PY' || die "venvdex and pip disagree"
import json, re, sys
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
pip = {norm(d["name"]): d["version"] for d in json.load(open(sys.argv[1]))}
vx = {norm(d["name"]): d["version"] for d in json.load(open(sys.argv[2]))}
if pip != vx:
    print("only pip:", sorted(set(pip.items()) - set(vx.items()))[:5])
    print("only venvdex:", sorted(set(vx.items()) - set(pip.items()))[:5])
    sys.exit(1)
print("pip list and venvdex pkgs agree on %d distributions" % len(pip), file=sys.stderr)
PY
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/pip.json")

hyperfine --warmup 2 --runs "$runs" --style basic --export-json "$work/t.json" \
    -n "pip list" "$pip_list" -n "venvdex pkgs" "$vx_pkgs" \
    -n "venvdex scan --full + pkgs" "$vx_scan" >&2
python3 - "$work/t.json" "$n" "$runs" "$(nproc)" "$(uname -sr)" \
    "$("$env/bin/python" -m pip --version | cut -d' ' -f1-2)" "$("$venvdex" --version)" <<'PY'
import json, statistics, sys
t = {r["command"]: r["times"] for r in json.load(open(sys.argv[1]))["results"]}
n, runs, cpus, kernel, pipv, vxv = sys.argv[2:8]
print("One environment with %s distributions; %s, %s; %s CPUs, %s; warm cache;" % (n, pipv, vxv, cpus, kernel))
print("hyperfine, median of %s runs after two warm-ups.\n" % runs)
print("| command | median (ms) | min (ms) | max (ms) |")
print("|---|---:|---:|---:|")
label = {"pip list": "`python -m pip list --format=json`", "venvdex pkgs": "`venvdex pkgs ENV --json`",
         "venvdex scan --full + pkgs": "`venvdex scan --full ENV` + `venvdex pkgs ENV --json`"}
med = {}
for k, v in t.items():
    med[k] = statistics.median(v)
    print("| %s | %.1f | %.1f | %.1f |" % (label[k], med[k] * 1e3, min(v) * 1e3, max(v) * 1e3))
print("\n| measure | value |\n|---|---:|")
print("| pkgs / pip list | %.3fx |" % (med["venvdex pkgs"] / med["pip list"]))
print("| scan + pkgs / pip list | %.3fx |" % (med["venvdex scan --full + pkgs"] / med["pip list"]))
PY
