#!/usr/bin/env bash
# The Node.js package (bindings-node): install, build the addon, type-check the TypeScript
# quick start against the generated index.d.ts, run the node --test suite against the fresh
# build, and lint the crate. Needs Node 20+, npm and Rust stable; the registry for npm ci.
set -euo pipefail
cd "$(dirname "$0")/../bindings-node"
step() { printf '\n--- node: %s ---\n' "$*"; }

step "npm ci"
npm ci --no-audit --no-fund

# A debug build (argon2 is optimised even there): the same code as `npm run build`, in
# half the compile time; clippy below then reuses its dependency build.
step "build the addon (napi build)"
npm run build:debug

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  step "generated index.d.ts and binding.js are committed up to date"
  git diff --exit-code -- index.d.ts binding.js
fi

step "tsc --noEmit (examples/node/quickstart.ts against index.d.ts)"
npm run typecheck

step "node --test"
npm test

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
