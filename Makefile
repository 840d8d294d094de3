# SPDX-License-Identifier: GPL-2.0
# clonecheck: `make` builds, `make run` sets up and checks this kernel,
# `make check` sets up and runs every test (unit + live).
OUTPUT ?= .output
CLANG ?= clang
BPFTOOL ?= bpftool
ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')

CFLAGS ?= -g -O2
CFLAGS += -Wall -Wextra -Werror=undef -std=gnu11
CPPFLAGS += -I$(OUTPUT) -Isrc -Imodel
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) -I. -Ibpf -Wall -Wno-unused-function
LIBBPF_LIBS := $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf -lelf) -lz
# libsystemd (sd_notify, the journal) when its headers are here: the daemon
# dlopen()s it (src/notify.c), so nothing else pays for loading it.  Not in
# a static build (the QEMU guests'), where the daemon speaks on stderr only.
ifeq ($(filter -static,$(CFLAGS) $(LDFLAGS)),)
HAVE_SYSTEMD := $(shell pkg-config --exists libsystemd 2>/dev/null && echo y)
endif
ifeq ($(HAVE_SYSTEMD),y)
CPPFLAGS += -DHAVE_LIBSYSTEMD
endif
# libdeflate inflates a trace's blocks when the build can link it (twice
# zlib's speed on `check`); not in a static build, whose guests record
# traces but do not replay them at speed.  zlib otherwise (trace_file.c).
ifeq ($(filter -static,$(CFLAGS) $(LDFLAGS)),)
DEFLATE_LIBS := $(shell pkg-config --libs libdeflate 2>/dev/null)
endif
ifneq ($(DEFLATE_LIBS),)
CPPFLAGS += -DHAVE_LIBDEFLATE
endif
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)

MODEL_SRCS := $(wildcard model/*.c)
# src/ without the BPF loader: builds and tests with no clang, bpftool or root.
# LIVE_SRCS need libbpf and the skeleton; every other src/*.c is CORE.
LIVE_SRCS := src/loader.c src/run.c src/daemon.c src/workload.c $(wildcard src/wl_*.c)
CORE_SRCS := $(filter-out src/main.c src/env.c $(LIVE_SRCS),$(wildcard src/*.c))
UNIT_TESTS := $(filter-out tests/check_main.c,$(wildcard tests/check_*.c)) tests/fixture.c
LIVE_TESTS := $(wildcard tests/live_*.c)

MODEL_OBJS := $(MODEL_SRCS:%.c=$(OUTPUT)/%.o)
CORE_OBJS := $(CORE_SRCS:%.c=$(OUTPUT)/%.o)
LIVE_OBJS := $(LIVE_SRCS:%.c=$(OUTPUT)/%.o)

ifeq ($(V),1)
	Q =
	msg =
else
	Q = @
	msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.DELETE_ON_ERROR:
.SECONDARY:
.PHONY: all run check test test-live deps clean vmlinux-full bench

all: $(OUTPUT)/clonecheck

# Install missing Debian packages (idempotent, quiet when all are present).
deps:
	$(Q)scripts/install-deps

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(OUTPUT)/clonecheck

# Every test: unit suites and the live suite, one Check runner.
check: deps
	$(Q)$(MAKE) --no-print-directory $(OUTPUT)/check_all
	$(Q)$(OUTPUT)/check_all

# Unit tests only: no BPF toolchain, no root.
test: $(OUTPUT)/check_unit
	$(Q)$(OUTPUT)/check_unit

test-live: $(OUTPUT)/check_all
	$(Q)CK_RUN_SUITE=live $(OUTPUT)/check_all

$(OUTPUT) $(OUTPUT)/src $(OUTPUT)/model:
	$(Q)mkdir -p $@

# BPF object -> linked object -> skeleton.  clonecheck_nofetch is the same
# object built without BPF_FETCH atomics, for kernels before 5.12
# (bpf/compat.bpf.h, CLONE_ID_NEW), and clonecheck_cast the same with
# bpf_rdonly_cast() (UNTRUSTED_TASK), for kernels that take it; the loader
# takes only their ELF bytes.
$(OUTPUT)/clonecheck.tmp.bpf.o: bpf/clonecheck.bpf.c $(wildcard bpf/*.h) model/task_fields.h vmlinux.h | $(OUTPUT)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUTPUT)/clonecheck_nofetch.tmp.bpf.o: bpf/clonecheck.bpf.c $(wildcard bpf/*.h) model/task_fields.h vmlinux.h | $(OUTPUT)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -DCC_NO_ATOMIC_FETCH -c $< -o $@

$(OUTPUT)/clonecheck_cast.tmp.bpf.o: bpf/clonecheck.bpf.c $(wildcard bpf/*.h) model/task_fields.h vmlinux.h | $(OUTPUT)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -DCC_UNTRUSTED_CAST -c $< -o $@

$(OUTPUT)/clonecheck.bpf.o $(OUTPUT)/clonecheck_nofetch.bpf.o $(OUTPUT)/clonecheck_cast.bpf.o: %.bpf.o: %.tmp.bpf.o
	$(call msg,GEN-OBJ,$@)
	$(Q)$(BPFTOOL) gen object $@ $<

$(OUTPUT)/clonecheck.skel.h $(OUTPUT)/clonecheck_nofetch.skel.h $(OUTPUT)/clonecheck_cast.skel.h: %.skel.h: %.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name $(notdir $*)_bpf > $@

$(OUTPUT)/src/loader.o: $(OUTPUT)/clonecheck.skel.h $(OUTPUT)/clonecheck_nofetch.skel.h \
			$(OUTPUT)/clonecheck_cast.skel.h

# The injection object (bpf/inject.bpf.c): its own skeleton, loaded by
# src/wl_inject.c after the main object, so that what it needs (fmod_ret)
# never decides whether clonecheck loads.
$(OUTPUT)/inject.tmp.bpf.o: bpf/inject.bpf.c bpf/inject.h model/inject_plan.h vmlinux.h | $(OUTPUT)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUTPUT)/inject.bpf.o: $(OUTPUT)/inject.tmp.bpf.o
	$(call msg,GEN-OBJ,$@)
	$(Q)$(BPFTOOL) gen object $@ $<

$(OUTPUT)/inject.skel.h: $(OUTPUT)/inject.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name inject_bpf > $@

$(OUTPUT)/src/wl_inject.o: $(OUTPUT)/inject.skel.h bpf/inject.h model/inject_plan.h

$(OUTPUT)/model/%.o: model/%.c $(wildcard model/*.h) | $(OUTPUT)/model
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(OUTPUT)/src/%.o: src/%.c $(wildcard src/*.h) model/model.h model/task_fields.h bpf/events.h | $(OUTPUT)/src
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

CLONECHECK_OBJS := $(OUTPUT)/src/main.o $(OUTPUT)/src/env.o $(LIVE_OBJS) $(CORE_OBJS) $(MODEL_OBJS)

$(OUTPUT)/clonecheck: $(CLONECHECK_OBJS)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(CFLAGS) $^ $(LIBBPF_LIBS) $(DEFLATE_LIBS) -lpthread -o $@

$(OUTPUT)/check_unit: tests/check_main.c $(UNIT_TESTS) $(wildcard tests/*.h) $(CORE_OBJS) $(MODEL_OBJS) | $(OUTPUT)
	$(call msg,TEST,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) $(CHECK_CFLAGS) tests/check_main.c $(UNIT_TESTS) \
		$(CORE_OBJS) $(MODEL_OBJS) $(CHECK_LIBS) $(DEFLATE_LIBS) -lz -o $@

# clonecheck built with AddressSanitizer: tests/check_report.c runs its error
# paths under LeakSanitizer (clang's runtime: libclang-rt-dev).
$(OUTPUT)/clonecheck-asan: $(wildcard src/*.c src/*.h model/*.c model/*.h) bpf/events.h $(OUTPUT)/clonecheck.skel.h $(OUTPUT)/inject.skel.h
	$(call msg,ASAN,$@)
	$(Q)$(CLANG) -g -O1 -fsanitize=address -fno-omit-frame-pointer $(CPPFLAGS) \
		$(filter %.c,$^) $(LIBBPF_LIBS) $(DEFLATE_LIBS) -lpthread -o $@

$(OUTPUT)/check_all: tests/check_main.c $(UNIT_TESTS) $(LIVE_TESTS) $(wildcard tests/*.h) $(CORE_OBJS) $(MODEL_OBJS) $(LIVE_OBJS) $(OUTPUT)/clonecheck $(OUTPUT)/clonecheck-asan
	$(call msg,TEST,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) $(CHECK_CFLAGS) -DWITH_LIVE \
		-DCLONECHECK_BIN='"$(abspath $(OUTPUT))/clonecheck"' \
		-DCLONECHECK_ASAN_BIN='"$(abspath $(OUTPUT))/clonecheck-asan"' tests/check_main.c \
		$(UNIT_TESTS) $(LIVE_TESTS) $(LIVE_OBJS) $(CORE_OBJS) $(MODEL_OBJS) \
		$(LIBBPF_LIBS) $(CHECK_LIBS) $(DEFLATE_LIBS) -lpthread -o $@

# What observing costs (bench/run.py): ratios against untraced runs of the
# same run, a table on stdout and $(OUTPUT)/bench.json.  Needs root; run it
# under `flock /work/wt/heavy.lock` on a shared machine.
BENCH_REPS ?= 5
$(OUTPUT)/clone_bench: bench/clone_bench.c | $(OUTPUT)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(CFLAGS) $< -lpthread -o $@

bench: deps
	$(Q)scripts/install-deps bpftrace
	$(Q)$(MAKE) --no-print-directory $(OUTPUT)/clonecheck $(OUTPUT)/clone_bench
	$(Q)python3 bench/run.py --output $(OUTPUT) --reps $(BENCH_REPS)

# A bounded soak (stress/stress.py): rounds drawn from a printed seed
# (STRESS_SEED repeats them) of a clone storm on both cores against -c, -a
# and record, with pids wrapping in the storm's own pid namespace and
# signals at random moments, for STRESS_SECONDS.  Fails on a mismatch, a
# clone unaccounted for, a stop slower than 1 s, RSS past a bound, or
# anything left behind.  Root; run it under flock on a shared machine.
STRESS_SECONDS ?= 60
.PHONY: stress

$(OUTPUT)/stress/cc-storm: stress/storm.c
	$(call msg,BINARY,$@)
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) $< -lpthread -o $@

stress: deps
	$(Q)$(MAKE) --no-print-directory $(OUTPUT)/clonecheck $(OUTPUT)/stress/cc-storm
	$(Q)STRESS_SECONDS=$(STRESS_SECONDS) python3 stress/stress.py --clonecheck $(OUTPUT)/clonecheck \
		--storm $(OUTPUT)/stress/cc-storm --dir $(OUTPUT)/stress/run

# The running kernel's whole BTF as C, for exploring (not committed).
vmlinux-full: | $(OUTPUT)
	$(Q)$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > $(OUTPUT)/vmlinux-full.h
	@echo "wrote $(OUTPUT)/vmlinux-full.h"

clean:
	$(call msg,CLEAN,$(OUTPUT))
	$(Q)rm -rf $(OUTPUT)

# libFuzzer over the trace reader (clang, ASan + UBSan), seeded from
# tests/corpus/ (read only); new inputs go to $(OUTPUT)/fuzz-corpus/, crashes
# to $(OUTPUT)/fuzz-crash-*.  Exits 0 when nothing is found in FUZZ_SECONDS.
FUZZ_SECONDS ?= 30
FUZZ_CC ?= clang
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
.PHONY: fuzz

fuzz: $(OUTPUT)/fuzz_trace
	$(Q)mkdir -p $(OUTPUT)/fuzz-corpus
	$(Q)$(OUTPUT)/fuzz_trace -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
		-artifact_prefix=$(OUTPUT)/fuzz-crash- $(OUTPUT)/fuzz-corpus tests/corpus

$(OUTPUT)/fuzz_trace: fuzz/fuzz_trace.c src/trace_file.c src/decode.c $(wildcard src/*.h) bpf/events.h | $(OUTPUT)
	$(call msg,FUZZ,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) $(CPPFLAGS) fuzz/fuzz_trace.c src/trace_file.c src/decode.c $(DEFLATE_LIBS) -lz -o $@

# Line coverage of model/ by its unit tests (tests/check_model.c), with
# gcc --coverage and gcov only: builds into $(OUTPUT)/coverage, runs the
# model suite and prints each file's and the total percentage.
COV_DIR := $(OUTPUT)/coverage
.PHONY: coverage
coverage: | $(OUTPUT)
	$(Q)rm -rf $(COV_DIR) && mkdir -p $(COV_DIR)
	$(Q)printf '%s\n' '#include <check.h>' '#include <stdlib.h>' \
		'Suite *model_suite(void);' \
		'int main(void) { SRunner *sr = srunner_create(model_suite());' \
		'srunner_run_all(sr, CK_NORMAL); int nf = srunner_ntests_failed(sr);' \
		'srunner_free(sr); return nf ? EXIT_FAILURE : EXIT_SUCCESS; }' \
		> $(COV_DIR)/driver.c
	$(Q)for f in $(MODEL_SRCS); do \
		$(CC) -O0 -g --coverage -Wall -Wextra -Werror=undef -std=gnu11 -Imodel \
			-c $$f -o $(COV_DIR)/$$(basename $$f .c).o || exit 1; done
	$(Q)$(CC) -O0 -g $(CPPFLAGS) $(CHECK_CFLAGS) tests/check_model.c $(COV_DIR)/driver.c \
		$(COV_DIR)/*.o --coverage $(CHECK_LIBS) -o $(COV_DIR)/check_model
	$(Q)CK_FORK=no $(COV_DIR)/check_model
	$(Q)cd $(COV_DIR) && gcov -n $(notdir $(MODEL_SRCS:.c=.o)) 2>/dev/null | \
		awk '/^File .*model\//{f=$$2; gsub(/\047/, "", f)} /^Lines executed/{split($$2,a,":"); \
		sub("%","",a[2]); n=$$4; if (f != "") {printf "  %-28s %6.2f%% of %d\n", f, a[2], n; \
		hit += a[2] * n / 100; tot += n}; f=""} \
		END {printf "model/ line coverage: %.2f%% (%d of %d lines)\n", \
		tot ? 100 * hit / tot : 0, hit + 0.5, tot}'

# Discriminating power of the recorded kernels' behaviour (issue 10, item 6):
# each mutant of mutants/mutants.txt is one change to model/, built in a copy
# of the tree and judged on every tests/fixtures/*.cct; killed when a verdict,
# a failed-check set or the exit status differs from this build's.  Prints
# the kill rate by kind and every survivor; writes $(OUTPUT)/mutants.json.
# MUTANTS=ID,GLOB,KIND picks a subset; MUTANTS_LIVE=1 (root) also runs the
# live workload per mutant; MUTANTS_UNIT=1 also reports, apart, whether the
# model's unit tests fail on each; MUTANTS_JOBS (2); MUTANTS_MIN=P fails
# below P%.
# `make mutants-selftest`: a killed, an equivalent, an invalid and a stale
# mutant, each must end as it says (mutants/selftest.txt).
MUTANTS_JOBS ?= 2
MUTANTS_HARNESS = mutants/mutants.py --output $(OUTPUT) --cc "$(CC)" --cflags "$(CFLAGS)" \
	--cppflags "-I$(abspath $(OUTPUT)) -Isrc -Imodel" --libs "$(LIBBPF_LIBS) $(DEFLATE_LIBS) -lpthread" \
	--objs "$(CLONECHECK_OBJS)" --jobs $(MUTANTS_JOBS)
MUTANTS_UNIT_ARGS = --unit-srcs "tests/check_main.c $(UNIT_TESTS)" \
	--unit-objs "$(CORE_OBJS) $(MODEL_OBJS)" --unit-cflags "$(CHECK_CFLAGS)" \
	--unit-libs "$(CHECK_LIBS) $(DEFLATE_LIBS) -lz"
.PHONY: mutants mutants-selftest

mutants: $(OUTPUT)/clonecheck
	$(Q)$(MUTANTS_HARNESS) $(if $(MUTANTS),--only "$(MUTANTS)") \
		$(if $(filter-out 0,$(MUTANTS_LIVE)),--live) $(if $(MUTANTS_MIN),--min $(MUTANTS_MIN)) \
		$(if $(filter-out 0,$(MUTANTS_UNIT)),$(MUTANTS_UNIT_ARGS))

mutants-selftest: $(OUTPUT)/clonecheck
	$(Q)$(MUTANTS_HARNESS) --list mutants/selftest.txt --json $(OUTPUT)/mutants-selftest.json

# Live conformance on Debian's stock kernels under QEMU (vm/README.md):
# `make vmtest` runs every guest of vm/vmtest's GUEST_TABLE (5.10 to 7.2,
# arm64 and amd64); `make vmtest GUESTS="arm64-5.10 amd64-7.2"` picks guests
# by name, `make vmtest ARCH=arm64|x86_64 KERNEL=6.12` by arch and kernel.
# Results in $(OUTPUT)/vmtest/<guest>/, the rule x kernel matrix in
# $(OUTPUT)/vmtest/matrix.md.  ARCH counts only when given on the command
# line (the default is the host's).  `make vmtest-selftest` checks the
# console checker on doctored logs (no QEMU).
VMTEST_ARGS := $(if $(filter command line,$(origin ARCH)),--arch=$(ARCH)) \
	$(if $(KERNEL),--kernel=$(KERNEL)) $(GUESTS)
.PHONY: vmtest vmtest-selftest

vmtest:
	$(Q)env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL \
		vm/vmtest -o $(OUTPUT)/vmtest $(VMTEST_ARGS)

vmtest-selftest:
	$(Q)vm/selftest.py

# Regenerate the committed trace fixtures (tests/fixtures/README.md; root,
# QEMU): this host's built-in workload with the tracepoint backend, then the
# record run (auto backend) of each guest in FIXTURES_GUESTS, copied from its
# console frame to debian-<guest>-<backend>.cct, <backend> being what
# vm/expect says auto picks there; nothing is copied unless every guest
# passed.  VM_SRC=DIR records another tree's workload in the guests (e.g.
# `git archive HEAD` output when the tree is mid-edit).  Results of the
# guests stay in $(OUTPUT)/fixtures-vm/.  Check with `make test`.
FIXTURES_DIR := tests/fixtures
FIXTURES_GUESTS ?= arm64-5.10 amd64-5.10 arm64-6.1 amd64-6.1 arm64-6.12 amd64-6.12 \
	arm64-6.12-rt arm64-6.19 arm64-7.2 amd64-7.2
FIXTURE_HOST := $(FIXTURES_DIR)/host-$(shell uname -m)-$(shell uname -r | cut -d. -f1,2)-tracepoint.cct
# The record run's backend per guest, from vm/expect: "arm64-6.1:kprobe ...".
FIXTURES_PAIRS = $(shell awk '$$2 == "record" { print $$1 ":" $$4 }' vm/expect | \
	grep -E '^($(subst $(space),|,$(strip $(FIXTURES_GUESTS)))):')
space := $(subst ,, )
.PHONY: fixtures

fixtures: $(OUTPUT)/clonecheck
	$(call msg,RECORD,$(FIXTURE_HOST))
	$(Q)mkdir -p $(FIXTURES_DIR)
	$(Q)$(OUTPUT)/clonecheck record --backend=tracepoint -o $(FIXTURE_HOST) >/dev/null
	$(Q)env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL \
		vm/vmtest -o $(OUTPUT)/fixtures-vm $(FIXTURES_GUESTS)
	$(Q)for g in $(FIXTURES_PAIRS); do \
		n=$${g%%:*}; b=$${g##*:}; f=$(FIXTURES_DIR)/debian-$$n-$$b.cct; \
		printf '  %-8s %s\n' COPY "$$f"; \
		cp $(OUTPUT)/fixtures-vm/$$n/files/record.cct "$$f" || exit 1; done
	$(Q)for f in $(FIXTURE_HOST) $(foreach g,$(FIXTURES_PAIRS),$(FIXTURES_DIR)/debian-$(subst :,-,$(g)).cct); do \
		printf '%s: %s bytes; ' "$$f" "$$(stat -c %s $$f)"; \
		$(OUTPUT)/clonecheck check $$f | grep -E '^(backend|clones)' | tr -s ' ' | paste -sd ';' || exit 1; done

# Install (as root; DESTDIR for staging, PREFIX default /usr/local): the
# binary in SBINDIR, the man pages gzipped as Debian does (gzip -9n), the
# bash completion, and clonecheck.service with ExecStart in SBINDIR.
# `make uninstall` removes those files and nothing else.  Not stripped:
# dh_strip does that for the .deb.  tests/packaging.sh checks the layout.
PREFIX ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
INSTALL ?= install
MAN_PAGES := $(wildcard man/*.8)
INSTALLED := $(DESTDIR)$(SBINDIR)/clonecheck \
	$(MAN_PAGES:man/%=$(DESTDIR)$(MANDIR)/man8/%.gz) \
	$(DESTDIR)$(BASHCOMPDIR)/clonecheck \
	$(DESTDIR)$(SYSTEMDUNITDIR)/clonecheck.service
.PHONY: install uninstall

install: $(OUTPUT)/clonecheck
	$(call msg,INSTALL,$(DESTDIR)$(PREFIX))
	$(Q)rm -rf $(OUTPUT)/install && mkdir -p $(OUTPUT)/install
	$(Q)for p in $(MAN_PAGES); do gzip -9n -c $$p > $(OUTPUT)/install/$${p#man/}.gz || exit 1; done
	$(Q)sed 's|@SBINDIR@|$(SBINDIR)|g' systemd/clonecheck.service.in > $(OUTPUT)/install/clonecheck.service
	$(Q)$(INSTALL) -d -m 0755 $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(SYSTEMDUNITDIR)
	$(Q)$(INSTALL) -m 0755 $(OUTPUT)/clonecheck $(DESTDIR)$(SBINDIR)/clonecheck
	$(Q)$(INSTALL) -m 0644 $(MAN_PAGES:man/%=$(OUTPUT)/install/%.gz) $(DESTDIR)$(MANDIR)/man8/
	$(Q)$(INSTALL) -m 0644 completion/clonecheck $(DESTDIR)$(BASHCOMPDIR)/clonecheck
	$(Q)$(INSTALL) -m 0644 $(OUTPUT)/install/clonecheck.service $(DESTDIR)$(SYSTEMDUNITDIR)/

uninstall:
	$(call msg,UNINSTALL,$(DESTDIR)$(PREFIX))
	$(Q)rm -f $(INSTALLED)

# The Debian package: dpkg-buildpackage -b -us -uc in a copy of the tree
# under $(OUTPUT)/deb, then lintian (no error allowed) and the .deb's
# contents (tests/packaging.sh deb).  Takes minutes: not part of `check`.
.PHONY: deb
deb:
	$(Q)scripts/install-deps debhelper dpkg-dev lintian
	$(Q)OUTPUT=$(OUTPUT) tests/packaging.sh deb
