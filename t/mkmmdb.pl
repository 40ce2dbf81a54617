#!/usr/bin/perl
# mkmmdb.pl: write a small MaxMind DB file from a text table, for tests.
#
# usage: perl t/mkmmdb.pl country|country_code|asn TABLE OUTPUT
#
# libmaxminddb only reads, so the tests build their databases with this
# script, following the MaxMind DB File Format Specification 2.0: a
# binary search tree of 24-bit records over 128-bit keys (IPv4
# networks sit under ::/96, where libmaxminddb looks for them), 16
# zero bytes, the data section, and the metadata map after the marker
# "\xAB\xCD\xEFMaxMind.com".
#
# TABLE has one network per line, '#' comments allowed:
#   country:       PREFIX CC         -> {country => {iso_code => CC}}
#   country_code:  PREFIX CC         -> {country_code => CC}
#   asn:           PREFIX ASN NAME   -> {autonomous_system_number => ASN,
#                                        autonomous_system_organization
#                                        => NAME}
# A more specific network wins over a shorter one, whatever the order.

use strict;
use warnings;
use Socket qw(inet_pton AF_INET AF_INET6);

my ($kind, $in, $out) = @ARGV;
die "usage: perl t/mkmmdb.pl country|country_code|asn TABLE OUTPUT\n"
    unless defined $out && $kind =~ /^(country|country_code|asn)$/;

# ---- data section encoding ----

sub ctrl {
	my ($type, $size) = @_;
	my ($first, $ext, $extra) = (0, '', '');
	if ($type > 7) {
		$ext = chr($type - 7);
	} else {
		$first = $type << 5;
	}
	if ($size < 29) {
		$first |= $size;
	} elsif ($size < 29 + 256) {
		$first |= 29;
		$extra = chr($size - 29);
	} elsif ($size < 285 + 65536) {
		$first |= 30;
		$extra = pack('n', $size - 285);
	} else {
		$first |= 31;
		$extra = substr(pack('N', $size - 65821), 1);
	}
	return chr($first) . $ext . $extra;
}

sub enc_string {
	my ($s) = @_;
	utf8::encode($s) if utf8::is_utf8($s);
	return ctrl(2, length $s) . $s;
}

sub enc_uint {
	my ($type, $v) = @_;
	my $b = '';
	while ($v > 0) {
		$b = chr($v & 0xff) . $b;
		$v = int($v / 256);
	}
	return ctrl($type, length $b) . $b;
}

sub enc_map {
	my (@pairs) = @_;
	my $s = ctrl(7, @pairs / 2);
	for (my $i = 0; $i < @pairs; $i += 2) {
		$s .= enc_string($pairs[$i]) . $pairs[$i + 1];
	}
	return $s;
}

# ---- read the table ----

my (@nets, %offset);
my $data = '';
open(my $fh, '<', $in) or die "mkmmdb.pl: $in: $!\n";
while (my $line = <$fh>) {
	chomp $line;
	next if $line =~ /^\s*(#|$)/;
	my ($prefix, $rest) = split(/\s+/, $line, 2);
	my ($addr, $len) = split(m{/}, $prefix);
	my ($bits, $depth);
	if ($addr =~ /:/) {
		my $b = inet_pton(AF_INET6, $addr) or die "bad prefix $prefix\n";
		$bits = unpack('B128', $b);
		$depth = $len // 128;
	} else {
		my $b = inet_pton(AF_INET, $addr) or die "bad prefix $prefix\n";
		$bits = ('0' x 96) . unpack('B32', $b);
		$depth = 96 + ($len // 32);
	}
	my $value;
	if ($kind eq 'asn') {
		my ($asn, $name) = split(/\s+/, $rest, 2);
		$value = enc_map('autonomous_system_number', enc_uint(6, $asn),
		    'autonomous_system_organization', enc_string($name // ''));
	} elsif ($kind eq 'country') {
		$value = enc_map('country', enc_map('iso_code',
		    enc_string($rest)));
	} else {
		$value = enc_map('country_code', enc_string($rest));
	}
	unless (exists $offset{$value}) {
		$offset{$value} = length $data;
		$data .= $value;
	}
	push @nets, [ $bits, $depth, $offset{$value} ];
}
close $fh;

# ---- build the tree: shorter networks first, so longer ones win ----

# A node is [left, right]; a child is undef, ['n', node] or ['d', offset].
my $root = [ undef, undef ];
for my $n (sort { $a->[1] <=> $b->[1] } @nets) {
	my ($bits, $depth, $off) = @$n;
	my $node = $root;
	for my $d (0 .. $depth - 1) {
		my $b = substr($bits, $d, 1);
		if ($d == $depth - 1) {
			$node->[$b] = [ 'd', $off ];
			last;
		}
		my $child = $node->[$b];
		if (!defined $child) {
			$child = $node->[$b] = [ 'n', [ undef, undef ] ];
		} elsif ($child->[0] eq 'd') {
			$child = $node->[$b] = [ 'n', [ $child, $child ] ];
		}
		$node = $child->[1];
	}
}

# Number the nodes breadth first.
my @order = ($root);
my %index = ("$root" => 0);
for (my $i = 0; $i < @order; $i++) {
	for my $c (@{ $order[$i] }) {
		next unless defined $c && $c->[0] eq 'n';
		$index{ "$c->[1]" } = scalar @order;
		push @order, $c->[1];
	}
}
my $count = @order;
die "mkmmdb.pl: tree too large for 24-bit records\n" if $count >= 1 << 24;

sub record {
	my ($c) = @_;
	return $count unless defined $c;
	return $index{ "$c->[1]" } if $c->[0] eq 'n';
	return $count + 16 + $c->[1];
}

my $tree = '';
for my $node (@order) {
	$tree .= substr(pack('N', record($node->[0])), 1);
	$tree .= substr(pack('N', record($node->[1])), 1);
}

my $meta = enc_map(
    'binary_format_major_version', enc_uint(5, 2),
    'binary_format_minor_version', enc_uint(5, 0),
    'build_epoch', enc_uint(9, 1764806400),
    'database_type', enc_string($kind eq 'asn' ? 'mnw-test-ASN' :
        'mnw-test-Country'),
    'description', enc_map('en', enc_string('mnw test database')),
    'ip_version', enc_uint(5, 6),
    'languages', ctrl(11, 1) . enc_string('en'),
    'node_count', enc_uint(6, $count),
    'record_size', enc_uint(5, 24));

open(my $oh, '>', $out) or die "mkmmdb.pl: $out: $!\n";
binmode $oh;
print $oh $tree, "\0" x 16, $data, "\xAB\xCD\xEFMaxMind.com", $meta;
close $oh or die "mkmmdb.pl: $out: $!\n";
