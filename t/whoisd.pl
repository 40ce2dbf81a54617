#!/usr/bin/perl
# whoisd.pl: a tiny WHOIS server (RFC 3912) for the tests, loopback only.
#
#   perl t/whoisd.pl -d DIR [-p PORT] [-P PORTFILE] [-l LOGFILE]
#
# Listens on 127.0.0.1:PORT (0, the default, picks a free port), prints
# the port on stdout and writes it to PORTFILE once it accepts.  Each
# connection gets one query line; the answer is the file DIR/NAME, where
# NAME is the query with spaces turned into '_' and every other byte
# outside [A-Za-z0-9.:+_-] into '%HH'.  A query with no file gets
# DIR/default if there is one, else RIPE's "no entries found" error.
# Each query is appended to LOGFILE, one per line.
#
# A file may start with a directive line:
#   %%whoisd close          close the connection without an answer
#   %%whoisd stall SECONDS  send nothing for SECONDS, then close
#   %%whoisd big BYTES      send the lines before "%%whoisd-filler",
#                           filler "remarks:" lines up to BYTES in all,
#                           then the lines after it
# The tests start it in the background and stop it by its pid.
use strict;
use warnings;
use Getopt::Std;
use IO::Socket::INET;
use POSIX ();

my %opt;
getopts('d:l:P:p:', \%opt) && defined $opt{d}
    or die "usage: whoisd.pl -d dir [-p port] [-P portfile] [-l logfile]\n";
my $dir = $opt{d};
my $port = defined $opt{p} ? $opt{p} : 0;
$port =~ /^\d+$/ && $port <= 65535 or die "whoisd.pl: invalid port '$port'\n";

my $srv = IO::Socket::INET->new(
	LocalAddr => '127.0.0.1',
	LocalPort => $port,
	Proto => 'tcp',
	Listen => 16,
	ReuseAddr => 1,
) or die "whoisd.pl: cannot listen on 127.0.0.1:$port: $!\n";
$port = $srv->sockport;

my %children;
$SIG{CHLD} = sub {
	while ((my $pid = waitpid(-1, POSIX::WNOHANG())) > 0) {
		delete $children{$pid};
	}
};
$SIG{TERM} = $SIG{INT} = sub {
	kill 'TERM', keys %children;
	exit 0;
};

if (defined $opt{P}) {
	open my $fh, '>', "$opt{P}.tmp" or die "whoisd.pl: $opt{P}.tmp: $!\n";
	print $fh "$port\n";
	close $fh or die "whoisd.pl: $opt{P}.tmp: $!\n";
	rename "$opt{P}.tmp", $opt{P} or die "whoisd.pl: $opt{P}: $!\n";
}
$| = 1;
print "$port\n";

for (;;) {
	my $c = $srv->accept;
	next unless $c;		# interrupted by SIGCHLD
	my $pid = fork;
	if (!defined $pid) {
		close $c;
		next;
	}
	if ($pid == 0) {
		$SIG{TERM} = 'DEFAULT';
		$SIG{PIPE} = 'IGNORE';
		close $srv;
		serve($c);
		POSIX::_exit(0);
	}
	$children{$pid} = 1;
	close $c;
}

sub serve {
	my ($c) = @_;
	my $q = '';
	my $buf;

	# One line of at most 1024 bytes, within 10 seconds.
	eval {
		local $SIG{ALRM} = sub { die "timeout\n" };
		alarm 10;
		while (length($q) < 1024 && index($q, "\n") < 0) {
			my $n = sysread($c, $buf, 1024 - length($q));
			last unless $n;
			$q .= $buf;
		}
		alarm 0;
	};
	$q =~ s/\r?\n.*//s;
	if (defined $opt{l} && open my $log, '>>', $opt{l}) {
		print $log "$q\n";
		close $log;
	}

	my $name = $q;
	$name =~ s/ /_/g;
	$name =~ s/([^A-Za-z0-9.:+_-])/sprintf('%%%02X', ord $1)/ge;
	my $file = "$dir/$name";
	$file = "$dir/default" if $name eq '' || !-f $file;
	my $answer = "%ERROR:101: no entries found\n";
	if (-f $file) {
		open my $fh, '<:raw', $file or return;
		local $/;
		$answer = <$fh>;
		close $fh;
	}

	if ($answer =~ s/\A%%whoisd ([a-z]+) ?(\d*)[^\n]*\n//) {
		my ($what, $arg) = ($1, $2);
		if ($what eq 'close') {
			close $c;
			return;
		}
		if ($what eq 'stall') {
			sleep($arg || 30);
			close $c;
			return;
		}
		if ($what eq 'big') {
			my ($head, $tail) = split /^%%whoisd-filler\n/m, $answer, 2;
			$tail = '' unless defined $tail;
			send_all($c, $head) or return;
			my $line = "remarks:        " . ('x' x 60) . "\n";
			my $left = $arg - length($head) - length($tail);
			my $chunk = $line x 1000;
			while ($left > 0) {
				my $part = $left >= length($chunk) ? $chunk :
				    substr($chunk, 0, $left);
				send_all($c, $part) or return;
				$left -= length($part);
			}
			send_all($c, $tail);
			close $c;
			return;
		}
	}
	send_all($c, $answer);
	close $c;
}

sub send_all {
	my ($c, $s) = @_;
	while (length $s) {
		my $n = syswrite($c, $s);
		return 0 unless defined $n && $n > 0;
		substr($s, 0, $n) = '';
	}
	return 1;
}
