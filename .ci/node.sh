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

# What another project does: install the packed package from a tarball, outside the repo,
# then require and import it by name.
step "npm pack, and install the tarball in a fresh project outside the repository"
consumer=$(mktemp -d "${TMPDIR:-/tmp}/connectnow-consumer.XXXXXX")
trap 'rm -rf "$consumer"' EXIT
tarball=$(npm pack --silent --pack-destination "$consumer" | tail -n 1)
(
  cd "$consumer"
  npm init -y >/dev/null
  npm install --no-audit --no-fund --silent "./$tarball"
  cat > smoke.cjs <<'JS'
const { Engine, Actor } = require('connectnow-queue')
const engine = Engine.inMemory()
const acme = engine.createCompany(Actor.system(), { name: 'Acme' })
if (engine.getCompany(Actor.system(), acme.id).name !== 'Acme') throw new Error('round trip failed')
console.log('require: ok')
JS
  cat > smoke.mjs <<'JS'
import { Engine, Actor } from 'connectnow-queue'
const engine = Engine.inMemory()
engine.createCompany(Actor.system(), { name: 'Acme' })
console.log('import: ok')
JS
  node smoke.cjs
  node smoke.mjs
)

step "cargo fmt --check"
cargo fmt --check

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
