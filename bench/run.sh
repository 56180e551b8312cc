#!/usr/bin/env bash
# bench/run.sh: time venvdex against find and fd on a synthetic home directory.
#
# usage: bench/run.sh [--entries N] [--keep DIR] [--seed S] [--runs R]
#
#   --entries N  size of the corpus in filesystem entries (default 300000)
#   --keep DIR   build the corpus in DIR (DIR/home) and keep it; a later run with the same
#                DIR, N and seed reuses it. Without --keep a temporary directory under
#                ${TMPDIR:-/tmp} is used and removed at the end.
#   --seed S     generator seed (default 1)
#   --runs R     timed runs per command (default 5); the median is reported
#
# The venvdex binary is $VENVDEX, else ./venvdex at the top of the source tree.
# Every venvdex run gets a clean environment whose HOME and XDG_* directories are the corpus,
# and an explicit --db outside the corpus: the real home and the real index are never touched.
# BENCH_TIMER=loop and BENCH_RSS=python force the fallbacks (for testing this script).
# Warm cache: the corpus was just written (or is read by the warm-up runs); caches are never
# dropped. Uses hyperfine when installed, else a loop timed with date +%s.%N.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
entries=300000
seed=1
runs=5
keep=

die() { echo "bench/run.sh: $*" >&2; exit 1; }
usage() { sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; }

while [ $# -gt 0 ]; do
    case $1 in
        --entries) [ $# -ge 2 ] || die "--entries needs a value"; entries=$2; shift 2 ;;
        --entries=*) entries=${1#*=}; shift ;;
        --keep) [ $# -ge 2 ] || die "--keep needs a directory"; keep=$2; shift 2 ;;
        --keep=*) keep=${1#*=}; shift ;;
        --seed) [ $# -ge 2 ] || die "--seed needs a value"; seed=$2; shift 2 ;;
        --seed=*) seed=${1#*=}; shift ;;
        --runs) [ $# -ge 2 ] || die "--runs needs a value"; runs=$2; shift 2 ;;
        --runs=*) runs=${1#*=}; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
case $entries in ''|*[!0-9]*) die "--entries: not a number: $entries" ;; esac
case $seed in ''|*[!0-9]*) die "--seed: not a number: $seed" ;; esac
case $runs in ''|*[!0-9]*|0) die "--runs: not a positive number: $runs" ;; esac

venvdex=${VENVDEX:-$top/venvdex}
case $venvdex in /*) ;; */*) venvdex=$(cd "$(dirname "$venvdex")" && pwd)/$(basename "$venvdex") ;;
    *) venvdex=$(command -v "$venvdex" || echo "$venvdex") ;; esac
[ -x "$venvdex" ] || die "no venvdex binary at $venvdex (build it, or set VENVDEX)"
command -v python3 >/dev/null || die "python3 is needed for the corpus generator"

# --- the corpus ------------------------------------------------------------------------------
if [ -n "$keep" ]; then
    mkdir -p "$keep"
    work=$(cd "$keep" && pwd)
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/venvdex-bench.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi
root=$work/home
[ "$(cd "$work" && pwd -P)/home" != "$(cd "$HOME" 2>/dev/null && pwd -P)" ] || die "$root is your real home"
dbdir=$work/db
mkdir -p "$dbdir"
stamp="entries=$entries seed=$seed gen=$(python3 -c 'import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],"rb").read()).hexdigest()[:16])' "$here/gen-home.py")"

if [ -d "$root" ] && [ -f "$work/corpus.stamp" ] && [ "$(cat "$work/corpus.stamp")" = "$stamp" ] \
   && [ -f "$work/gen.log" ]; then
    echo "reusing the corpus in $root ($stamp)" >&2
else
    if [ -e "$root" ]; then
        [ -f "$work/corpus.stamp" ] || die "$root exists but was not made by bench/run.sh; not touching it"
        echo "removing the old corpus in $root" >&2
        rm -rf "$root"
    fi
    rm -f "$work/corpus.stamp"
    echo "generating $entries entries in $root ..." >&2
    python3 "$here/gen-home.py" --entries "$entries" --seed "$seed" \
        --manifest "$work/manifest.json" "$root" | tee "$work/gen.log" >&2
    echo "$stamp" > "$work/corpus.stamp"
fi
gen_line() { sed -n "s/^$1 \([0-9]*\).*/\1/p" "$work/gen.log" | head -1; }
n_entries=$(gen_line entries)
n_envs=$(gen_line environments)
n_dists=$(gen_line dist-info)
gen_secs=$(sed -n 's/.* in \([0-9.]*\)s$/\1/p' "$work/gen.log" | head -1)
du_corpus=$(du -sh "$root" 2>/dev/null | cut -f1)

# --- the commands ----------------------------------------------------------------------------
# A clean environment: nothing from the real user's setup (PYENV_ROOT, CONDA_PREFIX, VIRTUAL_ENV,
# WORKON_HOME, PIPX_HOME, VENVDEX_DB, ...) leaks in; home and XDG directories are the corpus.
q() { printf '%q' "$1"; }
cleanenv="env -i PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 HOME=$(q "$root")"
cleanenv+=" XDG_CONFIG_HOME=$(q "$root/.config") XDG_CACHE_HOME=$(q "$root/.cache")"
cleanenv+=" XDG_DATA_HOME=$(q "$root/.local/share") XDG_STATE_HOME=$(q "$root/.local/state")"
db_fresh=$dbdir/fresh.db
db_again=$dbdir/rescan.db
rmdb() { printf 'rm -f %s %s %s' "$(q "$1")" "$(q "$1-wal")" "$(q "$1-shm")"; }
cmd_scan="$cleanenv $(q "$venvdex") --db $(q "$db_fresh") scan $(q "$root")"
cmd_rescan="$cleanenv $(q "$venvdex") --db $(q "$db_again") scan $(q "$root")"
cmd_find="find $(q "$root") -name pyvenv.cfg"
fd=
if command -v fdfind >/dev/null; then fd=fdfind
elif command -v fd >/dev/null && fd --version 2>/dev/null | grep -q '^fd '; then fd=fd
fi
cmd_fd=${fd:+"$fd -u -g pyvenv.cfg $(q "$root")"}

# the rescan needs an index of the unchanged tree
eval "$(rmdb "$db_again")"
eval "$cmd_rescan" >/dev/null || die "venvdex scan failed: $cmd_rescan"

declare -A med lo hi
median_of() { sort -g | awk '{a[NR]=$1} END {if (NR%2) m=a[(NR+1)/2]; else m=(a[NR/2]+a[NR/2+1])/2;
                                             printf "%.4f %.4f %.4f\n", m, a[1], a[NR]}'; }

# time NAME PREPARE COMMAND: one untimed warm-up, then $runs timed runs
if [ "${BENCH_TIMER:-}" != loop ] && command -v hyperfine >/dev/null; then
    timer="hyperfine $(hyperfine --version | cut -d' ' -f2)"
    time_cmd() {
        local name=$1 prep=$2 cmd=$3 json=$work/$1.json
        local args=(--warmup 1 --runs "$runs" --export-json "$json" --style basic)
        [ -n "$prep" ] && args+=(--prepare "$prep")
        echo "== $name: $cmd" >&2
        hyperfine "${args[@]}" "$cmd" >&2 || die "$name failed"
        read -r med[$name] lo[$name] hi[$name] < <(python3 -c '
import json, sys
t = json.load(open(sys.argv[1]))["results"][0]["times"]
print("\n".join(str(x) for x in t))' "$json" | median_of)
    }
else
    timer="bash loop (date +%s.%N)"
    time_cmd() {
        local name=$1 prep=$2 cmd=$3 i t0 t1 times=
        echo "== $name: $cmd" >&2
        [ -n "$prep" ] && eval "$prep"
        eval "$cmd" >/dev/null || die "$name failed"
        for ((i = 0; i < runs; i++)); do
            [ -n "$prep" ] && eval "$prep"
            t0=$(date +%s.%N)
            eval "$cmd" >/dev/null || die "$name failed"
            t1=$(date +%s.%N)
            times+="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.6f", b - a}') "
        done
        echo "   times: $times" >&2
        read -r med[$name] lo[$name] hi[$name] < <(printf '%s\n' $times | median_of)
    }
fi

time_cmd scan "$(rmdb "$db_fresh")" "$cmd_scan"
time_cmd rescan "" "$cmd_rescan"
time_cmd find "" "$cmd_find"
if [ -n "$fd" ]; then
    time_cmd fd "" "$cmd_fd"
else
    echo "== fd: fdfind not installed, skipped" >&2
fi

# --- peak memory of one fresh scan -----------------------------------------------------------
eval "$(rmdb "$db_fresh")"
rss_kb=
if [ "${BENCH_RSS:-}" != python ] && /usr/bin/time -f %M true >/dev/null 2>&1; then
    rss_how="GNU time %M"
    eval "/usr/bin/time -f %M -o $(q "$work/rss") $cmd_scan" >/dev/null || die "scan failed"
    rss_kb=$(tail -1 "$work/rss")
else
    rss_how="getrusage(RUSAGE_CHILDREN)"
    rss_kb=$(eval "python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' $cmd_scan") || die "scan failed"
fi

# --- what each found (a sanity check, not timed) ---------------------------------------------
found_find=$(eval "$cmd_find" | wc -l)
found_fd=${fd:+$(eval "$cmd_fd" | wc -l)}
found_vx=$(eval "$cleanenv $(q "$venvdex") --db $(q "$db_fresh") list --json" 2>/dev/null |
           python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo "?")
vx_version=$("$venvdex" --version 2>/dev/null | head -1 || true)

# --- report ----------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
s3() { awk -v a="$1" 'BEGIN { printf "%.3f", a }'; }
row() { printf '| %s | %s | %s | %s |\n' "$1" "$(s3 "${med[$2]}")" "$(s3 "${lo[$2]}")" "$(s3 "${hi[$2]}")"; }
fs=$(df -T "$root" 2>/dev/null | awk 'NR == 2 {print $2}')
{
    echo "Corpus: $n_entries entries ($du_corpus), $n_envs environments, $n_dists dist-info"
    echo "(gen-home.py --entries $entries --seed $seed, generated in ${gen_secs:-?}s)."
    echo "Machine: $(nproc) CPUs, $(uname -sr), ${fs:-?} filesystem; warm cache; $timer;"
    echo "median of $runs runs after one warm-up. venvdex: ${vx_version:-$venvdex}."
    echo
    echo "| command | median (s) | min (s) | max (s) |"
    echo "|---|---:|---:|---:|"
    row "\`venvdex --db X scan ROOT\` (fresh db)" scan
    row "\`venvdex --db X scan ROOT\` again (unchanged tree)" rescan
    row "\`find ROOT -name pyvenv.cfg\`" find
    if [ -n "$fd" ]; then row "\`fdfind -u -g pyvenv.cfg ROOT\`" fd
    else echo "| \`fdfind -u -g pyvenv.cfg ROOT\` | skipped: not installed | | |"; fi
    echo
    echo "| measure | value |"
    echo "|---|---:|"
    if [ -n "$fd" ]; then echo "| scan / fdfind | $(ratio "${med[scan]}" "${med[fd]}")x |"
    else echo "| scan / fdfind | n/a |"; fi
    echo "| scan / find | $(ratio "${med[scan]}" "${med[find]}")x |"
    echo "| rescan / scan | $(ratio "${med[rescan]}" "${med[scan]}")x |"
    echo "| peak RSS of one scan | $(awk -v k="$rss_kb" 'BEGIN {printf "%.1f MB", k / 1024}') |"
    echo "| environments found: venvdex / find / fdfind / generated | $found_vx / $found_find / ${found_fd:-n/a} / $n_envs |"
    echo
    echo "(peak RSS by $rss_how; find and fdfind count pyvenv.cfg files only, so they miss conda"
    echo "environments, interpreters and legacy virtualenvs.)"
} | tee "$work/results.md"
[ -n "$keep" ] && echo "corpus kept in $root; this table is in $work/results.md" >&2
exit 0
