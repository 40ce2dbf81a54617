#!/bin/sh
# Every reason for which mnw-parse skips a line is in mnw-parse(1): the
# reasons are taken from the sources (t/skip-reasons.pl), so a reason
# added to a parser without a word in the manual fails here.

. "${MNW_TOP:-.}/t/lib.sh"

man="$MNW_TOP/man/mnw-parse.1"
perl "$MNW_TOP/t/skip-reasons.pl" "$MNW_TOP"/lib/fmt_*.c \
    "$MNW_TOP/cmd/mnw-parse.c" >"$TMP/reasons" ||
	{ not_ok "skip-reasons.pl reads the sources"; done_testing; exit; }
n=$(wc -l <"$TMP/reasons")
if [ "$n" -ge 60 ]; then
	ok "reasons found in the sources: $n"
else
	not_ok "reasons found in the sources: $n (expected 60 or more)"
fi

while IFS= read -r r; do
	if grep -qxF ".It Dq $r" "$man"; then
		ok "documented: $r"
		continue
	fi
	# Zyxel's "category X is not a connection log" reasons are one
	# entry with NAME in place of the category, which is listed there.
	generic=$(printf '%s\n' "$r" |
	    sed -n 's/^category .* is \(not a connection [a-z]*\)$/category NAME is \1/p')
	cat=$(printf '%s\n' "$r" | sed -n 's/^category \(.*\) is not a .*/\1/p')
	if [ -n "$generic" ] && grep -qxF ".It Dq $generic" "$man" &&
	    tr '\n' ' ' <"$man" | grep -qF "$cat"; then
		ok "documented: $r"
	else
		not_ok "documented: $r"
		diag "no '.It Dq $r' in man/mnw-parse.1"
	fi
done <"$TMP/reasons"

done_testing
