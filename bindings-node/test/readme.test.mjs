// The README's Node section runs as written, and so do the quick starts in examples/node.

import test from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repo = path.resolve(pkg, '..')

/** The ```js blocks between the README's node-section markers. */
function readmeNodeCode() {
  const readme = fs.readFileSync(path.join(repo, 'README.md'), 'utf8')
  const start = readme.indexOf('<!-- node-section:start -->')
  const end = readme.indexOf('<!-- node-section:end -->')
  assert.ok(start >= 0 && end > start, 'README has no node section')
  const blocks = [...readme.slice(start, end).matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1])
  assert.ok(blocks.length > 0, 'the node section has no js code block')
  return blocks.join('\n')
}

test("the README's Node section runs as written", () => {
  // Run from inside the package, so `import … from 'connectnow-queue'` resolves to it.
  execFileSync(process.execPath, ['--input-type=module', '-e', readmeNodeCode()], { cwd: pkg, stdio: 'pipe' })
})

/** A folder where `connectnow-queue` resolves to this package (what `npm install` would do). */
function nodePath(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  fs.symlinkSync(pkg, path.join(dir, 'connectnow-queue'), 'dir')
  return dir
}

test('the JavaScript quick start runs', (t) => {
  const out = execFileSync(process.execPath, [path.join(repo, 'examples/node/quickstart.js')], {
    env: { ...process.env, NODE_PATH: nodePath(t) },
    encoding: 'utf8',
  })
  assert.match(out, /completed/)
})

test('the TypeScript quick start compiles and runs', (t) => {
  const modules = nodePath(t)
  const outDir = path.join(modules, 'out')
  execFileSync(
    process.execPath,
    [path.join(pkg, 'node_modules/typescript/bin/tsc'), '-p', path.join(pkg, 'tsconfig.json'), '--noEmit', 'false', '--outDir', outDir],
    { stdio: 'pipe' },
  )
  const compiled = fs.readdirSync(outDir, { recursive: true }).find((f) => f.endsWith('quickstart.js'))
  assert.ok(compiled, 'tsc wrote no quickstart.js')
  const out = execFileSync(process.execPath, [path.join(outDir, compiled)], {
    env: { ...process.env, NODE_PATH: modules },
    encoding: 'utf8',
  })
  assert.match(out, /completed/)
})
