#!/bin/sh
# dupes over the benchmark index of bench/tui.sh's size: 1,500 environments
# of 27 distributions each (40,000 packages), drawn from a pool of 400 wheels
# so that most are installed many times; each has a RECORD with hashes, and
# one environment in five is a `cp -al` copy of another (hard links). Times
# `venvdex dupes` and `dupes --json` (hyperfine if installed, else a loop).
#   bench/dupes.sh [--envs N] [--pkgs-per-env M] [--runs R] [--keep DIR]
# --keep DIR keeps the tree and the index in DIR; a later run reuses them.
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
	*) echo "usage: bench/dupes.sh [--envs N] [--pkgs-per-env M] [--runs R] [--keep DIR]" >&2; exit 2 ;;
	esac
done
if [ -n "$keep" ]; then
	mkdir -p "$keep"
	T=$(cd "$keep" && pwd)
else
	T=$(mktemp -d /tmp/venvdex-dupes-bench.XXXXXX)
	trap 'rm -rf "$T"' EXIT
fi
export HOME=$T/home XDG_CACHE_HOME=$T/home/.cache XDG_DATA_HOME=$T/home/.local/share
export LANG=C.UTF-8 TZ=UTC

DB=$T/index.db
[ -f "$DB" ] || python3 - "$T/home/src" "$envs" "$per" <<'PY'
import base64, hashlib, os, random, subprocess, sys
root, envs, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rnd = random.Random(7)
words = ["req", "num", "py", "dj", "flask", "yaml", "toml", "click", "rich", "attr",
         "six", "idna", "cert", "url", "lib", "jinja", "mark", "safe", "boto", "core"]
pool = []
for i in range(400):
    pool.append(("%s%s-%d" % (rnd.choice(words), rnd.choice(words), i),
                 "%d.%d.%d" % (rnd.randrange(5), rnd.randrange(20), rnd.randrange(10))))
def h(b):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b"=").decode()
made = []
for e in range(envs):
    d = os.path.join(root, "proj%04d" % e, ".venv")
    if made and e % 5 == 4:
        # A hard-linked copy of an environment made before (cp -al).
        os.makedirs(os.path.dirname(d))
        subprocess.check_call(["cp", "-al", rnd.choice(made), d])
        continue
    site = os.path.join(d, "lib", "python3.11", "site-packages")
    os.makedirs(site)
    os.makedirs(os.path.join(d, "bin"))
    with open(os.path.join(d, "pyvenv.cfg"), "w") as f:
        f.write("home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n")
    for name, ver in rnd.sample(pool, per):
        mod = name.replace("-", "_")
        di = "%s-%s.dist-info" % (mod, ver)
        files = {
            mod + "/__init__.py": ("VERSION = %r\n" % ver).encode() * 20,
            mod + "/core.py": ("def f():\n    return %r\n" % name).encode() * 50,
            di + "/METADATA": ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s does things\n" % (name, ver, name)).encode(),
            di + "/INSTALLER": b"pip\n",
        }
        rec = "".join("%s,%s,%d\n" % (p, h(c), len(c)) for p, c in files.items())
        rec += di + "/RECORD,,\n"
        files[di + "/RECORD"] = rec.encode()
        for p, c in files.items():
            os.makedirs(os.path.join(site, os.path.dirname(p)), exist_ok=True)
            with open(os.path.join(site, p), "wb") as f:
                f.write(c)
    made.append(d)
PY
[ -f "$DB" ] || "$VENVDEX" --db "$DB" scan -q "$T/home"
"$VENVDEX" --db "$DB" list --json | python3 -c 'import json,sys; e=json.load(sys.stdin); print("index: %d environments, %d packages" % (len(e), sum(x["packages"] for x in e)))'
"$VENVDEX" --db "$DB" dupes | tail -n 1
if command -v hyperfine >/dev/null 2>&1; then
	hyperfine -N --warmup 2 --runs "$runs" \
	    "$VENVDEX --db $DB dupes" "$VENVDEX --db $DB dupes --json"
else
	for c in "dupes" "dupes --json"; do
		s=$(date +%s%N)
		i=0
		while [ $i -lt "$runs" ]; do
			# shellcheck disable=SC2086
			"$VENVDEX" --db "$DB" $c >/dev/null
			i=$((i + 1))
		done
		echo "venvdex $c: $(( ($(date +%s%N) - s) / runs / 1000000 )) ms a run"
	done
fi
