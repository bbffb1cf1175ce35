# The two commands of the README: `make report` (the main job) and `make test` (all tests).
# Both install the system packages they need first, only when missing.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

APT_PACKAGES := libcairo2-dev libpango1.0-dev libharfbuzz-dev libfontconfig-dev zlib1g-dev fonts-noto-cjk poppler-utils pkg-config
# Tests also open the slide deck and the Word document in LibreOffice, list them with unzip,
# draw SVGs with librsvg and open the HTML in headless Chromium (selenium + chromedriver);
# ValidatorTests read every output with qpdf, pngcheck, xmllint and html5lib (python3).
TEST_APT_PACKAGES := $(APT_PACKAGES) libreoffice-impress libreoffice-writer unzip librsvg2-bin chromium chromium-driver python3-selenium qpdf pngcheck libxml2-utils python3-html5lib
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT ?= out
# Release builds link the Swift runtime in: the binary runs on any machine with the Debian
# libraries above (handy for cron hosts), and starts ~10 ms faster.
RELEASE = swift build -c release --static-swift-stdlib $(RELEASE_LINK)
# With the toolchain's lld, every function gets its own section and the linker lays out the
# functions a build runs (tools/hot-functions.order, from `make order-file`) next to each other:
# the pages of code a build touches, and so its peak RSS, drop by several MiB. Functions not in
# the list keep their usual place, so a stale list costs memory, never correctness. Relative
# relocations are packed where glibc (>= 2.36) understands them: fewer dirty data pages.
SWIFT_BIN := $(dir $(realpath $(shell command -v swift 2>/dev/null)))
ORDER_FILE := $(CURDIR)/tools/hot-functions.order
GLIBC_MINOR := $(shell getconf GNU_LIBC_VERSION 2>/dev/null | sed -n 's/^glibc 2\.\([0-9]*\).*/\1/p')
RELEASE_LINK :=
ifneq ($(wildcard $(SWIFT_BIN)ld.lld),)
RELEASE_LINK += -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections -Xswiftc -use-ld=lld
ifneq ($(wildcard $(ORDER_FILE)),)
RELEASE_LINK += -Xlinker --symbol-ordering-file=$(ORDER_FILE) -Xlinker --no-warn-symbol-ordering
endif
ifeq ($(shell [ "$(GLIBC_MINOR)" -ge 36 ] 2>/dev/null && echo yes),yes)
RELEASE_LINK += -Xlinker -z -Xlinker pack-relative-relocs
endif
endif

.PHONY: setup test-setup report build test clean

setup:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(APT_PACKAGES)"

test-setup:
	@$(MAKE) --no-print-directory install-missing PACKAGES="$(TEST_APT_PACKAGES)"

.PHONY: install-missing
install-missing:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: setup
	$(RELEASE)

report: build
	.build/release/reportgen build --out $(OUT)

test: test-setup
	swift build --build-tests
	swift test --skip-build

clean:
	rm -rf .build $(OUT)

# Speed, measured side by side with the matplotlib peer in one run (see BENCHMARKS.md).
PEER_PY := .venv-peers/bin/python
$(PEER_PY):
	python3 -m venv .venv-peers
	$(PEER_PY) -m pip install -q -r ../shared/bench/peers/requirements.txt

# Regenerates tools/hot-functions.order from callgrind runs of the release binary (see the script).
.PHONY: order-file
order-file: build
	@$(MAKE) --no-print-directory install-missing PACKAGES="valgrind binutils python3"
	python3 tools/order-file.py .build/release/reportgen
	$(RELEASE)

.PHONY: bench
bench: setup $(PEER_PY)
	$(RELEASE) --product reportgen-bench
	$(RELEASE) --product reportgen
	.build/release/reportgen-bench --runs 20 --peer-python $(PEER_PY) --markdown BENCHMARKS.md

# Fuzzing (README "Fuzzing"): libFuzzer + AddressSanitizer on the three input readers, each for
# FUZZ_SECONDS, starting from the seeds and the bad-input corpus. Crashes land in .fuzz/; keep
# each one under Tests/Fixtures/fuzz/<target>/ once fixed, where the tests replay it.
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := fuzz-extract fuzz-csv fuzz-spec fuzz-draft
.PHONY: fuzz
fuzz: setup
	for t in $(FUZZ_TARGETS); do Fuzz/link.sh $$t; done
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p .fuzz/$$t; \
	  .build-fuzz/x86_64-unknown-linux-gnu/release/$$t-fuzzer .fuzz/$$t seeds Tests/PipelineTests/Fixtures/seed-csv/data seeds/charts seeds/timelines Tests/Fixtures/bad \
	    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=4096 -artifact_prefix=.fuzz/$$t- \
	    -print_final_stats=1 2>&1 | tail -25; \
	done
