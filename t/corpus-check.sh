#!/bin/sh
# corpus-check.sh: a TAP test of mnw-parse over one folder of the
# shared log corpus, for the t/*.t files of each format to run.
#
# usage: corpus-check.sh [-f format] [-p pattern] [-x pattern]
#            folder min_percent
#
# For each sample file in $SHARED/corpus/FOLDER (expected-result files
# are not samples), scripts/corpus-lines gives the raw lines, and:
#
#  - the packet lines are the lines that match the extended regular
#    expression of -p (default: every line) and not that of -x.  Over
#    the whole folder, at least MIN_PERCENT of them must become events;
#  - every line is counted once: events + skipped + rejected = lines;
#  - every rejected line is in the -u file with a reason;
#  - no output (records, messages, -u file) has a control byte;
#  - where SAMPLE.expected-beats.json or
#    SAMPLE.expected-crowdsec-parser.assert exists, each line's source,
#    target, ports and protocol match it (t/corpus-expected.pl).
#
# -f FORMAT is passed to mnw-parse.  The plan is printed at the end.
# Without ../shared/corpus/FOLDER every test is skipped with a message.
# Example, from a t/NNNN-*.t file:
#   exec sh "$MNW_TOP/t/corpus-check.sh" -f pf -p ' rule ' pflog 99

. "${MNW_TOP:-.}/t/lib.sh"

format=
pattern=
exclude=
while getopts f:p:x: opt; do
	case $opt in
	f) format=$OPTARG ;;
	p) pattern=$OPTARG ;;
	x) exclude=$OPTARG ;;
	*) echo "usage: corpus-check.sh [-f format] [-p pattern]" \
	    "[-x pattern] folder min_percent" >&2; exit 64 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -ne 2 ]; then
	echo "usage: corpus-check.sh [-f format] [-p pattern]" \
	    "[-x pattern] folder min_percent" >&2
	exit 64
fi
folder=$1
min=$2
dir="$SHARED/corpus/$folder"
[ -d "$dir" ] || skip_all "no corpus folder $dir (../shared is not here)"

# Year inference needs a fixed reference, and the zone must not depend on
# the machine running the test.  No option value contains a space, so
# $opts is expanded unquoted.
opts="-z UTC -y 2026-12-31T00:00:00Z -r corpus"
[ -n "$format" ] && opts="$opts -f $format"

packet_total=0
packet_events=0
: >"$TMP/packet-rejects"

for f in "$dir"/*; do
	[ -f "$f" ] || continue
	case $f in *.expected-*) continue ;; esac
	name=${f##*/}

	"$MNW_TOP/scripts/corpus-lines" "$f" >"$TMP/all" || {
		not_ok "$name: corpus-lines reads it"
		continue
	}
	nlines=$(wc -l <"$TMP/all")

	# All lines: every one counted, every rejected one with a reason.
	mnw-parse $opts -u "$TMP/rej" "$TMP/all" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	case $rc in
	0|1|65) ok "$name: mnw-parse exit status $rc" ;;
	*) not_ok "$name: mnw-parse exit status $rc"; diag "$(cat "$TMP/err")" ;;
	esac
	summary=$(grep ': [0-9]* lines, ' "$TMP/err" | tail -n 1)
	counts=$(printf '%s\n' "$summary" | sed -n \
	    's/.*: \([0-9]*\) lines, \([0-9]*\) events, \([0-9]*\) skipped.*, \([0-9]*\) rejected.*/\1 \2 \3 \4/p')
	if [ -z "$counts" ]; then
		not_ok "$name: summary line"
		diag "$summary"
		continue
	fi
	read -r read_lines events skipped rejected <<EOF
$counts
EOF
	is "$name: summary counts every line" "$read_lines" "$nlines"
	is "$name: events + skipped + rejected = lines" \
	    "$((events + skipped + rejected))" "$nlines"
	is "$name: every event written" \
	    "$(grep -vc '^#' "$TMP/out")" "$events"
	is "$name: every rejected line in the -u file" \
	    "$(wc -l <"$TMP/rej" | tr -d ' ')" "$rejected"
	is "$name: every rejected line has a reason" \
	    "$(awk -F '\t' '$3 == "" || $3 == "-"' "$TMP/rej" | wc -l | tr -d ' ')" 0
	check "$name: no control bytes in records" no_control_bytes "$TMP/out"
	check "$name: no control bytes in messages" no_control_bytes "$TMP/err"
	check "$name: no control bytes in -u file" no_control_bytes "$TMP/rej"

	# Packet lines alone: how many become events.
	if [ -n "$pattern" ]; then
		grep -E -- "$pattern" "$TMP/all" >"$TMP/packets"
	else
		cp "$TMP/all" "$TMP/packets"
	fi
	if [ -n "$exclude" ]; then
		grep -vE -- "$exclude" "$TMP/packets" >"$TMP/packets.x"
		mv "$TMP/packets.x" "$TMP/packets"
	fi
	n=$(wc -l <"$TMP/packets" | tr -d ' ')
	if [ "$n" -gt 0 ]; then
		mnw-parse $opts -u "$TMP/prej" "$TMP/packets" \
		    >"$TMP/pout" 2>"$TMP/perr"
		e=$(grep -vc '^#' "$TMP/pout")
		packet_total=$((packet_total + n))
		packet_events=$((packet_events + e))
		if [ "$e" -lt "$n" ]; then
			tail -n 1 "$TMP/perr" >>"$TMP/packet-rejects"
			sed "s|^|$name: |" "$TMP/prej" >>"$TMP/packet-rejects"
		fi
	fi

	# Expected results of peer projects, line by line.
	for x in "$f".expected-beats.json "$f".expected-crowdsec-parser.assert; do
		[ -f "$x" ] || continue
		perl "$MNW_TOP/t/corpus-expected.pl" "$f" "$x" "$TMP" $opts \
		    >"$TMP/cmp" 2>"$TMP/cmp.err" ||
		    not_ok "$name: corpus-expected.pl runs on ${x##*/}"
		while IFS='	' read -r result label detail; do
			case $result in
			ok) ok "$label" ;;
			skip) skip "$label" ;;
			*) not_ok "$label"; diag "$detail" ;;
			esac
		done <"$TMP/cmp"
		[ -s "$TMP/cmp.err" ] && diag "$(cat "$TMP/cmp.err")"
	done
done

if [ "$packet_total" -gt 0 ]; then
	desc="$folder: $packet_events of $packet_total packet lines became events (minimum $min%)"
	if awk -v e="$packet_events" -v t="$packet_total" -v m="$min" \
	    'BEGIN { exit !(e * 100 >= m * t) }'; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "$(head -n 30 "$TMP/packet-rejects")"
	fi
else
	skip "$folder: no packet lines"
fi

done_testing
