#!/bin/sh
# mnw-parse: exact event fields for netfilter lines in every envelope.
. "${MNW_TOP:-.}/t/lib.sh"

# fields LINE [OPTION ...]: the event of one line as "time src sport dst
# dport proto icmp flags action count format host", or the reject
# reason from the -u file.
fields() {
	_line=$1; shift
	printf '%s\n' "$_line" >"$TMP/in"
	mnw-parse -H -q -z UTC -y 2026-12-05T00:00:00Z -r test \
	    -u "$TMP/rej" "$@" "$TMP/in" >"$TMP/out" 2>"$TMP/err"
	if [ -s "$TMP/out" ]; then
		cut -f 1,3-13 "$TMP/out" | tr '\t' ' '
	else
		cut -f 3 "$TMP/rej"
	fi
}

# summary LINE: the summary line for one line of input.
summary() {
	printf '%s\n' "$1" >"$TMP/in"
	mnw-parse -H -z UTC -y 2026-12-05T00:00:00Z -r test "$TMP/in" \
	    2>&1 >/dev/null | tail -n 1
}

MAC='MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00'

is "iptables ipv4 tcp syn" "$(fields "Dec  4 19:10:59 gw kernel: [463490.252331] DROP IN=eth1 OUT= $MAC SRC=198.51.100.55 DST=203.0.113.1 LEN=44 TOS=0x00 PREC=0x00 TTL=38 ID=9496 PROTO=TCP SPT=56247 DPT=1083 WINDOW=4096 RES=0x00 SYN URGP=0 OPT (020405B4) ")" \
    "2026-12-04T19:10:59Z 198.51.100.55 56247 203.0.113.1 1083 tcp - S drop 1 netfilter gw"

is "iptables ipv4 udp reject" "$(fields "Dec  4 19:10:59 gw kernel: FINAL_REJECT: IN=eth0 OUT= $MAC SRC=198.51.100.2 DST=203.0.113.1 LEN=48 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=5353 DPT=161 LEN=28 ")" \
    "2026-12-04T19:10:59Z 198.51.100.2 5353 203.0.113.1 161 udp - - reject 1 netfilter gw"

is "iptables icmp echo" "$(fields "Dec  4 19:10:59 gw kernel: ICMP-IN ACCEPT IN=eth0 OUT= $MAC SRC=198.51.100.3 DST=203.0.113.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=7 DF PROTO=ICMP TYPE=8 CODE=0 ID=31 SEQ=1 ")" \
    "2026-12-04T19:10:59Z 198.51.100.3 - 203.0.113.1 - icmp 8/0 - accept 1 netfilter gw"

is "tcp flags in kernel order" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x00 CWR ECE URG ACK PSH RST SYN FIN URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.4 1 203.0.113.1 2 tcp - CEUAPRSF - 1 netfilter gw"

is "tcp null scan has no flags" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=TCP SPT=1 DPT=2 WINDOW=1024 RES=0x00 URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.4 1 203.0.113.1 2 tcp - 0 - 1 netfilter gw"

is "ip6tables uncompressed addresses" "$(fields "Dec  4 19:10:59 gw kernel: ip6-drop: IN=eth0 OUT= MAC=33:33:00:00:00:01:00:11:22:33:44:55:86:dd SRC=2001:0db8:0000:0000:0000:0000:0000:0001 DST=2001:0db8:0001:0000:0000:0000:0000:00ff LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=12345 PROTO=TCP SPT=55555 DPT=443 WINDOW=64800 RES=0x00 CWR ECE SYN URGP=0 ")" \
    "2026-12-04T19:10:59Z 2001:db8::1 55555 2001:db8:1::ff 443 tcp - CES drop 1 netfilter gw"

is "ip6tables icmpv6" "$(fields "Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=fe80:0000:0000:0000:0213:46ff:fe3a:4136 DST=2001:0db8:1234:0000:0000:0000:0000:0002 LEN=72 TC=0 HOPLIMIT=255 FLOWLBL=0 PROTO=ICMPv6 TYPE=135 CODE=0 ")" \
    "2026-12-04T19:10:59Z fe80::213:46ff:fe3a:4136 - 2001:db8:1234::2 - icmpv6 135/0 - drop 1 netfilter gw"

is "nftables log flags all" "$(fields "Dec  4 19:10:59 gw kernel: nft inbound denied: IN=eth0 OUT= $MAC SRC=198.51.100.5 DST=203.0.113.1 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=1 DF PROTO=TCP SPT=40000 DPT=443 SEQ=123456 ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 OPT (020405B40402080A) UID=0 GID=0 MARK=0x1 ")" \
    "2026-12-04T19:10:59Z 198.51.100.5 40000 203.0.113.1 443 tcp - S drop 1 netfilter gw"

is "ufw block" "$(fields "Dec  4 19:10:59 gw kernel: [ 2870.303541] [UFW BLOCK] IN=eth0 OUT= $MAC SRC=198.51.100.6 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=240 ID=5 PROTO=TCP SPT=41000 DPT=3389 WINDOW=1024 RES=0x00 SYN URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.6 41000 203.0.113.1 3389 tcp - S drop 1 netfilter gw"
is "ufw allow" "$(fields "Dec  4 19:10:59 gw kernel: [UFW ALLOW] IN=eth0 OUT= SRC=198.51.100.6 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=240 ID=5 PROTO=TCP SPT=41000 DPT=22 WINDOW=1024 RES=0x00 SYN URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.6 41000 203.0.113.1 22 tcp - S accept 1 netfilter gw"
is "ufw audit has no action" "$(fields "Dec  4 19:10:59 gw kernel: [UFW AUDIT] IN= OUT=ppp0 SRC=198.51.100.6 DST=203.0.113.1 LEN=62 TOS=0x00 PREC=0x00 TTL=64 ID=52751 DF PROTO=UDP SPT=57548 DPT=53 LEN=42 ")" \
    "2026-12-04T19:10:59Z 198.51.100.6 57548 203.0.113.1 53 udp - - - 1 netfilter gw"

is "bridged physin physout" "$(fields "Dec  4 19:10:59 gw kernel: FORWARD REJECT IN=br0 OUT=br0 PHYSIN=eth1 PHYSOUT=eth2 $MAC SRC=192.0.2.1 DST=192.0.2.2 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=0 DF PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x00 ACK RST URGP=0 ")" \
    "2026-12-04T19:10:59Z 192.0.2.1 1 192.0.2.2 2 tcp - AR reject 1 netfilter gw"

is "icmp error: inner packet not taken" "$(fields "Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= $MAC SRC=198.51.100.254 DST=203.0.113.1 LEN=56 TOS=0x00 PREC=0x00 TTL=64 ID=0 PROTO=ICMP TYPE=3 CODE=3 [SRC=203.0.113.1 DST=192.0.2.99 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=5 PROTO=UDP SPT=53 DPT=33434 LEN=8 ] ")" \
    "2026-12-04T19:10:59Z 198.51.100.254 - 203.0.113.1 - icmp 3/3 - drop 1 netfilter gw"

is "icmpv6 error: inner packet not taken" "$(fields "Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=2001:0db8:0000:0000:0000:0000:0000:00fe DST=2001:0db8:0000:0000:0000:0000:0000:0001 LEN=120 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=ICMPv6 TYPE=1 CODE=4 [SRC=2001:0db8:0000:0000:0000:0000:0000:0001 DST=2001:0db8:0000:0000:0000:0000:0000:0099 LEN=72 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=UDP SPT=1 DPT=2 LEN=32 ] ")" \
    "2026-12-04T19:10:59Z 2001:db8::fe - 2001:db8::1 - icmpv6 1/4 - drop 1 netfilter gw"

is "fragment has no ports" "$(fields "Dec  4 19:10:59 gw kernel: LOGDROP IN=eth0 OUT= SRC=198.51.100.9 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 FRAG:185 PROTO=TCP ")" \
    "2026-12-04T19:10:59Z 198.51.100.9 - 203.0.113.5 - tcp - - drop 1 netfilter gw"

is "other protocol as number" "$(fields "Dec  4 19:10:59 gw kernel: Shorewall:wlan0:DROP:IN=wlan0 OUT= $MAC SRC=192.0.2.55 DST=224.0.0.1 LEN=36 TOS=0x00 PREC=0xC0 TTL=1 ID=0 PROTO=2 ")" \
    "2026-12-04T19:10:59Z 192.0.2.55 - 224.0.0.1 - 2 - - drop 1 netfilter gw"

is "journalctl short" "$(fields "Dec 04 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.10 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.10 1 203.0.113.1 23 tcp - S - 1 netfilter gw"
is "journalctl short-iso" "$(fields "2026-12-04T20:10:59+0100 gw kernel: IN=eth0 OUT= SRC=198.51.100.10 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0 ")" \
    "2026-12-04T19:10:59Z 198.51.100.10 1 203.0.113.1 23 tcp - S - 1 netfilter gw"
is "rsyslog iso time stamp" "$(fields "2015-03-07T05:09:30.045015+02:00 servername kernel: DROP: IN=eth0 OUT= SRC=198.51.100.11 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=228 ID=54321 PROTO=TCP SPT=58923 DPT=21 WINDOW=65535 RES=0x00 SYN URGP=0 ")" \
    "2015-03-07T03:09:30Z 198.51.100.11 58923 203.0.113.1 21 tcp - S drop 1 netfilter servername"
is "bsd syslog with priority" "$(fields "<4>Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.12 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20")" \
    "2026-12-04T19:10:59Z 198.51.100.12 1 203.0.113.1 2 udp - - drop 1 netfilter gw"
is "bsd syslog without host" "$(fields "Dec  4 19:10:59 kernel: DROP IN=eth0 OUT= SRC=198.51.100.12 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20")" \
    "2026-12-04T19:10:59Z 198.51.100.12 1 203.0.113.1 2 udp - - drop 1 netfilter -"
is "year from reference time" "$(fields "Dec 31 23:59:59 gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.12 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20" -y 2027-01-02T00:00:00Z)" \
    "2026-12-31T23:59:59Z 198.51.100.12 1 203.0.113.1 2 udp - - drop 1 netfilter gw"
is "zone for bsd syslog" "$(fields "Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.12 DST=203.0.113.1 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20" -z +01:00)" \
    "2026-12-04T18:10:59Z 198.51.100.12 1 203.0.113.1 2 udp - - drop 1 netfilter gw"

is "rfc 5424 with structured data" "$(fields '<4>1 2026-12-04T19:10:59.123Z gw kernel - - [x@1 a="q\"] IN= OUT= SRC=9.9.9.9 " b="\]"][y@2 c="d"] nft drop: IN=eth0 OUT= SRC=198.51.100.8 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=UDP SPT=5000 DPT=161 LEN=20')" \
    "2026-12-04T19:10:59Z 198.51.100.8 5000 203.0.113.5 161 udp - - drop 1 netfilter gw"
is "rfc 5424 without structured data" "$(fields '<4>1 2026-12-04T19:10:59+01:00 gw kernel - - - IN=eth0 OUT= SRC=198.51.100.8 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=UDP SPT=5000 DPT=161 LEN=20')" \
    "2026-12-04T18:10:59Z 198.51.100.8 5000 203.0.113.5 161 udp - - - 1 netfilter gw"
is "rfc 5424 from another program" "$(fields '<4>1 2026-12-04T19:10:59Z gw sshd 1234 - - IN=eth0 OUT= SRC=198.51.100.8 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=UDP SPT=5000 DPT=161 LEN=20' -f netfilter)" \
    "not in the requested format"

is "kernel ring buffer with -B" "$(fields "[  100.500000] DROP IN=eth0 OUT= SRC=198.51.100.13 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0" -B 2026-12-04T19:00:00Z)" \
    "2026-12-04T19:01:40Z 198.51.100.13 1 203.0.113.5 23 tcp - S drop 1 netfilter -"
is "kernel ring buffer -B as seconds" "$(fields "[  100.500000] DROP IN=eth0 OUT= SRC=198.51.100.13 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0" -B 1796410800)" \
    "2026-12-04T19:01:40Z 198.51.100.13 1 203.0.113.5 23 tcp - S drop 1 netfilter -"
is "kernel ring buffer without -B" "$(fields "[  100.500000] DROP IN=eth0 OUT= SRC=198.51.100.13 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0")" \
    "missing time stamp"
is "kernel uptime past year 9999" "$(fields "[999999999999.5] DROP IN=eth0 OUT= SRC=198.51.100.13 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0" -B 2026-12-04T19:00:00Z)" \
    "time stamp out of range"
is "dmesg -T" "$(fields "[Fri Dec  4 19:10:59 2026] DROP IN=eth0 OUT= SRC=198.51.100.14 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=244 ID=1 PROTO=TCP SPT=1 DPT=23 WINDOW=1024 RES=0x00 SYN URGP=0")" \
    "2026-12-04T19:10:59Z 198.51.100.14 1 203.0.113.5 23 tcp - S drop 1 netfilter -"

is "unifi without tag, host twice" "$(fields 'Jun 13 23:29:15 UDMP UDMP [WAN_LOCAL-D-2147483647] DESCR="[WAN_LOCAL]Allow All" IN=eth8 OUT= MAC=74:ac:b9:1c:62:e5:00:17:10:2b:31:a9:08:00 SRC=198.51.100.15 DST=192.168.1.25 LEN=122 TOS=00 PREC=0x00 TTL=49 ID=45366 DF PROTO=UDP SPT=38451 DPT=54329 LEN=102 MARK=1a0000')" \
    "2026-06-13T23:29:15Z 198.51.100.15 38451 192.168.1.25 54329 udp - - drop 1 netfilter UDMP"
is "unifi rule letter accept" "$(fields "Jan  5 20:17:05 MainFirewall kernel: [LAN_LOCAL-default-A]IN=eth0.90 OUT= SRC=198.51.100.16 DST=192.0.2.25 LEN=540 TOS=0x1C PREC=0xE0 TTL=64 ID=27223 PROTO=UDP SPT=48689 DPT=48689 LEN=520 ")" \
    "2026-01-05T20:17:05Z 198.51.100.16 48689 192.0.2.25 48689 udp - - accept 1 netfilter MainFirewall"

is "proxmox firewall log" "$(fields "101 1 tap101i0-IN 20/Jun/2022:13:12:46 +0200 REJECT: IN=fwbr101i0 OUT=fwbr101i0 PHYSIN=fwln101i0 PHYSOUT=tap101i0 MAC=a2:1b:bb:df:61:a5:6e:68:28:cc:2a:0c:08:00 SRC=10.3.95.34 DST=10.3.95.200 LEN=60 TOS=0x10 PREC=0x00 TTL=63 ID=37700 DF PROTO=TCP SPT=51604 DPT=22 SEQ=3673568222 ACK=0 WINDOW=64240 SYN ")" \
    "2022-06-20T11:12:46Z 10.3.95.34 51604 10.3.95.200 22 tcp - S reject 1 netfilter -"
is "proxmox prefix cannot supply source" "$(fields "0 1 PVEFW-HOST-OUT 20/Jun/2022:13:16:23 +0200 SRC=9.9.9.9 DROP: OUT=vmbr0.94 SRC=10.3.94.12 DST=10.3.94.10 LEN=60 TOS=0x10 PREC=0x00 TTL=64 ID=59156 DF PROTO=TCP SPT=49566 DPT=22 SEQ=708451139 ACK=0 WINDOW=64240 SYN ")" \
    "repeated key"
is "proxmox repeated key after the flags" "$(fields "0 1 PVEFW-HOST-OUT 20/Jun/2022:13:16:23 +0200 DROP: OUT=vmbr0.94 SRC=10.3.94.12 DST=10.3.94.10 LEN=60 TOS=0x10 PREC=0x00 TTL=64 ID=59156 DF PROTO=TCP SPT=49566 DPT=22 SEQ=708451139 ACK=0 WINDOW=64240 SYN DPT=23")" \
    "repeated key"
is "proxmox status line skipped" "$(summary "0 5 - 14/Mar/2014:12:47:07 +0100 received terminate request (signal)")" \
    "mnw-parse: $TMP/in: 1 lines, 0 events, 1 skipped (1 firewall logger status line), 0 rejected"

is "arp packet skipped" "$(summary "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= ARP HTYPE=1 PTYPE=0x0800 OPCODE=1 MACSRC=00:11:22:33:44:55 IPSRC=192.0.2.1 MACDST=00:00:00:00:00:00 IPDST=192.0.2.2")" \
    "mnw-parse: $TMP/in: 1 lines, 0 events, 1 skipped (1 not an IP packet), 0 rejected"

# Addresses come only from the kernel's keys, never from the prefix: a
# prefix that imitates the keys gets the line rejected.
is "prefix SRC= is a repeated key" "$(fields "Dec  4 19:10:59 gw kernel: SRC=9.9.9.9 IN=eth0 OUT= SRC=198.51.100.17 DST=203.0.113.5 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0")" \
    "repeated key"
is "prefix with a whole fake key sequence" "$(fields "Dec  4 19:10:59 gw kernel: IN= OUT= SRC=9.9.9.9 DST=9.9.9.8 LEN=40 PROTO=TCP SPT=1 DPT=2 IN=eth0 OUT= SRC=198.51.100.18 DST=203.0.113.5 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0")" \
    "repeated key"
is "prefix key named in warning" "$(fields "Dec  4 19:10:59 gw kernel: IN= OUT= SRC=9.9.9.9 DST=9.9.9.8 LEN=40 PROTO=TCP SPT=1 DPT=2 IN=eth0 OUT= SRC=198.51.100.18 DST=203.0.113.5 LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=1 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0" >/dev/null; mnw-parse -H -z UTC -r test "$TMP/in" 2>&1 >/dev/null | head -n 1)" \
    "mnw-parse: $TMP/in:1: repeated key 'SRC'"

# Two records on one line, as a syslog relay that lost a newline
# writes them: the first cut short, or whole, before the second.
J1='<4>1 2026-12-02T10:12:40.591526+01:00 gw kernel - - - nft-wan-drop: IN=enp1s0 OUT= MAC=02:5c:8e:11:30:a7:02:00:5e:10:00:01:08:00 SRC=198.51.100.3 DST=203.0.113.22 LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID=0 DF PROTO=TCP SPT=4'
J2='<4>1 2026-12-02T10:12:40.591526+01:00 gw kernel - - - nft-wan-drop: IN=enp1s0 OUT= MAC=02:5c:8e:11:30:a7:02:00:5e:10:00:01:08:00 SRC=198.51.100.3 DST=203.0.113.23 LEN=44 TOS=0x00 PREC=0x00 TTL=52 ID=0 DF PROTO=TCP SPT=41722 DPT=8728 WINDOW=1024 RES=0x00 SYN URGP=0 '
is "joined records, first cut short" "$(fields "$J1$J2")" "repeated key"
is "joined records, both whole" "$(fields "$J2$J2")" "repeated key"
is "joined records, second cut before OUT=" \
    "$(fields "$J2<4>1 2026-12-02T10:12:41Z gw kernel - - - nft-wan-drop: IN=enp1s0 OU")" \
    "repeated key"
is "joined records, no URGP before the second" \
    "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.1 LEN=40 TTL=50 ID=1 PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x00 SYN Dec  4 19:10:59 gw kernel: IN=eth0 O")" \
    "repeated key"
is "joined records, second key in ip header" \
    "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.1 LEN=40 TTL=50 DST=203.0.113.2 PROTO=TCP SPT=1 DPT=2 WINDOW=0 RES=0x00 SYN URGP=0")" \
    "repeated key"
is "repeated SPT after the ports" \
    "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.1 LEN=40 TTL=50 PROTO=UDP SPT=1 DPT=2 LEN=20 SPT=3")" \
    "repeated key"
is "repeated PROTO after icmp code" \
    "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.4 DST=203.0.113.1 LEN=40 TTL=50 PROTO=ICMP TYPE=8 CODE=0 ID=1 SEQ=1 PROTO=UDP")" \
    "repeated key"
is "nested icmp error packets are not repeats" "$(fields "Dec  4 19:10:59 gw kernel: DROP IN=eth0 OUT= SRC=198.51.100.254 DST=203.0.113.1 LEN=84 TTL=64 ID=0 PROTO=ICMP TYPE=3 CODE=4 [SRC=203.0.113.1 DST=192.0.2.99 LEN=56 TTL=64 ID=5 PROTO=ICMP TYPE=11 CODE=0 [SRC=192.0.2.99 DST=203.0.113.1 LEN=28 PROTO=UDP SPT=53 DPT=33434 LEN=8 ] ] MTU=1400 ")" \
    "2026-12-04T19:10:59Z 198.51.100.254 - 203.0.113.1 - icmp 3/4 - drop 1 netfilter gw"

# Damaged fields are rejected with the reason.
is "invalid source address" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=300.1.2.3 DST=203.0.113.5 LEN=40 PROTO=TCP SPT=1 DPT=23")" \
    "invalid source address"
is "invalid target address" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=2001:db8::g LEN=40 PROTO=TCP SPT=1 DPT=23")" \
    "invalid target address"
is "mixed address families" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=2001:db8::1 LEN=40 PROTO=TCP SPT=1 DPT=23")" \
    "source and target address families differ"
is "icmp type out of range" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=ICMP TYPE=256 CODE=0")" \
    "invalid icmp type"
is "icmpv6 in an ipv4 packet" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=ICMPv6 TYPE=1 CODE=0")" \
    "protocol does not match address family"
is "missing target port" "$(fields "Dec  4 19:10:59 gw kernel: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 PROTO=UDP SPT=1")" \
    "missing target port"
is "non-kernel tag" "$(fields "Dec  4 19:10:59 gw ulogd[77]: IN=eth0 OUT= SRC=198.51.100.1 DST=203.0.113.5 LEN=40 TOS=0x00 PREC=0x00 TTL=50 ID=1 PROTO=UDP SPT=1 DPT=2 LEN=20")" \
    "unknown format"

done_testing
