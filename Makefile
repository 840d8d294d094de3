# SPDX-License-Identifier: GPL-2.0
# clonecheck: `make` builds, `make run` sets up and checks this kernel,
# `make check` sets up and runs every test (unit + live).
OUTPUT ?= .output
CLANG ?= clang
BPFTOOL ?= bpftool
CC ?= gcc
ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')

CFLAGS ?= -g -O2
CFLAGS += -Wall -Wextra -Werror=undef -std=gnu11
CPPFLAGS += -I$(OUTPUT) -Isrc -Imodel
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_$(ARCH) -I. -Ibpf -Wall -Wno-unused-function
LIBBPF_LIBS := $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf -lelf -lz)
CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)

MODEL_SRCS := $(wildcard model/*.c)
# src/ without the BPF loader: builds and tests with no clang, bpftool or root.
# LIVE_SRCS need libbpf and the skeleton; every other src/*.c is CORE.
LIVE_SRCS := src/loader.c src/run.c src/workload.c
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
.PHONY: all run check test test-live deps clean vmlinux-full

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

# BPF object -> linked object -> skeleton.
$(OUTPUT)/clonecheck.tmp.bpf.o: bpf/clonecheck.bpf.c bpf/events.h bpf/compat.bpf.h vmlinux.h | $(OUTPUT)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUTPUT)/clonecheck.bpf.o: $(OUTPUT)/clonecheck.tmp.bpf.o
	$(call msg,GEN-OBJ,$@)
	$(Q)$(BPFTOOL) gen object $@ $<

$(OUTPUT)/clonecheck.skel.h: $(OUTPUT)/clonecheck.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name clonecheck_bpf > $@

$(OUTPUT)/src/loader.o: $(OUTPUT)/clonecheck.skel.h

$(OUTPUT)/model/%.o: model/%.c $(wildcard model/*.h) | $(OUTPUT)/model
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(OUTPUT)/src/%.o: src/%.c $(wildcard src/*.h) model/model.h bpf/events.h | $(OUTPUT)/src
	$(call msg,CC,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) -c $< -o $@

$(OUTPUT)/clonecheck: $(OUTPUT)/src/main.o $(OUTPUT)/src/env.o $(LIVE_OBJS) $(CORE_OBJS) $(MODEL_OBJS)
	$(call msg,BINARY,$@)
	$(Q)$(CC) $(CFLAGS) $^ $(LIBBPF_LIBS) -lpthread -o $@

$(OUTPUT)/check_unit: tests/check_main.c $(UNIT_TESTS) $(wildcard tests/*.h) $(CORE_OBJS) $(MODEL_OBJS) | $(OUTPUT)
	$(call msg,TEST,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) $(CHECK_CFLAGS) tests/check_main.c $(UNIT_TESTS) \
		$(CORE_OBJS) $(MODEL_OBJS) $(CHECK_LIBS) -o $@

$(OUTPUT)/check_all: tests/check_main.c $(UNIT_TESTS) $(LIVE_TESTS) $(wildcard tests/*.h) $(CORE_OBJS) $(MODEL_OBJS) $(LIVE_OBJS) $(OUTPUT)/clonecheck
	$(call msg,TEST,$@)
	$(Q)$(CC) $(CFLAGS) $(CPPFLAGS) $(CHECK_CFLAGS) -DWITH_LIVE \
		-DCLONECHECK_BIN='"$(abspath $(OUTPUT))/clonecheck"' tests/check_main.c \
		$(UNIT_TESTS) $(LIVE_TESTS) $(LIVE_OBJS) $(CORE_OBJS) $(MODEL_OBJS) \
		$(LIBBPF_LIBS) $(CHECK_LIBS) -lpthread -o $@

# The running kernel's whole BTF as C, for exploring (not committed).
vmlinux-full: | $(OUTPUT)
	$(Q)$(BPFTOOL) btf dump file /sys/kernel/btf/vmlinux format c > $(OUTPUT)/vmlinux-full.h
	@echo "wrote $(OUTPUT)/vmlinux-full.h"

clean:
	$(call msg,CLEAN,$(OUTPUT))
	$(Q)rm -rf $(OUTPUT)
