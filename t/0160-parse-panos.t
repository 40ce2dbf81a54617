#!/bin/sh
# mnw-parse format panos: exact fields of PAN-OS traffic and threat
# CSV lines written for this test, quoted fields with commas, skipped
# logs, and rejections with their reason and value.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

H='Dec  4 19:11:00 pa1'
T='2026/12/04 19:10:59'
# traffic SUBTYPE SRC DST RULE SPORT DPORT PROTO ACTION [REPEAT]
traffic() {
	printf '%s' "$H 1,$T,0123456789,TRAFFIC,$1,2561,$T,$2,$3,0.0.0.0,0.0.0.0,$4,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/2,fwd,$T,4711,${9:-1},$5,$6,0,0,0x400000,$7,$8,7291,1696,5595,21,$T,0,any,0,1234,0x0,US,US,0,1,0"
}
E4='2026-12-04T19:10:59Z 192.0.2.7'

is "panos traffic end allowed" \
    "$(ev "$(traffic end 192.0.2.7 198.51.100.9 allow-web 4123 443 tcp allow)")" \
    "$E4 4123 198.51.100.9 443 tcp - - accept 1 panos pa1"
is "panos traffic deny" \
    "$(ev "$(traffic deny 192.0.2.7 198.51.100.9 deny-all 4123 23 tcp deny)")" \
    "$E4 4123 198.51.100.9 23 tcp - - drop 1 panos pa1"
is "panos traffic drop icmp" \
    "$(ev "$(traffic drop 192.0.2.7 198.51.100.9 deny-all 0 0 icmp drop-ICMP)")" \
    "$E4 - 198.51.100.9 - icmp - - drop 1 panos pa1"
is "panos reset and repeat count" \
    "$(ev "$(traffic end 192.0.2.7 198.51.100.9 r 4123 25 tcp reset-both 5)")" \
    "$E4 4123 198.51.100.9 25 tcp - - reject 5 panos pa1"
is "panos quoted rule name with commas" \
    "$(ev "$(traffic deny 192.0.2.7 198.51.100.9 '"deny, all, ""x"""' 4123 23 tcp deny)")" \
    "$E4 4123 198.51.100.9 23 tcp - - drop 1 panos pa1"
is "panos ipv6" \
    "$(ev "$(traffic deny 2001:db8::7 2001:db8::9 deny-all 4123 22 tcp deny)")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 2001:db8::9 22 tcp - - drop 1 panos pa1"
ZONE=+01:00
is "panos time in the -z zone" \
    "$(ev "$(traffic deny 192.0.2.7 198.51.100.9 d 1 2 udp deny | sed 's|19:10:59|20:10:59|g')")" \
    "$E4 1 198.51.100.9 2 udp - - drop 1 panos pa1"
ZONE=UTC
is "panos threat vulnerability" \
    "$(ev "$H 1,$T,0123456789,THREAT,vulnerability,2561,$T,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,r1,,,ssh,vsys1,untrust,dmz,ethernet1/1,ethernet1/2,fwd,$T,238810,23,47094,22,0,0,0x402400,tcp,reset-both,,SSH User Authentication Brute Force Attempt(40015),any,critical,client-to-server")" \
    "$E4 47094 198.51.100.9 22 tcp - - reject 23 panos pa1"
is "panos scan threat without ports" \
    "$(ev "$H 1,$T,0123456789,THREAT,scan,2561,$T,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,r1,,,not-applicable,vsys1,untrust,dmz,ethernet1/1,,fwd,$T,0,5,0,0,0,0,0x0,tcp,drop,,TCP Port Scan(8001),any,critical,client-to-server")" \
    "$E4 - 198.51.100.9 - tcp - - drop 5 panos pa1"
is "panos threat alert with url" \
    "$(ev "$H 1,$T,0123456789,THREAT,spyware,2561,$T,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,r1,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/2,fwd,$T,1,1,32362,80,0,0,0x402000,tcp,alert,\"198.51.100.66/a,b,c,198.51.100.66\",x(1)")" \
    "$E4 32362 198.51.100.9 80 tcp - - alert 1 panos pa1"
is "panos without syslog host" \
    "$(ev "Dec  4 19:11:00 1,$T,0123456789,TRAFFIC,deny,2561,$T,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,Deny All Rule,,,ssh,vsys1,untrust,dmz,ethernet1/1,,fwd,$T,1,1,4123,22,0,0,0x0,tcp,deny,0")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 panos -"

is "panos session start skipped" \
    "$(why "$(traffic start 192.0.2.7 198.51.100.9 r 4123 443 tcp allow)")" \
    "skip: session start, logged again at its end"
is "panos url log skipped" \
    "$(why "$H 1,$T,0123456789,THREAT,url,2561,$T,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,r1,,,web-browsing")" \
    "skip: not an attack threat log"
is "panos system log skipped" \
    "$(why "$H 1,$T,0123456789,SYSTEM,general,0,$T,,general,,0,0,general,informational,\"x\"")" \
    "skip: not a traffic or threat log"
is "panos address 300" \
    "$(why "$(traffic deny 300.0.2.7 198.51.100.9 r 1 22 tcp deny)")" \
    "invalid source address '300.0.2.7'"
is "panos unknown action" \
    "$(why "$(traffic deny 192.0.2.7 198.51.100.9 r 1 22 tcp maybe)")" \
    "invalid action 'maybe'"
is "panos repeat count zero" \
    "$(why "$(traffic deny 192.0.2.7 198.51.100.9 r 1 22 tcp deny 0)")" \
    "invalid count '0'"
is "panos cut short" \
    "$(why "$H 1,$T,0123456789,TRAFFIC,deny,2561,$T,192.0.2.7")" \
    "line cut short"
is "panos unterminated quote not claimed" \
    "$(why "$H 1,$T,0123456789,TRAFFIC,deny,2561,$T,192.0.2.7,198.51.100.9,0.0.0.0,0.0.0.0,\"open")" \
    "unknown format 'Dec  4 19:11:00 pa1 1,2026/12/04 19:10:59,0123456789,TRAFFIC...'"

# ---- RFC 6587 octet-counted frames (syslog over TCP) ----------------
# frame TEXT: "LEN TEXT", LEN the length of TEXT in bytes.
frame() {
	printf '%d %s' "$(printf '%s' "$1" | wc -c)" "$1"
}
R='<14>1 2026-12-04T19:10:59Z pa1 - - - -'
d1="$R $(traffic drop 192.0.2.7 198.51.100.9 deny-all 4123 22 tcp drop | sed "s/^$H //")"
d2="$R $(traffic deny 192.0.2.8 198.51.100.9 deny-all 4124 23 tcp deny | sed "s/^$H //")"
is "panos in one octet-counted frame" \
    "$(ev "$(frame "$d1")")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 panos pa1"
is "panos in two frames on one line" \
    "$(ev "$(frame "$d1")$(frame "$d2")")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 panos pa1
2026-12-04T19:10:59Z 192.0.2.8 4124 198.51.100.9 23 tcp - - drop 1 panos pa1"
printf '%s%s\n' "$(frame "$d1")" "$(frame "$d2")" |
    mnw-parse -H -r t -y "$REF" -z UTC >/dev/null 2>"$TMP/err"
like "each frame counts as a line" "$(cat "$TMP/err")" \
    'stdin: 2 lines, 2 events, 0 skipped, 0 rejected'
is "panos frame whose count includes the newline" \
    "$(ev "$(printf '%d %s' "$(($(printf '%s' "$d1" | wc -c) + 1))" "$d1")")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 panos pa1"
is "frame longer than the line" \
    "$(why "$(printf '%d %s' "$(($(printf '%s' "$d1" | wc -c) + 9))" "$d1")")" \
    "octet-counted frame cut short '$(($(printf '%s' "$d1" | wc -c) + 9))'"
is "text after the last frame" \
    "$(why "$(frame "$d1")junk")" \
    "text after the last octet-counted frame 'junk'"
is "BSD syslog in a frame" \
    "$(ev "$(frame "<14>$(traffic drop 192.0.2.7 198.51.100.9 deny-all 4123 22 tcp drop)")")" \
    "$E4 4123 198.51.100.9 22 tcp - - drop 1 panos pa1"

done_testing
