#!/bin/sh
# corners: inputs that were quadratic, or gave wrong answers or unsafe bytes
# (issue 11). Each part is named after the bug it guards against; time bounds
# are generous for a loaded 2-core machine and far below the old times.
. "$top_srcdir/tests/cli/lib.sh"

SYS=/usr/bin:/bin

# elapsed START: whole seconds since START (a `date +%s`).
elapsed() {
	echo $(( $(date +%s) - $1 ))
}

# --- which_json_long_path_linear ----------------------------------------------
# 10,000 PATH entries (each with a pip, each relative: 10,000 problems too):
# which --json re-parsed its whole array per element (122 s).
$PY - <<'EOF'
import os
os.makedirs('p/1')
with open('p/1/pip', 'w') as f:
    f.write('#!/bin/sh\n')
os.chmod('p/1/pip', 0o755)
for i in range(2, 10001):
    os.mkdir('p/%d' % i)
    os.link('p/1/pip', 'p/%d/pip' % i)
with open('longpath', 'w') as f:
    f.write(':'.join('p/%d' % i for i in range(1, 10001)))
EOF
t0=$(date +%s)
PATH="$(cat longpath):$SYS" vx which --json pip >"$T/out" 2>"$T/err" || :
t=$(elapsed "$t0")
jassert "$T/out" 'len(d) == 1 and len(d[0]["matches"]) >= 10000' \
    "which --json did not list 10,000 matches"
jassert "$T/out" 'len(d[0]["problems"]) >= 10000' \
    "which --json did not list the relative entries"
[ "$t" -lt 60 ] || fail "which_json_long_path_linear: which --json took $t s"
note "which --json, 10,000 PATH entries: $t s"

# --- which_pyenv_version_file_linear ------------------------------------------
# A .python-version naming 10,000 versions none of which is installed.
mkdir -p "$T/pyenv/shims" "$T/pyenv/versions" "$T/proj"
printf '#!/usr/bin/env bash\nexec pyenv exec "$0" "$@"\n' >"$T/pyenv/shims/pip"
chmod +x "$T/pyenv/shims/pip"
$PY -c 'print("\n".join("v%d" % i for i in range(10000)))' >"$T/proj/.python-version"
t0=$(date +%s)
(cd "$T/proj" && PYENV_ROOT=$T/pyenv PATH="$T/pyenv/shims:$SYS" \
    "$VENVDEX" --db "$T/index.db" which --json pip) >"$T/out" 2>"$T/err" || :
t=$(elapsed "$t0")
jassert "$T/out" 'len([p for p in d[0]["problems"] if "is not installed" in p]) == 10000' \
    "which --json did not report each missing version once"
[ "$t" -lt 60 ] || fail "which_pyenv_version_file_linear: which --json took $t s"
note "which --json, 10,000 pyenv versions: $t s"

# --- json_repairs_pyvenv_cfg ----------------------------------------------------
# pyvenv.cfg's version and prompt reached list/show --json as invalid UTF-8.
mkvenv "$T/bad" --without-pip
$PY - "$T/bad/pyvenv.cfg" <<'EOF'
import sys
p = sys.argv[1]
with open(p, 'rb') as f:
    lines = [l for l in f.read().split(b'\n')
             if not l.startswith((b'version', b'prompt'))]
lines += [b'version = 3.11.\xff\xfe', b'prompt = bad\xc3(\xff']
with open(p, 'wb') as f:
    f.write(b'\n'.join(lines) + b'\n')
EOF
expect_rc 0 vx scan "$T/bad"
for c in "list --json" "show $T/bad --json"; do
	# shellcheck disable=SC2086
	expect_rc 0 vx $c
	$PY -c 'import sys; sys.stdin.buffer.read().decode("utf-8")' <"$T/out" ||
	    fail "json_repairs_pyvenv_cfg: $c printed invalid UTF-8"
done
jassert "$T/out" 'd["python"].startswith("3.11.") and d["prompt"].startswith("bad")' \
    "show --json lost the repaired version or prompt"

# --- json_every_command_valid_utf8 --------------------------------------------------
# The sibling of the above: invalid UTF-8 in every string read from disk (the
# folder names, pyvenv.cfg, names, versions, summaries, requirements, the
# installer, a requirements file, an advisory); every command's --json is
# valid UTF-8 through the one repair.
$PY - "$T/u8" "$PY" <<'EOF'
import json, os, sys
root, py = sys.argv[1].encode(), sys.argv[2]
for env in (b'bad\xffenv', b'other\xfe'):
    e = os.path.join(root, env)
    sp = e + b'/lib/python3.11/site-packages'
    os.makedirs(e + b'/bin')
    os.makedirs(sp)
    with open(e + b'/pyvenv.cfg', 'wb') as f:
        f.write(b'home = /usr/bin\nversion = 3.11.\xff\nprompt = p\xc3(\n')
    os.symlink(py, e + b'/bin/python')
    for name, ver in ((b'pk\xffg', b'1.\xfe0'), (b'six', b'1.16.0'), (b'req\xffd', b'2.0')):
        if env == b'other\xfe' and name == b'six':
            ver = b'1.17.0'
        di = sp + b'/' + name + b'-' + ver + b'.dist-info'
        os.makedirs(di)
        with open(di + b'/METADATA', 'wb') as f:
            f.write(b'Metadata-Version: 2.1\nName: ' + name + b'\nVersion: ' + ver +
                b'\nSummary: s\xff\xfe\nRequires-Dist: mis\xffsing (>=1)\n'
                b'Requires-Dist: six (>=\xff)\n\n')
        with open(di + b'/INSTALLER', 'wb') as f:
            f.write(b'pi\xffp\n')
        with open(di + b'/RECORD', 'wb') as f:
            f.write(os.path.basename(di) + b'/METADATA,,\n')
with open(root + b'/req.txt', 'wb') as f:
    f.write(b'six>=1.0\nmis\xffsing==1\n')
os.makedirs(root + b'/osv')
with open(root + b'/osv/PYSEC-0.json', 'wb') as f:
    f.write(b'{"id": "PYSEC-0", "summary": "s\xff", "affected": [{"package":'
        b' {"ecosystem": "PyPI", "name": "six"}, "ranges": [{"type": "ECOSYSTEM",'
        b' "events": [{"introduced": "0"}]}]}]}')
EOF
U8A=$(printf '%s/u8/bad\377env' "$T")
U8B=$(printf '%s/u8/other\376' "$T")
expect_rc 0 vx scan "$T/u8"
expect_rc 1 vx audit --advisories "$T/u8/osv" --json	# a finding: 1
has "$T/err" "advisories: 1 from"
for cmd in "list --json" "show --json A" "pkgs --json A" "find --json ." \
    "diff --json A B" "diff --json A $T/u8/req.txt" "log --json A" "which --json" \
    "deps --json A" "check --json" "dupes --json" "clean --dry-run --json" \
    "rm --json A" "audit --json"; do
	set --
	for w in $cmd; do
		case $w in
		A) set -- "$@" "$U8A" ;;
		B) set -- "$@" "$U8B" ;;
		*) set -- "$@" "$w" ;;
		esac
	done
	PATH="$U8A/bin:$SYS" vx "$@" >"$T/out" 2>"$T/err" </dev/null || :
	json_valid "$T/out" "json_every_command_valid_utf8: $cmd: not valid JSON in UTF-8"
done

# --- rx_limit_is_error ---------------------------------------------------------------
# PCRE2's match limit must never read as "no match" (the browser's filter
# did: test_list); the command line says so and fails.
RX=$T/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
mkfakevenv "$RX" 3.11.7
mkdist "$RX/lib/python3.11/site-packages" aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 1.0
expect_rc 0 vx scan "$RX"
for cmd in "find ^(a|a)+[bc]$" "pkgs $RX -f ^(a|a)+[bc]$" "list -f ^(a|a)+[bc]$"; do
	# shellcheck disable=SC2086
	expect_rc 1 vx $cmd
	has "$T/err" "limit" "rx_limit_is_error: $cmd did not say PCRE2 gave up"
done

# --- which_locked_index_once ------------------------------------------------------
# Another writer holds the index: which tried to index every interpreter for
# every command, each waiting out the busy timeout and printing the same error.
for i in 1 2 3; do
	mkvenv "$T/l$i" --without-pip
done
"$VENVDEX" --db "$T/locked.db" list >/dev/null
$PY - "$T/locked.db" "$T/lock.ready" <<'EOF' &
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute('BEGIN EXCLUSIVE')
c.execute('CREATE TABLE lockit(x)')
open(sys.argv[2], 'w').close()
end = time.time() + 120
while time.time() < end and not os.path.exists(sys.argv[2] + '.done'):
    time.sleep(0.1)
EOF
LOCKER=$!
n=0
while [ ! -e "$T/lock.ready" ] && [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
t0=$(date +%s)
PATH="$T/l1/bin:$T/l2/bin:$T/l3/bin:$SYS" "$VENVDEX" --db "$T/locked.db" \
    which python python3 pip pip3 >"$T/out" 2>"$T/err" || :
t=$(elapsed "$t0")
touch "$T/lock.ready.done"
wait "$LOCKER" || :
has "$T/out" "$T/l1/bin/python"
errs=$(grep -c 'locked' "$T/err" || :)
[ "$errs" -le 1 ] || fail "which_locked_index_once: $errs lock errors: $(cat "$T/err")"
[ "$t" -lt 30 ] || fail "which_locked_index_once: which took $t s"

# --- site_list_newline_in_path ---------------------------------------------------
# The index kept an environment's site folders one a line: a newline in the
# environment's path split its site list in two (show, show --json, which).
# It is a JSON array now; an index written before is still read by lines.
NL="$T/nl
env"
NLSITE="$NL/lib/python3.11/site-packages"
export NL NLSITE
mkfakevenv "$NL" 3.11.7
mkdist "$NLSITE" six 1.16.0
# pip's own trick for a path a shebang cannot hold.
printf "#!/bin/sh\n'''exec' \"%s/bin/python\" \"\$0\" \"\$@\"\n' '''\n" "$NL" >"$NL/bin/pip"
chmod 755 "$NL/bin/pip"
expect_rc 0 vx scan "$NL"
expect_rc 0 vx show --json "$NL"
jassert "$T/out" 'd["site"] == [__import__("os").environ["NLSITE"]]' \
    "site_list_newline_in_path: show --json: the site list is not the one folder"
expect_rc 0 vx show "$NL"
[ "$(grep -c 'site-packages' "$T/out")" -eq 1 ] ||
    fail "site_list_newline_in_path: show: not one site line: $(cat "$T/out")"
expect_rc 0 vx list --json
jassert "$T/out" 'env(__import__("os").environ["NL"])["packages"] == 1' \
    "site_list_newline_in_path: list --json: the environment or its package is lost"
PATH="$NL/bin:$SYS" vx which --json pip >"$T/out" 2>"$T/err" || :
jassert "$T/out" 'd[0]["matches"][0]["env"] == __import__("os").environ["NL"] and d[0]["matches"][0]["site"] == __import__("os").environ["NLSITE"]' \
    "site_list_newline_in_path: which --json: not the environment's site folder"
# An index written before: one folder a line.
$PY - "$T/index.db" "$NL" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE env SET site = '/old/a' || char(10) || '/old/b' WHERE path = ?",
    (sys.argv[2],))
c.commit()
EOF
expect_rc 0 vx show --json "$NL"
jassert "$T/out" 'd["site"] == ["/old/a", "/old/b"]' \
    "site_list_newline_in_path: an older index's site lines are not read"

exit 0
