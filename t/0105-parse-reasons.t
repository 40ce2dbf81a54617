#!/bin/sh
# mnw-parse(1) covers what mnw-parse does: every format that
# mnw-parse -h lists has a section of its own (or shares one) with an
# example line, and every reason for which mnw-parse skips or rejects
# a line is listed.  The reasons are taken from the sources
# (t/reasons.pl), so a reason added to a parser without a word in the
# manual fails here.

. "${MNW_TOP:-.}/t/lib.sh"

man="$MNW_TOP/man/mnw-parse.1"
perl "$MNW_TOP/t/reasons.pl" skip "$MNW_TOP"/lib/fmt_*.c \
    "$MNW_TOP/cmd/mnw-parse.c" >"$TMP/reasons" ||
	{ not_ok "reasons.pl reads the sources"; done_testing; exit; }
perl "$MNW_TOP/t/reasons.pl" reject "$MNW_TOP"/lib/fmt_*.c \
    "$MNW_TOP"/lib/*.h "$MNW_TOP/lib/syslog.c" \
    "$MNW_TOP/cmd/mnw-parse.c" >"$TMP/rejects" ||
	{ not_ok "reasons.pl reads the sources"; done_testing; exit; }
n=$(wc -l <"$TMP/reasons")
if [ "$n" -ge 60 ]; then
	ok "skip reasons found in the sources: $n"
else
	not_ok "skip reasons found in the sources: $n (expected 60 or more)"
fi
n=$(wc -l <"$TMP/rejects")
if [ "$n" -ge 70 ]; then
	ok "reject reasons found in the sources: $n"
else
	not_ok "reject reasons found in the sources: $n (expected 70 or more)"
fi

# The reasons the manual lists: ".It Dq REASON" and each "Do REASON Dc"
# of an .It line.
awk '
/^\.It Dq / { print substr($0, 8); next }
/^\.It .*Do / {
	s = substr($0, 5)
	while ((i = index(s, "Do ")) > 0) {
		s = substr(s, i + 3)
		j = index(s, " Dc")
		print substr(s, 1, j - 1)
		s = substr(s, j + 3)
	}
}' "$man" >"$TMP/listed"

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
	if grep -qxF "$r" "$TMP/listed"; then
		ok "documented reject reason: $r"
	else
		not_ok "documented reject reason: $r"
		diag "no '.It Dq $r' or 'Do $r Dc' in man/mnw-parse.1"
	fi
done <"$TMP/rejects"

while IFS= read -r r; do
	if grep -qxF "$r" "$TMP/listed"; then
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
