# mnw: a plain Makefile (GNU make).  See INSTALL.
#
# Objects go to $(O) (build/ by default) so that the sanitizer build of
# `make check` (build-san/) sits beside the normal one.  User CFLAGS come
# first and the warning flags last, so CFLAGS cannot turn them off.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=
O ?= build

CC ?= cc
CFLAGS ?= -O3 -g
LDFLAGS ?=
PKG_CONFIG ?= pkg-config
INSTALL_PROG ?= install

WARNFLAGS = -std=c11 -Wall -Wextra -Werror -Wshadow -Wvla \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2
DEFS = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
ALL_CFLAGS = $(CFLAGS) $(WARNFLAGS) $(DEFS) -Ilib \
	$$($(PKG_CONFIG) --cflags libcares libmaxminddb)
LIBS = -lm $$($(PKG_CONFIG) --libs libcares libmaxminddb)

CHECK_CFLAGS = $$($(PKG_CONFIG) --cflags check)
CHECK_LIBS = $$($(PKG_CONFIG) --libs check)

LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:lib/%.c=$(O)/lib/%.o)
LIB_HDR = $(wildcard lib/*.h)
CMDS = $(sort $(patsubst cmd/%.c,%,$(wildcard cmd/mnw-*.c)))
BINS = $(CMDS:%=$(O)/bin/%)
UNIT_SRC = $(sort $(wildcard t/unit/test-*.c))
UNITS = $(UNIT_SRC:t/unit/%.c=$(O)/t/%)
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)

SAN_CFLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all

.PHONY: all deps check test test-unit test-shell check-san demo bench \
	install uninstall clean lint-man

all: $(BINS)

$(O)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(O)/libmnw.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(O)/bin/%: cmd/%.c $(O)/libmnw.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmnw.a $(LIBS)

$(O)/t/%: t/unit/%.c t/unit/unit.h $(O)/libmnw.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) $(LDFLAGS) -o $@ $< \
		$(O)/libmnw.a $(CHECK_LIBS) $(LIBS)

# Test programs: the WHOIS lookup driver of t/0410-whois.t and
# t/0420-whois-corpus.t, and each fuzz harness built without libFuzzer,
# which t/0490-fuzz-replay.t runs over its seed corpus.
TEST_PROGS = $(O)/t/whois-query $(O)/t/faultshim.so \
	$(patsubst fuzz/fuzz-%.c,$(O)/t/fuzz-%-replay,$(wildcard fuzz/fuzz-*.c))

$(O)/t/whois-query: t/whois-query.c $(O)/libmnw.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(O)/libmnw.a $(LIBS)

$(O)/t/fuzz-%-replay: fuzz/fuzz-%.c fuzz/replay.c $(O)/libmnw.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< fuzz/replay.c \
		$(O)/libmnw.a $(LIBS)

test-shell: $(TEST_PROGS)

# The fault-injection shim is preloaded into the programs under test;
# it is built without sanitizers, whose runtimes it would not load.
$(O)/t/faultshim.so: t/faultshim.c
	@mkdir -p $(@D)
	$(CC) -O1 -g -Wall -Wextra -Werror -shared -fPIC -o $@ $< -ldl

# libFuzzer build (clang only): make O=build-fuzz CC=clang fuzz-whois,
# then run build-fuzz/fuzz/fuzz-whois NEWDIR fuzz/corpus/whois.  Name a
# scratch directory first: libFuzzer writes new inputs into it.
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

fuzz-%: $(O)/fuzz/fuzz-%
	@:

# Keep the programs that the two pattern rules above make.
.PRECIOUS: $(O)/fuzz/fuzz-% $(O)/t/fuzz-%-replay

$(O)/fuzz/fuzz-%: fuzz/fuzz-%.c $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(FUZZ_CFLAGS) $(WARNFLAGS) $(DEFS) -Ilib \
		$$($(PKG_CONFIG) --cflags libcares libmaxminddb) \
		-o $@ $< $(LIB_SRC) $(LIBS)

# ---- make fuzz: every harness for a while --------------------------
# Builds each fuzz/fuzz-NAME.c with clang and libFuzzer into
# $(O)/fuzz/ and runs it for FUZZ_SECONDS seconds on a scratch copy of
# fuzz/corpus/NAME ($(O)/fuzz/corpus-NAME, where libFuzzer adds the
# inputs it finds), so that the seed corpus stays as written.  A crash
# stops the loop; its input is saved as $(O)/fuzz/NAME-crash-*, to be
# fixed and then added to fuzz/corpus/NAME.  FUZZ_CC must be a clang.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_NAMES = $(patsubst fuzz/fuzz-%.c,%,$(wildcard fuzz/fuzz-*.c))

.PHONY: fuzz
fuzz:
	@for n in $(FUZZ_NAMES); do \
		$(MAKE) --no-print-directory CC="$(FUZZ_CC)" \
		    $(O)/fuzz/fuzz-$$n || exit 1; \
		mkdir -p $(O)/fuzz/corpus-$$n || exit 1; \
		echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
		$(O)/fuzz/fuzz-$$n -max_total_time=$(FUZZ_SECONDS) \
		    -print_final_stats=1 -artifact_prefix=$(O)/fuzz/$$n- \
		    $(O)/fuzz/corpus-$$n fuzz/corpus/$$n || exit 1; \
	done

# The parse harnesses share fuzz/parse-stream.h.
$(O)/fuzz/fuzz-parse $(O)/fuzz/fuzz-parse-format \
$(O)/t/fuzz-parse-replay $(O)/t/fuzz-parse-format-replay: \
	fuzz/parse-stream.h
# ---- end of make fuzz ----------------------------------------------

# Install missing Debian packages when root, else print the command.
deps:
	@sh scripts/deps test

# The README's test command.  Runs the suite on a normal build, then
# again on a build with AddressSanitizer and UndefinedBehaviorSanitizer.
check: deps
	$(MAKE) test
	$(MAKE) check-san

check-san:
	$(MAKE) O=build-san CFLAGS="$(SAN_CFLAGS)" LDFLAGS="$(SAN_CFLAGS)" test

test: test-unit test-shell

test-unit: $(UNITS)
	prove -e '' $(UNITS)

test-shell: all
	MNW_BIN="$(CURDIR)/$(O)/bin" MNW_TOP="$(CURDIR)" \
		prove $(PROVE_FLAGS) t/*.t </dev/null

# The README's first command: the main job on the bundled sample logs.
# Packages first: without them not even `all` builds.
demo:
	@sh scripts/deps demo
	@$(MAKE) --no-print-directory all
	@MNW_BIN="$(CURDIR)/$(O)/bin" sh scripts/demo

bench:
	@sh scripts/deps bench
	@$(MAKE) --no-print-directory all
	@MNW_BIN="$(CURDIR)/$(O)/bin" sh scripts/bench
	@MNW_BIN="$(CURDIR)/$(O)/bin" sh scripts/bench-backtrace

lint-man:
	@for f in man/*.[157]; do mandoc -Tlint -Wwarning $$f || exit 1; done

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	$(INSTALL_PROG) -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	$(INSTALL_PROG) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL_PROG) -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	$(INSTALL_PROG) -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	for m in $(notdir $(MAN1)); do rm -f $(DESTDIR)$(MANDIR)/man1/$$m; done
	for m in $(notdir $(MAN5)); do rm -f $(DESTDIR)$(MANDIR)/man5/$$m; done
	for m in $(notdir $(MAN7)); do rm -f $(DESTDIR)$(MANDIR)/man7/$$m; done

clean:
	rm -rf build build-san demo-out bench-out
