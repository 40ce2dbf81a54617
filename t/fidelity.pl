#!/usr/bin/perl
# fidelity.pl: compare mnw-parse's events with the expected results that
# other projects ship inline in their test files.  Used by
# t/0170-parse-fidelity.t, which turns each output line into a TAP test.
#
# usage: fidelity.pl CORPUS KNOWN TMPDIR
#
# CORPUS is the shared sample folder, TMPDIR a scratch folder, KNOWN a
# file of disagreements, one a line:
#   folder/file:line<TAB>field<TAB>value<TAB>kind
# kind "right": mnw-parse is right, value is what it gives and the test
# expects it in place of the peer's value.  kind "gap": the peer is
# right; the peer's value stays expected and a mismatch is a TODO test.
# Each line of output is one test:
#   ok<TAB>name      not ok<TAB>name<TAB>detail      todo<TAB>name<TAB>detail
# then "count<TAB>peer<TAB>N lines, M comparisons" for each peer.
#
# Three peers:
#   fail2ban  "# failJSON: {...}" before a log line: host, time, match
#   wazuh     .ini cases: only rule ids, so every "pass" line of a rule
#             whose case name says drop, deny, block or reject must
#             become an event or be skipped with a reason
#   ipfilter  ipftest's expected ipmon lines: the text itself holds the
#             time (ipftest's 1970-01-01 00:00:00, the epoch), addresses,
#             ports and protocol
#
# Each line goes through its own mnw-parse run, so that an event, a skip
# reason or a rejection belongs to that line without doubt.  Times
# without a zone are read in Europe/Zurich, the zone fail2ban's test
# suite sets, so that its wall-clock times and the epoch seconds in the
# PortSentry lines name the same instant.

use strict;
use warnings;
use POSIX qw(mktime strftime tzset);

my ($corpus, $known_file, $tmp) = @ARGV;
die "usage: fidelity.pl corpus known tmpdir\n" unless defined $tmp;

my $ZONE = 'Europe/Zurich';
my $REF = '2005-12-31T23:59:59Z';	# fail2ban's samples are of 2005

my %known;
open(my $kf, '<', $known_file) or die "fidelity.pl: $known_file: $!\n";
while (<$kf>) {
	chomp;
	next if /^\s*(#|$)/;
	my ($where, $field, $value, $kind) = split /\t/;
	die "fidelity.pl: $known_file:$.: bad entry\n"
	    unless defined $kind && $kind =~ /^(right|gap)$/;
	$known{"$where\t$field"} = [$value, $kind];
}
close $kf;

my (%count, %lines, @unclean);

sub out { print join("\t", @_), "\n" }

# check NAME WHERE FIELD GOT WANT: one comparison, WANT replaced by the
# accepted value when the known list has one for WHERE and FIELD.
sub check {
	my ($name, $where, $field, $got, $want) = @_;
	my $k = "$where\t$field";
	my $kind = '';
	if (exists $known{$k}) {
		my $v;
		($v, $kind) = @{$known{$k}};
		delete $known{$k};
		if ($kind eq 'right') {
			$name .= " (mnw-parse's value, see QUIRKS Part 4)";
			$want = $v;
		} elsif ($got ne $v) {
			out('not ok', $name, "$field: known gap value '$v' but " .
			    "mnw-parse now gives '$got'");
			return;
		}
	}
	if ($got eq $want) {
		out('ok', $name);
	} else {
		out($kind eq 'gap' ? 'todo' : 'not ok', $name,
		    "$field: mnw-parse '$got', expected '$want'");
	}
}

# parse FORMAT LINE: run mnw-parse on one line; returns a list of event
# field hashes and the summary line from stderr.
my @COLS = qw(time agent src sport dst dport proto icmp flags action
    count format host digest);
sub parse {
	my ($fmt, $line) = @_;
	open(my $in, '>', "$tmp/in") or die "fidelity.pl: $tmp/in: $!\n";
	print $in $line, "\n";
	close $in;
	my $pid = open(my $fh, '-|');
	die "fidelity.pl: fork: $!\n" unless defined $pid;
	if ($pid == 0) {
		open(STDIN, '<', "$tmp/in") or die "$tmp/in: $!\n";
		open(STDERR, '>', "$tmp/err") or die "$tmp/err: $!\n";
		$ENV{TZ} = $ZONE;
		exec('mnw-parse', '-H', '-f', $fmt, '-r', 'fid', '-z', $ZONE,
		    '-y', $REF) or die "mnw-parse: $!\n";
	}
	my @ev;
	while (my $l = <$fh>) {
		chomp $l;
		my %e;
		@e{@COLS} = split /\t/, $l, -1;
		push @ev, \%e;
	}
	close $fh;
	my $rc = $? >> 8;
	open(my $ef, '<', "$tmp/err") or die "$tmp/err: $!\n";
	my @err = <$ef>;
	close $ef;
	# a crash or a sanitizer report fails the run's last test
	push @unclean, "$fmt: exit $? on: $line"
	    if ($? & 127) || ($rc != 0 && $rc != 1 && $rc != 65) ||
	    grep { /Sanitizer|runtime error:|LeakSanitizer/ } @err;
	my ($summary) = grep { /: \d+ lines, / } @err;
	$summary = '' unless defined $summary;
	chomp $summary;
	return (\@ev, $summary, $rc);
}

# outcome SUMMARY: what became of a line that gave no event.
sub outcome {
	my ($sum) = @_;
	return "skipped: $1" if $sum =~ /, 1 skipped \(1 ([^)]*)\)/;
	return "rejected: $1" if $sum =~ /, 1 rejected \(1 ([^)]*)\)/;
	return "no event ($sum)";
}

# Zurich wall clock (YYYY-MM-DDTHH:MM:SS) to UTC with a Z.
sub zurich_to_utc {
	my ($t) = @_;
	my ($y, $mo, $d, $h, $mi, $s) =
	    $t =~ /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)$/ or return undef;
	local $ENV{TZ} = $ZONE;
	tzset();
	my $e = mktime($s, $mi, $h, $d, $mo - 1, $y - 1900, 0, 0, -1);
	return strftime('%Y-%m-%dT%H:%M:%SZ', gmtime($e));
}

sub is_ip { $_[0] =~ /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)$/ }

# An event's time stamp without fractions, for comparing seconds.
sub secs { my $t = shift; $t =~ s/\.\d+Z$/Z/; $t }

my %FMT = (
	'checkpoint' => 'checkpoint', 'cisco-asa' => 'asa',
	'cisco-ios' => 'ios', 'fortigate' => 'fortigate',
	'huawei-usg' => 'huawei', 'juniper' => 'juniper',
	'netfilter' => 'netfilter', 'panos' => 'panos',
	'pfsense-filterlog' => 'filterlog', 'sonicwall' => 'sonicwall',
	'sophos' => 'sophos', 'sshd-auth' => 'sshd',
	'mikrotik' => 'mikrotik', 'portsentry' => 'portsentry',
	'scanlogd' => 'scanlogd', 'ipfilter' => 'ipfilter',
);

sub lines_of {
	my ($path) = @_;
	open(my $f, '<', $path) or die "fidelity.pl: $path: $!\n";
	my @l = <$f>;
	close $f;
	s/\r?\n\z// for @l;
	return @l;
}

# fail2ban: the failJSON comment applies to the next line that is not
# a comment and not empty, as fail2ban's test reader takes it.
for my $folder (qw(sshd-auth mikrotik portsentry scanlogd)) {
	for my $path (sort glob("$corpus/$folder/fail2ban-*")) {
		my $file = $path;
		$file =~ s|.*/||;
		my @l = lines_of($path);
		my $json;
		for my $i (0 .. $#l) {
			my $line = $l[$i];
			if ($line =~ /^#\s*failJSON:\s*(\{.*\})\s*$/) {
				$json = $1;
				next;
			}
			next if $line eq '' || $line =~ /^#/;
			next unless defined $json;
			my $j = $json;
			undef $json;
			my ($match) = $j =~ /"match"\s*:\s*(true|false)/;
			my ($host) = $j =~ /"host"\s*:\s*"([^"]*)"/;
			my ($time) = $j =~ /"time"\s*:\s*"([^"]*)"/;
			next unless defined $match;
			my $where = "$folder/$file:" . ($i + 1);
			my ($ev, $sum) = parse($FMT{$folder}, $line);
			$lines{fail2ban}++ if $match eq 'false' ||
			    (defined $host && is_ip($host));
			if ($match eq 'false') {
				my @bad = grep { $_->{action} eq 'auth-fail' &&
				    defined $host && $_->{src} eq $host } @$ev;
				check("fail2ban $where: no auth-fail event",
				    $where, 'no-event', scalar(@bad) ? 'event' : 'none',
				    'none');
				$count{fail2ban}++;
				next;
			}
			next unless defined $host && is_ip($host);
			my $e = $ev->[0];
			$count{fail2ban}++;
			unless ($e) {
				check("fail2ban $where: an event", $where, 'event',
				    outcome($sum), 'event');
				next;
			}
			check("fail2ban $where: source", $where, 'src',
			    $e->{src}, $host);
			if (defined $time && $time =~ /^\d{4}-/) {
				check("fail2ban $where: time", $where, 'time',
				    secs($e->{time}), zurich_to_utc($time));
				$count{fail2ban}++;
			}
		}
	}
}

# wazuh: the cases carry only "rule", "alert" and "decoder".  A firewall
# drop or deny case is one whose name says drop, deny, block or reject
# (but not "not blocked"), and the Cisco IOS access list case (rule 4716,
# whose lines are all "denied") and the NetScreen SYN flood screen (rule
# 4560).  sshd is no firewall: its "denied user" cases are left out.
sub wanted {
	my ($folder, $case, $rule) = @_;
	return 0 if $folder eq 'sshd-auth';
	return 1 if $rule eq '4716' || $rule eq '4560';
	return 0 if $case =~ /not blocked/i;
	return $case =~ /drop|deny|denied|block|reject/i;
}

for my $path (sort glob("$corpus/*/*.ini")) {
	my ($folder, $file) = $path =~ m|([^/]+)/([^/]+)$|;
	my $fmt = $FMT{$folder};
	next unless defined $fmt;
	my @l = lines_of($path);
	# each log line's rule id: the "rule =" that follows it
	my %rule;
	my $r;
	for my $i (reverse 0 .. $#l) {
		$r = $1 if $l[$i] =~ /^rule\s*=\s*(\d+)/;
		undef $r if $l[$i] =~ /^\[/;
		$rule{$i} = $r // '';
	}
	my $case = '';
	for my $i (0 .. $#l) {
		if ($l[$i] =~ /^\[(.*)\]\s*$/) {
			$case = $1;
			next;
		}
		next unless $l[$i] =~ /^log \d+ pass = (.*)$/;
		my $line = $1;
		next unless wanted($folder, $case, $rule{$i});
		my $where = "$folder/$file:" . ($i + 1);
		my ($ev, $sum) = parse($fmt, $line);
		my $got = @$ev ? 'event' : outcome($sum);
		$lines{wazuh}++;
		my $what = $got;
		$got = 'event or skip' if $got eq 'event' || $got =~ /^skipped/;
		check("wazuh $where [$case]: event or documented skip ($what)",
		    $where, 'outcome', $got, 'event or skip');
		$count{wazuh}++;
	}
}

# ipfilter: the expected ipmon lines, each compared with its own text.
for my $path (sort glob("$corpus/ipfilter/*expected*")) {
	my $file = $path;
	$file =~ s|.*/||;
	my @l = lines_of($path);
	for my $i (0 .. $#l) {
		my $line = $l[$i];
		next unless $line =~ m{^01/01/1970 00:00:00\.\d+ };
		my $where = "ipfilter/$file:" . ($i + 1);
		my ($s, $sp, $d, $dp, $pr, $dir) = $line =~
		    /\s(\S+?)(?:,(\d+))? -> (\S+?)(?:,(\d+))? PR (\S+) .* (IN|OUT)$/;
		unless (defined $dir) {
			out('not ok', "ipfilter $where: line read", 'test cannot read it');
			next;
		}
		# ipftest printed time 0 as 1970-01-01 00:00:00, so it ran
		# in UTC: read the line in UTC too.
		my $zone = $ZONE;
		$ZONE = 'UTC';
		my ($ev, $sum) = parse('ipfilter', $line);
		$ZONE = $zone;
		$lines{ipfilter}++;
		my $e = $ev->[0];
		unless ($e) {
			check("ipfilter $where: an event", $where, 'event',
			    outcome($sum), 'event');
			$count{ipfilter}++;
			next;
		}
		my %want = (time => '1970-01-01T00:00:00Z', src => $s,
		    sport => $sp // '-', dst => $d, dport => $dp // '-',
		    proto => $pr);
		for my $f (qw(time src sport dst dport proto)) {
			check("ipfilter $where: $f", $where, $f, $e->{$f},
			    $want{$f});
			$count{ipfilter}++;
		}
	}
}

# An entry of the known list that matched no line is stale.
for my $k (sort keys %known) {
	my ($where, $field) = split /\t/, $k;
	out('not ok', "known disagreement $where $field is used",
	    'no such comparison any more');
}
if (@unclean) {
	out('not ok', 'mnw-parse ran clean on every line', join(' | ', @unclean));
} else {
	out('ok', 'mnw-parse ran clean on every line');
}
out('count', $_, "$lines{$_} lines, $count{$_} comparisons")
    for sort keys %count;
