# parse-lib.sh: helpers for the mnw-parse format tests, sourced after
# t/lib.sh.  Both read each line with -r t, the reference time $REF
# and the zone $ZONE (default UTC).

# ev LINE...: time src sport dst dport proto icmp flags action count
# format host of each event, separated by single spaces.
ev() {
	printf '%s\n' "$@" |
	    mnw-parse -H -q -r t -y "$REF" -z "${ZONE:-UTC}" 2>/dev/null |
	    cut -f1,3-13 | tr '\t' ' '
}

# why LINE: "skip: REASON" for a skipped line, else the warning for a
# rejected line without the "mnw-parse: stdin:1: " prefix.
why() {
	printf '%s\n' "$1" |
	    mnw-parse -H -r t -y "$REF" -z "${ZONE:-UTC}" >/dev/null 2>"$TMP/err"
	if grep -q ' 1 skipped (' "$TMP/err"; then
		sed -n 's/.* 1 skipped (1 \(.*\)), 0 rejected$/skip: \1/p' \
		    "$TMP/err"
	else
		sed -n '1s/^mnw-parse: stdin:1: //p' "$TMP/err"
	fi
}
