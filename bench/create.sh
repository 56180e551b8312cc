#!/usr/bin/env bash
# bench/create.sh: venvdex create against python -m venv and virtualenv.
#
# usage: bench/create.sh [--python PY] [--runs R] [--rm]
#
#   --python PY  the interpreter (default /usr/bin/python3: the one the
#                distribution's virtualenv seeds offline, from its
#                python-wheels; it needs ensurepip for `python -m venv`)
#   --runs R     timed runs of the quick commands (default 20); the slow
#                `python -m venv` with pip gets 3
#   --rm         clear each run's DIR with `rm -rf` before the next run, as
#                before 2026-12-03 (see "Deleting between runs" in bench/README.md)
#
# In one hyperfine session each, on the same interpreter, a fresh DIR every run:
#   1. venvdex create DIR --without-pip        vs  python -m venv --without-pip DIR
#   2. venvdex create DIR (pip seeded)         vs  virtualenv DIR (its app-data warm)
#                                              vs  python -m venv DIR (ensurepip)
#   3. the first `python -m pip --version` in an environment just made by each
#      (venvdex's fresh; venv's a copy of one it made, pycs and all), 10
#      pairs timed alternately
# venvdex's wheel cache and virtualenv's app-data are warmed first: both tools
# pay their one-time unpacking once per machine. HOME, XDG_* and the index are
# in a temporary folder. The venvdex binary is $VENVDEX, else ./venvdex.
#
# Between runs each DIR is moved aside, not deleted, and nothing is deleted
# until the script ends (between sessions: sync, then 2 s of rest). On an
# ext4 without a journal, as this machine's, an inode freed in the last
# minute (six, while its inode-table block is dirty) is skipped when a new
# one is allocated, one by one (ext4's recently_deleted(), RECENTCY_MIN 60 s
# since Linux 5.7), so a run within a minute of the `rm -rf` of 1,600 files
# pays for each folder and file it makes a search that has nothing to do
# with the command timed. (An ext4 with a journal, the default, never
# searches so.) Give the machine a minute after deleting much before running.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
py="" runs=20 rm=0
while [ $# -gt 0 ]; do
    case $1 in
        --python) py=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --rm) rm=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done
[ -n "$py" ] || py=/usr/bin/python3
"$py" -c 'import ensurepip, venv' 2>/dev/null || die "$py has no ensurepip (give another with --python)"
bench_setup
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INDEX=1 VIRTUALENV_OVERRIDE_APP_DATA=$work/vapp
unset VIRTUAL_ENV PYTHONPATH PIP_REQUIRE_VIRTUALENV
db=$work/index.db
vx() { "$venvdex" --db "$db" "$@"; }

echo "interpreter: $py ($("$py" -c 'import sys; print(sys.version.split()[0])'))"
echo "venvdex: $("$venvdex" --version)"
have_virtualenv=0
command -v virtualenv >/dev/null && have_virtualenv=1
echo "virtualenv: $([ $have_virtualenv = 1 ] && virtualenv --version | cut -d' ' -f1-2 || echo absent)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# Warm: the wheel cache (unpacked and compiled once), virtualenv's app-data.
vx create "$work/warm" --python "$py" >/dev/null
if [ $have_virtualenv = 1 ] && ! virtualenv -q --python "$py" "$work/warm-ve" >/dev/null 2>&1; then
    echo "virtualenv cannot seed $py offline: left out"
    have_virtualenv=0
fi
"$py" -m venv "$work/pristine"

H="hyperfine -N --style basic"
mkdir -p "$work/trash"
# clear_cmd D: what clears DIR D before the next run; prep D: as a --prepare.
clear_cmd() {
    if [ $rm = 1 ]; then
        echo "rm -rf $work/$1"
    else
        echo "{ test ! -e $work/$1 || mv $work/$1 $work/trash/$1.\$\$; }"
    fi
}
prep() { echo "sh -c '$(clear_cmd "$1")'"; }
# settle: what the last session wrote goes to disk before the next one times.
settle() { sync; sleep 2; }
settle
echo; echo "== without pip"
$H --runs "$runs" --warmup 2 --export-json "$work/h1.json" \
    --prepare "$(prep a)" -n 'venvdex create --without-pip' \
    "$venvdex --db $db create $work/a --python $py --without-pip" \
    --prepare "$(prep b)" -n 'python -m venv --without-pip' \
    "$py -m venv --without-pip $work/b"
settle

echo; echo "== with pip"
cmds=(--prepare "$(prep c)" -n 'venvdex create' "$venvdex --db $db create $work/c --python $py")
[ $have_virtualenv = 1 ] && cmds+=(--prepare "$(prep d)" -n 'virtualenv' \
    "virtualenv -q --python $py $work/d")
$H --runs "$runs" --warmup 2 --export-json "$work/h2.json" "${cmds[@]}"
settle
$H --runs 3 --warmup 0 --export-json "$work/h3.json" \
    --prepare "$(prep c)" -n 'venvdex create' "$venvdex --db $db create $work/c --python $py" \
    --prepare "$(prep e)" -n 'python -m venv' "$py -m venv $work/e"
settle

echo; echo "== the first pip --version in a new environment"
# Pairs, alternately in either order (hyperfine would time all of one, then
# all of the other, each after a --prepare of its own that leaves the machine
# in another state: the ratio moved between 1.01 and 1.11 from run to run).
# Each pair: a fresh env of each (venvdex create; a copy of one
# `python -m venv` made, pycs and all), then the first `pip --version` in each.
python3 - "$work" "$venvdex" "$db" "$py" 10 <<'PY'
import json, os, resource, subprocess, sys, time
work, vx, db, py, n = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
def make(k, i):
    d = os.path.join(work, "%s%d" % (k, i))
    if k == "f":
        subprocess.run([vx, "--db", db, "create", d, "--python", py], check=True,
            stdout=subprocess.DEVNULL)
    else:
        subprocess.run(["cp", "-a", os.path.join(work, "pristine"), d], check=True)
    return d
def timed(d):
    r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
    subprocess.run([os.path.join(d, "bin", "python"), "-m", "pip", "--version"],
        check=True, stdout=subprocess.DEVNULL)
    t, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    return t, r1.ru_utime - r0.ru_utime, r1.ru_stime - r0.ru_stime
got = {"f": [], "g": []}
for i in range(n):
    dirs = {k: make(k, i) for k in "fg"}
    subprocess.run(["sync"])
    for k in ("fg" if i % 2 else "gf"):
        got[k].append(timed(dirs[k]))
def summary(name, v):
    m = lambda j: sum(x[j] for x in v) / len(v)
    return {"command": name, "mean": m(0), "user": m(1), "system": m(2),
        "median": sorted(x[0] for x in v)[len(v) // 2]}
res = [summary("in a venvdex env", got["f"]), summary("in a python -m venv env", got["g"])]
for r in res:
    print("%-24s mean %.1f ms, median %.1f ms (user %.1f, system %.1f)" % (r["command"],
        r["mean"] * 1e3, r["median"] * 1e3, r["user"] * 1e3, r["system"] * 1e3))
json.dump({"results": res}, open(os.path.join(work, "h4.json"), "w"))
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

# The summary: each comparison's ratios, wall (mean) and CPU (user + system
# of the command and its children, mean), against issue 8's targets.
python3 - "$work" <<'PY'
import json, os, sys
w = sys.argv[1]
def res(n):
    p = os.path.join(w, n)
    return json.load(open(p))["results"] if os.path.exists(p) else []
def ms(x):
    return x * 1e3
rows = []
h1, h2, h3, h4 = res("h1.json"), res("h2.json"), res("h3.json"), res("h4.json")
if len(h1) == 2:
    rows.append(("without pip, vs `python -m venv --without-pip`", h1[0], h1[1], "0.15"))
if len(h2) == 2:
    rows.append(("with pip, vs `virtualenv`", h2[0], h2[1], "0.05"))
if len(h3) == 2:
    rows.append(("with pip, vs `python -m venv`", h3[0], h3[1], "0.01"))
if len(h4) == 2:
    rows.append(("first `pip --version` in the new env", h4[0], h4[1], "1 (no slower)"))
print()
print("| what | venvdex wall (CPU) | peer wall (CPU) | wall ratio | CPU ratio | target |")
print("|---|---:|---:|---:|---:|---:|")
for what, a, b, target in rows:
    ca, cb = a["user"] + a["system"], b["user"] + b["system"]
    print("| %s | %.1f ms (%.1f ms) | %.1f ms (%.1f ms) | %.3f | %.3f | %s |" % (
        what, ms(a["mean"]), ms(ca), ms(b["mean"]), ms(cb),
        a["mean"] / b["mean"], ca / cb, target))
PY
