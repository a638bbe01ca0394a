#!/usr/bin/env bash
# Python bindings (bindings-python, the module `connectnow_queue`): lint the crate, build the
# wheel from source the way `pip install ./bindings-python` does, install it into a fresh
# venv, and run the pytest suite against the installed wheel (not the source tree).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
crate=$repo/bindings-python
step() { printf -- '--- python: %s\n' "$*"; }

python=$(command -v python3.11 || command -v python3)
work=$(mktemp -d "${TMPDIR:-/tmp}/connectnow-python.XXXXXX")
trap 'rm -rf "$work"' EXIT
venv=$work/venv

step "fresh venv ($("$python" --version)) with maturin and pytest"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.9,<2" "pytest>=8"

# The crate is not a workspace member: its own target dir and lock file. pyo3 builds against
# the venv's interpreter.
export PATH=$venv/bin:$PATH  # the maturin build backend runs `maturin` from PATH
export CARGO_TARGET_DIR=$crate/target
export PYO3_PYTHON=$venv/bin/python
export CARGO_TERM_COLOR=never

step "cargo fmt --check"
(cd "$crate" && cargo fmt --check)

step "cargo clippy --all-targets -D warnings"
(cd "$crate" && cargo clippy --all-targets --quiet -- -D warnings)

step "build the wheel (pip, maturin backend, release profile)"
start=$(date +%s)
"$venv/bin/pip" wheel --quiet --disable-pip-version-check --no-build-isolation --no-deps \
  --wheel-dir "$work/wheels" "$crate"
echo "built $(basename "$work"/wheels/*.whl) in $(( $(date +%s) - start ))s"

step "install the wheel"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-index --no-deps "$work"/wheels/*.whl

step "pytest against the installed wheel"
# Run from outside the source tree so `import connectnow_queue` can only find the wheel.
cd "$work"
"$venv/bin/python" -m pytest "$crate/tests" -p no:cacheprovider -q
