#!/bin/sh
# The browser's speed: start to first full paint with an index of 1,500
# environments and 40,000 packages, and the time to filter and redraw per
# keystroke in the package search over all 40,000. Needs tmux and python3.
# First paint runs from just before the exec (VENVDEX_T0, set by the shell
# that tmux starts) to the end of the first refresh(); the marks found after
# it (RUNS, STATUS deps and !vuln) from the same start to when they are known.
#   bench/tui.sh [--envs N] [--pkgs-per-env M]
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
VENVDEX=${VENVDEX:-$top/venvdex}
envs=1500 per=27
while [ $# -gt 0 ]; do
	case $1 in
	--envs) envs=$2; shift 2 ;;
	--pkgs-per-env) per=$2; shift 2 ;;
	*) echo "usage: bench/tui.sh [--envs N] [--pkgs-per-env M]" >&2; exit 2 ;;
	esac
done
T=$(mktemp -d /tmp/venvdex-tui-bench.XXXXXX)
trap 'tmux -L vxb$$ kill-server 2>/dev/null || :; rm -rf "$T"' EXIT
export HOME=$T/home XDG_CACHE_HOME=$T/home/.cache XDG_DATA_HOME=$T/home/.local/share
export LANG=C.UTF-8 TZ=UTC

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
    for p in range(per):
        name = "%s%s-%d" % (rnd.choice(words), rnd.choice(words), rnd.randrange(400))
        ver = "%d.%d.%d" % (rnd.randrange(5), rnd.randrange(20), rnd.randrange(10))
        di = os.path.join(site, "%s-%s.dist-info" % (name.replace("-", "_"), ver))
        if os.path.exists(di):
            continue
        os.makedirs(di)
        with open(os.path.join(di, "METADATA"), "w") as f:
            f.write("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s does things\n" % (name, ver, name))
PY
DB=$T/index.db
"$VENVDEX" --db "$DB" scan -q "$T/home"
"$VENVDEX" --db "$DB" list --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("index: %d environments, %d packages" % (len(e), sum(x["packages"] for x in e)))'

tm() { tmux -L vxb$$ "$@"; }
run() {	# run KEYS...: one browser session; timings appended to $T/t
	tm -f /dev/null new-session -d -x 160 -y 50 \
	    "TERM=screen VENVDEX_TIMINGS=$T/t HOME=$HOME VENVDEX_T0=\$(date +%s%N) exec '$VENVDEX' --db '$DB'"
	sleep 1
	for k in "$@"; do tm send-keys "$k"; sleep 0.15; done
	tm send-keys Escape q q q; sleep 0.5
	tm kill-server 2>/dev/null || true
}
: >"$T/t"
for i in 1 2 3 4 5; do run; done			# first paint, 5 runs
run f r e q u e s t BSpace BSpace s y BSpace BSpace BSpace BSpace n u m C-u '[a-f]' c o r e
python3 - "$T/t" <<'PY'
import statistics, sys
first, marks, keys = [], [], []
for line in open(sys.argv[1]):
    k, v, n = line.split()
    {"first-paint-ms": first, "marks-ms": marks}.get(k, keys).append((float(v), int(n)))
print("| measure | median | max | rows |")
print("|---|---|---|---|")
if first:
    v = [x for x, _ in first]
    print("| start to first full paint (ms, %d runs) | %.1f | %.1f | %d environments |" % (len(v), statistics.median(v), max(v), first[0][1]))
if marks:
    v = [x for x, _ in marks]
    print("| start to the slow marks: RUNS, STATUS deps and !vuln (ms, %d runs) | %.1f | %.1f | %d environments |" % (len(v), statistics.median(v), max(v), marks[0][1]))
if keys:
    v = [x for x, _ in keys]
    print("| filter keystroke, filter + redraw (ms, %d keys) | %.2f | %.2f | %d packages |" % (len(v), statistics.median(v), max(v), keys[0][1]))
PY
