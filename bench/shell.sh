#!/usr/bin/env bash
# bench/shell.sh: what `venvdex shell` adds on top of the shell's own start-up.
#
# usage: bench/shell.sh [--shell PATH] [--runs R]
#
#   --shell PATH  the shell to start (default: bash)
#   --runs R      timed runs per command (default 30); the median is reported
#
# Makes a real environment with `python3 -m venv` (pip from ensurepip, offline) in
# a temporary folder, indexes it, writes a start-up file that does what people's
# do (PATH changes, aliases, a prompt), and times:
#   1. the shell running `true` after reading that file as its start-up file
#      (bash: ~/.bashrc, `bash -c '. ~/.bashrc; true'`; zsh: ~/.zshrc likewise;
#      sh: $ENV likewise; fish: config.fish, `fish -c true`)
#   2. venvdex shell ENV -- true          (the same file read, ENV activated,
#                                          then ENV re-indexed and compared)
# and reports the difference of the medians: the time venvdex adds (issue 8's
# target: at most 20 ms). HOME, XDG_* and the index are in the temporary folder.
# The venvdex binary is $VENVDEX, else ./venvdex at the top of the source tree.
set -euo pipefail

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sh=bash runs=30
while [ $# -gt 0 ]; do
    case $1 in
        --shell) sh=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument $1 (see --help)" ;;
    esac
done
python3 -c 'import ensurepip, venv' 2>/dev/null || die "python3 with venv and ensurepip is needed"
sh=$(command -v "$sh") || die "no shell $sh"
bench_setup
unset VIRTUAL_ENV PYTHONPATH CONDA_PREFIX VENVDEX_SHELL ZDOTDIR ENV BASH_ENV
env=$work/proj/.venv
db=$work/index.db
python3 -m venv "$env" >/dev/null || die "python3 -m venv failed"
"$venvdex" --db "$db" scan -q "$work/proj" >/dev/null

rc=$work/rc
cat >"$rc" <<RC
export PATH="$work/shims:\$PATH"
alias ll='ls -l'
alias gs='git status'
export EDITOR=vi
PS1='\\u@\\h:\\w\\$ '
RC
case ${sh##*/} in
bash) cp "$rc" "$HOME/.bashrc"; base="$sh -c '. $HOME/.bashrc; true'" ;;
zsh) cp "$rc" "$HOME/.zshrc"; base="$sh -c '. $HOME/.zshrc; true'" ;;
fish) mkdir -p "$XDG_CONFIG_HOME/fish"
      printf 'set -gx PATH %s $PATH\nalias ll "ls -l"\n' "$work/shims" >"$XDG_CONFIG_HOME/fish/config.fish"
      base="$sh -c true" ;;
*) cp "$rc" "$HOME/.shrc"; export ENV=$HOME/.shrc; base="$sh -c '. $HOME/.shrc; true'" ;;
esac

echo "shell: $sh; environment: $env ($(find "$env" -type f | wc -l) files)"
echo "venvdex: $("$venvdex" --version); load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
SHELL=$sh "$venvdex" --db "$db" shell "$env" -- sh -c 'test "$VIRTUAL_ENV" = "$1"' sh "$env" ||
    die "venvdex shell did not activate $env"
export SHELL=$sh
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/h.json" \
    -n "$(basename "$sh") start-up file + true" "$base" \
    -n "venvdex shell ENV -- true" "$venvdex --db $db shell $env -- true" >&2
python3 - "$work/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print()
print("| command | median (ms) | min (ms) | max (ms) |")
print("|---|---:|---:|---:|")
for x in r:
    print("| `%s` | %.1f | %.1f | %.1f |" % (x["command"], x["median"] * 1e3, x["min"] * 1e3, x["max"] * 1e3))
print()
print("added by venvdex (difference of the medians): %.1f ms (target: at most 20 ms)"
      % ((r[1]["median"] - r[0]["median"]) * 1e3))
cpu = [(x["user"] + x["system"]) * 1e3 for x in r]
print("CPU time (user + system, mean, children included): %.1f ms and %.1f ms; "
      "added by venvdex: %.1f ms" % (cpu[0], cpu[1], cpu[1] - cpu[0]))
PY
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
