#!/bin/sh
# Crash safety of the collector's state: mnw-dedupe and mnw-correlate
# are killed with SIGKILL at random moments and rerun, as cron would.
# After every kill the state and output files are either absent or
# complete, and at the end no accepted event is lost: every distinct
# input line appears in some committed output.
. "${MNW_TOP:-.}/t/lib.sh"

BATCHES=8
PER_BATCH=3000

# Events for each batch: 3000 lines from 400 sources; a tenth of each
# batch repeats lines of the batch before, as an agent that resubmits
# an overlapping file would.
awk -v batches=$BATCHES -v n=$PER_BATCH -v dir="$TMP" 'BEGIN {
	srand(7)
	for (b = 1; b <= batches; b++) {
		f = dir "/in" b ".tsv"
		for (i = 0; i < n; i++) {
			id = (b - 1) * n + i
			if (b > 1 && i < n / 10)
				id = (b - 2) * n + i + n / 2
			src = id % 400
			printf "2026-12-%02dT%02d:%02d:%02dZ\tagent%d\t45.%d.%d.%d\t%d\t198.51.100.%d\t%d\ttcp\t-\tS\tdrop\t1\tnetfilter\t-\t%016x\n", \
			    1 + int(id / 86400), int(id / 3600) % 24, \
			    int(id / 60) % 60, id % 60, id % 5, \
			    10 + src % 7, int(src / 7) % 200, 1 + src % 250, \
			    1024 + id % 60000, 1 + id % 250, \
			    22 + id % 3, id >> f
		}
		close(f)
	}
}'
cat "$TMP"/in*.tsv | cut -f 14 | sort -u >"$TMP/want"

mkdir -p "$TMP/spool" "$TMP/out"
kills=0
broken=0

# complete FILE: FILE is absent, or starts with its header and ends
# with a newline (no partial file is ever visible under its name).
complete() {
	[ ! -e "$1" ] && return 0
	head -c 5 "$1" | grep -q '^#mnw-' || return 1
	[ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]
}

# run_killed DELAY_MS CMD...: start CMD, kill it with SIGKILL after
# DELAY_MS milliseconds (if it is still running), and wait for it.
run_killed() {
	_ms=$1; shift
	"$@" >/dev/null 2>&1 &
	_pid=$!
	sleep "$(awk -v ms="$_ms" 'BEGIN { printf "%.3f", ms / 1000 }')"
	if kill -KILL "$_pid" 2>/dev/null; then
		kills=$((kills + 1))
	fi
	wait "$_pid" 2>/dev/null
}

# deliver FILE: a committed output is taken away by the next stage,
# as the collector's next step takes files out of its spool.
: >"$TMP/delivered"
deliver() {
	if [ -e "$1" ]; then
		cat "$1" >>"$TMP/delivered"
		rm -f "$1"
	fi
}

b=1
seed=11
while [ $b -le $BATCHES ]; do
	# Three attempts killed at random moments, then one that runs to
	# the end.
	for attempt in 1 2 3; do
		seed=$((seed * 1103515245 % 2147483648 + 12345))
		ms=$((seed % 40))
		run_killed "$ms" mnw-dedupe -q -d "$TMP/spool" \
		    -o "$TMP/out/dd$b.tsv" "$TMP/in$b.tsv"
		complete "$TMP/spool/state/dedupe" || broken=$((broken + 1))
		complete "$TMP/out/dd$b.tsv" || broken=$((broken + 1))
		deliver "$TMP/out/dd$b.tsv"
		run_killed "$ms" mnw-correlate -q -d "$TMP/spool" \
		    -o "$TMP/out/co$b.tsv" "$TMP/in$b.tsv"
		complete "$TMP/spool/state/incidents" || broken=$((broken + 1))
		complete "$TMP/out/co$b.tsv" || broken=$((broken + 1))
	done
	mnw-dedupe -q -d "$TMP/spool" -o "$TMP/out/dd$b.tsv" "$TMP/in$b.tsv" \
	    2>"$TMP/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
		diag "batch $b: mnw-dedupe exit $rc: $(cat "$TMP/err")"
		broken=$((broken + 1))
	fi
	deliver "$TMP/out/dd$b.tsv"
	b=$((b + 1))
done

diag "$kills runs killed"
check "some runs were killed" [ "$kills" -gt 0 ]
is "no partial state or output file after a kill" "$broken" 0
grep -v '^#' "$TMP/delivered" | cut -f 14 | sort -u >"$TMP/got"
is "no event lost: delivered covers every input line" \
    "$(comm -23 "$TMP/want" "$TMP/got" | wc -l | tr -d ' ')" 0
diag "$(grep -v '^#' "$TMP/delivered" | cut -f 14 | sort | uniq -d | wc -l | tr -d ' ') events delivered twice (a run killed after its output was committed)"
is "nothing delivered that was not input" \
    "$(comm -13 "$TMP/want" "$TMP/got" | wc -l | tr -d ' ')" 0
mnw-correlate -q -L -n -d "$TMP/spool" </dev/null >"$TMP/all" 2>"$TMP/err"
is "incident state still readable" "$?" 0
check "next run removed the temporary files of killed runs" \
    [ -z "$(ls -A "$TMP/spool/state" | grep '\.tmp\.')" ]
is "one incident per source in the state" "$(grep -vc '^#' "$TMP/all")" 400

# Fifty runs launched at once on one spool: each either works or exits
# 75 because another holds the lock, and the state stays whole.
mkdir -p "$TMP/par"
i=0
while [ $i -lt 50 ]; do
	( mnw-dedupe -q -d "$TMP/par" -o "$TMP/par/out$i" "$TMP/in1.tsv" \
	    >/dev/null 2>&1; echo $? >"$TMP/par/rc$i" ) &
	i=$((i + 1))
done
wait
codes=$(cat "$TMP/par"/rc* | sort | uniq -c | awk '{ printf "%s:%s ", $2, $1 }')
diag "parallel launches, exit status:count: $codes"
is "parallel: every run worked or found the lock taken" \
    "$(cat "$TMP/par"/rc* | grep -vc '^0$\|^75$')" 0
check "parallel: at least one run worked" grep -q '^0$' "$TMP/par"/rc*
check "parallel: state complete" complete "$TMP/par/state/dedupe"
# The first run to finish passed every line on; later ones found them
# all in the state, so the union of outputs is the input, once.
cat "$TMP/par"/out* | grep -v '^#' | cut -f 14 | sort >"$TMP/par-got"
is "parallel: each line delivered exactly once" \
    "$(uniq -d "$TMP/par-got" | wc -l | tr -d ' ') $(sort -u "$TMP/par-got" | wc -l | tr -d ' ')" \
    "0 $(cut -f 14 "$TMP/in1.tsv" | sort -u | wc -l | tr -d ' ')"

done_testing
