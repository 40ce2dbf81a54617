#!/bin/sh
# mnw-parse formats zyxel and sidewinder: exact fields of Zyxel ZLD
# and Sidewinder auditd lines written for this test, skipped lines
# with their reasons, rejections, IPv6, and free text that names an
# address but must not become the source.  Each part runs only when
# its format is in mnw-parse's table.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

# fmt LINE: the format column of the line's event, "-" if none.
fmt() {
	r=$(printf '%s\n' "$1" |
	    mnw-parse -H -q -r t -y "$REF" -z UTC 2>/dev/null | cut -f12)
	echo "${r:--}"
}

has_format() { mnw-parse -h 2>&1 | grep -q "^  $1 "; }

# ---- zyxel ----------------------------------------------------------

# zy SRC DST NOTE CAT REST: a ZLD line from its varying parts.
zy() {
	printf 'Dec  4 19:10:59 usg60 src="%s" dst="%s" msg="priority:1, from WAN to ZyWALL, service ssh, 203.0.113.99" note="%s" user="unknown" devID="bc9911223344" cat="%s" %s' \
	    "$1" "$2" "$3" "$4" "$5"
}
E='2026-12-04T19:10:59Z 192.0.2.7'

if has_format zyxel; then
	is "zyxel firewall block" \
	    "$(ev "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall 'class="Access Control" dir="WAN:ZyWALL" protoID=6 proto="ssh"')")" \
	    "$E 4123 198.51.100.9 22 tcp - - drop 1 zyxel usg60"
	is "zyxel security policy udp" \
	    "$(ev "$(zy 192.0.2.7:53000 198.51.100.9:161 'ACCESS BLOCK' 'Security Policy Control' 'dir="WAN:LAN1" protoID=17 proto="snmp"')")" \
	    "$E 53000 198.51.100.9 161 udp - - drop 1 zyxel usg60"
	is "zyxel icmp drops ports" \
	    "$(ev "$(zy 192.0.2.7:0 198.51.100.9:0 'ACCESS BLOCK' 'Access Control' 'protoID=1 proto="others"')")" \
	    "$E - 198.51.100.9 - icmp - - drop 1 zyxel usg60"
	is "zyxel without protoID keeps ports" \
	    "$(ev "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall '')")" \
	    "$E 4123 198.51.100.9 22 - - - drop 1 zyxel usg60"
	is "zyxel ipv6 with brackets" \
	    "$(ev "$(zy '[2001:db8::7]:4123' '[2001:db8::9]:22' 'ACCESS BLOCK' Firewall 'protoID=6')")" \
	    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - - drop 1 zyxel usg60"
	is "zyxel bare ipv6 icmpv6" \
	    "$(ev "$(zy 2001:db8::7 2001:db8::9 'ACCESS BLOCK' Firewall 'protoID=1')")" \
	    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 - - drop 1 zyxel usg60"
	is "zyxel idp alert" \
	    "$(ev "$(zy 192.0.2.7:4123 198.51.100.9:80 'ACCESS FORWARD' IDP 'class="web-attack" protoID=6')")" \
	    "$E 4123 198.51.100.9 80 tcp - - alert 1 zyxel usg60"
	is "zyxel idp block" \
	    "$(ev "$(zy 192.0.2.7:4123 198.51.100.9:80 'ACCESS BLOCK' IDP 'protoID=6')")" \
	    "$E 4123 198.51.100.9 80 tcp - - drop 1 zyxel usg60"
	is "zyxel address in msg is not the source" \
	    "$(ev "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall 'protoID=6')" | cut -d' ' -f2)" \
	    "192.0.2.7"
	is "zyxel forwarded packet skipped" \
	    "$(why "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS FORWARD' Firewall 'protoID=6')")" \
	    "skip: not a blocked connection"
	is "zyxel admin login failure skipped" \
	    "$(why "$(zy 192.0.2.7:0 198.51.100.9:0 'Account: admin' User '')")" \
	    "skip: category User is not a connection log"
	is "zyxel vpn skipped" \
	    "$(why "$(zy 0.0.0.0:0 0.0.0.0:0 'IKE_LOG' 'IPSec VPN' '')")" \
	    "skip: category IPSec VPN is not a connection log"
	is "zyxel unknown category skipped" \
	    "$(why "$(zy 0.0.0.0:0 0.0.0.0:0 x 'Something New' '')")" \
	    "skip: unknown category"
	is "zyxel address 300" \
	    "$(why "$(zy 300.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall 'protoID=6')")" \
	    "invalid source address '300.0.2.7:4123'"
	is "zyxel target port missing" \
	    "$(why "$(zy 192.0.2.7:4123 198.51.100.9 'ACCESS BLOCK' Firewall 'protoID=6')")" \
	    "invalid target port '198.51.100.9'"
	is "zyxel protoID 256" \
	    "$(why "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall 'protoID=256')")" \
	    "invalid protocol '256'"
	is "zyxel families differ" \
	    "$(why "$(zy 192.0.2.7:4123 '[2001:db8::9]:22' 'ACCESS BLOCK' Firewall 'protoID=6')")" \
	    "source and target address families differ"
	is "zyxel repeated src" \
	    "$(why "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall 'src="198.51.100.66:1" protoID=6')")" \
	    "repeated key 'src'"
	is "zyxel quote cannot supply a key" \
	    "$(ev "$(zy 192.0.2.7:4123 198.51.100.9:22 'ACCESS BLOCK' Firewall 'ob="x\" src=\"198.51.100.66:1" protoID=6')" |
	    cut -d' ' -f2)" "192.0.2.7"
	is "zyxel without devID is not claimed" \
	    "$(fmt 'Dec  4 19:10:59 usg60 src="192.0.2.7:4123" dst="198.51.100.9:22" note="ACCESS BLOCK" cat="Firewall" protoID=6')" \
	    "-"
else
	skip "zyxel: format zyxel is not in mnw-parse's format table"
fi

# ---- sidewinder -----------------------------------------------------

# sw HEADER TYPE EVENT REST: an auditd line from its varying parts.
sw() {
	printf '%sauditd: date="Dec  4 19:10:59 2026 UTC",fac=f_ping_proxy,area=a_proxy,type=%s,pri=p_major,pid=311,ruid=0,euid=0,pgid=311,logid=0,cmd=pingp,domain=Ping,edomain=Ping,hostname=fw1.example.org,event=%s,%s' \
	    "$1" "$2" "$3" "$4"
}
H='Dec  4 19:10:59 fw1 '
P='srcip=192.0.2.7,srcport=4123,srcburb=external,dstip=198.51.100.9,dstport=22,dstburb=internal,protocol=6'

if has_format sidewinder; then
	is "sidewinder denied traffic" \
	    "$(ev "$(sw "$H" t_nettraffic 'proxy traffic denied' "$P")")" \
	    "$E 4123 198.51.100.9 22 tcp - - drop 1 sidewinder fw1"
	is "sidewinder protocol name" \
	    "$(ev "$(sw "$H" t_nettraffic deny 'srcip=192.0.2.7,srcport=53000,dstip=198.51.100.9,dstport=53,protocol=udp')")" \
	    "$E 53000 198.51.100.9 53 udp - - drop 1 sidewinder fw1"
	is "sidewinder attack deny" \
	    "$(ev "$(sw "$H" t_attack 'ACL deny' "attackip=192.0.2.7,attackburb=internal,$P,reason=\"Traffic denied by policy.\"")")" \
	    "$E 4123 198.51.100.9 22 tcp - - drop 1 sidewinder fw1"
	is "sidewinder attack alert" \
	    "$(ev "$(sw "$H" t_attack 'possible port scan' "$P")")" \
	    "$E 4123 198.51.100.9 22 tcp - - alert 1 sidewinder fw1"
	is "sidewinder srcip not attackip" \
	    "$(ev "$(sw "$H" t_attack 'access deny' 'srcip=192.0.2.7,srcburb=outside,attackip=203.0.113.5,attackburb=outside,reason="session not allowed"')")" \
	    "$E - 0.0.0.0 - - - - drop 1 sidewinder fw1"
	is "sidewinder date without syslog time" \
	    "$(ev "$(sw '' t_nettraffic deny "$P")" |
	    cut -d' ' -f1,2,12)" "$E -"
	ZONE=+05:00
	is "sidewinder date zone over -z" \
	    "$(ev "$(sw '' t_nettraffic deny "$P" |
	    sed 's/2026 UTC/2026 CET/')" | cut -d' ' -f1)" \
	    "2026-12-04T18:10:59Z"
	ZONE=UTC
	is "sidewinder ipv6 icmpv6" \
	    "$(ev "$(sw "$H" t_nettraffic deny 'srcip=2001:db8::7,dstip=2001:db8::9,protocol=1')")" \
	    "2026-12-04T19:10:59Z 2001:db8::7 - 2001:db8::9 - icmpv6 - - drop 1 sidewinder fw1"
	is "sidewinder address in reason is not the source" \
	    "$(ev "$(sw "$H" t_nettraffic deny "$P,reason=\"from 203.0.113.99, srcip=203.0.113.99\"")" |
	    cut -d' ' -f2)" "192.0.2.7"
	is "sidewinder allowed traffic skipped" \
	    "$(why "$(sw "$H" t_nettraffic 'session end' "$P")")" \
	    "skip: not a denied connection"
	is "sidewinder config record skipped" \
	    "$(why "$(sw "$H" t_config 'config change' 'reason="x"')")" \
	    "skip: not a traffic or attack record"
	is "sidewinder address 300" \
	    "$(why "$(sw "$H" t_nettraffic deny 'srcip=300.0.2.7,dstip=198.51.100.9')")" \
	    "invalid source address '300.0.2.7'"
	is "sidewinder missing srcip" \
	    "$(why "$(sw "$H" t_nettraffic deny 'dstip=198.51.100.9')")" \
	    "invalid source address"
	is "sidewinder bad port" \
	    "$(why "$(sw "$H" t_nettraffic deny 'srcip=192.0.2.7,srcport=65536,dstip=198.51.100.9,dstport=22,protocol=6')")" \
	    "invalid source port '65536'"
	is "sidewinder bad protocol" \
	    "$(why "$(sw "$H" t_nettraffic deny 'srcip=192.0.2.7,dstip=198.51.100.9,protocol=999')")" \
	    "invalid protocol '999'"
	is "sidewinder bad date" \
	    "$(why "$(sw '' t_nettraffic deny "$P" | sed 's/Dec  4/Foo  4/')")" \
	    "invalid time 'Foo  4 19:10:59 2026 UTC'"
	is "sidewinder repeated srcip" \
	    "$(why "$(sw "$H" t_nettraffic deny "srcip=198.51.100.66,$P")")" \
	    "repeated key 'srcip'"
	is "sidewinder quote must end a value" \
	    "$(why "$(sw "$H" t_nettraffic deny "$P,reason=\"a\"b\"")")" \
	    "invalid key=value text 'reason'"
	is "sidewinder unterminated quote" \
	    "$(why "$(sw "$H" t_nettraffic deny "$P,information=\"550 cut")")" \
	    "unterminated quoted value 'information'"
	is "sidewinder other tag not claimed" \
	    "$(fmt "$(sw "$H" t_nettraffic deny "$P" | sed 's/auditd:/sshd:/')")" \
	    "-"
else
	skip "sidewinder: format sidewinder is not in mnw-parse's format table"
fi

done_testing
