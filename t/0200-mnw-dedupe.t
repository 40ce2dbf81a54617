#!/bin/sh
# mnw-dedupe: repeated lines, repeats within the window, state across
# runs, expiry in event time, bad input, locks and exit codes.
. "${MNW_TOP:-.}/t/lib.sh"

HDR=$(printf '#mnw-event/1 time\tagent\tsrc\tsport\tdst\tdport\tproto\ticmp\tflags\taction\tcount\tformat\thost\tdigest')

# ev TIME AGENT SRC SPORT DST DPORT DIGEST [PROTO FLAGS]: one event line.
ev() {
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t-\t%s\tdrop\t1\tnetfilter\t-\t%s\n' \
	    "$1" "$2" "$3" "$4" "$5" "$6" "${8:-tcp}" "${9:-S}" "$7"
}

# dd ARGS...: run mnw-dedupe; stdout to $TMP/out, stderr to $TMP/err,
# status to $rc.
dd() {
	mnw-dedupe "$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
}

# digests FILE: the digest column of the events in FILE, on one line.
digests() {
	grep -v '^#' "$1" | cut -f 14 | tr '\n' ' ' | sed 's/ $//'
}

T0=2026-12-04T19:10:59Z
T1=2026-12-04T19:11:00Z
T4=2026-12-04T19:11:03Z
T5=2026-12-04T19:11:04Z
T10=2026-12-04T19:11:09Z

# ---- repeats within one run ----

{
	echo "$HDR"
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001
	# the same line submitted again
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001
	# a retransmission one second later (another line, same packet)
	ev $T1 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000002
	# four seconds after the last one: the window slides
	ev $T5 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000003
	# same packet reported by another agent
	ev $T1 a2 198.51.100.7 40000 203.0.113.5 22 0000000000000002
	# another source port is another packet
	ev $T1 a1 198.51.100.7 40001 203.0.113.5 22 0000000000000004
	# the same line number from another agent is another line
	ev $T10 a2 198.51.100.9 40000 203.0.113.5 22 0000000000000001
} >"$TMP/in"
dd "$TMP/in"
is "repeats: exit status" "$rc" 0
is "repeats: header first" "$(head -n 1 "$TMP/out")" "$HDR"
is "repeats: events kept" "$(digests "$TMP/out")" \
    "0000000000000001 0000000000000002 0000000000000004 0000000000000001"
is "repeats: kept lines unchanged" \
    "$(grep -v '^#' "$TMP/out" | head -n 1)" \
    "$(ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001)"
is "repeats: summary" "$(cat "$TMP/err")" \
    "mnw-dedupe: 7 events read, 4 written, 1 repeated lines, 2 repeats within 5s, 0 lines rejected, 0 keys evicted"

# A gap of more than the window is a new packet; -t sets the window.
{
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001
	ev $T10 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000002
} >"$TMP/gap"
dd "$TMP/gap"
is "window: 10s apart both kept" "$(digests "$TMP/out")" \
    "0000000000000001 0000000000000002"
dd -t 10s "$TMP/gap"
is "window: -t 10s drops the second" "$(digests "$TMP/out")" \
    "0000000000000001"
dd -t 0 "$TMP/in"
like "window: -t 0 turns it off" "$(cat "$TMP/err")" \
    "6 written, 1 repeated lines, 0 repeats within 0s"
{
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001
	ev $T1 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000002 tcp SA
	ev $T1 a1 198.51.100.7 - 203.0.113.5 - 0000000000000003 udp -
} >"$TMP/flags"
dd "$TMP/flags"
is "window: other flags or protocol are other packets" \
    "$(digests "$TMP/out")" \
    "0000000000000001 0000000000000002 0000000000000003"

# ---- state across runs ----

dd -s "$TMP/state" "$TMP/in"
is "state: first run writes 4" "$(digests "$TMP/out" | wc -w | tr -d ' ')" 4
is "state: file has its header" \
    "$(head -n 1 "$TMP/state" | cut -d " " -f 1)" "#mnw-dedupe-state/1"
is "state: one line key per distinct line" \
    "$(grep -c '^line' "$TMP/state")" 6
check "state: no temporary file left" \
    test "$(ls -a "$TMP" | grep -c '\.tmp\.')" -eq 0
dd -s "$TMP/state" "$TMP/in"
is "state: second run writes nothing" "$(digests "$TMP/out")" ""
is "state: second run exit status" "$rc" 0
like "state: second run counts line repeats" "$(cat "$TMP/err")" \
    "7 events read, 0 written, 7 repeated lines"
# A retransmission that arrives in the next batch is still a repeat.
ev $T4 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000009 >"$TMP/next"
dd -s "$TMP/state" "$TMP/next"
like "state: window repeat across runs" "$(cat "$TMP/err")" \
    "1 events read, 0 written, 0 repeated lines, 1 repeats within 5s"

# -d DIR and MNW_SPOOL put the state in DIR/state/dedupe.
mkdir "$TMP/spool"
dd -d "$TMP/spool" "$TMP/in"
check "spool: -d makes state/dedupe" test -s "$TMP/spool/state/dedupe"
MNW_SPOOL="$TMP/spool" mnw-dedupe "$TMP/in" >"$TMP/out" 2>"$TMP/err"
is "spool: MNW_SPOOL uses the same state" "$(digests "$TMP/out")" ""
dd -n -s "$TMP/dry" "$TMP/in"
check "dry run: -n writes no state" test ! -e "$TMP/dry"

# ---- expiry in event time ----

rm -f "$TMP/state"
ev 2026-12-01T00:00:00Z a1 198.51.100.7 40000 203.0.113.5 22 00000000000000aa >"$TMP/old"
ev 2026-12-03T00:00:01Z a1 198.51.100.8 40000 203.0.113.5 22 00000000000000bb >"$TMP/new"
dd -s "$TMP/state" "$TMP/old"
dd -s "$TMP/state" "$TMP/new"
is "expiry: old key dropped after 48h of event time" \
    "$(grep -c 00000000000000aa "$TMP/state")" 0
dd -s "$TMP/state" "$TMP/old"
is "expiry: expired line passes again" "$(digests "$TMP/out")" \
    "00000000000000aa"
rm -f "$TMP/state"
dd -s "$TMP/state" -e 3d "$TMP/old"
dd -s "$TMP/state" -e 3d "$TMP/new"
dd -s "$TMP/state" -e 3d "$TMP/old"
is "expiry: -e 3d keeps it" "$(digests "$TMP/out")" ""
# An event dated far in the future does not expire everything.
rm -f "$TMP/state"
dd -s "$TMP/state" "$TMP/old"
ev 2099-01-01T00:00:00Z a1 198.51.100.9 1 203.0.113.5 22 00000000000000cc >"$TMP/future"
dd -s "$TMP/state" "$TMP/future"
is "expiry: future event keeps old keys" \
    "$(grep -c 00000000000000aa "$TMP/state")" 1

# ---- bounded state ----

: >"$TMP/many"
for i in 1 2 3 4 5 6 7 8 9; do
	ev 2026-12-04T10:00:0${i}Z a1 198.51.100.$i 1 203.0.113.5 22 000000000000000$i >>"$TMP/many"
done
rm -f "$TMP/state"
dd -s "$TMP/state" -m 4 "$TMP/many"
is "bound: all events written" "$(digests "$TMP/out" | wc -w | tr -d ' ')" 9
like "bound: evictions reported" "$(cat "$TMP/err")" "keys evicted"
check "bound: some keys evicted" \
    test "$(sed 's/.*rejected, \([0-9]*\) keys evicted/\1/' "$TMP/err")" -gt 0
is "bound: at most 4 line keys" "$(grep -c '^line' "$TMP/state")" 4
is "bound: the newest keys are kept" \
    "$(grep '^line' "$TMP/state" | cut -f 3 | sort | tr '\n' ' ')" \
    "0000000000000006 0000000000000007 0000000000000008 0000000000000009 "

# ---- bad input ----

{
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001
	printf 'garbage\tline\n'
	ev $T0 a1 300.1.2.3 40000 203.0.113.5 22 0000000000000002
	printf '\n# a comment\n'
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 70000 0000000000000003
} >"$TMP/bad"
dd -u "$TMP/rej" "$TMP/bad"
is "bad: exit status with good events" "$rc" 0
is "bad: warnings name file, line, reason, value" "$(head -n 3 "$TMP/err")" \
"mnw-dedupe: $TMP/bad:2: wrong number of fields 'garbage\\x09line'
mnw-dedupe: $TMP/bad:3: invalid source address '300.1.2.3'
mnw-dedupe: $TMP/bad:6: invalid target port '70000'"
like "bad: summary counts them" "$(tail -n 1 "$TMP/err")" \
    "1 written, 0 repeated lines, 0 repeats within 5s, 3 lines rejected"
is "bad: reject file lines" "$(cut -f 1-3 "$TMP/rej")" \
"$TMP/bad	2	wrong number of fields
$TMP/bad	3	invalid source address
$TMP/bad	6	invalid target port"
is "bad: reject file keeps the line escaped" "$(sed -n 1p "$TMP/rej" | cut -f 4)" \
    'garbage\tline'
printf 'only\tgarbage\n' >"$TMP/allbad"
dd "$TMP/allbad"
is "bad: only rejected lines exit 65" "$rc" 65
: >"$TMP/empty"
dd "$TMP/empty"
is "empty input exits 1" "$rc" 1
is "empty input still writes the header" "$(cat "$TMP/out")" "$HDR"
printf 'x\001\033[2J\t\n' >"$TMP/ctl"
dd "$TMP/ctl"
check "bad: no control bytes in messages" no_control_bytes "$TMP/err"

# A header of another record type ends that input.
{
	printf '#mnw-incident/1\tsource\n'
	ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001
} >"$TMP/wrong"
dd "$TMP/wrong" "$TMP/gap"
is "header: wrong type exits 65" "$rc" 65
like "header: message" "$(cat "$TMP/err")" \
    "$TMP/wrong:1: input is a stream of 'incident' records, expected 'event' records"
is "header: other files still read" "$(digests "$TMP/out")" \
    "0000000000000001 0000000000000002"
printf '#mnw-event/2\tx\n' | mnw-dedupe >/dev/null 2>"$TMP/err"
is "header: wrong version exits 65" "$?" 65

dd "$TMP/nonexistent" "$TMP/gap"
is "missing input exits 66" "$rc" 66
is "missing input: others still read" "$(digests "$TMP/out")" \
    "0000000000000001 0000000000000002"

# ---- the state file is never clobbered ----

echo "precious data" >"$TMP/notstate"
dd -s "$TMP/notstate" "$TMP/in"
is "foreign state: exit 65" "$rc" 65
is "foreign state: file untouched" "$(cat "$TMP/notstate")" "precious data"
like "foreign state: message" "$(cat "$TMP/err")" "not a dedupe-state file"

# A damaged key line is reported and dropped, the rest is used.
rm -f "$TMP/state"
dd -s "$TMP/state" "$TMP/gap"
printf 'line\tzz\n' >>"$TMP/state"
dd -s "$TMP/state" "$TMP/gap"
like "damaged state line reported" "$(cat "$TMP/err")" \
    "state:5: wrong number of fields, key dropped"
is "damaged state: good keys still used" "$(digests "$TMP/out")" ""

# Output that cannot be written: no state change, exit 75.
rm -f "$TMP/state"
if [ -w /dev/full ]; then
	mnw-dedupe -s "$TMP/state" "$TMP/in" >/dev/full 2>"$TMP/err"
	is "write error: exit 75" "$?" 75
	check "write error: no state written" test ! -e "$TMP/state"
else
	skip "write error: no /dev/full"
	skip "write error: no /dev/full"
fi

# -o writes the output file whole.
dd -o "$TMP/outfile" "$TMP/gap"
is "-o: nothing on stdout" "$(cat "$TMP/out")" ""
is "-o: file has the events" "$(digests "$TMP/outfile")" \
    "0000000000000001 0000000000000002"

# ---- locking ----

if command -v flock >/dev/null 2>&1; then
	rm -f "$TMP/state"
	flock "$TMP/state.lock" sleep 3 &
	holder=$!
	sleep 1
	dd -s "$TMP/state" "$TMP/gap"
	is "lock: second run exits 75" "$rc" 75
	like "lock: message" "$(cat "$TMP/err")" \
	    "state.lock: locked by another run; try again later, or use -w to wait"
	check "lock: no output while locked" test ! -s "$TMP/out"
	dd -w -s "$TMP/state" "$TMP/gap"
	is "lock: -w waits and runs" "$rc" 0
	is "lock: -w output" "$(digests "$TMP/out")" \
	    "0000000000000001 0000000000000002"
	wait "$holder"
else
	skip "lock: no flock(1)"
	skip "lock: no flock(1)"
	skip "lock: no flock(1)"
	skip "lock: no flock(1)"
	skip "lock: no flock(1)"
fi

# ---- usage ----

exit_is "usage: unknown option" 64 mnw-dedupe -Z
exit_is "usage: bad window" 64 mnw-dedupe -t 5x
exit_is "usage: window too long" 64 mnw-dedupe -t 2d
like "usage: window range named" "$(mnw-dedupe -t 2d 2>&1)" "out of range: '2d' (0 to 86400 seconds)"
exit_is "usage: bad maxkeys" 64 mnw-dedupe -m 0
exit_is "-h exits 0" 0 mnw-dedupe -h
like "-h lists the options" "$(mnw-dedupe -h)" "-t window"

# ---- setup errors and closed pipes ----

ev $T0 a1 198.51.100.7 40000 203.0.113.5 22 0000000000000001 >"$TMP/one"
dd -d "$TMP/no-such-spool" "$TMP/one"
is "missing spool: exit 78" "$rc" 78
like "missing spool: message" "$(cat "$TMP/err")" "spool directory"
dd "$TMP"
is "directory as input: exit 66" "$rc" 66
like "directory as input: message" "$(cat "$TMP/err")" "is a directory"
# 20000 events do not fit in a pipe buffer, so the writer meets the
# closed pipe; the state must stay as it was.
i=0
while [ $i -lt 20000 ]; do
	printf '%s\ta1\t198.51.100.%d\t%d\t203.0.113.5\t22\ttcp\t-\tS\tdrop\t1\tnetfilter\t-\t%016x\n' \
	    "$T0" $((i % 200 + 1)) $((i % 60000 + 1024)) "$i"
	i=$((i + 1))
done >"$TMP/many"
mkdir -p "$TMP/pipe-spool"
rc=$( { mnw-dedupe -d "$TMP/pipe-spool" "$TMP/many" 2>"$TMP/err"; echo $? >"$TMP/rc"; } | head -n 1 >/dev/null; cat "$TMP/rc")
is "closed pipe: exit 75" "$rc" 75
like "closed pipe: message" "$(cat "$TMP/err")" "write error on standard output"
check "closed pipe: no state written" test ! -e "$TMP/pipe-spool/state/dedupe"

done_testing
