#!/bin/sh
# The WHOIS parser over the real registry answers of the shared corpus
# (../shared/whois): for every port-43 answer, the abuse contact found
# must be the one that the corpus's SOURCES.md names, or none where it
# says none.  Then three referral chains of real answers are replayed
# through t/whoisd.pl.  Skipped when ../shared/whois is not there.
. "${MNW_TOP:-.}/t/lib.sh"

dir="$SHARED/whois"
[ -f "$dir/SOURCES.md" ] || skip_all "no WHOIS corpus in $dir (../shared is not here)"
query="$MNW_BIN/../t/whois-query"
[ -x "$query" ] || skip_all "no $query (make test-shell builds it)"

# The table rows: "| `FOLDER/FILE` | ... | expected contact | ...",
# expected in the 7th column: "none ..." or "ADDR (how) ...".
awk -F "|" '/^\| `[a-z-]+\/[^`]*\.[a-z]+` \|/ {
	f = $2; gsub(/[ `]/, "", f)
	e = $8; sub(/^ +/, "", e)
	if (e ~ /^none/) e = "-"
	else { split(e, w, /[ ;,()]/); e = w[1] }
	print f "\t" e
}' "$dir/SOURCES.md" >"$TMP/expected"

n=0
while IFS='	' read -r file want; do
	case $file in
	rdap/*|dns-cymru/*) continue ;;	# not port-43 answers
	esac
	n=$((n + 1))
	folder=${file%%/*}
	if [ ! -f "$dir/$file" ]; then
		skip "corpus $folder $n: answer file missing"
		continue
	fi
	"$query" -p "$dir/$file" >"$TMP/out" 2>"$TMP/err"
	got=$(awk -F '\t' '$1 == "abuse" { print $2; exit }' "$TMP/out")
	if [ "$got" = "$want" ]; then
		ok "corpus $folder $n: abuse contact"
	else
		not_ok "corpus $folder $n: abuse contact"
		diag "answer:   $file"
		diag "got:      '$got'"
		diag "expected: '$want'"
	fi
	no_control_bytes "$TMP/out" || not_ok "corpus $folder $n: control bytes"
done <"$TMP/expected"
check "corpus has answers to check" [ "$n" -ge 20 ]

# Referral chains of real answers, served by a local WHOIS server.
mkdir "$TMP/srv"
link() { [ -f "$dir/$1" ] && ln -s "$dir/$1" "$TMP/srv/$2"; }
link apnic/likexian-apnic-171.txt 171.0.0.1
link arin/likexian-arin-170.txt 'n_+_170.0.0.1'
link nir-br/likexian-lacnic-170.txt 170.0.0.1
link arin/likexian-arin-174.txt 'n_+_174.0.0.1'
link rwhois/likexian-rwhois-shaw-174.txt 174.0.0.1

perl "$MNW_TOP/t/whoisd.pl" -d "$TMP/srv" -P "$TMP/port" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$TMP"' EXIT
i=0
while [ ! -s "$TMP/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
map="*=127.0.0.1:$(cat "$TMP/port")"

chain() {
	"$query" -M -m "$map" -t 3000 "$1" >"$TMP/chain" 2>&1
	is "chain $1: contact" \
	    "$(awk -F '\t' '$1 == "abuse" { print $2; exit }' "$TMP/chain")" "$2"
	is "chain $1: servers" \
	    "$(awk -F '\t' '$1 == "hop" { printf "%s%s", s, $2; s = " " }' \
	    "$TMP/chain")" "$3"
}
chain 171.0.0.1 abuse@starhub.com whois.apnic.net
chain 170.0.0.1 noc@coopercitrus.com.br "whois.arin.net whois.lacnic.net"
chain 174.0.0.1 internet.abuse@sjrb.ca "whois.arin.net rwhois.shawcable.net"

done_testing
