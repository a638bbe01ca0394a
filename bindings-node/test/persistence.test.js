'use strict'
// A queue on a SQLite file survives closing and reopening the engine.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { hire, Engine, ManualClock, Actor, MONDAY_9AM } = require('./helpers/world.js')

test('companies, queues, waiting chats, tokens and events survive reopening the file', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'queue.db')
  const clock = new ManualClock(MONDAY_9AM)
  const sys = Actor.system()

  const first = Engine.open(file, { clock, seed: 1, synchronous: 'full' })
  const acme = first.createCompany(sys, { name: 'Acme' })
  const ann = hire(first, sys, acme.id, 'ann')
  const support = first.createQueue(sys, { companyId: acme.id, name: 'support', password: 'letmein' })
  first.assignOperator(sys, support.id, ann.member.id, 1)
  const { secret } = first.issueToken(sys, ann.user.id, 'phone')
  const chat = await first.enqueueNewAsync(sys, { companyId: acme.id, name: 'Visitor' }, support.id, { password: 'letmein' })
  assert.equal(chat.state, 'waiting')
  first.close()

  clock.advance(60_000)
  const second = await Engine.openAsync(file, { clock, seed: 2 })
  assert.deepEqual(second.listCompanies(sys).map((c) => c.name), ['Acme'])
  assert.equal(second.getQueue(sys, support.id).hasPassword, true)
  assert.deepEqual(second.listWaiting(sys, support.id, 10).map((s) => s.id), [chat.id])
  const me = second.authenticate(secret)
  assert.equal(me.userId, ann.user.id)
  await assert.rejects(
    second.enqueueNewAsync(sys, { companyId: acme.id, name: 'Intruder' }, support.id, { password: 'guess' }),
    { code: 'ERR_INVALID_INPUT', field: 'password' },
  )

  // Ann comes online on the reopened engine and gets the chat that waited.
  second.setPresence(me, ann.member.id, { show: 'available' })
  const stay = second.getStay(me, chat.id)
  assert.equal(stay.state, 'assigned')
  assert.equal(stay.waitSince.getTime(), MONDAY_9AM.getTime())
  const kinds = second.events(sys, { companyId: acme.id }).map((e) => e.type)
  assert.ok(kinds.includes('enqueued') && kinds.includes('assigned'))
  second.close()
})
