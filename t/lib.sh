# t/lib.sh: helpers for the TAP shell tests.  Source it first:
#   . "${MNW_TOP:-.}/t/lib.sh"
# It puts the freshly built programs first in PATH, makes a scratch
# directory that is removed on exit, and counts tests.

set -u
: "${MNW_TOP:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${MNW_BIN:=$MNW_TOP/build/bin}"
PATH="$MNW_BIN:$PATH"
export PATH MNW_TOP MNW_BIN
LC_ALL=C
export LC_ALL
unset MNW_SPOOL

SHARED="$MNW_TOP/../shared"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mnw-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_n=0
_failed=0

plan() { echo "1..$1"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }

ok() {
	_n=$((_n + 1))
	echo "ok $_n - $*"
}

not_ok() {
	_n=$((_n + 1))
	_failed=$((_failed + 1))
	echo "not ok $_n - $*"
}

skip() {
	_n=$((_n + 1))
	echo "ok $_n # SKIP $*"
}

diag() { echo "# $*" | sed '2,$s/^/# /'; }

# check DESC COMMAND...: the command succeeds.
check() {
	_d=$1; shift
	if "$@"; then ok "$_d"; else not_ok "$_d"; fi
}

# is DESC GOT EXPECTED: two strings are equal.
is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		diag "got:      '$2'"
		diag "expected: '$3'"
	fi
}

# exit_is DESC EXPECTED COMMAND...: the command exits with EXPECTED.
exit_is() {
	_d=$1; _e=$2; shift 2
	"$@" >/dev/null 2>&1
	_rc=$?
	is "$_d" "$_rc" "$_e"
}

# like DESC STRING PATTERN: STRING contains the fixed text PATTERN.
like() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1"; diag "got: '$2'"; diag "wanted text: '$3'" ;;
	esac
}

# no_control_bytes FILE: FILE has no C0 control byte but tab and newline.
no_control_bytes() {
	! LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$1"
}

done_testing() {
	echo "1..$_n"
	[ "$_failed" -eq 0 ]
}
