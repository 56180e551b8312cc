# bench/lib.sh: what deep.sh and pkgs.sh share. Sourced after `set -euo pipefail`.
# Gives top (the source tree), die, usage, bench_setup.

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
die() { echo "bench/$(basename "$0"): $*" >&2; exit 1; }
usage() { sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "$0"; }

# bench_setup: venvdex (from $VENVDEX, else ./venvdex in the tree) and hyperfine
# checked; work, a temporary folder removed at exit, holding HOME and XDG_*.
bench_setup() {
    venvdex=${VENVDEX:-$top/venvdex}
    [ -x "$venvdex" ] || die "no venvdex binary at $venvdex (build it, or set VENVDEX)"
    command -v hyperfine >/dev/null || die "hyperfine is needed (apt-get install hyperfine)"
    work=$(mktemp -d "${TMPDIR:-/tmp}/venvdex-bench.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    export HOME=$work/home XDG_CACHE_HOME=$work/home/.cache
    export XDG_DATA_HOME=$work/home/.local/share XDG_CONFIG_HOME=$work/home/.config
    mkdir -p "$HOME"
}
