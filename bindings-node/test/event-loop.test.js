'use strict'
// The …Async twins work on the thread pool: the event loop keeps turning meanwhile.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { Engine, Actor } = require('./helpers/world.js')

test('a timer keeps firing while large async operations run', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const sys = Actor.system()
  const engine = await Engine.openAsync(path.join(dir, 'queue.db'))
  const acme = await engine.createCompanyAsync(sys, { name: 'Acme' })

  // Each password-protected queue costs an argon2 hash (deliberately slow), and its
  // enqueue an argon2 verification: real work, done off the main thread.
  let pending = 0
  let ticksWhilePending = 0
  const timer = setInterval(() => {
    if (pending > 0) ticksWhilePending += 1
  }, 1)
  try {
    const work = async (i) => {
      pending += 1
      try {
        const q = await engine.createQueueAsync(sys, { companyId: acme.id, name: `vip ${i}`, password: 'secret' })
        return await engine.enqueueNewAsync(sys, { companyId: acme.id, name: `caller ${i}` }, q.id, { password: 'secret' })
      } finally {
        pending -= 1
      }
    }
    const stays = await Promise.all([1, 2, 3, 4, 5, 6].map(work))
    assert.equal(stays.length, 6)
    assert.ok(stays.every((s) => s.state === 'waiting'))
  } finally {
    clearInterval(timer)
    engine.close()
  }
  assert.ok(ticksWhilePending > 0, 'the interval never fired while the engine worked')
})
