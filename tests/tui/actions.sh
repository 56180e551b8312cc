#!/bin/sh
# The actions as keys: c creates (the cursor then on the new environment),
# a starts a shell with the terminal and comes back redrawn, p runs pip and
# shows the change list, x deletes after a dialog (No keeps, Yes deletes, a
# refused one stays), C shows the cleanup candidates, X deletes them.
. "$top_srcdir/tests/tui/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "no $PY"; exit 77; }
command -v bash >/dev/null 2>&1 || { echo "no bash"; exit 77; }

# mkwheel DIR NAME VERSION: a pure wheel built here, offline; prints its path.
mkwheel() {
	$PY - "$@" <<'PYEOF'
import base64, hashlib, os, sys, zipfile
out, name, version = sys.argv[1:4]
di = '%s-%s.dist-info' % (name, version)
files = {
    name + '/__init__.py': "VALUE = %r\n" % version,
    di + '/METADATA': 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' % (name, version),
    di + '/WHEEL': 'Wheel-Version: 1.0\nGenerator: venvdex-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
}
def h(b):
    return 'sha256=' + base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()
record = ''.join('%s,%s,%d\n' % (p, h(c.encode()), len(c.encode())) for p, c in files.items())
os.makedirs(out, exist_ok=True)
path = os.path.join(out, '%s-%s-py3-none-any.whl' % (name, version))
with zipfile.ZipFile(path, 'w') as z:
    for p, c in files.items():
        z.writestr(p, c)
    z.writestr(di + '/RECORD', record + di + '/RECORD,,\n')
print(path)
PYEOF
}
WHL=$(mkwheel "$T/wheels" alpha 1.0) || fail "mkwheel"
BETA=$(mkwheel "$T/wheels" beta 2.0) || fail "mkwheel"

# Environments to delete: two plain ones, one refused (it holds a .git),
# and two stale ones (their interpreter is gone) of different sizes.
mkvenv "$HOME/w/one/.venv" six=1.0
mkvenv "$HOME/w/two/.venv" six=1.0
mkvenv "$HOME/w/held" six=1.0
mkdir "$HOME/w/held/.git"
for s in small big; do
	mkvenv "$HOME/old/$s" six=1.0
	printf 'home = %s\ninclude-system-site-packages = false\nversion = 3.11.7\n' \
	    "$T/gone/bin" >"$HOME/old/$s/pyvenv.cfg"
	ln -sf "$T/gone/bin/python3.11" "$HOME/old/$s/bin/python"
done
# A large one, for the progress of its deletion.
mkvenv "$HOME/w/large/.venv" six=1.0
$PY -c '
import os, sys
for i in range(300):
    p = os.path.join(sys.argv[1], "d%d" % i)
    os.mkdir(p)
    for j in range(200):
        open(os.path.join(p, "f%d" % j), "w").close()
' "$HOME/w/large/.venv/lib/python3.11/site-packages"
head -c 400000 /dev/urandom >"$HOME/old/big/lib/python3.11/site-packages/blob"
"$VENVDEX" --db "$DB" scan -q "$HOME"

VXENV="SHELL=/bin/bash" start
wait_for "Python environments"

# --- create -----------------------------------------------------------------
keys c; wait_for "create an environment in folder:"
keys "$HOME/made/.venv" Enter; wait_for "python ("
keys Enter; wait_for "Created ~/made/.venv (Python 3"
[ -f "$HOME/made/.venv/pyvenv.cfg" ] && [ -e "$HOME/made/.venv/bin/python" ] ||
    fail "create made no environment"
"$HOME/made/.venv/bin/python" -c 'import sys; assert sys.prefix != sys.base_prefix' ||
    fail "the new environment's python is not in a venv"
# The cursor is on it: Enter opens its packages.
keys Enter; wait_for "Packages of"
screen | head -1 | grep -q "made" || fail "the cursor is not on the new environment"
keys Escape; wait_for "Python environments"
# A refusal goes to the status line.
keys c; wait_for "create an environment in folder:"
keys "$HOME/w" Enter; wait_for "python ("
keys Enter; wait_re "create: .*not empty"

# --- shell ------------------------------------------------------------------
keys / made Enter; wait_for "1/"
keys a; wait_for "active in bash"
keys "echo \"\$VIRTUAL_ENV\" >$T/ve; python -m pip install -q --no-index --disable-pip-version-check $BETA; exit" Enter
wait_for "Changes in made after shell"
[ "$(cat "$T/ve" 2>/dev/null)" = "$HOME/made/.venv" ] ||
    fail "VIRTUAL_ENV in the shell was '$(cat "$T/ve" 2>/dev/null)'"
screen | grep -q "active in bash" && fail "the screen was not redrawn"
screen | grep -qE "^added +beta +\+[0-9.]+[BK] +2\.0" || fail "no 'added beta' line after the shell"
keys Escape; wait_for "Python environments"
# A shell where nothing changes says so on the status line.
keys a; wait_for "active in bash"
keys "exit" Enter
wait_for "shell in made: no packages changed"

# --- pip --------------------------------------------------------------------
keys p; wait_for "made: pip"
keys "install --no-index --disable-pip-version-check $WHL" Enter
wait_for "press Enter to return"
screen | grep -q "Successfully installed alpha-1.0" || fail "pip's output not on the terminal"
keys Enter; wait_for "Changes in"
screen | grep -qE "^added +alpha +\+[0-9.]+[BK] +1\.0" || fail "no 'added alpha' line"
screen | grep -q "1 changed: 1 added" || fail "no totals"
"$VENVDEX" --db "$DB" pkgs "$HOME/made/.venv" | grep -q alpha || fail "the index has no alpha"
keys Escape; wait_for "Python environments"
keys Escape

# --- delete -----------------------------------------------------------------
keys / '^one|held' Enter; wait_for "2/"
keys g m; wait_for "Marked"
keys j m; wait_for "2 marked"
keys x; wait_for "Delete 2 environments"
screen | grep -q "refused: " || fail "the refusal is not in the dialog"
screen | grep -q "Delete 1 environment, freeing" || fail "no question with the total"
keys n; wait_for "Nothing deleted"
[ -d "$HOME/w/one/.venv" ] && [ -d "$HOME/w/held" ] || fail "No deleted something"
keys x; wait_for "Delete 2 environments"
keys y; wait_for "Deleted 1 environment"
[ -d "$HOME/w/one/.venv" ] && fail "Yes did not delete ~/w/one/.venv"
[ -d "$HOME/w/held" ] || fail "the refused one was deleted"
[ -d "$HOME/w/two/.venv" ] || fail "an environment not marked was deleted"
screen | grep -q "^\*" && fail "marks stay after the deletion"
wait_for "1/"			# the list was read again: only held matches now
keys Escape

# --- the stale filter and clean ---------------------------------------------
keys C; wait_for "Cleanup candidates"
# The most reclaimable first.
big=$(screen | grep -n "~/old/big" | cut -d: -f1)
small=$(screen | grep -n "~/old/small" | cut -d: -f1)
[ -n "$big" ] && [ -n "$small" ] && [ "$big" -lt "$small" ] ||
    fail "the candidates are not sorted by reclaimable size"
screen | grep -q "interpreter-missing" || fail "no reasons"
screen | grep -q "~/w/two" && fail "a fresh environment is a candidate"
keys X; wait_for "Delete 2 environments"
keys y; wait_for "Deleted 2 environments"
[ -d "$HOME/old/big" ] || [ -d "$HOME/old/small" ] && fail "clean left a candidate"
[ -d "$HOME/w/two/.venv" ] || fail "clean deleted a fresh environment"
wait_for "0 candidates"

# --- progress while a large tree goes ---------------------------------------
keys Escape; wait_for "Python environments"
keys / large Enter; wait_for "1/"
keys x; wait_for "Delete 1 environment"
keys y
i=0 seen=
while [ $i -lt 200 ]; do
	now=$(screen | tail -1)
	case $now in
	*"Removing ~/w/large/.venv: "*%*) seen=1 ;;
	"Deleted 1 environment"*) break ;;
	esac
	sleep 0.03; i=$((i + 1))
done
[ -n "$seen" ] || fail "no progress while 60000 files went"
wait_for "Deleted 1 environment"
[ -d "$HOME/w/large/.venv" ] && fail "the large tree is still there"
keys q; wait_for "EXITED 0"
restored
echo "ok"
