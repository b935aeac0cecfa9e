# track - small Unix filters for pupil-assessment data.
#
#   make            build the programs into build/ (or build-san/ with SANITIZE)
#   make check      install missing dependencies, build, run every test
#   make demo       install missing dependencies, build, run the example school
#   make install    PREFIX=/usr/local DESTDIR= (programs and man pages)
#   make bench      run bench/run (see README)
#
# Your CFLAGS are kept; our warnings live in WARN.  DEVELOPER=1 adds -Werror.
# SANITIZE=address,undefined builds an instrumented copy in build-san/.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
PKG_CONFIG ?= pkg-config

WARN = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
ifeq ($(DEVELOPER),1)
WARN += -Werror
endif

ifeq ($(FUZZ),1)
# libFuzzer: clang, with the library instrumented for coverage and ASan+UBSan.
B = build-fuzz
CC = clang
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
else ifneq ($(SANITIZE),)
B = build-san
SANFLAGS = -fsanitize=$(SANITIZE) -fno-sanitize-recover=$(SANITIZE) \
	-fno-omit-frame-pointer
else
B = build
SANFLAGS =
endif

VERSION = 0.1.0
# libcsv ships no pkg-config file on Debian, so it is named directly.
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags jansson libcrypto libzip expat xlsxwriter freexl 2>/dev/null)
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs jansson libcrypto libzip expat xlsxwriter freexl 2>/dev/null) -lcsv -lm -pthread
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

# Leaks inside libxlsxwriter 1.1.4 itself are known: tests/lsan.supp.
ifneq ($(SANITIZE),)
export LSAN_OPTIONS = suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0
endif

ALL_CFLAGS = $(WARN) -D_GNU_SOURCE -DTRACK_VERSION='"$(VERSION)"' -Ilib \
	-I$(B)/gen $(DEP_CFLAGS) -pthread $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC  = $(wildcard lib/*/*.c)
LIB_HDR  = $(wildcard lib/*/*.h)
LIB_OBJ  = $(patsubst lib/%.c,$(B)/lib/%.o,$(LIB_SRC)) $(B)/gen/default_scheme.o
PROGS    = $(patsubst cmd/%.c,$(B)/bin/%,$(wildcard cmd/track-*.c))
UNIT_SRC = $(wildcard tests/unit/check_*.c)
UNITS    = $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
TOOLS    = $(B)/tools/jsoncmp $(B)/tools/gen-school $(B)/tools/gen-records \
	$(B)/tools/parse-floor $(B)/tools/listen $(B)/tools/xlsx-part \
	$(B)/tools/xlsx-fill $(B)/tools/mkxlsx
MANS     = $(wildcard man/*.1 man/*.7)
FUZZERS  = $(patsubst tests/fuzz/%.c,build-fuzz/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SECONDS ?= 60
REPLAYS  = $(patsubst tests/fuzz/%.c,$(B)/fuzz-replay/%,$(wildcard tests/fuzz/fuzz_*.c))

.PHONY: all deps check check-unit check-cli check-xlsx check-conformance check-reports check-scale check-readme check-browser check-valgrind check-man \
	check-crosscheck check-examples check-install check-fuzz check-privacy \
	check-house check-jobs \
	demo bench fuzz \
	fuzz-build \
	install uninstall clean
.SUFFIXES:

all: $(PROGS) $(TOOLS)

# Dependencies: installed by scripts/deps when something is missing.
deps:
	@scripts/deps --if-missing

$(B)/lib/%.o: lib/%.c $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The built-in England-primary scheme is the shipped example file, embedded.
$(B)/gen/default_scheme.c: examples/schemes/england-primary.json scripts/embed
	@mkdir -p $(@D)
	scripts/embed track_default_scheme < $< > $@

$(B)/gen/default_scheme.o: $(B)/gen/default_scheme.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libtrack.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/bin/%: cmd/%.c $(B)/libtrack.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libtrack.a $(ALL_LDFLAGS) $(DEP_LIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libtrack.a $(LIB_HDR) \
		$(wildcard tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -o $@ $< $(B)/libtrack.a \
		$(ALL_LDFLAGS) $(DEP_LIBS) $(CHECK_LIBS)

$(B)/tools/listen: tests/tools/listen.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

$(B)/tools/xlsx-part: tests/tools/xlsx-part.c tests/unit/xlsx_part.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(DEP_LIBS)

$(B)/tools/xlsx-fill: tests/tools/xlsx-fill.c tests/unit/xlsx_part.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(DEP_LIBS)

$(B)/tools/jsoncmp: tests/tools/jsoncmp.c $(B)/libtrack.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libtrack.a $(ALL_LDFLAGS) $(DEP_LIBS)

GEN_SCHOOL = examples/gen-school.c examples/gen-school2.c

$(B)/tools/gen-school: $(GEN_SCHOOL) examples/gen-school.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(GEN_SCHOOL) $(ALL_LDFLAGS) -lm

$(B)/tools/gen-records: bench/gen-records.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

# Test workbooks by libxlsxwriter (tests/data/workbooks/make, bench/run).
$(B)/tools/mkxlsx: tests/data/workbooks/mkxlsx.c $(B)/libtrack.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libtrack.a $(ALL_LDFLAGS) $(DEP_LIBS)

$(B)/tools/parse-floor: bench/parse-floor.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) -lcsv

check: deps
	$(MAKE) all $(B)/tools/jsoncmp $(UNITS) $(REPLAYS)
	$(MAKE) check-unit check-cli check-conformance check-crosscheck \
		check-reports check-scale check-readme check-examples check-man \
		check-install check-fuzz check-privacy check-house check-xlsx \
		check-jobs

check-unit: $(UNITS)
	@$(if $(SANITIZE),CK_FORK=no) tests/unit/run $(UNITS)

check-cli: $(PROGS) $(TOOLS)
	@tests/cli/run $(B)

# -F xlsx workbooks opened by LibreOffice, read back as the CSV (skipped
# where soffice is not installed).
check-xlsx: $(PROGS) $(TOOLS)
	@tests/xlsx/run $(B)

check-conformance: $(PROGS) $(B)/tools/jsoncmp
	@tests/conformance/run $(B)

check-crosscheck: $(PROGS) $(B)/tools/gen-school
	@tests/crosscheck/run $(B)
	@tests/crosscheck/school2 $(B)
	@tests/crosscheck/ctf-roundtrip $(B)

# The reports against sqlite3, and partials merged against one pass.
check-reports: $(PROGS)
	@tests/reports/run $(B)

# The command-line cases with every program under valgrind: no memory
# errors and no leaks (valgrind is installed when missing).
check-valgrind: deps
	@scripts/deps --valgrind
	$(MAKE) all
	@VALGRIND=1 tests/cli/run $(B)

# The governors' pack in headless Chromium (installed when missing).
check-browser: deps
	@scripts/deps --browser
	$(MAKE) all
	@tests/browser/run $(B)

# Pupil shards counted in parallel and merged equal one pass; the
# README's ssh (its own sshd on loopback) and Hadoop Streaming recipes.
check-scale: $(PROGS) $(TOOLS)
	@tests/scale/run $(B)
	@tests/scale/ssh $(B)
	@tests/scale/hadoop $(B)

# -j N gives what -j 1 gives, byte for byte (tests/jobs/run).
check-jobs: $(PROGS) $(TOOLS)
	@tests/jobs/run $(B)

# Every command in the README runs as written and prints what it shows.
check-readme: $(PROGS)
	@tests/readme/run $(B)

# The committed example exports are exactly what the generator writes.
check-examples: $(B)/tools/gen-school
	@rm -rf $(B)/examples-check
	@$(B)/tools/gen-school $(B)/examples-check
	@$(B)/tools/gen-school -s school2 $(B)/examples-check/school2
	@if diff -r $(B)/examples-check examples/school/raw -x school2 && \
	    diff -r $(B)/examples-check/school2 examples/school2/raw; then \
		echo "examples: 2 passed, 0 failed"; \
	else \
		echo "examples: failed (run gen-school again)"; \
		exit 1; \
	fi

# The suppression attack: every table of the example school and of 200
# random schools, solved for every suppressed figure (see tests/privacy).
PRIVACY_TOOLS = $(B)/tools/attack $(B)/tools/randschool

$(B)/tools/attack: tests/privacy/attack.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS) $(DEP_LIBS)

$(B)/tools/randschool: tests/privacy/randschool.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(ALL_LDFLAGS)

check-privacy: $(PROGS) $(PRIVACY_TOOLS)
	@tests/privacy/run $(B)

# The shape of the code: layers, sizes, no static state (lib/README).
check-house:
	@scripts/house check

check-man:
	@tests/man/run $(MANS)

# `make install` into a scratch root: the programs, pages and completion
# work there, and `make uninstall` takes every file away again.
check-install: $(PROGS)
	@tests/install/run $(B)

# Every saved fuzz input (the inputs that once failed, and the corpus)
# through its harness, built without libFuzzer by the normal compiler.
check-fuzz: $(REPLAYS)
	@tests/fuzz/replay-all $(B)

$(B)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(B)/libtrack.a \
		tests/fuzz/fuzz.h tests/fuzz/reader_common.h $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/replay.c $(B)/libtrack.a \
		$(ALL_LDFLAGS) $(DEP_LIBS)

# libFuzzer harnesses (tests/fuzz): each runs FUZZ_SECONDS with two jobs,
# from the committed corpora and seeds taken from the tests.
fuzz: deps
	@scripts/deps --fuzz
	$(MAKE) FUZZ=1 fuzz-build
	@tests/fuzz/run build-fuzz $(FUZZ_SECONDS)

fuzz-build: $(FUZZERS)

build-fuzz/fuzz/%: tests/fuzz/%.c $(B)/libtrack.a tests/fuzz/fuzz.h \
		tests/fuzz/reader_common.h $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(B)/libtrack.a \
		$(ALL_LDFLAGS) $(DEP_LIBS)

demo: deps
	$(MAKE) all
	@B=$(B) examples/demo

bench: all
	bench/run

# Bash completion: one script, installed as `track`, and a link per program
# so that bash-completion loads it on demand for whichever is completed.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(BASHCOMPDIR)
	for p in $(PROGS); do install -m 755 $$p $(DESTDIR)$(BINDIR)/; done
	for m in man/*.1; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man1/; done
	for m in man/*.7; do install -m 644 $$m $(DESTDIR)$(MANDIR)/man7/; done
	install -m 644 completion/track.bash $(DESTDIR)$(BASHCOMPDIR)/track
	for p in $(PROGS); do \
		ln -sf track $(DESTDIR)$(BASHCOMPDIR)/$${p##*/}; done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$${p##*/}; done
	for m in man/*.1; do rm -f $(DESTDIR)$(MANDIR)/man1/$${m##*/}; done
	for m in man/*.7; do rm -f $(DESTDIR)$(MANDIR)/man7/$${m##*/}; done
	for p in $(PROGS); do rm -f $(DESTDIR)$(BASHCOMPDIR)/$${p##*/}; done
	rm -f $(DESTDIR)$(BASHCOMPDIR)/track

clean:
	rm -rf build build-san build-fuzz out
