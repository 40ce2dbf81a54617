# bench-gen.awk: write N log lines of one mnw-parse format, for the
# per-format benchmark in scripts/bench-formats.
#
# usage: mawk -v fam=FORMAT -v n=LINES -v seed=SEED -v nsrc=SOURCES \
#            -f scripts/bench-gen.awk
#
# Each line follows the example of its format in man/mnw-parse.1, with
# the fields that vary in real logs drawn at random from a fixed seed:
# the source from nsrc IPv4 addresses with a skewed rate (a few sources
# send most lines), about 3% IPv6 in the formats that carry IPv6, 70%
# TCP, 25% UDP and 5% ICMP (TCP and UDP share the ICMP part in formats
# that log no ICMP), target ports from lists of often-probed services,
# and times spread over 2026-12-04 UTC.  The same seed gives the same
# lines with the same awk (the bench uses mawk).
#
# A format name without a generator exits 2 with a message, so that
# bench-formats can report the gap instead of measuring nothing.

BEGIN {
	if (n == "" || fam == "") {
		print "bench-gen.awk: set fam and n with -v" > "/dev/stderr"
		exit 2
	}
	if (nsrc == "")
		nsrc = 50000
	srand(seed == "" ? 1 : seed)
	split("45 62 77 81 91 103 112 118 122 139 171 177 185 187 190 " \
	    "194 201 212 217 223", first, " ")
	split("22 23 23 23 445 445 3389 80 443 8080 1433 3306 5900 " \
	    "6379 2323 8443 25 21 5555 81", tports, " ")
	split("5060 53 123 161 1900 137 11211 19 389 3702", uports, " ")
	split("ssh telnet http https smtp ftp", svcnames, " ")
	split("root admin user oracle test guest", users, " ")
	# 2026-12-04T00:00:00Z in seconds since 1970.
	day0 = 1796342400

	for (i = 0; i < n; i++) {
		clock(i)
		if (!gen(fam)) {
			printf "bench-gen.awk: no generator for format '%s'\n",
			    fam > "/dev/stderr"
			exit 2
		}
	}
	exit 0
}

# Set the time of line i: spread evenly over the day.
function clock(i,   s) {
	s = int(86400 * i / n)
	SEC = s
	HH = sprintf("%02d", int(s / 3600))
	MI = sprintf("%02d", int(s / 60) % 60)
	SS = sprintf("%02d", s % 60)
	HMS = HH ":" MI ":" SS
	EPOCH = day0 + s
	USEC = sprintf("%06d", int(rand() * 1000000))
}

function src4(   r, k, h) {
	r = rand()
	k = int(nsrc * r * r)
	# 24 bits from k by an odd multiplier: distinct for distinct k.
	h = (k * 2654435761) % 16777216
	return sprintf("%d.%d.%d.%d", first[1 + k % 20], int(h / 65536),
	    int(h / 256) % 256, h % 256)
}

function src6(   r, k) {
	r = rand()
	k = int(500 * r * r)
	return sprintf("2a05:7a1:%x::%x", 4096 + k, 1 + int(rand() * 7))
}

function dst4(   net) {
	net = int(rand() * 3)
	return (net == 0 ? "192.0.2." : net == 1 ? "198.51.100." : \
	    "203.0.113.") (1 + int(rand() * 254))
}

function dst6() {
	return sprintf("2001:db8:a1f::%x", 16 + int(rand() * 32))
}

# Draw one packet into the globals V6, SRC, DST, P (tcp, udp, icmp),
# PN (protocol number), PU (the name in capitals), SP, DP, IT and IC
# (ICMP type and code), TTL, ID (IPv4 id) and LEN (IP length).  v6p
# is the share of IPv6; icmp is 0 where a format does not log ICMP.
# IPv6 packets are TCP or UDP only.
function pkt(v6p, icmp,   p) {
	V6 = rand() < v6p
	SRC = V6 ? src6() : src4()
	DST = V6 ? dst6() : dst4()
	p = rand()
	if (!icmp || V6)
		p *= 0.95
	if (p < 0.70) {
		P = "tcp"; PN = 6
		SP = 1024 + int(rand() * 64511)
		DP = tports[1 + int(rand() * 20)]
	} else if (p < 0.95) {
		P = "udp"; PN = 17
		SP = 1024 + int(rand() * 64511)
		DP = uports[1 + int(rand() * 10)]
	} else {
		P = "icmp"; PN = 1
		SP = DP = ""
		IT = 8; IC = 0
	}
	PU = toupper(P)
	TTL = 30 + int(rand() * 100)
	ID = int(rand() * 65536)
	LEN = P == "tcp" ? 40 + 4 * int(rand() * 6) : P == "udp" ? \
	    28 + int(rand() * 400) : 84
}

# An address with a port, in the form most formats use.
function ap(a, port, brackets) {
	if (port == "")
		return a
	return (V6 && brackets) ? "[" a "]:" port : a ":" port
}

function bsd(host, tag) {
	return "Dec  4 " HMS " " host " " (tag == "" ? "" : tag ": ")
}

function gen(f) {
	if (f == "netfilter") g_netfilter()
	else if (f == "dshield") g_dshield()
	else if (f == "winfw") g_winfw()
	else if (f == "pf") g_pf()
	else if (f == "filterlog") g_filterlog()
	else if (f == "asa") g_asa()
	else if (f == "ios") g_ios()
	else if (f == "fastlog") g_fastlog()
	else if (f == "eve") g_eve()
	else if (f == "juniper") g_juniper()
	else if (f == "fortigate") g_fortigate()
	else if (f == "mikrotik") g_mikrotik()
	else if (f == "ipfw") g_ipfw()
	else if (f == "ipfilter") g_ipfilter()
	else if (f == "panos") g_panos()
	else if (f == "sonicwall") g_sonicwall()
	else if (f == "sshd") g_sshd()
	else if (f == "portsentry") g_portsentry()
	else if (f == "scanlogd") g_scanlogd()
	else if (f == "iplog") g_iplog()
	else if (f == "checkpoint") g_checkpoint()
	else if (f == "sophos") g_sophos()
	else if (f == "zonealarm") g_zonealarm()
	else if (f == "huawei") g_huawei()
	else if (f == "isa") g_isa()
	else if (f == "zyxel") g_zyxel()
	else if (f == "sidewinder") g_sidewinder()
	# A new format gets its g_NAME() here.
	else return 0
	return 1
}

# The generators, one per format, in the order of mnw-parse -h.

function g_dshield(   fl) {
	pkt(0.03, 1)
	if (P == "icmp") {
		SP = IT; DP = IC
	}
	fl = P == "tcp" ? "S" : ""
	printf "2026-12-04 %s +00:00\t4711\t%d\t%s\t%s\t%s\t%s\t%d\t%s\n",
	    HMS, 1 + int(rand() * 3), SRC, SP, DST, DP, PN, fl
}

function g_winfw() {
	pkt(0.03, 1)
	if (P == "tcp")
		printf "2026-12-04 %s DROP TCP %s %s %d %d %d S %.0f 0 %d - - - " \
		    "RECEIVE 4\n", HMS, SRC, DST, SP, DP, LEN,
		    int(rand() * 4000000000), 1024 + int(rand() * 64000)
	else if (P == "udp")
		printf "2026-12-04 %s DROP UDP %s %s %d %d %d - - - - - - - " \
		    "RECEIVE 4\n", HMS, SRC, DST, SP, DP, LEN
	else
		printf "2026-12-04 %s DROP ICMP %s %s - - %d - - - - %d %d - " \
		    "RECEIVE 4\n", HMS, SRC, DST, LEN, IT, IC
}

function g_pf(   head, seq) {
	pkt(0.03, 1)
	if (V6) {
		# tcpdump.org's form, in a syslog envelope.
		printf "%s00:00:01.%s rule %d/0(match): block in on em0: " \
		    "%s.%s > %s.%s: %s\n", bsd("gw", "pflog"), USEC,
		    int(rand() * 20), SRC, SP, DST, DP, P == "tcp" ? \
		    "Flags [S], seq 1, win 1024, length 0" : "UDP, length 40"
		return
	}
	head = sprintf("Dec 04 %s.%s rule %d/(match) block in on em0: ",
	    HMS, USEC, int(rand() * 20))
	seq = int(rand() * 4000000000)
	if (P == "tcp")
		printf "%s%s.%s > %s.%s: S %.0f:%.0f(0) win %d <mss 1460>\n",
		    head, SRC, SP, DST, DP, seq, seq, 1024 + int(rand() * 64000)
	else if (P == "udp")
		printf "%s%s.%s > %s.%s: udp %d\n", head, SRC, SP, DST, DP,
		    LEN - 28
	else
		printf "%s%s > %s: icmp: echo request\n", head, SRC, DST
}

function g_filterlog(   head) {
	pkt(0.03, 1)
	head = sprintf("%s%d,,,1000102433,em0,match,block,in,",
	    bsd("pfSense", "filterlog[" (1000 + int(rand() * 9000)) "]"),
	    int(rand() * 200))
	if (V6) {
		printf "%s6,0x00,0x00000,%d,%s,%d,%d,%s,%s,%d,%d,", head, TTL,
		    P, PN, LEN, SRC, DST, SP, DP
		if (P == "tcp")
			printf "0,S,%.0f,,64240,,mss\n", int(rand() * 4000000000)
		else
			printf "%d\n", LEN - 8
		return
	}
	printf "%s4,0x0,,%d,%d,0,DF,%d,%s,%d,%s,%s,", head, TTL, ID, PN, P,
	    LEN, SRC, DST
	if (P == "tcp")
		printf "%d,%d,0,S,%.0f,,64240,,mss\n", SP, DP,
		    int(rand() * 4000000000)
	else if (P == "udp")
		printf "%d,%d,%d\n", SP, DP, LEN - 28
	else
		printf "request,%d,%d\n", ID, 1 + int(rand() * 5)
}

function g_asa(   r) {
	pkt(0.03, 1)
	r = rand()
	if (P == "icmp")
		printf "%s%%ASA-4-106023: Deny icmp src outside:%s dst " \
		    "inside:%s (type 8, code 0) by access-group " \
		    "\"outside_in\" [0x0, 0x0]\n", bsd("fw01", ""), SRC, DST
	else if (r < 0.5)
		printf "%s%%ASA-4-106023: Deny %s src outside:%s/%d dst " \
		    "inside:%s/%d by access-group \"outside_in\" " \
		    "[0x0, 0x0]\n", bsd("fw01", ""), P, SRC, SP, DST, DP
	else
		printf "Dec 04 2026 %s UTC FW01 : %%ASA-6-106100: " \
		    "access-list in denied %s outside/%s(%d) -> " \
		    "inside/%s(%d) hit-cnt %d 300-second interval " \
		    "[0x1, 0x0]\n", HMS, P, SRC, SP, DST, DP,
		    1 + int(rand() * 200)
}

function g_netfilter(   head) {
	pkt(0.03, 1)
	head = sprintf("%s[%d.%s] [UFW BLOCK] IN=eth0 OUT= " \
	    "MAC=02:5c:8e:11:30:a7:02:00:5e:10:00:01:08:00 ",
	    bsd("gw", "kernel"), 100000 + SEC, USEC)
	if (V6) {
		# The kernel prints IPv6 addresses with every group in full.
		printf "%sSRC=2a05:07a1:%04x:0000:0000:0000:0000:%04x " \
		    "DST=2001:0db8:0a1f:0000:0000:0000:0000:%04x LEN=80 TC=0 " \
		    "HOPLIMIT=52 FLOWLBL=%d PROTO=%s SPT=%d DPT=%d ", head,
		    4096 + int(rand() * 500), 1 + int(rand() * 7),
		    16 + int(rand() * 32), int(rand() * 1048576), PU, SP, DP
		if (P == "tcp")
			printf "WINDOW=64800 RES=0x00 SYN URGP=0 \n"
		else
			printf "LEN=40 \n"
		return
	}
	printf "%sSRC=%s DST=%s LEN=%d TOS=0x00 PREC=0x00 TTL=%d ID=%d ",
	    head, SRC, DST, LEN, TTL, ID
	if (P == "tcp")
		printf "DF PROTO=TCP SPT=%d DPT=%d WINDOW=%d RES=0x00 SYN " \
		    "URGP=0 \n", SP, DP, 1024 + int(rand() * 64000)
	else if (P == "udp")
		printf "PROTO=UDP SPT=%d DPT=%d LEN=%d \n", SP, DP, LEN - 20
	else
		printf "PROTO=ICMP TYPE=8 CODE=0 ID=%d SEQ=%d \n",
		    int(rand() * 65536), 1 + int(rand() * 5)
}

function g_ios(   head) {
	pkt(0.03, 1)
	head = sprintf("Dec  4 %s rtr1 %d: .Dec  4 %s.%03d UTC: ", HMS,
	    1000 + int(rand() * 90000), HMS, int(rand() * 1000))
	if (V6)
		printf "%s%%IPV6_ACL-6-ACCESSLOGP: list v6in/10 denied %s " \
		    "%s(%d) -> %s(%d), %d packet\n", head, P, toupper(SRC),
		    SP, toupper(DST), DP, 1
	else if (P == "icmp")
		printf "%s%%SEC-6-IPACCESSLOGDP: list 101 denied icmp %s -> " \
		    "%s (8/0), %d packets\n", head, SRC, DST,
		    1 + int(rand() * 20)
	else
		printf "%s%%SEC-6-IPACCESSLOGP: list in denied %s %s(%d) " \
		    "(GigabitEthernet0/1 0011.2233.4455) -> %s(%d), " \
		    "%d packets\n", head, P, SRC, SP, DST, DP,
		    1 + int(rand() * 20)
}

function g_fastlog(   sid) {
	pkt(0.03, 1)
	if (P == "icmp") {
		SP = IT; DP = IC
	}
	sid = 2000000 + int(rand() * 30000)
	printf "12/04/2026-%s.%s  [**] [1:%d:4] ET SCAN Suspicious " \
	    "inbound to port %s [**] [Classification: Attempted " \
	    "Information Leak] [Priority: 2] {%s} %s:%s -> %s:%s\n", HMS,
	    USEC, sid, DP, PU, SRC, SP, DST, DP
}

function g_eve(   r, type, head) {
	pkt(0.03, 1)
	r = rand()
	type = r < 0.5 ? "flow" : r < 0.8 ? "alert" : "drop"
	head = sprintf("{\"timestamp\":\"2026-12-04T%s.%s+0000\"," \
	    "\"flow_id\":%.0f,\"in_iface\":\"eth0\",\"event_type\":\"%s\"," \
	    "\"src_ip\":\"%s\",", HMS, USEC, int(rand() * 2000000000000),
	    type, SRC)
	if (P == "icmp")
		printf "%s\"dest_ip\":\"%s\",\"proto\":\"ICMP\"," \
		    "\"icmp_type\":8,\"icmp_code\":0", head, DST
	else
		printf "%s\"src_port\":%d,\"dest_ip\":\"%s\"," \
		    "\"dest_port\":%d,\"proto\":\"%s\"", head, SP, DST, DP, PU
	if (type == "alert")
		printf ",\"alert\":{\"action\":\"allowed\",\"gid\":1," \
		    "\"signature_id\":%d,\"rev\":4,\"signature\":\"ET SCAN " \
		    "probe\",\"severity\":2}}\n", 2000000 + int(rand() * 30000)
	else if (type == "flow")
		printf ",\"flow\":{\"pkts_toserver\":%d,\"pkts_toclient\":0," \
		    "\"state\":\"new\"}%s}\n", 1 + int(rand() * 4),
		    P == "tcp" ? ",\"tcp\":{\"tcp_flags_ts\":\"02\"}" : ""
	else
		printf ",\"drop\":{\"len\":%d,\"ttl\":%d}}\n", LEN, TTL
}

function g_juniper() {
	pkt(0.03, 1)
	printf "<14>1 2026-12-04T%s.%sZ srx1 RT_FLOW - RT_FLOW_SESSION_DENY " \
	    "[junos@2636.1.1.1.2.39 source-address=\"%s\" " \
	    "source-port=\"%s\" destination-address=\"%s\" " \
	    "destination-port=\"%s\" service-name=\"None\" " \
	    "protocol-id=\"%d\" icmp-type=\"%d\" policy-name=\"deny-all\" " \
	    "source-zone-name=\"untrust\" destination-zone-name=\"trust\"] " \
	    "session denied\n", HMS, substr(USEC, 1, 3), SRC,
	    P == "icmp" ? 0 : SP, DST, P == "icmp" ? 0 : DP, PN,
	    P == "icmp" ? IT : 0
}

function g_fortigate(   tail) {
	pkt(0.03, 1)
	if (P == "icmp")
		tail = "icmptype=0x08 icmpcode=0x00 action=\"deny\" " \
		    "service=\"PING\""
	else
		tail = sprintf("srcport=%d dstport=%d action=\"deny\" " \
		    "service=\"%s/%d\"", SP, DP, PU, DP)
	printf "date=2026-12-04 time=%s devname=\"fw1\" devid=\"FG100F\" " \
	    "tz=\"+0000\" logid=\"0000000013\" type=\"traffic\" " \
	    "subtype=\"forward\" level=\"notice\" srcip=%s " \
	    "srcintf=\"wan1\" srcintfrole=\"wan\" dstip=%s proto=%d %s\n",
	    HMS, SRC, DST, PN, tail
}

function g_mikrotik(   head) {
	pkt(0.03, 1)
	head = sprintf("2026-12-04T%s+00:00 gw firewall,info drop-in " \
	    "input: in:ether1-WAN out:(unknown 0), connection-state:new " \
	    "src-mac 00:11:22:33:44:55, ", HMS)
	if (P == "tcp")
		printf "%sproto TCP (SYN), %s->%s, len %d\n", head,
		    ap(SRC, SP, 1), ap(DST, DP, 1), LEN
	else if (P == "udp")
		printf "%sproto UDP, %s->%s, len %d\n", head, ap(SRC, SP, 1),
		    ap(DST, DP, 1), LEN
	else
		printf "%sproto ICMP (type 8, code 0), %s->%s, len 84\n",
		    head, SRC, DST
}

function g_ipfw() {
	pkt(0.03, 1)
	if (P == "icmp")
		printf "%sipfw: %d Deny ICMP:8.0 %s %s in via em0\n",
		    bsd("gw", "kernel"), 100 * (1 + int(rand() * 50)), SRC, DST
	else
		printf "%sipfw: %d Deny %s %s %s in via em0\n",
		    bsd("gw", "kernel"), 100 * (1 + int(rand() * 50)), PU,
		    ap(SRC, SP, 1), ap(DST, DP, 1)
}

function g_ipfilter(   head) {
	pkt(0.03, 1)
	head = sprintf("%s%s.%s %dx em0 @0:%d b ", bsd("gw", "ipmon[81]"),
	    HMS, USEC, 1 + int(rand() * 3), 1 + int(rand() * 40))
	if (P == "tcp")
		printf "%s%s,%d -> %s,%d PR tcp len 20 %d -S IN\n", head, SRC,
		    SP, DST, DP, LEN
	else if (P == "udp")
		printf "%s%s,%d -> %s,%d PR udp len 20 %d IN\n", head, SRC,
		    SP, DST, DP, LEN
	else
		printf "%s%s -> %s PR icmp len 20 84 icmp echo/0 IN\n", head,
		    SRC, DST
}

function g_panos(   t) {
	pkt(0.03, 1)
	t = "2026/12/04 " HMS
	printf "%s1,%s,0123456789,TRAFFIC,deny,2561,%s,%s,%s,0.0.0.0," \
	    "0.0.0.0,deny-all,,,%s,vsys1,untrust,dmz,ethernet1/1,,fwd,%s," \
	    "%d,%d,%d,%d,0,0,0x0,%s,deny,%d,%d,0,1,%s,0,any,0,%d,0x0,US," \
	    "US,0,1,0\n", bsd("pa1", ""), t, t, SRC, DST,
	    P == "tcp" ? "ssh" : P == "udp" ? "dns" : "ping", t,
	    int(rand() * 1000000), 1 + int(rand() * 3),
	    P == "icmp" ? 0 : SP, P == "icmp" ? 0 : DP, P, LEN, LEN, t,
	    int(rand() * 10000000)
}

function g_sonicwall(   head, where) {
	pkt(0.03, 1)
	head = sprintf("%sid=firewall sn=0017C5000000 " \
	    "time=\"2026-12-04 %s UTC\" fw=198.51.100.1 pri=5 c=64 ",
	    bsd("192.0.2.1", ""), HMS)
	if (V6)
		where = sprintf("src=:%d:X1 dst=:%d:X0 srcV6=%s dstV6=%s",
		    SP, DP, SRC, DST)
	else if (P == "icmp")
		where = sprintf("src=%s:0:X1 dst=%s:0:X0", SRC, DST)
	else
		where = sprintf("src=%s:%d:X1 dst=%s:%d:X0", SRC, SP, DST, DP)
	if (P == "tcp")
		printf "%sm=36 msg=\"TCP connection dropped\" n=%d %s " \
		    "proto=tcp/%d\n", head, int(rand() * 100000), where, DP
	else if (P == "udp")
		printf "%sm=37 msg=\"UDP packet dropped\" n=%d %s " \
		    "proto=udp/%d\n", head, int(rand() * 100000), where, DP
	else
		printf "%sm=38 msg=\"ICMP packet dropped\" n=%d %s " \
		    "type=8 code=0 proto=icmp\n", head,
		    int(rand() * 100000), where
}

function g_sshd(   r, head, user) {
	pkt(0.03, 0)
	head = bsd("host", "sshd[" (1000 + int(rand() * 60000)) "]")
	user = users[1 + int(rand() * 6)]
	r = rand()
	if (r < 0.6)
		printf "%sFailed password for %s%s from %s port %d ssh2\n",
		    head, r < 0.3 ? "invalid user " : "", user, SRC, SP
	else if (r < 0.9)
		printf "%sInvalid user %s from %s port %d\n", head, user, SRC,
		    SP
	else
		printf "%sFailed publickey for %s from %s port %d ssh2: " \
		    "RSA SHA256:4f2pQ3XQ9y\n", head, user, SRC, SP
}

function g_portsentry(   name) {
	pkt(0.03, 0)
	name = V6 ? SRC : sprintf("h%d.example.net", int(rand() * 1000))
	if (rand() < 0.5)
		printf "%d - 12/04/2026 %s Host: %s/%s Port: %d %s Blocked\n",
		    EPOCH, HMS, name, SRC, DP, PU
	else
		printf "%sattackalert: Connect from host: %s/%s to %s port: " \
		    "%d\n", bsd("gw", "portsentry[" int(rand() * 9000) "]"),
		    name, SRC, PU, DP
}

function g_scanlogd(   k, ports) {
	pkt(0, 0)
	ports = ""
	for (k = 0; k < 6; k++)
		ports = ports tports[1 + int(rand() * 20)] ", "
	printf "%s%s to %s ports %s..., f????uxy, TOS 00, TTL %d @%s\n",
	    bsd("srv", "scanlogd"), SRC, DST, ports, TTL, HMS
}

function g_iplog(   k) {
	pkt(0.03, 0)
	k = 1 + int(rand() * 6)
	if (V6 || rand() < 0.5)
		printf "%sTCP: %s connection attempt from %s:%d\n",
		    bsd("gw", "iplog[9]"), svcnames[k], SRC, SP
	else
		printf "%sTCP: %s connection attempt from h%d.example.net " \
		    "(%s):%d\n", bsd("gw", "iplog[9]"), svcnames[k],
		    int(rand() * 1000), SRC, SP
}

function g_checkpoint(   icmp) {
	pkt(0.03, 1)
	if (P == "icmp")
		icmp = "icmp_type:\"8\"; icmp_code:\"0\""
	else
		icmp = sprintf("s_port:\"%d\"; service:\"%d\"", SP, DP)
	printf "<134>1 2026-12-04T%sZ gw CheckPoint %d - [action:\"Drop\"; " \
	    "flags:\"411904\"; ifdir:\"inbound\"; ifname:\"eth1\"; " \
	    "origin:\"192.0.2.1\"; src:\"%s\"; dst:\"%s\"; proto:\"%d\"; " \
	    "%s; rule_name:\"Cleanup\"]\n", HMS, 1000 + int(rand() * 60000),
	    SRC, DST, PN, icmp
}

function g_sophos(   ports) {
	pkt(0.03, 1)
	if (P == "icmp")
		ports = "icmp_type=8 icmp_code=0"
	else
		ports = sprintf("src_port=%d dst_port=%d", SP, DP)
	printf "device=\"SFW\" date=2026-12-04 time=%s timezone=\"UTC\" " \
	    "device_name=\"XG210\" device_id=C01001 log_id=010101600001 " \
	    "log_type=\"Firewall\" log_component=\"Firewall Rule\" " \
	    "log_subtype=\"Denied\" status=\"Deny\" priority=Information " \
	    "fw_rule_id=0 in_interface=\"Port2\" src_ip=%s dst_ip=%s " \
	    "protocol=\"%s\" %s\n", HMS, SRC, DST, PU, ports
}

function g_zonealarm(   tr) {
	pkt(0, 1)
	if (P == "tcp")
		tr = "TCP (flags:S)"
	else if (P == "udp")
		tr = "UDP"
	else
		tr = "ICMP (type:8/subtype:0)"
	printf "FWIN,2026/12/04,%s +0:00 GMT,%s,%s,%s\n", HMS,
	    ap(SRC, SP, 0), ap(DST, DP, 0), tr
}

function g_huawei() {
	pkt(0, 0)
	if (rand() < 0.7)
		printf "2026/12/04 %s USG6300 %%%%01POLICY/6/POLICYDENY(l):" \
		    "vsys=public, protocol=%d, source-ip=%s, source-port=%d, " \
		    "destination-ip=%s, destination-port=%d, " \
		    "time=2026/12/04 %s, source-zone=untrust, " \
		    "destination-zone=trust, rule-name=deny-all.\n", HMS, PN,
		    SRC, SP, DST, DP, HMS
	else
		printf "2026/12/04 %s USG6300 %%%%01SECLOG/4/PACKET_DENY(l):" \
		    "IPVer=4,Protocol=%s,SourceIP=%s,DestinationIP=%s," \
		    "SourcePort=%d,DestinationPort=%d,BeginTime=2026/12/04 " \
		    "%s,EndTime=2026/12/04 %s,SourceVpnID=0," \
		    "DestinationVpnID=0,SourceZone=untrust," \
		    "DestinationZone=trust,PolicyName=deny-all,CloseReason=.\n",
		    HMS, P, SRC, DST, SP, DP, HMS, HMS
}

function g_isa() {
	pkt(0, 0)
	printf "FW1\t2026-12-04\t%s\t%s\t%s:%d\t%s:%d\t%s\tExternal\t" \
	    "Local Host\tDenied\t0xc004000d\t-\n", HMS, PU, SRC, SP, DST,
	    DP, SRC
}

# IPv4 TCP and UDP only: no Zyxel document shows how ZLD writes IPv6
# or ICMP.
function g_zyxel(   r, svc) {
	pkt(0, 0)
	r = rand()
	svc = P == "tcp" ? "ssh" : "dns"
	if (r < 0.8)
		printf "%ssrc=\"%s:%d\" dst=\"%s:%d\" msg=\"Match default " \
		    "rule, DROP\" note=\"ACCESS BLOCK\" user=\"unknown\" " \
		    "devID=\"bc9911223344\" cat=\"Firewall\" protoID=%d " \
		    "proto=\"%s\"\n", bsd("usg60", ""), SRC, SP, DST, DP, PN,
		    svc
	else
		printf "%ssrc=\"%s:%d\" dst=\"%s:%d\" msg=\"from WAN to " \
		    "ZyWALL, %s, Rule_id: 1, SID: %d, Protocol scan\" " \
		    "note=\"ACCESS BLOCK\" user=\"unknown\" " \
		    "devID=\"bc9911223344\" cat=\"IDP\" class=\"Scan\" " \
		    "ob=\"0\" protoID=%d proto=\"%s\"\n", bsd("usg60", ""),
		    SRC, SP, DST, DP, PU, 1000000 + int(rand() * 99999), PN, svc
}

function g_sidewinder(   ports) {
	pkt(0.03, 1)
	if (P == "icmp")
		ports = ""
	else
		ports = sprintf("srcport=%d,dstport=%d,", SP, DP)
	printf "%sdate=\"Dec  4 %s 2026 UTC\",fac=f_ping_proxy," \
	    "area=a_proxy,type=t_nettraffic,pri=p_major,event=%s," \
	    "srcip=%s,%sdstip=%s,protocol=%d\n", bsd("fw1", "auditd"), HMS,
	    rand() < 0.7 ? "proxy traffic denied" : "ACL deny", SRC, ports,
	    DST, PN
}
