#!/usr/bin/perl
# reasons.pl: print the reasons for which mnw-parse skips or rejects a
# line, as its sources contain them, one per line, sorted.  Used by
# t/0105-parse-reasons.t to check that mnw-parse(1) lists each.
#
# usage: perl reasons.pl skip|reject FILE...
#
# skip:   the string constants passed to fmt_skip() (lib/fmt_scan.h) or
#         count_skip() (cmd/mnw-parse.c), those assigned to a variable
#         whose name starts with "skip" that is passed on to fmt_skip(),
#         and the "category ... is not a ..." reasons of the table in
#         lib/fmt_zyxel.c.
# reject: the first string constant (both, for a ?: choice) passed to
#         fmt_reject(), reject(), reject_line(), fail() or scan_fail();
#         constants assigned to a reason or problem variable or to a
#         R_ constant; and constants that a function of a format
#         (lib/fmt_*.c) returns (the #Fields header checks and pf's
#         protocol check return their reason).
# Adjacent constants ("a" "b") are one string, as in C.  Comments are
# removed first.
use strict;
use warnings;

my $STR = qr/"(?:[^"\\]|\\.)*"(?:\s*"(?:[^"\\]|\\.)*")*/;

sub unquote {
	my ($s) = @_;
	return join('', $s =~ /"((?:[^"\\]|\\.)*)"/g);
}

my ($mode, @files) = @ARGV;
die "usage: reasons.pl skip|reject file ...\n"
    unless defined $mode && ($mode eq 'skip' || $mode eq 'reject');
my %reasons;
for my $file (@files) {
	open(my $fh, '<', $file) or die "$file: $!\n";
	my $src = do { local $/; <$fh> };
	close($fh);
	$src =~ s{/\*.*?\*/}{}gs;
	if ($mode eq 'skip') {
		while ($src =~ /\bfmt_skip\s*\((.*?)\);/sg) {
			my $args = $1;
			$reasons{unquote($1)} = 1 if $args =~ /($STR)/;
		}
		while ($src =~ /\bcount_skip\s*\(\s*\w+\s*,\s*($STR)/g) {
			$reasons{unquote($1)} = 1;
		}
		while ($src =~ /"(category [^"]* is not a [^"]*)"/g) {
			$reasons{$1} = 1;
		}
		while ($src =~ /\bskip\w*\s*=\s*($STR)\s*;/g) {
			$reasons{unquote($1)} = 1;
		}
		next;
	}
	while ($src =~ /\b(?:fmt_reject|reject|reject_line|fail|scan_fail)\s*\(([^;]*?)\);/sg) {
		my $args = $1;
		next unless $args =~ /($STR)(?:\s*:\s*($STR))?/;
		$reasons{unquote($1)} = 1;
		$reasons{unquote($2)} = 1 if defined $2;
	}
	while ($src =~ /(?:\breason|\bproblem)\s*=\s*($STR)/g) {
		$reasons{unquote($1)} = 1;
	}
	while ($src =~ /\breason\s*=[^;]*?\?\s*($STR)\s*:\s*($STR)/g) {
		$reasons{unquote($1)} = 1;
		$reasons{unquote($2)} = 1;
	}
	while ($src =~ /static const char R_\w+\[\]\s*=\s*($STR)/g) {
		$reasons{unquote($1)} = 1;
	}
	next unless $file =~ m{(?:^|/)fmt_[^/]*\.c$};
	while ($src =~ /\breturn\s+($STR)\s*;/g) {
		$reasons{unquote($1)} = 1;
	}
}
print "$_\n" for sort keys %reasons;
