# chatterm — `make run` opens the TUI, `make test` runs every test. Both install what they need.
SWIFT ?= swift
APT_PACKAGES := libncursesw5-dev libsqlite3-dev zlib1g-dev libzstd-dev pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libsource-highlight-dev libchafa-dev libglib2.0-dev libstb-dev libwebp-dev
TEST_PACKAGES := tmux python3
SHELL := /bin/bash
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
ARGS ?=

.PHONY: run build deps test-deps test lint format bench clean fuzz install uninstall deb test-packaging

## Where `make install` puts chatterm: /usr/local as root, else ~/.local (no sudo needed; put
## ~/.local/bin on PATH). DESTDIR is prepended for staging.
PREFIX ?= $(if $(filter 0,$(shell id -u)),/usr/local,$(HOME)/.local)
DESTDIR ?=
## The build `install` and `deb` take: release (Swift's runtime linked statically, so the binary
## does not need the toolchain) or debug (what the tests use: `swift build --build-tests` made it).
CONFIG ?= release
STATIC_STDLIB := $(if $(filter release,$(CONFIG)),--static-swift-stdlib,)
## NO_BUILD=1: install or package the binary already built (make test's packaging tests: the
## build is current, and asking SwiftPM again costs 20-30 s a call on 2 busy cores).
BUILD_CHATTERM := $(if $(NO_BUILD),@true,$(SWIFT) build -c $(CONFIG) $(STATIC_STDLIB) --product chatterm)
BINARY := .build/$(CONFIG)/chatterm

## Install the system libraries chatterm links against (Debian/Ubuntu), when missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

test-deps: deps
	@missing=""; for p in $(TEST_PACKAGES); do command -v $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v man >/dev/null 2>&1 || missing="$$missing man-db"; \
	if [ -n "$$missing" ]; then echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

build: deps
	$(SWIFT) build --product chatterm

## Build and open the TUI (on the demo archive when nothing has been imported).
run: build
	env LANG=C.UTF-8 LC_ALL=C.UTF-8 .build/debug/chatterm $(ARGS)

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Benchmarks Package.swift

format:
	$(SWIFT) format --in-place --recursive Sources Tests Benchmarks Package.swift

## Lint, build everything once, run every test (unit, view, tmux end-to-end, packaging).
test: test-deps lint
	$(SWIFT) build --build-tests
	# make install/uninstall into a temporary prefix and make deb, with the debug build just made.
	NO_BUILD=1 Tools/test-packaging.sh
	# One test at a time: run in parallel on 2 cores, dozens of live servers, clients and tmux
	# terminals starve each other (connect timeouts); serial takes about 50 s and is steady.
	# The failures are repeated at the end, where a CI log's tail shows them.
	@mkdir -p .build; set -o pipefail; $(SWIFT) test --skip-build --no-parallel 2>&1 | tee .build/test-output.txt \
	  || { echo "== failing tests (whole output in .build/test-output.txt):"; \
	       grep -E '✘|recorded an issue|^↳' .build/test-output.txt | grep -v '✘ Test run' | head -60; exit 1; }

## Figures for import and browsing, streaming through the views, then 200 concurrent server
## streams (release build); see README "Performance".
bench: deps
	$(SWIFT) build -c release --product chatterm-bench
	.build/release/chatterm-bench $(ARGS)
	.build/release/chatterm-bench stream
	.build/release/chatterm-bench frames
	.build/release/chatterm-bench decode
	.build/release/chatterm-bench load --streams 200

## libFuzzer run of every fuzz target (decoders, importer, input decoder, TOML loaders) for 60 s
## each (FUZZ_SECONDS=n to change; see Fuzz/run.sh and README "Fuzzing"); not part of CI.
fuzz:
	Fuzz/run.sh

## Build (release unless CONFIG=debug) and install the binary, man page, completions, themes and
## keymaps under PREFIX; `make uninstall` removes exactly those files (`Tools/install.sh list`).
install: deps
	$(BUILD_CHATTERM)
	Tools/install.sh install "$(DESTDIR)$(PREFIX)" $(BINARY)

uninstall:
	Tools/install.sh uninstall "$(DESTDIR)$(PREFIX)"

## A Debian package in .build/ (dpkg-deb): the files of `make install` under /usr.
deb: deps
	$(BUILD_CHATTERM)
	Tools/deb.sh $(BINARY) .build/deb

## Only the packaging tests (install, uninstall, man page, completions, .deb) on the debug build.
test-packaging: build
	NO_BUILD=1 Tools/test-packaging.sh

clean:
	rm -rf .build
