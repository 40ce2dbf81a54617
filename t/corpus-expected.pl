#!/usr/bin/perl
# corpus-expected.pl: compare mnw-parse's fields for each line of a
# corpus sample with a peer project's expected parse results.
#
# usage: perl corpus-expected.pl SAMPLE EXPECTED TMPDIR [mnw-parse option ...]
#
# EXPECTED is either
#   SAMPLE.expected-beats.json: a JSON array with one object per line;
#     "log.offset" is the line's byte offset in SAMPLE, and
#     source.ip, source.port, destination.ip, destination.port and
#     network.transport are compared;
#   SAMPLE.expected-crowdsec-parser.assert: lines such as
#     results["s01-parse"]["P"][I].Evt.Parsed["src_ip"] == "1.2.3.4";
#     the first parser P with one result per sample line is used, so
#     that I is the line's index; src_ip, dst_ip, src_port, dst_port and
#     proto are compared, and lines that P failed are not compared.
# Each compared line runs through mnw-parse on its own, with the given
# options, and must give exactly one event.  Output, one line per
# compared line: "ok<TAB>NAME" or "not ok<TAB>NAME<TAB>DETAIL", for the
# calling shell test to turn into TAP.
use strict;
use warnings;
use JSON::PP;
use Socket qw(inet_pton inet_ntop AF_INET AF_INET6);

my ($sample, $expected, $tmpdir, @opts) = @ARGV;
die "usage: corpus-expected.pl sample expected tmpdir [option ...]\n"
    unless defined $tmpdir;
(my $name = $sample) =~ s{.*/}{};

open(my $fh, '<:raw', $sample) or die "$sample: $!\n";
my $raw = do { local $/; <$fh> };
close($fh);

# Canonical text of an address (RFC 5952 as inet_ntop writes it), so
# that "2001:0db8:0000:...:0001" compares equal to "2001:db8::1".
sub canonical_addr {
	my ($s) = @_;
	for my $af (AF_INET, AF_INET6) {
		my $bin = inet_pton($af, $s);
		return inet_ntop($af, $bin) if defined $bin;
	}
	return $s;
}

sub canonical_proto {
	my ($s) = @_;
	$s = lc $s;
	return 'icmpv6' if $s eq 'ipv6-icmp' || $s eq 'icmp6';
	return $s;
}

# Run mnw-parse on one line; returns the list of event lines.
my $seq = 0;
sub parse_one {
	my ($line) = @_;
	my $file = sprintf("%s/corpus-line-%d", $tmpdir, $seq++);
	open(my $out, '>:raw', $file) or die "$file: $!\n";
	print $out $line, "\n";
	close($out) or die "$file: $!\n";
	open(my $p, '-|', 'mnw-parse', '-H', '-q', @opts, $file)
	    or die "mnw-parse: $!\n";
	my @events = grep { !/^#/ } <$p>;
	close($p);
	unlink($file);
	chomp @events;
	return @events;
}

# Compare one line's event with the expected fields (a hash with keys
# src, sport, dst, dport, proto; missing keys are not compared).
sub compare {
	my ($lineno, $line, $want) = @_;
	my $label = "$name:$lineno: fields match the expected results";
	my @events = parse_one($line);
	if (@events != 1) {
		printf "not ok\t%s\t%d events for the line, expected 1\n",
		    $label, scalar @events;
		return;
	}
	my @f = split /\t/, $events[0], -1;
	my %got = (src => $f[2], sport => $f[3], dst => $f[4],
	    dport => $f[5], proto => $f[6]);
	my @diff;
	for my $k (sort keys %$want) {
		push @diff, "$k: got '$got{$k}', expected '$want->{$k}'"
		    if $got{$k} ne $want->{$k};
	}
	if (@diff) {
		printf "not ok\t%s\t%s\n", $label, join('; ', @diff);
	} else {
		printf "ok\t%s\n", $label;
	}
}

# Byte offset of each line start, and the lines themselves.
my (@starts, @lines);
{
	my $off = 0;
	for my $l (split /\n/, $raw, -1) {
		push @starts, $off;
		push @lines, $l;
		$off += length($l) + 1;
	}
	pop @lines if @lines && $lines[-1] eq '' && $off > length($raw);
}

if ($expected =~ /\.expected-beats\.json$/) {
	open(my $j, '<:raw', $expected) or die "$expected: $!\n";
	my $doc = decode_json(do { local $/; <$j> });
	close($j);
	my %line_at;
	@line_at{@starts} = (0 .. $#starts);
	for my $obj (@$doc) {
		my $off = $obj->{'log.offset'};
		next unless defined $off && exists $line_at{$off};
		my $i = $line_at{$off};
		my %want;
		$want{src} = canonical_addr($obj->{'source.ip'})
		    if defined $obj->{'source.ip'};
		$want{dst} = canonical_addr($obj->{'destination.ip'})
		    if defined $obj->{'destination.ip'};
		$want{sport} = $obj->{'source.port'}
		    if defined $obj->{'source.port'};
		$want{dport} = $obj->{'destination.port'}
		    if defined $obj->{'destination.port'};
		$want{proto} = canonical_proto($obj->{'network.transport'})
		    if defined $obj->{'network.transport'};
		next unless %want;
		compare($i + 1, $lines[$i], \%want);
	}
} elsif ($expected =~ /\.expected-crowdsec-parser\.assert$/) {
	open(my $a, '<:raw', $expected) or die "$expected: $!\n";
	my (%len, @order, %success, %parsed);
	while (my $l = <$a>) {
		if ($l =~ /^len\(results\["s01-parse"\]\["([^"]+)"\]\) == (\d+)/) {
			push @order, $1 unless exists $len{$1};
			$len{$1} = $2;
		} elsif ($l =~ /^results\["s01-parse"\]\["([^"]+)"\]\[(\d+)\]\.Success == (true|false)/) {
			$success{$1}[$2] = $3 eq 'true';
		} elsif ($l =~ /^results\["s01-parse"\]\["([^"]+)"\]\[(\d+)\]\.Evt\.Parsed\["([a-z_]+)"\] == "([^"]*)"/) {
			$parsed{$1}[$2]{$3} = $4;
		}
	}
	close($a);
	# Sample lines as corpus-lines prints them: every non-empty line.
	my @nonempty = grep { $_ ne '' } @lines;
	my ($parser) = grep { $len{$_} == @nonempty } @order;
	if (!defined $parser) {
		printf "skip\t%s: no parser result per line\n", $name;
		exit 0;
	}
	my %map = (src_ip => 'src', dst_ip => 'dst', src_port => 'sport',
	    dst_port => 'dport', proto => 'proto');
	for my $i (0 .. $#nonempty) {
		next unless $success{$parser}[$i];
		my $p = $parsed{$parser}[$i] // {};
		my %want;
		for my $k (keys %map) {
			next unless defined $p->{$k};
			my $v = $p->{$k};
			$v = canonical_addr($v) if $k =~ /_ip$/;
			$v = canonical_proto($v) if $k eq 'proto';
			$want{$map{$k}} = $v;
		}
		next unless %want;
		compare($i + 1, $nonempty[$i], \%want);
	}
} else {
	die "$expected: unknown kind of expected results\n";
}
