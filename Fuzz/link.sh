#!/usr/bin/env bash
# Builds a fuzz target with libFuzzer + AddressSanitizer. SwiftPM links executables with
# `--defsym main=<module>_main`, which collides with libFuzzer's own main, so this compiles with
# SwiftPM and links the same objects without that alias.
set -euo pipefail
target="$1"                      # fuzz-extract | fuzz-csv | fuzz-spec
scratch=.build-fuzz
flags=(--scratch-path "$scratch" -c release -Xswiftc -sanitize=fuzzer,address)
swift build "${flags[@]}" --product "$target" >/dev/null 2>&1 || true   # compiles; its link step fails by design
dir="$scratch/x86_64-unknown-linux-gnu/release"
list="$dir/$target.product/Objects.LinkFileList"
[ -f "$list" ] || { swift build "${flags[@]}" --product "$target"; exit 1; }
# The C libraries Canvas's module map links (pkg-config pangocairo, zlib); -pthread is implied.
libs=$(pkg-config --libs pangocairo zlib | tr ' ' '\n' | grep '^-l' | tr '\n' ' ')
# shellcheck disable=SC2086
swiftc -o "$dir/$target-fuzzer" -emit-executable @"$list" -L "$dir" -Xlinker --gc-sections -Xlinker "-rpath=\$ORIGIN" \
  -target x86_64-unknown-linux-gnu -sanitize=fuzzer,address $libs
echo "$dir/$target-fuzzer"
