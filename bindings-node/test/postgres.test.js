'use strict'
// `Engine.open('postgresql://…')`: a node of a queue several processes share. Runs on the
// server QUEUE_POSTGRES_URL names (`bash .ci/run` starts a throwaway one), each test in a
// schema of its own; skipped without it.

const test = require('node:test')
const assert = require('node:assert/strict')
const crypto = require('node:crypto')
const { hire, Engine, ManualClock, Actor, MONDAY_9AM } = require('./helpers/world.js')

const URL = (process.env.QUEUE_POSTGRES_URL || '').trim()
const skip = URL ? false : 'QUEUE_POSTGRES_URL is not set (bash .ci/run starts a server and sets it)'
const freshSchema = () => `cnq_nodetest_${crypto.randomBytes(6).toString('hex')}`
const sys = Actor.system()

test('two nodes share one queue and a chat goes to one agent', { skip }, async () => {
  const clock = new ManualClock(MONDAY_9AM)
  const schema = freshSchema()
  const first = Engine.open(URL, { clock, seed: 1, schema })
  const second = await Engine.openAsync(URL, { clock, seed: 2, schema, busyTimeoutMs: 10_000 })
  const acme = first.createCompany(sys, { name: 'Acme' })
  const support = first.createQueue(sys, { companyId: acme.id, name: 'support' })
  const ann = hire(first, sys, acme.id, 'ann')
  first.assignOperator(sys, support.id, ann.member.id, 1)
  assert.equal(second.getCompany(sys, acme.id).name, 'Acme')
  second.setPresence(sys, ann.member.id, { show: 'available' })
  const chat = await first.enqueueNewAsync(sys, { companyId: acme.id, name: 'Visitor' }, support.id)
  assert.equal(first.getStay(sys, chat.id).assignedTo, ann.member.id)
  assert.equal(second.getStay(sys, chat.id).assignedTo, ann.member.id)
  first.close()
  second.close()

  // A node opened again finds everything.
  const third = Engine.open(URL, { clock, seed: 3, schema, retentionMs: 30 * 86_400_000 })
  assert.deepEqual(third.listAgentStays(sys, ann.member.id).map((s) => s.id), [chat.id])
  third.close()
})

test('options of the other store are refused, and a bad schema names its field', { skip }, () => {
  assert.throws(() => Engine.open(URL, { synchronous: 'full', schema: freshSchema() }), {
    code: 'ERR_INVALID_INPUT',
    field: 'synchronous',
  })
  assert.throws(() => Engine.open(':memory:', { schema: freshSchema() }), {
    code: 'ERR_INVALID_INPUT',
    field: 'schema',
  })
  assert.throws(() => Engine.open(URL, { schema: "x'; DROP TABLE y;--" }), {
    code: 'ERR_INVALID_INPUT',
    field: 'schema',
  })
  assert.throws(() => Engine.open(URL, { schema: 42 }), { name: 'TypeError' })
  assert.throws(() => Engine.open(':memory:', { tlsRootCert: '/nonexistent/root.crt' }), {
    code: 'ERR_INVALID_INPUT',
    field: 'tlsRootCert',
  })
  // A root for TLS on a URL that does not ask for TLS.
  assert.throws(() => Engine.open(URL, { schema: freshSchema(), tlsRootCert: '/nonexistent/root.crt' }), {
    code: 'ERR_INVALID_INPUT',
    field: 'tlsRootCert',
  })
})

test('an unreachable server is a storage error', async () => {
  assert.throws(() => Engine.open('postgresql://nobody@127.0.0.1:1/none'), { code: 'ERR_STORAGE' })
  await assert.rejects(Engine.openAsync('postgresql://nobody@127.0.0.1:1/none'), { code: 'ERR_STORAGE' })
})
