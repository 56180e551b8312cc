#!/bin/sh
# The man page's key list is the command table's: regenerate it with
# 'venvdex --keys-mdoc' when a command or a default key changes.
: "${VENVDEX:?}" "${top_srcdir:?}"
want=$(sed -n '/^\.\\" BEGIN KEYS/,/^\.\\" END KEYS/p' "$top_srcdir/man/venvdex.1" |
    grep -v -e '^\.\\"' -e '^\.Bl' -e '^\.El')
got=$("$VENVDEX" --keys-mdoc)
if [ "$want" != "$got" ]; then
	echo "man/venvdex.1 KEYS differ from the command table:"
	printf '%s\n' "$want" >/tmp/keys-doc-want.$$; printf '%s\n' "$got" >/tmp/keys-doc-got.$$
	diff /tmp/keys-doc-want.$$ /tmp/keys-doc-got.$$; rm -f /tmp/keys-doc-*.$$
	exit 1
fi
n=$(printf '%s\n' "$got" | grep -c '^\.It Ic')
[ "$n" -ge 18 ] || { echo "only $n commands listed"; exit 1; }
echo "$n commands documented"
