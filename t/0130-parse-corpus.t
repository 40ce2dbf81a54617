#!/bin/sh
# mnw-parse over the netfilter folder of the shared log corpus: at least
# 99% of the packet log lines become events, every other line is
# reported with a reason, and the fields match the expected results of
# filebeat and crowdsec where the corpus has them.  See t/corpus-check.sh.
#
# Packet lines are those with the kernel's SRC= DST= ... PROTO= keys;
# the sshd line of the UniFi sample has none and is not one.
exec sh "${MNW_TOP:-.}/t/corpus-check.sh" \
    -p 'SRC=[^ ]+ DST=[^ ]+ .*PROTO=' netfilter 99
