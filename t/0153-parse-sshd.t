#!/bin/sh
# mnw-parse format sshd: failed logins of OpenSSH and Dropbear written
# for this test, with the address read from its fixed place at the end
# of the message even when the user name imitates one, no user name in
# any record, skipped messages, and rejections with their reason.

. "${MNW_TOP:-.}/t/lib.sh"
. "${MNW_TOP:-.}/t/parse-lib.sh"

REF=2026-12-05T00:00:00Z

mnw-parse -h 2>&1 | grep -q '^  sshd ' ||
    skip_all "format sshd is not in mnw-parse's format table"

S='Dec  4 19:10:59 host sshd[812]:'
D='Dec  4 19:10:59 host dropbear[77]:'
E4='2026-12-04T19:10:59Z 192.0.2.7'

# ---- openssh events ------------------------------------------------

is "sshd failed password" \
    "$(ev "$S Failed password for root from 192.0.2.7 port 4123 ssh2")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd failed password invalid user" \
    "$(ev "$S Failed password for invalid user x from 192.0.2.7 port 1 ssh2")" \
    "$E4 1 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd failed keyboard-interactive illegal user" \
    "$(ev "$S Failed keyboard-interactive/pam for illegal user oracle from 192.0.2.7 port 4123 ssh2 [preauth]")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd failed without port" \
    "$(ev "$S Failed password for admin from 192.0.2.7")" \
    "$E4 - 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd failed publickey with key" \
    "$(ev "$S Failed publickey for git from 192.0.2.7 port 4123 ssh2: ED25519 SHA256:q7a+Vd/0xRk9Jb6E1oQK2p3bCw5e8fTgYhUzN4mLs0c")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd failed publickey certificate" \
    "$(why "$S Failed publickey for git from 192.0.2.7 port 4123 ssh2: ED25519-CERT SHA256:q7a ID x from 198.51.100.66 port 1 (serial 1) CA ED25519 SHA256:r8b")" \
    "missing source address"
is "sshd invalid user with port" \
    "$(ev "$S Invalid user pascal from 192.0.2.7 port 53502")" \
    "$E4 53502 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd illegal user without port" \
    "$(ev "$S Illegal user test from 192.0.2.7")" \
    "$E4 - 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd empty user name" \
    "$(ev "$S Invalid user  from 192.0.2.7 port 1")" \
    "$E4 1 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd user not allowed" \
    "$(ev "$S User root from 192.0.2.7 not allowed because not listed in AllowUsers")" \
    "$E4 - 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd ipv6 source" \
    "$(ev "$S Failed publickey for git from 2001:db8::7 port 4123 ssh2")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 :: 22 tcp - - auth-fail 1 sshd host"
is "sshd ipv4-mapped source" \
    "$(ev "$S Failed password for root from ::ffff:192.0.2.7 port 4123 ssh2")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd-session tag" \
    "$(ev "Dec  4 19:10:59 host sshd-session[9]: Invalid user a from 192.0.2.7 port 5")" \
    "$E4 5 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd solaris message id" \
    "$(ev "$S [ID 800047 auth.notice] Failed none for root from 192.0.2.7 port 36942 ssh2")" \
    "$E4 36942 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd tcp wrappers refusal" \
    "$(ev "$S refused connect from x.example (::ffff:192.0.2.7) (192.0.2.7)")" \
    "$E4 - 0.0.0.0 22 tcp - - reject 1 sshd host"

# ---- user names that imitate the address ---------------------------

is "sshd address as user name" \
    "$(ev "$S Invalid user 198.51.100.66 from 192.0.2.7")" \
    "$E4 - 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd user name with from and port" \
    "$(ev "$S Failed password for invalid user a from 198.51.100.66 port 22 from 192.0.2.7 port 4123 ssh2")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd user name with from and ssh2" \
    "$(ev "$S Invalid user b from 198.51.100.66 port 22 ssh2 from 192.0.2.7 port 4123")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "sshd user name ending the line early" \
    "$(why "$S Invalid user c from 198.51.100.66 port 22 from example.net")" \
    "invalid source address 'example.net'"
is "dropbear user name with from" \
    "$(ev "$D Bad password attempt for 'x' from 198.51.100.66:22' from 192.0.2.7:4123")" \
    "$E4 4123 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
printf '%s\n' "$S Failed password for invalid user secretpw1 from 192.0.2.7 port 1 ssh2" \
    "$D Bad password attempt for 'secretpw2' from 192.0.2.7:1" |
    mnw-parse -r t -y "$REF" -z UTC >"$TMP/out" 2>/dev/null
is "sshd no user name in records" "$(grep -c secretpw "$TMP/out")" 0
is "sshd both lines written" "$(grep -vc '^#' "$TMP/out")" 2

# ---- dropbear events -----------------------------------------------

is "dropbear bad password" \
    "$(ev "$D Bad password attempt for 'root' from 192.0.2.7:5543")" \
    "$E4 5543 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "dropbear nonexistent user mapped" \
    "$(ev "$D Login attempt for nonexistent user from ::ffff:192.0.2.7:60495")" \
    "$E4 60495 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "dropbear own time stamp" \
    "$(ev "$D [825] Dec  4 19:10:58 Bad password attempt for 'root' from 192.0.2.7:52289")" \
    "$E4 52289 0.0.0.0 22 tcp - - auth-fail 1 sshd host"
is "dropbear ipv6" \
    "$(ev "$D Bad PAM password attempt for 'pi' from 2001:db8::7:4123")" \
    "2026-12-04T19:10:59Z 2001:db8::7 4123 :: 22 tcp - - auth-fail 1 sshd host"

# ---- skipped -------------------------------------------------------

is "sshd accepted" \
    "$(why "$S Accepted publickey for usr1 from 192.0.2.7 port 37909 ssh2")" \
    "skip: successful login"
is "sshd connection closed" \
    "$(why "$S Connection closed by invalid user root 192.0.2.7 port 45362 [preauth]")" \
    "skip: connection closed before authentication"
is "sshd maximum attempts" \
    "$(why "$S error: maximum authentication attempts exceeded for root from 192.0.2.7 port 34100 ssh2 [preauth]")" \
    "skip: summary of failed logins"
is "sshd pam message" \
    "$(why "$S pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=192.0.2.7 user=root")" \
    "skip: PAM message"
is "sshd old not allowed line" \
    "$(why "$S User dcid not allowed because listed in DenyUsers")" \
    "skip: no source address in message"
is "sshd locked account" \
    "$(why "$S User dcid not allowed because account is locked")" \
    "skip: no source address in message"
is "sshd missing shell" \
    "$(why "$S User dcid not allowed because shell /bin/nosh does not exist")" \
    "skip: no source address in message"
is "sshd other message" \
    "$(why "$S Did not receive identification string from 192.0.2.7 port 45824")" \
    "skip: not a failed login"
is "dropbear exit before auth" \
    "$(why "$D Exit before auth (user 'root', 10 fails): Max auth tries reached - user 'root' from 192.0.2.7:60588")" \
    "skip: summary of failed logins"

# ---- rejected ------------------------------------------------------

is "sshd host name in place of address" \
    "$(why "$S Invalid user admin from spongebob.example.net")" \
    "invalid source address 'spongebob.example.net'"
is "sshd port 70000" \
    "$(why "$S Failed password for root from 192.0.2.7 port 70000 ssh2")" \
    "invalid source port '70000'"
is "sshd without from" \
    "$(why "$S Invalid user 192.0.2.7")" \
    "missing source address"
is "sshd unknown refusal reason" \
    "$(why "$S User root from 192.0.2.7 not allowed because 198.51.100.66")" \
    "unknown reason for a refused user '198.51.100.66'"
is "dropbear without port" \
    "$(why "$D Bad password attempt for 'root' from 192.0.2.7")" \
    "missing source port '192.0.2.7'"
like "sshd text from another program" \
    "$(why "Dec  4 19:10:59 host su[1]: Failed password for root from 192.0.2.7 port 1 ssh2")" \
    "unknown format '"

done_testing
