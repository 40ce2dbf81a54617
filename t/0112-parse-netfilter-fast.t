#!/bin/sh
# mnw-parse: the netfilter parser's fast paths give the same results as
# the general code: the backward search for the last " OUT=" at every
# offset, the inline dotted-quad reader, the caches of the log prefix
# and of the syslog host and tag, and the table-driven output of
# numbers, flags and the digest.
. "${MNW_TOP:-.}/t/lib.sh"

# The packet after "OUT= ", the same on every line.
PKT='SRC=198.51.100.1 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20 '
STAMP='Dec  4 19:10:59'

# parse FILE: run mnw-parse on FILE, events to $TMP/out, rejected lines
# to $TMP/rej.
parse() {
	mnw-parse -H -q -f netfilter -z UTC -y 2026-12-05T00:00:00Z \
	    -B 2026-12-01T00:00:00Z -r test -u "$TMP/rej" "$1" \
	    >"$TMP/out" 2>"$TMP/err"
}

# fields LINE: the event of one line as "time src sport dst dport proto
# icmp flags action count format host", or the reject reason.
fields() {
	printf '%s\n' "$1" >"$TMP/in"
	parse "$TMP/in"
	if [ -s "$TMP/out" ]; then
		cut -f 1,3-13 "$TMP/out" | tr '\t' ' '
	else
		cut -f 3 "$TMP/rej"
	fi
}

# The anchor: the "IN=" before the last " OUT=" is found wherever it
# is.  For each pad of 0 to 40 bytes, four lines: the keys after a pad
# in a syslog line and in a short ring buffer line (an event each), a
# second "IN= OUT=" pair after the packet (the anchor moves there, so
# the source address is missing), and a " OUT=" with no "IN=" before
# it after the packet (no anchor, so not a netfilter line).
k=0
xs=
: >"$TMP/anchor"
: >"$TMP/anchor-expected"
while [ $k -le 40 ]; do
	n=$((4 * k))
	# k bytes: nothing, then k - 1 x and a space.
	pad=
	[ $k -gt 0 ] && pad="$xs "
	printf '%s gw kernel: %sIN=eth0 OUT= %s\n' "$STAMP" "$pad" "$PKT" \
	    >>"$TMP/anchor"
	printf '[12.000000] %sIN=eth0 OUT= %s\n' "$pad" "$PKT" \
	    >>"$TMP/anchor"
	printf '%s gw kernel: IN=eth0 OUT= %s%s IN=eth1 OUT=eth2 \n' \
	    "$STAMP" "$PKT" "$pad" >>"$TMP/anchor"
	printf '%s gw kernel: IN=eth0 OUT= %s%s OUT= \n' "$STAMP" "$PKT" \
	    "$pad" >>"$TMP/anchor"
	printf '%s\tmissing source address\n%s\tnot in the requested format\n' \
	    $((n + 3)) $((n + 4)) >>"$TMP/anchor-expected"
	[ $k -gt 0 ] && xs="${xs}x"
	k=$((k + 1))
done
parse "$TMP/anchor"
is "anchor: events at every offset" \
    "$(cut -f 3,4,5,6 "$TMP/out" | sort | uniq -c | sed 's/^ *//')" \
    "$(printf '82 198.51.100.1\t1\t203.0.113.1\t2')"
is "anchor: later OUT= moves the anchor" \
    "$(cut -f 2,3 "$TMP/rej")" "$(cat "$TMP/anchor-expected")"

# Dotted quads: what the inline reader takes and what it leaves to the
# general parser, which must reject it with the usual message.
ev() {
	printf '2026-12-04T19:10:59Z %s 1 203.0.113.1 2 udp - - drop 1 netfilter gw' "$1"
}
for a in 0.0.0.0 255.255.255.255 9.99.100.249 10.0.0.1; do
	is "ipv4 $a accepted" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=$a DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20 ")" \
	    "$(ev "$a")"
done
for a in 1.2.3.04 01.2.3.4 00.1.2.3 1.2.3.256 300.1.2.3 1.2.3.1000 \
    1.2.3 1.2.3.4. 1..3.4 .1.2.3.4 1.2.3.4.5 1.2.3.a 1.2.3.4x; do
	is "ipv4 $a rejected" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=$a DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20 ")" \
	    "invalid source address"
	is "ipv4 destination $a rejected" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.1 DST=$a LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20 ")" \
	    "invalid target address"
done
is "ipv4-mapped source, ipv4 destination" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=::ffff:1.2.3.4 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20 ")" \
    "source and target address families differ"
printf '%s gw kernel: DROP IN=eth0 OUT= SRC=1.2.3.04 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20 \n' \
    "$STAMP" >"$TMP/in"
mnw-parse -H -f netfilter -z UTC -y 2026-12-05T00:00:00Z -r test "$TMP/in" \
    >/dev/null 2>"$TMP/err"
like "ipv4 warning names the value" "$(cat "$TMP/err")" \
    "in:1: invalid source address '1.2.3.04'"

# Numbers in the output, written two digits at a time.
for p in 0 9 10 99 100 999 1000 9999 10000 65535; do
	is "port $p written" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=$p DPT=$p LEN=20 ")" \
	    "2026-12-04T19:10:59Z 198.51.100.1 $p 203.0.113.1 $p udp - - drop 1 netfilter gw"
done
is "icmp type and code written" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=7 DF PROTO=ICMP TYPE=255 CODE=10 ")" \
    "2026-12-04T19:10:59Z 198.51.100.1 - 203.0.113.1 - icmp 255/10 - drop 1 netfilter gw"
is "tcp flags from the table" "$(fields "$STAMP gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x00 ACK PSH FIN URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.1 1 203.0.113.1 2 tcp - APF drop 1 netfilter gw"

# The digest is XXH64 of the line.  The expected value was computed with
# the byte-at-a-time hex output that the table replaced.
printf '%s gw kernel: DROP IN=eth0 OUT= %s\n' "$STAMP" "$PKT" >"$TMP/in"
parse "$TMP/in"
is "digest written as 16 hex digits" "$(cut -f 14 "$TMP/out")" \
    "ec5c8e1bcdfbce4f"

# Prefix and host/tag caches: a line that differs from the one before
# only in its prefix, tag or host is parsed on its own.
cat >"$TMP/cache" <<EOF
$STAMP gw kernel: [UFW BLOCK] IN=eth0 OUT= $PKT
$STAMP gw kernel: [UFW ALLOW] IN=eth0 OUT= $PKT
$STAMP gw kernel: [UFW BLOCK] IN=eth0 OUT= $PKT
$STAMP gw sshd: [UFW BLOCK] IN=eth0 OUT= $PKT
$STAMP gw2 kernel: [UFW BLOCK] IN=eth0 OUT= $PKT
$STAMP gw kernel:x [UFW BLOCK] IN=eth0 OUT= $PKT
$STAMP gw kernel: [UFW BLOCK] SRC=192.0.2.9 IN=eth0 OUT= $PKT
$STAMP gw kernel: [UFW BLOCK] IN=eth0 OUT= $PKT
$STAMP UDMP UDMP kernel: [WAN_LOCAL-A-1] IN=eth0 OUT= $PKT
$STAMP UDMP UDMP kernel: [WAN_LOCAL-D-1] IN=eth0 OUT= $PKT
$STAMP UDMP kernel: [WAN_LOCAL-R-1] IN=eth0 OUT= $PKT
$STAMP gw kernel: [UFW BLOCK]  IN=eth0 OUT= $PKT
$STAMP gw kernel:
$STAMP gw kernel: [UFW BLOCK] IN=eth0 OUT= $PKT
EOF
parse "$TMP/cache"
is "caches: action and host per line" \
    "$(cut -f 10,13 "$TMP/out" | tr '\t\n' ' ;')" \
    "drop gw;accept gw;drop gw;drop gw2;drop gw;drop gw;accept UDMP;drop UDMP;reject UDMP;drop gw;drop gw;"
is "caches: rejected lines" "$(cut -f 2,3 "$TMP/rej" | tr '\t\n' ' ;')" \
    "4 not in the requested format;7 repeated key;13 not in the requested format;"

done_testing
