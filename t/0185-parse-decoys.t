#!/bin/sh
# mnw-parse, every format: an address in text that a user, a remote
# peer or a rule author controls (a user name, URL, log prefix, rule or
# policy name, signature text, message) never becomes the source or
# the target of an event.  Each case puts a decoy from the
# documentation ranges, 203.0.113.66 or 2001:db8::66, into such a
# field of a valid line and checks two things: no record has the decoy
# in its src or dst column, and the outcome is exactly the expected
# one, either the real addresses of the line or the reason for which
# the line is skipped or rejected.  A skipped or rejected line keeps
# the promise too; the cases where the decoy causes that say so.
# The last section hides whole lines of one format inside the
# user-controlled text of another, to check that the format detection
# of a mixed stream does not claim the inner line.

. "${MNW_TOP:-.}/t/lib.sh"

REF=2026-12-31T00:00:00Z
D4=203.0.113.66
D6=2001:db8::66
R='192.0.2.7 198.51.100.9'
R6='2001:db8::7 2001:db8::9'

# has FORMAT: FORMAT is in mnw-parse's format table.
has() {
	mnw-parse -h 2>&1 | grep -q "^  $1 "
}

# outcome: the src and dst of each record in $TMP/out, then
# "rejected: REASON" for each line in $TMP/rej, all joined by " | ";
# "skipped: REASON" when neither gave anything.
outcome() {
	{
		cut -f3,5 "$TMP/out" | tr '\t' ' '
		cut -f3 "$TMP/rej" | sed 's/^/rejected: /'
	} >"$TMP/got"
	if [ ! -s "$TMP/got" ]; then
		sed -n 's/.* [0-9]* skipped ([0-9]* \(.*\)), 0 rejected.*/skipped: \1/p' \
		    "$TMP/err" >"$TMP/got"
	fi
	paste -s -d '|' "$TMP/got" | sed 's/|/ | /g'
}

# decoy DESC EXPECTED LINE...: parse the lines (a header line may come
# before the event line) and check that neither decoy is a src or dst,
# and that the outcome is EXPECTED.
decoy() {
	_desc=$1
	_want=$2
	shift 2
	printf '%s\n' "$@" >"$TMP/in"
	: >"$TMP/rej"
	mnw-parse -H -r t -z UTC -y "$REF" -u "$TMP/rej" "$TMP/in" \
	    >"$TMP/out" 2>"$TMP/err"
	_taken=$(awk -F '\t' -v a="$D4" -v b="$D6" '
	    index($3, a) || index($5, a) || $3 == b || $5 == b' "$TMP/out")
	if [ -z "$_taken" ]; then
		ok "$_desc: decoy not taken"
	else
		not_ok "$_desc: decoy not taken"
		diag "record: $_taken"
		diag "line: $(tail -n 1 "$TMP/in")"
	fi
	is "$_desc: outcome" "$(outcome)" "$_want"
}

# ---- dshield -------------------------------------------------------
# The submitter id is the only free field; the rest are the record.

TAB=$(printf '\t')
DS="2026-12-04 19:10:59 +00:00"
decoy "dshield submitter id" "$R" \
    "$DS$TAB$D4${TAB}1${TAB}192.0.2.7${TAB}4123${TAB}198.51.100.9${TAB}22${TAB}6${TAB}S"
decoy "dshield submitter id src=" "$R" \
    "$DS${TAB}src=$D4:1234${TAB}1${TAB}192.0.2.7${TAB}4123${TAB}198.51.100.9${TAB}22${TAB}6${TAB}S"
decoy "dshield submitter id ipv6" "$R6" \
    "$DS$TAB$D6${TAB}1${TAB}2001:db8::7${TAB}4123${TAB}2001:db8::9${TAB}22${TAB}6${TAB}S"

# ---- winfw ---------------------------------------------------------
# pfirewall.log has no text a user types.  The info column (written
# for ICMP and dropped packets) and path are the nearest thing to free
# text, so the decoy goes there.

WF='#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid'
decoy "winfw info column" "$R" "$WF" \
    "2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 3389 52 S 3391512 0 64240 - - $D4 RECEIVE 4"
decoy "winfw info column ipv6" "$R6" "$WF" \
    "2026-12-04 19:10:59 DROP TCP 2001:db8::7 2001:db8::9 4123 3389 52 S 3391512 0 64240 - - $D6 RECEIVE 4"
decoy "winfw pid column" "$R" "$WF" \
    "2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 3389 52 S 3391512 0 64240 - - - RECEIVE $D4"
decoy "winfw path column" "$R" "$WF" \
    "2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 3389 52 S 3391512 0 64240 - - - $D4 4"

# ---- pf ------------------------------------------------------------
# The anchor name comes from the rule author, and the protocol text
# after the packet (DNS names, ICMP error contents) from the peer.

PF='Dec 04 19:10:59.184835 rule 4/(match) block in on em0:'
decoy "pf anchor name" "$R" \
    "Dec 04 19:10:59.184835 rule 1.$D4.5/(match) block in on em0: 192.0.2.7.53614 > 198.51.100.9.1435: S 786092310:786092310(0) win 3072 <mss 1460>"
decoy "pf dns query name" "$R" \
    "$PF 192.0.2.7.53 > 198.51.100.9.53: 1234+ A? $D4.1234. (40)"
decoy "pf dns question with address" "$R" \
    "$PF 192.0.2.7.53 > 198.51.100.9.53: 1234+ PTR? $D4.53 > 198.51.100.9.22: (40)"
decoy "pf icmp error contents" "$R" \
    "$PF 192.0.2.7 > 198.51.100.9: icmp: host $D4 unreachable"
decoy "pf ipv6 dns name" "$R6" \
    "$PF 2001:db8::7.53 > 2001:db8::9.53: 1+ AAAA? $D6.4000 > 2001:db8::9.22: (40)"

# ---- filterlog -----------------------------------------------------
# The anchor field (third) may carry an anchor path the rule author
# named; every other field is a number or a keyword.

FL='Dec  4 19:10:59 pfSense filterlog[1234]:'
decoy "filterlog anchor field" "$R" \
    "$FL 5,,$D4,1000102433,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,192.0.2.7,198.51.100.9,51234,22,0,S,1543512,,64240,,mss"
decoy "filterlog anchor field ipv6" "$R6" \
    "$FL 5,,$D6,1000102433,em0,match,block,in,6,0x00,0x00000,64,tcp,6,60,2001:db8::7,2001:db8::9,51234,22,0,S,1543512,,64240,,mss"

# ---- asa -----------------------------------------------------------
# Access list and access-group names and interface names are the
# operator's text.

AS='Dec  4 19:10:59 fw01'
decoy "asa 106023 access-group name" "$R" \
    "$AS %ASA-4-106023: Deny tcp src outside:192.0.2.7/4123 dst inside:198.51.100.9/22 by access-group \"$D4\" [0x0, 0x0]"
decoy "asa 106023 access-group imitating src" "$R" \
    "$AS %ASA-4-106023: Deny tcp src outside:192.0.2.7/4123 dst inside:198.51.100.9/22 by access-group \"src outside:$D4/22\" [0x0, 0x0]"
decoy "asa 106100 access list name" "$R" \
    "$AS %ASA-6-106100: access-list $D4 denied udp outside/192.0.2.7(1039) -> inside/198.51.100.9(53) hit-cnt 1 first hit [0x1, 0x0]"
decoy "asa 106100 access list name as source" "$R" \
    "$AS %ASA-6-106100: access-list outside/$D4(80) denied udp outside/192.0.2.7(1039) -> inside/198.51.100.9(53) hit-cnt 1 first hit [0x1, 0x0]"
decoy "asa 106001 interface name" "$R" \
    "$AS %ASA-2-106001: Inbound TCP connection denied from 192.0.2.7/54322 to 198.51.100.9/1433 flags SYN on interface $D4"
decoy "asa 106006 interface name" "$R" \
    "$AS %ASA-2-106006: Deny inbound UDP from 192.0.2.7/137 to 198.51.100.9/137 on interface from-$D4/137"
decoy "asa 106023 ipv6 access-group" "$R6" \
    "$AS %ASA-4-106023: Deny tcp src outside:2001:db8::7/4123 dst inside:2001:db8::9/22 by access-group \"$D6\" [0x0, 0x0]"

# ---- netfilter -----------------------------------------------------
# The log prefix is the operator's text.  A prefix that imitates a key
# rejects the line as "repeated key"; other prefixes leave the event.
# The packet quoted by an ICMP error is the peer's, and is not read.

NF='Dec  4 19:10:59 gw kernel:'
NK='IN=eth0 OUT= MAC=00:11:22:33:44:55:66:77:88:99:aa:bb:08:00'
NP='LEN=60 TOS=0x00 PREC=0x00 TTL=50 ID=5 DF PROTO=TCP SPT=40000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0'
decoy "netfilter prefix SRC= key" "rejected: repeated key" \
    "$NF [UFW BLOCK] SRC=$D4 $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix DST= key" "rejected: repeated key" \
    "$NF [UFW BLOCK] DST=$D4 $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix bare address" "$R" \
    "$NF [UFW BLOCK] $D4 $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix from port" "$R" \
    "$NF DROP from $D4 port 22: $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix lowercase src=" "$R" \
    "$NF DROP src=$D4:1234 $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix whole key sequence" "rejected: repeated key" \
    "$NF $NK SRC=$D4 DST=198.51.100.9 $NP $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix glued to IN=" "$R" \
    "$NF DROP:$D4:$NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "netfilter prefix ipv6 SRC= key" "rejected: repeated key" \
    "$NF [UFW BLOCK] SRC=$D6 $NK SRC=2001:db8::7 DST=2001:db8::9 LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=TCP SPT=4000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0"
decoy "netfilter prefix ipv6 address" "$R6" \
    "$NF [UFW BLOCK] $D6 $NK SRC=2001:db8::7 DST=2001:db8::9 LEN=80 TC=0 HOPLIMIT=64 FLOWLBL=0 PROTO=TCP SPT=4000 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0"
decoy "netfilter icmp error quoted packet" "$R" \
    "$NF DROP $NK SRC=192.0.2.7 DST=198.51.100.9 LEN=88 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=ICMP TYPE=3 CODE=3 [SRC=$D4 DST=192.0.2.7 LEN=60 TOS=0x00 PREC=0x00 TTL=64 ID=2 PROTO=UDP SPT=53 DPT=4000 LEN=40 ] "
decoy "netfilter unifi prefix" "$R" \
    "Dec  4 19:10:59 UDM [WAN_LOCAL-D-$D4] $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
decoy "proxmox prefix bare address" "10.3.94.12 10.3.94.10" \
    "0 1 PVEFW-HOST-OUT 20/Jun/2022:13:16:23 +0200 $D4 DROP: OUT=vmbr0.94 SRC=10.3.94.12 DST=10.3.94.10 LEN=60 TOS=0x10 PREC=0x00 TTL=64 ID=59156 DF PROTO=TCP SPT=49566 DPT=22 SEQ=708451139 ACK=0 WINDOW=64240 SYN "
decoy "proxmox prefix SRC= key" "rejected: repeated key" \
    "0 1 PVEFW-HOST-OUT 20/Jun/2022:13:16:23 +0200 SRC=$D4 DROP: OUT=vmbr0.94 SRC=10.3.94.12 DST=10.3.94.10 LEN=60 TOS=0x10 PREC=0x00 TTL=64 ID=59156 DF PROTO=TCP SPT=49566 DPT=22 SEQ=708451139 ACK=0 WINDOW=64240 SYN "

# ---- ios -----------------------------------------------------------
# Named access lists and IPS signature names are the operator's and
# the signature author's text.

IO='Dec  4 19:11:02 rtr1 4711:'
decoy "ios access list name" "$R" \
    "$IO %SEC-6-IPACCESSLOGP: list $D4 denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet"
decoy "ios access list name with port" "$R" \
    "$IO %SEC-6-IPACCESSLOGP: list $D4(80) denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet"
decoy "ios access list name src=" "$R" \
    "$IO %SEC-6-IPACCESSLOGP: list srcip=$D4 denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet"
decoy "ios access list name as target" "$R" \
    "$IO %SEC-6-IPACCESSLOGP: list 192.0.2.1(1)->$D4(22) denied tcp 192.0.2.7(3067) -> 198.51.100.9(22), 1 packet"
decoy "ios ipv6 access list name" "$R6" \
    "$IO %IPV6_ACL-6-ACCESSLOGP: list $D6 denied tcp 2001:db8::7(3067) -> 2001:db8::9(22), 1 packet"
decoy "ios ips signature name" "$R" \
    "$IO %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 Scan from $D4 port 22 [192.0.2.7:51654 -> 198.51.100.9:4444]"
decoy "ios ips signature name with brackets" "$R" \
    "$IO %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 Bad [$D4:1 -> 198.51.100.9:22] [192.0.2.7:51654 -> 198.51.100.9:4444]"

# ---- fastlog -------------------------------------------------------
# The rule message and the classification text are the rule author's.

FA='12/04/2026-19:10:59.123456  [**] [1:2008578:4]'
FC='[**] [Classification: Attempted Information Leak] [Priority: 2]'
decoy "fastlog message address" "$R" \
    "$FA ET SCAN $D4 Scan $FC {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060"
decoy "fastlog message with arrow" "$R" \
    "$FA ET SCAN {TCP} $D4:1234 -> 198.51.100.9:22 $FC {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060"
decoy "fastlog classification" "$R" \
    "$FA ET SCAN Scan [**] [Classification: from $D4 port 22] [Priority: 2] {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060"
decoy "fastlog message ipv6" "$R6" \
    "$FA ET SCAN $D6:22 -> $D6:23 $FC {TCP} 2001:db8::7:4123 -> 2001:db8::9:22"
decoy "fastlog snort syslog message" "$R" \
    "Dec  4 19:10:59 ids snort[1234]: [1:2008578:4] ET SCAN {UDP} $D4:1 -> $D4:2 [Classification: Attempted Information Leak] [Priority: 2] {UDP} 192.0.2.7:5116 -> 198.51.100.9:5060"

# ---- eve -----------------------------------------------------------
# Application data (http, tls, dns), the signature and the metadata
# come from the client or the rule author.  Only top-level members are
# read.

ET='"timestamp":"2026-12-04T20:10:59.123456+0100","flow_id":1'
EA='"alert":{"action":"allowed","gid":1,"signature_id":2001219,"rev":20,"signature":"ET SCAN","category":"x","severity":2}'
EP='"src_ip":"192.0.2.7","src_port":4123,"dest_ip":"198.51.100.9","dest_port":80,"proto":"TCP"'
decoy "eve http url" "$R" \
    "{$ET,\"event_type\":\"alert\",$EP,$EA,\"http\":{\"hostname\":\"$D4\",\"url\":\"http://$D4/\",\"xff\":\"$D4\"}}"
decoy "eve signature text" "$R" \
    "{$ET,\"event_type\":\"alert\",$EP,\"alert\":{\"action\":\"allowed\",\"signature_id\":1,\"signature\":\"from $D4 port 22 src_ip $D4\"}}"
decoy "eve nested src_ip" "$R" \
    "{$ET,\"event_type\":\"alert\",$EP,$EA,\"http\":{\"src_ip\":\"$D4\",\"dest_ip\":\"$D4\"}}"
decoy "eve nested src_ip first" "$R" \
    "{$ET,\"event_type\":\"alert\",\"http\":{\"src_ip\":\"$D4\",\"dest_ip\":\"$D4\"},$EP,$EA}"
decoy "eve quoted json in signature" "$R" \
    "{$ET,\"event_type\":\"alert\",\"alert\":{\"signature\":\"\\\"src_ip\\\":\\\"$D4\\\"\"},$EP}"
decoy "eve metadata array" "$R" \
    "{$ET,\"event_type\":\"alert\",$EP,\"alert\":{\"action\":\"allowed\",\"metadata\":{\"src_ip\":[\"$D4\"]}},\"dns\":{\"rrname\":\"$D4\"}}"
decoy "eve nested ipv6" "$R6" \
    "{$ET,\"event_type\":\"alert\",\"src_ip\":\"2001:db8::7\",\"src_port\":4123,\"dest_ip\":\"2001:db8::9\",\"dest_port\":80,\"proto\":\"TCP\",$EA,\"tls\":{\"sni\":\"$D6\",\"src_ip\":\"$D6\"}}"
decoy "eve in syslog with http url" "$R" \
    "Dec  4 19:10:59 ids suricata[1]: @cee: {$ET,\"event_type\":\"alert\",$EP,$EA,\"http\":{\"url\":\"/?src_ip=$D4\"}}"

# ---- juniper -------------------------------------------------------
# Policy, application, user and rule names in the structured data, and
# NetScreen service and zone names, are the operator's text.  A service
# name followed by " src=ADDR" makes the key src appear twice, which
# rejects the line.

JS='<14>1 2026-12-04T19:10:59.803Z srx1 RT_FLOW - RT_FLOW_SESSION_DENY [junos@2636.1.1.1.2.39'
JA='source-address="192.0.2.7" source-port="4123" destination-address="198.51.100.9" destination-port="22" service-name="junos-ssh" protocol-id="6" icmp-type="0"'
decoy "juniper policy name" "$R" \
    "$JS $JA policy-name=\"$D4\" username=\"$D4\" roles=\"N/A\" application=\"$D4\"] session denied"
decoy "juniper policy name as key" "$R" \
    "$JS $JA policy-name=\"source-address=$D4\"] session denied"
decoy "juniper policy name before keys" "$R" \
    "$JS policy-name=\"source-address=\\\"$D4\\\"\" $JA] session denied"
decoy "juniper message text" "$R" \
    "$JS $JA policy-name=\"deny-all\"] session denied $D4/1->198.51.100.9/22 junos-ssh 6(0)"
decoy "juniper session deny without sd" "$R" \
    "Dec  4 19:10:59 srx1 RT_FLOW: RT_FLOW_SESSION_DENY: session denied 192.0.2.7/4123->198.51.100.9/22 junos-ssh 6(0) $D4/1->$D4/2(x) untrust trust UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0"
NS='Dec  4 19:10:59 fw1 ns1: NetScreen device_id=ns1  [Root]'
decoy "netscreen service name" "$R" \
    "${NS}system-notification-00257(traffic): start_time=\"2026-12-04 19:10:58\" duration=0 policy_id=119 service=$D4 proto=17 src zone=$D4 dst zone=Trust action=Deny sent=0 rcvd=0 src=192.0.2.7 dst=198.51.100.9 src_port=3036 dst_port=7001"
decoy "netscreen service name as key" "rejected: repeated key" \
    "${NS}system-notification-00257(traffic): start_time=\"2026-12-04 19:10:58\" duration=0 policy_id=119 service=x src=$D4 proto=17 src zone=Untrust dst zone=Trust action=Deny sent=0 rcvd=0 src=192.0.2.7 dst=198.51.100.9 src_port=3036 dst_port=7001"

# ---- fortigate -----------------------------------------------------
# msg, user, url, policy names and attack names are free text.

FG='date=2026-12-04 time=20:10:59 devname="fw1" tz="+0100"'
FT='srcip=192.0.2.7 srcport=4123 srcintfrole="wan" dstip=198.51.100.9 dstport=22 proto=6 action="deny"'
decoy "fortigate msg" "$R" \
    "$FG type=\"traffic\" subtype=\"forward\" msg=\"srcip=$D4 from $D4 port 22\" $FT"
decoy "fortigate user and url" "$R" \
    "$FG type=\"traffic\" subtype=\"forward\" user=\"$D4\" $FT url=\"http://$D4/?srcip=$D4\""
decoy "fortigate policy name" "$R" \
    "$FG type=\"traffic\" subtype=\"forward\" policyname=\"$D4\" srcname=\"$D4\" $FT"
decoy "fortigate escaped quote in msg" "$R" \
    "$FG type=\"traffic\" subtype=\"forward\" msg=\"a\\\" srcip=$D4 dstip=$D4 \\\"\" $FT"
decoy "fortigate ips attack name" "$R" \
    "$FG type=\"utm\" subtype=\"ips\" attack=\"$D4 scan\" ref=\"http://$D4/\" $FT count=1"
decoy "fortigate msg ipv6" "$R6" \
    "$FG type=\"traffic\" subtype=\"forward\" msg=\"srcip=$D6\" srcip=2001:db8::7 srcport=4123 srcintfrole=\"wan\" dstip=2001:db8::9 dstport=22 proto=6 action=\"deny\""

# ---- mikrotik ------------------------------------------------------
# The log prefix is the operator's text; the user name of a login
# failure is the client's.

MK='Dec  4 19:10:59 gw firewall,info'
MI='in:ether1-WAN out:(unknown 0), connection-state:new src-mac 00:11:22:33:44:55, proto TCP (SYN), 192.0.2.7:4123->198.51.100.9:23, len 40'
decoy "mikrotik log prefix address" "$R" \
    "$MK drop $D4:1->$D4:2 input: $MI"
decoy "mikrotik log prefix with in:" "$R" \
    "$MK drop in:x $D4:1->198.51.100.9:22, input: $MI"
decoy "mikrotik login user name" "$(echo "$R" | cut -d' ' -f1) 0.0.0.0" \
    "Dec  4 19:10:59 gw system,error,critical login failure for user $D4 from 192.0.2.7 via ssh"
decoy "mikrotik login user name with from" "$(echo "$R" | cut -d' ' -f1) 0.0.0.0" \
    "Dec  4 19:10:59 gw system,error,critical login failure for user x from $D4 via ssh from 192.0.2.7 via ssh"
decoy "mikrotik login user name ipv6" "2001:db8::7 ::" \
    "Dec  4 19:10:59 gw system,error,critical login failure for user $D6 from 2001:db8::7 via ssh"

# ---- ipfw ----------------------------------------------------------
# No user-controlled field: rule number, action, protocol, addresses,
# direction and interface are all written by the kernel.

# ---- ipfilter ------------------------------------------------------
# No user-controlled field: ipmon writes the interface, group and rule
# numbers, addresses, protocol, flags and direction.

# ---- panos ---------------------------------------------------------
# Rule name (11), source and target user (12, 13), the threat's URL or
# file name (31) and threat name (32) are free text.  Quoted fields may
# hold commas.

PH='Dec  4 19:11:00 pa1'
PT='2026/12/04 19:10:59'
decoy "panos rule and user names" "$R" \
    "$PH 1,$PT,0123456789,TRAFFIC,deny,2561,$PT,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,$D4,$D4,$D4,ssh,vsys1,untrust,dmz,ethernet1/1,,fwd,$PT,4711,1,4123,22,0,0,0x0,tcp,deny"
decoy "panos quoted rule name with commas" "$R" \
    "$PH 1,$PT,0123456789,TRAFFIC,deny,2561,$PT,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,\"$D4,$D4,x\",\"a,\"\"$D4\"\"\",,ssh,vsys1,untrust,dmz,ethernet1/1,,fwd,$PT,4711,1,4123,22,0,0,0x0,tcp,deny"
decoy "panos threat url and name" "$R" \
    "$PH 1,$PT,0123456789,THREAT,spyware,2561,$PT,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,r1,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/2,fwd,$PT,1,1,32362,80,0,0,0x402000,tcp,alert,\"$D4/a,$D4\",from $D4 port 22(1)"
decoy "panos rule name ipv6" "$R6" \
    "$PH 1,$PT,0123456789,TRAFFIC,deny,2561,$PT,2001:db8::7,2001:db8::9,::,::,$D6,$D6,,ssh,vsys1,untrust,dmz,ethernet1/1,,fwd,$PT,4711,1,4123,22,0,0,0x0,tcp,deny"

# ---- sonicwall -----------------------------------------------------
# msg, note, usr and arg (a URL) are free text.

SW='Dec  4 19:11:00 192.0.2.1 id=firewall sn=0017C5000000 time="2026-12-04 19:10:59 UTC" fw=198.51.100.9 pri=5'
decoy "sonicwall msg" "$R" \
    "$SW c=64 m=36 msg=\"src=$D4:1:X1 dst=$D4:2:X0\" n=2686 src=192.0.2.7:4507:X1 dst=198.51.100.9:445:X0 proto=tcp/445"
decoy "sonicwall note and usr" "$R" \
    "$SW c=64 m=36 msg=\"TCP connection dropped\" n=2686 usr=\"$D4\" src=192.0.2.7:4507:X1 dst=198.51.100.9:445:X0 proto=tcp/445 note=\"from $D4 port 22\""
decoy "sonicwall login failure user" "$R" \
    "$SW c=32 m=30 msg=\"Administrator login denied due to bad credentials\" n=7 usr=\"$D4\" src=192.0.2.7:36701:WAN dst=198.51.100.9:443:WAN arg=\"http://$D4/\""
decoy "sonicwall interface name" "$R" \
    "$SW c=64 m=36 msg=\"TCP connection dropped\" n=2686 src=192.0.2.7:4507:X1:$D4 dst=198.51.100.9:445:X0:$D4 proto=tcp/445"

# ---- sshd ----------------------------------------------------------
# The user name is what the client typed; a reverse DNS name is the
# peer's network's text.  A certificate's key id is the signer's text:
# the line is then rejected for a missing source address.

SS='Dec  4 19:10:59 host sshd[812]:'
SD='Dec  4 19:10:59 host dropbear[77]:'
S0='192.0.2.7 0.0.0.0'
decoy "sshd failed password user" "$S0" \
    "$SS Failed password for $D4 from 192.0.2.7 port 4123 ssh2"
decoy "sshd failed invalid user with from" "$S0" \
    "$SS Failed password for invalid user x from $D4 port 22 from 192.0.2.7 port 4123 ssh2"
decoy "sshd invalid user" "$S0" \
    "$SS Invalid user $D4 from 192.0.2.7 port 4123"
decoy "sshd invalid user with from port" "$S0" \
    "$SS Invalid user from $D4 port 22 from 192.0.2.7 port 4123"
decoy "sshd invalid user ipv6" "$S0" \
    "$SS Invalid user $D6 from 192.0.2.7 port 4123"
decoy "sshd user not allowed" "$S0" \
    "$SS User from $D4 port 22 from 192.0.2.7 not allowed because not listed in AllowUsers"
decoy "sshd ipv6 source with ipv4 user" "2001:db8::7 ::" \
    "$SS Failed password for $D4 from 2001:db8::7 port 4123 ssh2"
decoy "sshd refused connect host name" "192.0.2.7 0.0.0.0" \
    "$SS refused connect from $D4 (192.0.2.7)"
decoy "sshd certificate key id" "rejected: missing source address" \
    "$SS Failed publickey for git from 192.0.2.7 port 4123 ssh2: ED25519-CERT SHA256:q7a ID x from $D4 port 1 (serial 1) CA ED25519 SHA256:r8b"
decoy "dropbear bad password user" "$S0" \
    "$SD Bad password attempt for '$D4' from 192.0.2.7:5543"
decoy "dropbear user with from" "$S0" \
    "$SD Bad password attempt for 'x' from $D4:22' from 192.0.2.7:5543"

# ---- portsentry, scanlogd, iplog -----------------------------------
# PortSentry and iplog write the reverse DNS name of the scanner, which
# the scanner's network controls.  scanlogd writes no name and has no
# user-controlled field.

decoy "portsentry history host name" "192.0.2.7 0.0.0.0" \
    "1796411459 - 12/04/2026 19:10:59 Host: $D4/192.0.2.7 Port: 23 TCP Blocked"
decoy "portsentry history host name with port" "192.0.2.7 0.0.0.0" \
    "1796411459 - 12/04/2026 19:10:59 Host: $D4 Port: 1 x/192.0.2.7 Port: 111 UDP Blocked"
decoy "portsentry alert host name" "192.0.2.7 0.0.0.0" \
    "Dec  4 19:10:59 gw portsentry[812]: attackalert: SYN/Normal scan from host: $D4/192.0.2.7 to TCP port: 143"
decoy "portsentry alert host name ipv6" "2001:db8::7 ::" \
    "Dec  4 19:10:59 gw portsentry[812]: attackalert: Connect from host: $D6/2001:db8::7 to TCP port: 23"
decoy "iplog host name" "192.0.2.7 0.0.0.0" \
    "Dec  4 19:10:59 gw iplog[9]: TCP: ftp connection attempt from $D4 (192.0.2.7):52516"
decoy "iplog host name with parentheses" "192.0.2.7 0.0.0.0" \
    "Dec  4 19:10:59 gw iplog[9]: TCP: ssh connection attempt from ($D4):1 x (192.0.2.7):22222"

# ---- checkpoint ----------------------------------------------------
# User, rule and resource fields are free text.  A value that imitates
# a key and its separator makes that key appear twice, which rejects
# the line.

CP='<134>1 2026-12-04T19:10:59Z gw CheckPoint 19710 - [action:"Drop"; ifdir:"inbound";'
CQ='src:"192.0.2.7"; dst:"198.51.100.9"; proto:"6"; s_port:"4123"; service:"22"'
decoy "checkpoint user and rule name" "$R" \
    "$CP src_user_name:\"$D4\"; rule_name:\"$D4\"; $CQ; resource:\"http://$D4/\"]"
decoy "checkpoint rule name with src" "$R" \
    "$CP rule_name:\"src: $D4\"; $CQ]"
decoy "checkpoint escaped quote in rule name" "$R" \
    "$CP rule_name:\"x\\\"; src:\\\"$D4\"; $CQ]"
CO='Dec  4 19:10:59 gw Checkpoint:  4Dec2026 19:10:59'
decoy "checkpoint fw log rule name" "$R" \
    "$CO drop   198.51.100.1 >eth0 rule: 9; rule_name: $D4; user: $D4; src: 192.0.2.7; dst: 198.51.100.9; proto: tcp; service: 22; s_port: 4123;"
decoy "checkpoint fw log user with src" "rejected: repeated key" \
    "$CO drop   198.51.100.1 >eth0 rule: 9; src: 192.0.2.7; dst: 198.51.100.9; proto: tcp; user: x; src: $D4; service: 22; s_port: 4123;"
decoy "checkpoint user ipv6" "$R6" \
    "$CP src_user_name:\"$D6\"; src:\"2001:db8::7\"; dst:\"2001:db8::9\"; proto:\"6\"; s_port:\"4123\"; service:\"22\"]"

# ---- sophos --------------------------------------------------------
# user_name, message, url and the IPS signature message are free text.

SF='device="SFW" date=2026-12-04 time=20:10:59 timezone="CET" device_name="XG210" device_id=X log_id=010101600001'
SP='src_ip=192.0.2.7 dst_ip=198.51.100.9 protocol="TCP" src_port=4123 dst_port=22'
decoy "sophos user name and message" "$R" \
    "$SF log_type=\"Firewall\" log_component=\"Firewall Rule\" log_subtype=\"Denied\" user_name=\"$D4\" message=\"src_ip=$D4\" status=\"Deny\" $SP url=\"http://$D4/\""
decoy "sophos ips signature message" "$R" \
    "$SF log_type=\"IDP\" log_component=\"Signatures\" log_subtype=\"Drop\" signature_msg=\"from $D4 port 22\" $SP"
decoy "sophos rule name ipv6" "$R6" \
    "$SF log_type=\"Firewall\" log_component=\"Firewall Rule\" log_subtype=\"Denied\" fw_rule_name=\"$D6\" user_name=\"$D6\" src_ip=2001:db8::7 dst_ip=2001:db8::9 protocol=\"TCP\" src_port=4123 dst_port=22"

# ---- zonealarm -----------------------------------------------------
# Firewall lines have no user-controlled field.  Program lines name a
# program path, which the user controls; they are skipped.

decoy "zonealarm program line" "skipped: not a firewall line" \
    "PE,2026/12/04,14:10:59 -5:00 GMT,C:\\$D4\\x.exe,$D4,N/A"

# ---- huawei --------------------------------------------------------
# rule-name is the operator's text, and a piece without "=" joins the
# value before it, so a rule name may contain commas.  A rule name that
# continues with ", source-ip=ADDR" repeats that key and is rejected.

HU='2026/12/04 19:10:59 USG6300 %%01POLICY/6/POLICYDENY(l):vsys=public, protocol=6, source-ip=192.0.2.7, source-port=4123, destination-ip=198.51.100.9, destination-port=22'
decoy "huawei rule name" "$R" \
    "$HU, rule-name=$D4."
decoy "huawei rule name with from" "$R" \
    "$HU, rule-name=from $D4 port 22, deny."
decoy "huawei rule name as key" "rejected: repeated key" \
    "$HU, rule-name=x, source-ip=$D4."

# ---- isa -----------------------------------------------------------
# The rule name, the client user name, the destination host name and
# the URL are free text.

isa() {
	printf '%s' "$1"
	shift
	printf '\t%s' "$@"
}
decoy "isa rule and user columns" "$R" \
    "$(isa FW1 2026-12-04 19:10:59 TCP 192.0.2.7:4123 198.51.100.9:3389 192.0.2.7 External 'Local Host' Denied 0xc004000d "$D4" "$D4:80" 0 0 0 0 0 0 - - "$D4" - "$D4")"
decoy "isa header with user name" "$R" \
    "$(isa '#Fields: computer' date time 'IP protocol' source destination 'original client IP' 'source network' 'destination network' action status rule 'client username' 'destination name')" \
    "$(isa FW1 2026-12-04 19:10:59 TCP 192.0.2.7:4123 198.51.100.9:3389 192.0.2.7 External 'Local Host' Denied 0xc004000d "$D4" "$D4" "$D4")"

# ---- zyxel ---------------------------------------------------------
# msg and user are free text.

if has zyxel; then
	ZY='Dec  4 19:10:59 usg60 src="192.0.2.7:4123" dst="198.51.100.9:22"'
	decoy "zyxel msg" "$R" \
	    "$ZY msg=\"src=$D4:1 from $D4 port 22\" note=\"ACCESS BLOCK\" user=\"unknown\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
	decoy "zyxel user" "$R" \
	    "$ZY msg=\"x\" note=\"ACCESS BLOCK\" user=\"$D4\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
	decoy "zyxel msg with src key" "$R" \
	    "$ZY msg=\"a\\\" src=\\\"$D4:1\\\"\" note=\"ACCESS BLOCK\" user=\"unknown\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
	decoy "zyxel msg ipv6" "$R" \
	    "$ZY msg=\"$D6\" note=\"ACCESS BLOCK\" user=\"$D6\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
else
	skip "zyxel: format zyxel is not in mnw-parse's format table"
fi

# ---- sidewinder ----------------------------------------------------
# reason and user are free text, and attackip is chosen by a proxy.

if has sidewinder; then
	SI='Dec  4 19:10:59 fw1 auditd: date="Dec  4 19:10:59 2026 UTC",fac=f_ping_proxy,area=a_proxy,type=t_nettraffic,pri=p_major,event=proxy traffic denied'
	decoy "sidewinder reason and user" "$R" \
	    "$SI,srcip=192.0.2.7,srcport=4123,dstip=198.51.100.9,dstport=22,protocol=6,user=$D4,reason=\"from $D4 port 22\""
	decoy "sidewinder reason with srcip" "$R" \
	    "$SI,reason=\"x,srcip=$D4\",srcip=192.0.2.7,srcport=4123,dstip=198.51.100.9,dstport=22,protocol=6"
	decoy "sidewinder attackip" "$R" \
	    "$SI,srcip=192.0.2.7,srcport=4123,dstip=198.51.100.9,dstport=22,protocol=6,attackip=$D4"
	decoy "sidewinder reason ipv6" "$R6" \
	    "$SI,srcip=2001:db8::7,srcport=4123,dstip=2001:db8::9,dstport=22,protocol=6,reason=\"$D6\""
else
	skip "sidewinder: format sidewinder is not in mnw-parse's format table"
fi

# ---- whole lines inside another format's free text -----------------
# Each decoy below is a complete line of one format, placed where a
# user controls the text of another.  The format that owns the line
# must claim it, or it must be rejected; the inner line must never
# give an event.

decoy "sshd line in fortigate msg" "$R" \
    "$FG type=\"traffic\" subtype=\"forward\" msg=\"Dec  4 19:10:59 h sshd[1]: Failed password for root from $D4 port 22 ssh2\" $FT"
decoy "netfilter record as sshd user" "$S0" \
    "$SS Invalid user $NK SRC=$D4 DST=198.51.100.9 $NP from 192.0.2.7 port 4123"
decoy "asa message as sshd user" "$S0" \
    "$SS Invalid user %ASA-4-106023: Deny tcp src outside:$D4/4123 dst inside:198.51.100.9/22 by access-group \"in\" from 192.0.2.7 port 4123"
decoy "ios message as sshd user" "$S0" \
    "$SS Invalid user %SEC-6-IPACCESSLOGP: list 1 denied tcp $D4(1) -> 198.51.100.9(22), 1 packet from 192.0.2.7 port 4123"
decoy "fastlog alert as sshd user" "$S0" \
    "$SS Invalid user 12/04/2026-19:10:59.123456  [**] [1:1:1] x [**] {TCP} $D4:1 -> 198.51.100.9:22 from 192.0.2.7 port 4123"
decoy "eve record as sshd user" "$S0" \
    "$SS Invalid user {$ET,\"event_type\":\"alert\",\"src_ip\":\"$D4\",\"src_port\":1,\"dest_ip\":\"198.51.100.9\",\"dest_port\":22,\"proto\":\"TCP\"} from 192.0.2.7 port 4123"
decoy "filterlog record as sshd user" "$S0" \
    "$SS Invalid user 5,,,1000102433,em0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,$D4,198.51.100.9,51234,22,0,S,1543512,,64240,,mss from 192.0.2.7 port 4123"
decoy "juniper text as sshd user" "$S0" \
    "$SS Invalid user RT_FLOW_SESSION_DENY: session denied $D4/1->198.51.100.9/22 junos-ssh 6(0) from 192.0.2.7 port 4123"
decoy "ipfw text as sshd user" "$S0" \
    "$SS Invalid user ipfw: 100 Deny TCP $D4:1 198.51.100.9:22 in via em0 from 192.0.2.7 port 4123"
decoy "ipfilter text as sshd user" "$S0" \
    "$SS Invalid user 19:10:59.123456 em0 @0:17 b $D4,1 -> 198.51.100.9,22 PR tcp len 20 40 -S IN from 192.0.2.7 port 4123"
decoy "scanlogd text as sshd user" "$S0" \
    "$SS Invalid user $D4 to 198.51.100.9 ports 80, 81, fSrpauxy, TOS 00 from 192.0.2.7 port 4123"
decoy "sidewinder record as sshd user" "$S0" \
    "$SS Invalid user type=t_nettraffic,event=deny,srcip=$D4,dstip=198.51.100.9,protocol=6 from 192.0.2.7 port 4123"
decoy "sshd line as netfilter prefix" "$R" \
    "$NF sshd[1]: Failed password for root from $D4 port 22 ssh2 $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
# The asa format claims only an untagged "%ASA-" message, so a kernel
# line whose prefix starts like one stays the kernel's.
decoy "asa message as netfilter prefix" "$R" \
    "$NF %ASA-2-106006: Deny inbound UDP from $D4/137 to 198.51.100.9/137 on interface outside $NK SRC=192.0.2.7 DST=198.51.100.9 $NP"
# A netfilter record (NR) in the free text of a format whose lines
# carry no syslog tag.  The netfilter format takes untagged lines as
# the kernel's, so it must not claim one that another format owns: an
# untagged prefix with '=', '"', ',' or a tab is no kernel log prefix.
NR="$NK SRC=$D4 DST=198.51.100.9 $NP"
decoy "netfilter record in fortigate msg" "$R" \
    "$FG type=\"traffic\" subtype=\"forward\" msg=\"$NR\" $FT"
decoy "netfilter record in syslog fortigate msg" "$R" \
    "Dec  4 19:10:59 fw1 $FG type=\"traffic\" subtype=\"forward\" msg=\"$NR\" $FT"
decoy "netfilter record with target in fortigate msg" "$R" \
    "Dec  4 19:10:59 fw1 $FG type=\"traffic\" subtype=\"forward\" msg=\"$NK SRC=192.0.2.7 DST=$D4 $NP\" $FT"
decoy "netfilter record in sonicwall msg" "$R" \
    "$SW c=64 m=36 msg=\"$NR\" n=2686 src=192.0.2.7:4507:X1 dst=198.51.100.9:445:X0 proto=tcp/445"
decoy "netfilter record as mikrotik prefix" "$R" \
    "$MK $NR input: $MI"
decoy "netfilter record in panos rule name" "$R" \
    "$PH 1,$PT,0123456789,TRAFFIC,deny,2561,$PT,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,\"$NR\",,,ssh,vsys1,untrust,dmz,ethernet1/1,,fwd,$PT,4711,1,4123,22,0,0,0x0,tcp,deny"
decoy "netfilter record in huawei rule name" "$R" \
    "$HU, rule-name=$NR."
decoy "netfilter record in syslog huawei rule name" "$R" \
    "Dec  4 19:10:59 USG6300 %%01POLICY/6/POLICYDENY(l):vsys=public, protocol=6, source-ip=192.0.2.7, source-port=4123, destination-ip=198.51.100.9, destination-port=22, rule-name=$NR."
decoy "netfilter record in sophos message" "$R" \
    "$SF log_type=\"Firewall\" log_component=\"Firewall Rule\" log_subtype=\"Denied\" message=\"$NR\" status=\"Deny\" $SP"
decoy "netfilter record in syslog sophos message" "$R" \
    "Dec  4 19:10:59 sfw $SF log_type=\"Firewall\" log_component=\"Firewall Rule\" log_subtype=\"Denied\" message=\"$NR\" status=\"Deny\" $SP"
decoy "netfilter record in isa user name" "$R" \
    "$(isa FW1 2026-12-04 19:10:59 TCP 192.0.2.7:4123 198.51.100.9:3389 192.0.2.7 External 'Local Host' Denied 0xc004000d "$NR")"
decoy "netfilter record in checkpoint rule name" "$R" \
    "$CO drop   198.51.100.1 >eth0 rule: 9; rule_name: $NR; src: 192.0.2.7; dst: 198.51.100.9; proto: tcp; service: 22; s_port: 4123;"
decoy "netfilter record in netscreen reason" "$R" \
    "${NS}system-notification-00257(traffic): start_time=\"2026-12-04 19:10:58\" duration=0 policy_id=119 service=x proto=17 src zone=Untrust dst zone=Trust action=Deny sent=0 rcvd=0 src=192.0.2.7 dst=198.51.100.9 src_port=3036 dst_port=7001 reason=\"$NR\""
decoy "asa message in sonicwall msg" "$R" \
    "$SW c=64 m=36 msg=\"%ASA-2-106006: Deny inbound UDP from $D4/137 to 198.51.100.9/137 on interface outside\" n=2686 src=192.0.2.7:4507:X1 dst=198.51.100.9:445:X0 proto=tcp/445"
decoy "fortigate line in mikrotik prefix" "$R" \
    "$MK date=2026-12-04 srcip=$D4 input: $MI"
if has zyxel; then
	decoy "netfilter record in zyxel msg" "$R" \
	    "$ZY msg=\"$NR\" note=\"ACCESS BLOCK\" user=\"unknown\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
	decoy "asa message in zyxel msg" "$R" \
	    "$ZY msg=\"%ASA-2-106006: Deny inbound UDP from $D4/137 to 198.51.100.9/137 on interface outside\" note=\"ACCESS BLOCK\" user=\"unknown\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
	decoy "ios message in zyxel msg" "$R" \
	    "$ZY msg=\"%SEC-6-IPACCESSLOGP: list 1 denied tcp $D4(1) -> 198.51.100.9(22), 1 packet\" note=\"ACCESS BLOCK\" user=\"unknown\" devID=\"bc9911223344\" cat=\"Firewall\" protoID=6 proto=\"ssh\""
fi
if has sidewinder; then
	decoy "netfilter record in sidewinder reason" "$R" \
	    "$SI,srcip=192.0.2.7,srcport=4123,dstip=198.51.100.9,dstport=22,protocol=6,reason=\"$NR\""
	decoy "asa message in sidewinder reason" "$R" \
	    "$SI,reason=\"%ASA-2-106006: Deny inbound UDP from $D4/137 to 198.51.100.9/137 on interface outside\",srcip=192.0.2.7,srcport=4123,dstip=198.51.100.9,dstport=22,protocol=6"
fi

done_testing
