#!/bin/sh
# Failed commits: a preloaded shim makes fsync, rename, fflush or the
# open of a new file fail once at each point in turn.  mnw-dedupe and
# mnw-correlate must then exit 75, say why, leave their state file as
# it was and leave no temporary file behind.
. "${MNW_TOP:-.}/t/lib.sh"

SHIM=$(dirname "$MNW_BIN")/t/faultshim.so
[ -f "$SHIM" ] || skip_all "fault-injection shim not built ($SHIM)"
# A sanitizer runtime wants to be loaded first; the shim has none.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

# ev N SRC: N event lines from source SRC with distinct digests.
ev() {
	awk -v n="$1" -v src="$2" -v base="$3" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "2026-12-04T10:%02d:%02dZ\tagent%d\t%s\t%d\t198.51.100.%d\t22\ttcp\t-\tS\tdrop\t1\tnetfilter\t-\t%016x\n", \
			    int(i / 60) % 60, i % 60, i % 3, src, 1024 + i, 1 + i % 200, base + i
	}'
}
ev 500 45.1.2.3 0 >"$TMP/a"
ev 500 45.1.2.4 100000 >"$TMP/b"

for prog in mnw-dedupe mnw-correlate; do
	case $prog in
	mnw-dedupe) state=dedupe ;;
	mnw-correlate) state=incidents ;;
	esac
	rm -rf "$TMP/spool" "$TMP/clean"
	mkdir -p "$TMP/spool" "$TMP/clean"
	$prog -q -d "$TMP/spool" -o "$TMP/first" "$TMP/a" 2>/dev/null
	cp "$TMP/spool/state/$state" "$TMP/saved"
	# The state a run without faults would commit, for comparison.
	cp -R "$TMP/spool/state" "$TMP/clean/state"
	$prog -q -d "$TMP/clean" -o "$TMP/clean-out" "$TMP/b" 2>/dev/null
	cp "$TMP/clean/state/$state" "$TMP/new"
	check "$prog: a clean run changes the state" \
	    sh -c '! cmp -s "$1" "$2"' sh "$TMP/saved" "$TMP/new"
	# With -o the commits are: output fsync 1, rename 1, directory
	# fsync 2, then state fsync 3, rename 2, directory fsync 4.
	for fault in fsync:1 fsync:2 fsync:3 fsync:4 rename:1 rename:2 \
	    fflush:1 fflush:2 open:1 open:2; do
		cp "$TMP/saved" "$TMP/spool/state/$state"
		rm -f "$TMP/out"
		LD_PRELOAD=$SHIM MNW_FAULT=$fault $prog -q -d "$TMP/spool" \
		    -o "$TMP/out" "$TMP/b" >/dev/null 2>"$TMP/err"
		rc=$?
		is "$prog $fault: exit 75" "$rc" 75
		check "$prog $fault: message on stderr" test -s "$TMP/err"
		if [ "$fault" = fsync:4 ]; then
			# The rename is done when the directory sync fails:
			# the new state is in place, whole.
			check "$prog $fault: state old or new, whole" \
			    cmp -s "$TMP/new" "$TMP/spool/state/$state"
		else
			check "$prog $fault: state unchanged" \
			    cmp -s "$TMP/saved" "$TMP/spool/state/$state"
		fi
		check "$prog $fault: no temporary file" \
		    [ -z "$(ls -A "$TMP/spool/state" "$TMP" | grep '\.tmp\.')" ]
	done
done

done_testing
