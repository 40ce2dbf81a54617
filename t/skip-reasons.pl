#!/usr/bin/perl
# skip-reasons.pl: print the skip reasons that mnw-parse's sources
# contain, one per line, sorted: the string constants passed to
# fmt_skip() (lib/fmt_scan.h) or count_skip() (cmd/mnw-parse.c), and
# those assigned to a variable whose name starts with "skip" that is
# passed on to fmt_skip(), and the "category ... is not a ..." reasons
# of lib/fmt_zyxel.c's table.  Used by t/0105-parse-skip-reasons.t.
#
# usage: perl skip-reasons.pl FILE...
use strict;
use warnings;

my %reasons;
for my $file (@ARGV) {
	open(my $fh, '<', $file) or die "$file: $!\n";
	my $src = do { local $/; <$fh> };
	close($fh);
	# Adjacent literals ("a" "b") are one string, as in C.
	while ($src =~ /\bfmt_skip\s*\((.*?)\);/sg) {
		my @lit = $1 =~ /"((?:[^"\\]|\\.)*)"/g;
		$reasons{join('', @lit)} = 1 if @lit;
	}
	while ($src =~ /\bcount_skip\s*\(\s*\w+\s*,\s*"([^"]*)"/g) {
		$reasons{$1} = 1;
	}
	# Zyxel's table of skipped categories, one reason each.
	while ($src =~ /"(category [^"]* is not a [^"]*)"/g) {
		$reasons{$1} = 1;
	}
	while ($src =~ /\bskip\w*\s*=\s*((?:"(?:[^"\\]|\\.)*"\s*)+);/g) {
		my @lit = $1 =~ /"((?:[^"\\]|\\.)*)"/g;
		$reasons{join('', @lit)} = 1;
	}
}
print "$_\n" for sort keys %reasons;
