#!/bin/sh
# Replay the parse fuzz seeds (fuzz/corpus/parse: log files for all
# formats; fuzz/corpus/parse-format: a format name line, then a log)
# through the harnesses built without libFuzzer.  A harness aborts, and
# names the format, when a parser breaks a promise that mnw-parse
# relies on; under make check-san the replay runs with
# AddressSanitizer and UndefinedBehaviorSanitizer.
. "${MNW_TOP:-.}/t/lib.sh"

for name in parse parse-format; do
	dir="$MNW_TOP/fuzz/corpus/$name"
	replay="$MNW_BIN/../t/fuzz-$name-replay"
	count=$(ls "$dir" 2>/dev/null | wc -l | tr -d ' ')
	check "fuzz $name: seeds present" [ "$count" -gt 0 ]
	if [ ! -x "$replay" ]; then
		not_ok "fuzz $name: replay program built"
		diag "missing $replay (make test-shell builds it)"
		continue
	fi
	"$replay" "$dir"/* >"$TMP/out" 2>"$TMP/err"
	is "fuzz $name: replay exit status" "$?" 0
	is "fuzz $name: every seed ran" "$(cat "$TMP/out")" \
	    "replayed $count inputs"
	is "fuzz $name: no broken promise" "$(cat "$TMP/err")" ""
done

# Each format of the table has a seed of its own in parse-format.
for f in netfilter pf winfw filterlog asa dshield; do
	check "fuzz parse-format: seed for $f" \
	    [ -n "$(grep -lx "$f" "$MNW_TOP"/fuzz/corpus/parse-format/* 2>/dev/null)" ]
done

done_testing
