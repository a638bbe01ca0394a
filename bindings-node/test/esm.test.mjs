// The package loads both as CommonJS and as an ES module, with the same classes.

import test from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'
import queue, { Engine, ManualClock, Actor, Watch } from 'connectnow-queue'

test('import and require give the same classes', () => {
  const required = createRequire(import.meta.url)('connectnow-queue')
  assert.equal(Engine, required.Engine)
  assert.equal(ManualClock, required.ManualClock)
  assert.equal(Actor, required.Actor)
  assert.equal(Watch, required.Watch)
  assert.equal(typeof Watch.prototype[Symbol.asyncIterator], 'function')
  assert.equal(queue.Engine, Engine)
  const engine = Engine.inMemory({ clock: new ManualClock(new Date('2026-01-05T09:00:00Z')) })
  assert.equal(engine.createCompany(Actor.system(), { name: 'Acme' }).name, 'Acme')
})
