'use strict'
// Every engine method works from JavaScript, and index.d.ts declares no method that does
// not exist (nor misses one that does).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const path = require('node:path')
const { freshEngine, Engine } = require('./helpers/world.js')
const { tour } = require('./helpers/tour.js')

test('a tour of the rest of the API', async () => {
  await tour(freshEngine())
})

test('each method has an …Async twin, and index.d.ts lists exactly the methods there are', () => {
  const methods = Object.getOwnPropertyNames(Engine.prototype).filter((m) => m !== 'constructor')
  const sync = methods.filter((m) => !m.endsWith('Async'))
  const iterators = ['teamPresence', 'iterTeamPresence', 'iterWaiting']
  // Pure JavaScript (index.js) like the iterators: `batch` has its twin `batchAsync`.
  const header = [...iterators, 'batch', 'batchAsync']
  // `watch` opens no transaction, and waiting for its events is asynchronous already.
  const local = new Set(['now', 'nextDue', 'routingIndexSizes', 'workingSetSize', 'inBatch', 'close', 'authenticate', 'watch', ...iterators])
  for (const m of sync) {
    if (!local.has(m)) assert.ok(methods.includes(`${m}Async`), `${m} has no async twin`)
  }
  const dts = fs.readFileSync(path.join(__dirname, '..', 'index.d.ts'), 'utf8')
  const cls = dts.slice(dts.indexOf('export declare class Engine'))
  const declared = new Set([...cls.slice(0, cls.indexOf('\n}')).matchAll(/^  (?:static )?(\w+)\(/gm)].map((m) => m[1]))
  for (const m of header) declared.add(m) // declared in the header, by interface merging
  for (const m of methods) assert.ok(declared.has(m), `index.d.ts lacks Engine.${m}`)
  for (const m of declared) {
    assert.ok(methods.includes(m) || typeof Engine[m] === 'function', `index.d.ts declares a missing Engine.${m}`)
  }
})
