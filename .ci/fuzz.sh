#!/usr/bin/env bash
# Coverage-guided fuzzing of the engine (fuzz/, target `engine`) with libFuzzer, on the stable
# toolchain: the crate is built with the instrumentation flags `cargo fuzz build -s none`
# passes (no sanitizer, which would need nightly), so cargo-fuzz itself is not required.
#
#   bash .ci/fuzz.sh [SECONDS] [libFuzzer options…]     # default: 60 seconds
#
# Starts from the committed seed corpus (fuzz/corpus/engine, read-only here) and fails when
# the fuzzer finds a crash (a panic in the engine or a broken routing invariant); the input
# is kept in fuzz/artifacts/engine/ for `fuzz/target/…/engine <file>` to replay.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-60}
shift || true
triple=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TERM_COLOR=never
export RUSTFLAGS="-Cpasses=sancov-module \
  -Cllvm-args=-sanitizer-coverage-level=4 \
  -Cllvm-args=-sanitizer-coverage-inline-8bit-counters \
  -Cllvm-args=-sanitizer-coverage-pc-table \
  -Cllvm-args=-sanitizer-coverage-trace-compares \
  -Cllvm-args=-sanitizer-coverage-stack-depth \
  --cfg fuzzing -Cdebug-assertions -Coverflow-checks=on -Ccodegen-units=1"
# --target keeps the flags off build scripts and proc macros, as cargo-fuzz does.
cargo build --release --quiet --bin engine --target "$triple"
work=$(mktemp -d "${TMPDIR:-/tmp}/connectnow-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p artifacts/engine
cp -r corpus/engine/. "$work/" 2>/dev/null || true
"target/$triple/release/engine" "$work" -max_total_time="$seconds" -max_len=4096 \
  -artifact_prefix=artifacts/engine/ -print_final_stats=1 "$@"
