#!/bin/sh
# mnw-parse: BSD syslog header shapes of the envelope step, with exact
# fields, and near misses that must not be read as a header.
. "${MNW_TOP:-.}/t/lib.sh"

# fields LINE: the event of one line as "time src sport dst dport proto
# icmp flags action count format host", or the reject reason from the
# -u file.
fields() {
	printf '%s\n' "$1" >"$TMP/in"
	mnw-parse -H -q -z UTC -y 2026-12-05T00:00:00Z -r test \
	    -u "$TMP/rej" "$TMP/in" >"$TMP/out" 2>"$TMP/err"
	if [ -s "$TMP/out" ]; then
		cut -f 1,3-13 "$TMP/out" | tr '\t' ' '
	else
		cut -f 3 "$TMP/rej"
	fi
}

SSHD='sshd[55628]: Invalid user r00t from 192.0.2.100'
SSHD_EV='192.0.2.100 - 0.0.0.0 22 tcp - - auth-fail 1 sshd'
NF='DROP IN=eth0 OUT= SRC=198.51.100.12 DST=203.0.113.1 LEN=40 PROTO=TCP SPT=1 DPT=2'
NF_EV='198.51.100.12 1 203.0.113.1 2 tcp - - drop 1 netfilter'

# ---- day without padding ---------------------------------------------

is "unpadded day" "$(fields "Nov 2 19:10:59 pancake $SSHD")" \
    "2026-11-02T19:10:59Z $SSHD_EV pancake"
is "unpadded day, kernel tag" "$(fields "Nov 9 19:10:59 gw kernel: $NF")" \
    "2026-11-09T19:10:59Z $NF_EV gw"
is "unpadded day with fraction" \
    "$(fields "Nov 2 19:10:59.123456 gw kernel: $NF")" \
    "2026-11-02T19:10:59Z $NF_EV gw"
is "unpadded day with priority" "$(fields "<4>Nov 2 19:10:59 gw kernel: $NF")" \
    "2026-11-02T19:10:59Z $NF_EV gw"
is "unpadded day without host" "$(fields "Nov 2 19:10:59 kernel: $NF")" \
    "2026-11-02T19:10:59Z $NF_EV -"
is "unpadded day, year from reference" \
    "$(fields "Dec 6 00:00:01 pancake $SSHD")" \
    "2025-12-06T00:00:01Z $SSHD_EV pancake"
is "unpadded day after padded line" \
    "$(printf 'Nov  2 19:10:59 pancake %s\nNov 2 19:10:59 pancake %s\n' \
    "$SSHD" "$SSHD" | mnw-parse -H -q -z UTC -y 2026-12-05T00:00:00Z \
    -r test | cut -f 1,13 | tr '\t' ' ')" \
    "2026-11-02T19:10:59Z pancake
2026-11-02T19:10:59Z pancake"
is "cisco ios own stamp stays whole" \
    "$(fields "Oct 6 03:32:02 gmt: %SEC-6-IPACCESSLOGP: list bes_in denied udp 192.0.2.1(137) -> 198.51.100.2(137), 1 packet")" \
    "2026-10-06T03:32:02Z 192.0.2.1 137 198.51.100.2 137 udp - - drop 1 ios -"
is "unpadded day, tag then percent" \
    "$(fields "Oct 6 03:32:02 gw %ASA-4-106023: Deny udp src outside:192.0.2.1/137 dst inside:198.51.100.2/137 by access-group \"in\" [0x0, 0x0]")" \
    "2026-10-06T03:32:02Z 192.0.2.1 137 198.51.100.2 137 udp - - drop 1 asa gw"
is "padded day unchanged" "$(fields "Nov  2 19:10:59 pancake $SSHD")" \
    "2026-11-02T19:10:59Z $SSHD_EV pancake"
is "two-digit day unchanged" "$(fields "Nov 12 19:10:59 pancake $SSHD")" \
    "2026-11-12T19:10:59Z $SSHD_EV pancake"
is "journal zero-padded day unchanged" \
    "$(fields "Nov 02 19:10:59 pancake $SSHD")" \
    "2026-11-02T19:10:59Z $SSHD_EV pancake"

# ---- FreeBSD syslogd -v and -v -v ------------------------------------

is "syslogd -v numbers" "$(fields "Apr  2 17:51:32 <4.6> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"
is "syslogd -v kernel facility" "$(fields "Apr  2 17:51:32 <0.4> gw kernel: $NF")" \
    "2026-04-02T17:51:32Z $NF_EV gw"
is "syslogd -v highest numbers" "$(fields "Apr  2 17:51:32 <24.7> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"
is "syslogd -v -v names" "$(fields "Apr  2 17:51:32 <auth.info> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"
is "syslogd -v -v local facility" \
    "$(fields "Apr  2 17:51:32 <local7.debug> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"
is "syslogd -v -v unnamed facility" \
    "$(fields "Apr  2 17:51:32 <15.warn> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"
is "syslogd -v without host" "$(fields "Apr  2 17:51:32 <kern.warn> kernel: $NF")" \
    "2026-04-02T17:51:32Z $NF_EV -"
is "syslogd -v with unpadded day" \
    "$(fields "Apr 2 17:51:32 <security.notice> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"
is "syslogd -v with priority and fraction" \
    "$(fields "<38>Apr  2 17:51:32.5 <4.6> pancake $SSHD")" \
    "2026-04-02T17:51:32Z $SSHD_EV pancake"

# ---- near misses: not a header, so sshd sees no tag ------------------

for l in \
    "Nov 2  19:10:59 pancake $SSHD" \
    "Nov  2  19:10:59 pancake $SSHD" \
    "Nov 0 19:10:59 pancake $SSHD" \
    "Nov 2 9:10:59 pancake $SSHD" \
    "Nov 2 19:10 pancake $SSHD" \
    "Nov 2 19:10:59pancake $SSHD" \
    "Nov 2 19:10:60:1 pancake $SSHD" \
    "Nox 2 19:10:59 pancake $SSHD" \
    "nov 2 19:10:59 pancake $SSHD" \
    "Nov	2 19:10:59 pancake $SSHD" \
    "Nov 2 25:10:59 pancake $SSHD" \
    "Feb 9" \
    "Apr  2 17:51:32 <4.8> pancake $SSHD" \
    "Apr  2 17:51:32 <25.1> pancake $SSHD" \
    "Apr  2 17:51:32 <04.6> pancake $SSHD" \
    "Apr  2 17:51:32 <4.06> pancake $SSHD" \
    "Apr  2 17:51:32 <100.1> pancake $SSHD" \
    "Apr  2 17:51:32 <4.6>pancake $SSHD" \
    "Apr  2 17:51:32 <4.6>  pancake $SSHD" \
    "Apr  2 17:51:32  <4.6> pancake $SSHD" \
    "Apr  2 17:51:32 <4.6>" \
    "Apr  2 17:51:32 <4.6> " \
    "Apr  2 17:51:32 <4,6> pancake $SSHD" \
    "Apr  2 17:51:32 <4.6.1> pancake $SSHD" \
    "Apr  2 17:51:32 <.6> pancake $SSHD" \
    "Apr  2 17:51:32 <4.> pancake $SSHD" \
    "Apr  2 17:51:32 <4.6 pancake $SSHD" \
    "Apr  2 17:51:32 <46> pancake $SSHD" \
    "Apr  2 17:51:32 <auth.warning> pancake $SSHD" \
    "Apr  2 17:51:32 <AUTH.info> pancake $SSHD" \
    "Apr  2 17:51:32 <auth.inf> pancake $SSHD" \
    "Apr  2 17:51:32 <local8.info> pancake $SSHD" \
    "Apr  2 17:51:32 <auth.info.info.info.info.info> pancake $SSHD" \
    "<4.6> Apr  2 17:51:32 pancake $SSHD" \
    "<4.6> pancake $SSHD" \
    "2026-04-02T17:51:32Z <4.6> pancake $SSHD"; do
	is "near miss: $(printf '%s' "$l" | cut -c1-40)" "$(fields "$l")" \
	    "unknown format"
done

# ---- ISO time with a space: Windows Firewall keeps working -----------

cat >"$TMP/pfirewall.log" <<'EOT'
#Fields: date time action protocol src-ip dst-ip src-port dst-port size tcpflags tcpsyn tcpack tcpwin icmptype icmpcode info path pid
2026-12-04 19:10:59 DROP TCP 192.0.2.7 198.51.100.9 4123 3389 52 S 3391512 0 64240 - - - RECEIVE 4
EOT
mnw-parse -H -q -z UTC -y 2026-12-05T00:00:00Z -r test "$TMP/pfirewall.log" \
    >"$TMP/out" 2>"$TMP/err"
is "winfw line with date and time" "$(cut -f 1,3-13 "$TMP/out" | tr '\t' ' ')" \
    "2026-12-04T19:10:59Z 192.0.2.7 4123 198.51.100.9 3389 tcp - S drop 1 winfw -"

# ---- the sample with syslogd -v headers -----------------------------

V="$SHARED/corpus/sshd-auth/fail2ban-bsd-syslog-v.txt"
if [ -f "$V" ]; then
	sh "$MNW_TOP/scripts/corpus-lines" "$V" >"$TMP/v.log"
	mnw-parse -H -z UTC -y 2026-12-05T00:00:00Z -r q "$TMP/v.log" \
	    >"$TMP/out" 2>"$TMP/err"
	is "fail2ban syslogd -v exit status" $? 0
	is "fail2ban syslogd -v summary" "$(tail -n 1 "$TMP/err")" \
	    "mnw-parse: $TMP/v.log: 10 lines, 5 events, 5 skipped (5 PAM message), 0 rejected"
	is "fail2ban syslogd -v first event" \
	    "$(head -n 1 "$TMP/out" | cut -f 1,3,13 | tr '\t' ' ')" \
	    "2026-04-02T17:51:32Z 192.0.2.100 pancake"
else
	skip "no $V"
	skip "no $V"
	skip "no $V"
fi

# ---- ISO time with a space and a padded column (macOS log show) -------

is "iso with space, two spaces before host" \
    "$(fields "2020-03-25 08:01:34.584936-0700  localhost $SSHD")" \
    "2020-03-25T15:01:34Z $SSHD_EV localhost"
is "iso with space, one space before host" \
    "$(fields "2020-03-25 08:01:34.584936-0700 localhost $SSHD")" \
    "2020-03-25T15:01:34Z $SSHD_EV localhost"
is "iso with T, three spaces before host" \
    "$(fields "2026-12-04T19:10:59Z   gw kernel: $NF")" \
    "2026-12-04T19:10:59Z $NF_EV gw"

done_testing
