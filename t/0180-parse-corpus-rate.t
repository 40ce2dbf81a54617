#!/bin/sh
# mnw-parse over the whole shared corpus: the share of the lines that
# describe a connection attempt that become events.
#
# Every sample file of every folder of ../shared/corpus goes through
# scripts/corpus-lines and then through mnw-parse with all formats on.
# Events need no list: the per-format tests check their fields.  A
# skipped line has a reason that names what it is (a header, a closed
# connection, an outbound packet let through); mnw-parse(1) and QUIRKS
# give each.  The rejected lines are the doubtful ones, so each of them
# is listed in t/corpus-rejects.txt by hand, as one of
#
#   attempt  a whole, unaltered line about a connection attempt that
#            mnw-parse could not turn into an event (a line without
#            any time, a peer named by host name): a miss;
#   damaged  a line about a connection attempt that the sample file
#            altered so that nothing can read it right: an address the
#            page masked ("xx.xx.xx.xx", "a.b.c.d"), a line cut short
#            or run into the next one, a space put inside a value;
#   other    no connection attempt at all: prose, a configuration
#            example, a template with placeholders, a rule listing.
#
# The test fails when a rejected line is not in the list or a listed
# line is no longer rejected, so the list cannot go stale, and when
#
#   events / (events + attempts)
#
# falls below 99.5%.  The share with the damaged lines counted as
# misses too is printed beside it, and both again for a run with -n,
# which stamps lines that carry no time at all.  The figures are printed as
# diagnostics and written to $MNW_CORPUS_RATE_OUT when that is set.

. "${MNW_TOP:-.}/t/lib.sh"

corpus="$SHARED/corpus"
[ -d "$corpus" ] || skip_all "no corpus folder $corpus (../shared is not here)"
list="$MNW_TOP/t/corpus-rejects.txt"

: >"$TMP/rejected"
events=0
events_n=0
skipped=0
lines=0
for dir in "$corpus"/*/; do
	folder=${dir%/}
	folder=${folder##*/}
	for f in "$dir"*; do
		[ -f "$f" ] || continue
		case $f in *.expected-*) continue ;; esac
		name=${f##*/}
		"$MNW_TOP/scripts/corpus-lines" "$f" >"$TMP/in" || {
			not_ok "$folder/$name: corpus-lines reads it"
			continue
		}
		[ -s "$TMP/in" ] || continue
		mnw-parse -H -q -r corpus -z UTC -y 2026-12-31T00:00:00Z \
		    -u "$TMP/rej" "$TMP/in" >"$TMP/out" 2>"$TMP/err"
		rc=$?
		case $rc in
		0|1|65) ;;
		*) not_ok "$folder/$name: mnw-parse exit status $rc"
		   diag "$(cat "$TMP/err")" ;;
		esac
		n=$(wc -l <"$TMP/in")
		e=$(wc -l <"$TMP/out")
		# With -n, lines without any time stamp become events too.
		en=$(mnw-parse -H -q -n -r corpus -z UTC \
		    -y 2026-12-31T00:00:00Z "$TMP/in" 2>/dev/null | wc -l)
		events_n=$((events_n + en))
		r=$(wc -l <"$TMP/rej")
		lines=$((lines + n))
		events=$((events + e))
		skipped=$((skipped + n - e - r))
		# "FILE<TAB>LINE<TAB>REASON<TAB>TEXT" -> "folder/name<TAB>LINE
		# <TAB>REASON"
		awk -F '\t' -v f="$folder/$name" \
		    '{ print f "\t" $2 "\t" $3 }' "$TMP/rej" >>"$TMP/rejected"
	done
done
ok "the corpus was read: $lines lines"

# The list without comments and blank lines.
grep -v '^#' "$list" | grep -v '^$' >"$TMP/list"

bad=$(awk -F '\t' '($3 != "attempt" && $3 != "damaged" &&
    $3 != "other") || NF < 4' "$TMP/list")
if [ -z "$bad" ]; then
	ok "every list entry is FILE, LINE, class and why"
else
	not_ok "every list entry is FILE, LINE, class and why"
	diag "$bad"
fi

cut -f1,2 "$TMP/rejected" | sort >"$TMP/got"
cut -f1,2 "$TMP/list" | sort >"$TMP/want"
unlisted=$(comm -23 "$TMP/got" "$TMP/want")
stale=$(comm -13 "$TMP/got" "$TMP/want")
if [ -z "$unlisted" ]; then
	ok "every rejected line is in corpus-rejects.txt"
else
	not_ok "every rejected line is in corpus-rejects.txt"
	diag "not listed (file, line, reason):"
	diag "$(printf '%s\n' "$unlisted" | while IFS='	' read -r f l; do
		grep "^$f	$l	" "$TMP/rejected"
	done)"
fi
if [ -z "$stale" ]; then
	ok "every listed line is still rejected"
else
	not_ok "every listed line is still rejected"
	diag "listed but not rejected: $stale"
fi

attempts=$(awk -F '\t' '$3 == "attempt"' "$TMP/list" | wc -l)
damaged=$(awk -F '\t' '$3 == "damaged"' "$TMP/list" | wc -l)
others=$(awk -F '\t' '$3 == "other"' "$TMP/list" | wc -l)
rejected=$(wc -l <"$TMP/rejected")
total=$((events + attempts))
# Hundredths of a percent, in integers: 10000 * events / total.
rate=$((events * 10000 / total))
rate2=$((events * 10000 / (total + damaged)))
# The lines -n turns into events were listed as attempts, so the whole
# attempts stay events + attempts in number.
rate_n=$((events_n * 10000 / total))
rate2_n=$((events_n * 10000 / (total + damaged)))
summary=$(printf '%d lines: %d events, %d skipped, %d rejected (%d connection attempts, %d damaged, %d other); %d.%02d%% of %d whole connection attempts became events, %d.%02d%% with the damaged lines counted' \
    "$lines" "$events" "$skipped" "$rejected" "$attempts" "$damaged" \
    "$others" $((rate / 100)) $((rate % 100)) "$total" \
    $((rate2 / 100)) $((rate2 % 100)))
diag "$summary"
summary_n=$(printf 'with -n: %d events; %d.%02d%% of the whole connection attempts, %d.%02d%% with the damaged lines counted' \
    "$events_n" $((rate_n / 100)) $((rate_n % 100)) \
    $((rate2_n / 100)) $((rate2_n % 100)))
diag "$summary_n"
[ -n "${MNW_CORPUS_RATE_OUT:-}" ] &&
	printf '%s\n%s\n' "$summary" "$summary_n" >"$MNW_CORPUS_RATE_OUT"
if [ "$rate" -ge 9950 ]; then
	ok "at least 99.5% of connection attempts become events"
else
	not_ok "at least 99.5% of connection attempts become events"
fi

done_testing
