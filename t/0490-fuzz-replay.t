#!/bin/sh
# Replay the seed corpus of each fuzz harness (fuzz/fuzz-NAME.c with its
# seeds in fuzz/corpus/NAME) through the harness built without libFuzzer
# (fuzz/replay.c).  A harness aborts when an invariant of its parser
# breaks; under make check-san the same replay runs with
# AddressSanitizer and UndefinedBehaviorSanitizer.
. "${MNW_TOP:-.}/t/lib.sh"

n=0
for src in "$MNW_TOP"/fuzz/fuzz-*.c; do
	[ -f "$src" ] || continue
	name=${src##*/fuzz-}
	name=${name%.c}
	dir="$MNW_TOP/fuzz/corpus/$name"
	replay="$MNW_BIN/../t/fuzz-$name-replay"
	n=$((n + 1))
	count=$(ls "$dir" 2>/dev/null | wc -l | tr -d ' ')
	if [ "$count" -eq 0 ]; then
		skip "fuzz $name: no seeds in fuzz/corpus/$name"
		continue
	fi
	if [ ! -x "$replay" ]; then
		not_ok "fuzz $name: replay program built"
		diag "missing $replay"
		continue
	fi
	out=$("$replay" "$dir"/* 2>&1)
	rc=$?
	is "fuzz $name: seeds replay without a crash" "$rc" 0
	like "fuzz $name: every seed ran" "$out" "replayed $count inputs"
done
check "at least one harness" [ "$n" -ge 1 ]

done_testing
