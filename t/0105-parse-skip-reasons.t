#!/bin/sh
# mnw-parse(1) covers what mnw-parse does: every format that
# mnw-parse -h lists has a section of its own (or shares one) with an
# example line, and every reason for which mnw-parse skips a line is
# listed.  The reasons are taken from the sources (t/skip-reasons.pl),
# so a reason added to a parser without a word in the manual fails
# here.

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

# The formats, from the help text: "  NAME  description" lines after
# "formats:".
mnw-parse -h | sed -n '/^formats:/,$s/^  \([a-z0-9]*\)  .*/\1/p' \
    >"$TMP/formats"
nf=$(wc -l <"$TMP/formats")
if [ "$nf" -ge 27 ]; then
	ok "formats listed by mnw-parse -h: $nf"
else
	not_ok "formats listed by mnw-parse -h: $nf (expected 27 or more)"
fi
while IFS= read -r f; do
	# The section from ".Ss ... f ..." to the next .Ss or .Sh.
	awk -v f="$f" '
	/^\.S[sh] / { on = 0 }
	/^\.Ss / {
		n = split(substr($0, 5), w, /[ ,]+/)
		for (i = 1; i <= n; i++)
			if (w[i] == f)
				on = 1
	}
	on' "$man" >"$TMP/section"
	if [ -s "$TMP/section" ] && grep -q '^\.Bd -literal' "$TMP/section"
	then
		ok "format $f has a section with an example"
	else
		not_ok "format $f has a section with an example"
	fi
done <"$TMP/formats"

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
