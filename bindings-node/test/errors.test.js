'use strict'
// Every error code from a real bad call, and wrong-typed arguments throwing TypeError
// (never crashing the process).

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { freshEngine, hire, Engine, ManualClock, Actor } = require('./helpers/world.js')

function acmeWithAgent() {
  const world = freshEngine()
  const { engine, sys } = world
  const acme = engine.createCompany(sys, { name: 'Acme' })
  const ann = hire(engine, sys, acme.id, 'ann')
  const support = engine.createQueue(sys, { companyId: acme.id, name: 'support' })
  return { ...world, acme, ann, support }
}

const UNKNOWN_ID = '019b8d62-7a80-7000-8000-00000000beef'

test('each error code comes from a real bad call, with its status', async (t) => {
  const { engine, sys, acme, ann, support } = acmeWithAgent()
  const cases = [
    ['ERR_UNAUTHENTICATED', 401, () => engine.authenticate('cnq_not-a-token')],
    ['ERR_UNAUTHENTICATED', 401, () => engine.listQueues(Actor.anonymous(), acme.id)],
    ['ERR_FORBIDDEN', 403, () => engine.createQueue(ann.me, { companyId: acme.id, name: 'vip' })],
    ['ERR_NOT_FOUND', 404, () => engine.getQueue(sys, UNKNOWN_ID)],
    ['ERR_INVALID_INPUT', 422, () => engine.createUser(sys, { username: 'no spaces!', firstname: 'A', lastname: 'B', email: 'a@b.c' })],
    ['ERR_CONFLICT', 409, () => engine.createSkill(sys, acme.id, 'dutch') && engine.createSkill(sys, acme.id, 'Dutch')],
  ]
  for (const [code, status, call] of cases) {
    await t.test(code, () => {
      assert.throws(call, (e) => {
        assert.ok(e instanceof Error)
        assert.equal(e.code, code)
        assert.equal(e.status, status)
        assert.equal(typeof e.message, 'string')
        return true
      })
    })
  }
  await t.test('ERR_CONFLICT for a life-cycle step out of turn', () => {
    const chat = engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor' }, support.id)
    assert.throws(() => engine.acceptOffer(sys, chat.id), { code: 'ERR_CONFLICT', status: 409 })
  })
  await t.test('ERR_INVALID_INPUT names the field, as JavaScript spells it', () => {
    assert.throws(() => engine.createUser(sys, { username: 'no spaces!', firstname: 'A', lastname: 'B', email: 'a@b.c' }), {
      code: 'ERR_INVALID_INPUT',
      field: 'username',
    })
    assert.throws(() => engine.createQueue(sys, { companyId: acme.id, name: 'q', priorityDelay: 0 }), {
      code: 'ERR_INVALID_INPUT',
      field: 'priorityDelay',
    })
    assert.throws(() => engine.createQueue(sys, { companyId: acme.id, name: 'q', offerTimeout: -5 }), {
      code: 'ERR_INVALID_INPUT',
      field: 'offerTimeout',
    })
    const day = { companyId: acme.id, from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z') }
    assert.throws(() => engine.queueStatsByInterval(sys, day, 0), { code: 'ERR_INVALID_INPUT', field: 'intervalMinutes' })
    assert.throws(() => engine.setPresence(sys, ann.member.id, { show: 'busy' }), {
      code: 'ERR_INVALID_INPUT',
      field: 'show',
    })
    assert.throws(() => engine.setAgentSkill(sys, ann.member.id, 'not-a-uuid', 5), {
      code: 'ERR_INVALID_INPUT',
      field: 'skillId',
    })
    const skill = engine.createSkill(sys, acme.id, 'billing')
    assert.throws(() => engine.setAgentSkill(sys, ann.member.id, skill.id, 300), {
      code: 'ERR_INVALID_INPUT',
      field: 'level',
    })
  })
  await t.test('ERR_STORAGE when the database file is not a database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-'))
    const file = path.join(dir, 'garbage.db')
    fs.writeFileSync(file, 'this is not an SQLite database, just text '.repeat(200))
    try {
      assert.throws(() => Engine.open(file), { code: 'ERR_STORAGE', status: 500 })
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
  await t.test('async twins reject with the same codes', async () => {
    await assert.rejects(engine.getQueueAsync(sys, UNKNOWN_ID), { code: 'ERR_NOT_FOUND', status: 404 })
    await assert.rejects(engine.createQueueAsync(ann.me, { companyId: acme.id, name: 'x' }), { code: 'ERR_FORBIDDEN' })
    await assert.rejects(engine.getQueueAsync(sys, 42), TypeError)
    await assert.rejects(Engine.openAsync(path.join(os.tmpdir(), 'no-such-dir-cnq', 'x', 'q.db')), { code: 'ERR_STORAGE' })
  })
  await t.test('a closed engine refuses calls', () => {
    engine.close()
    assert.throws(() => engine.listQueues(sys, acme.id), { code: 'ERR_CONFLICT' })
  })
})

test('arguments of the wrong type throw TypeError and the process lives on', () => {
  const { engine, sys, acme, ann, support } = acmeWithAgent()
  const cyclic = { companyId: acme.id, name: 'loop' }
  cyclic.self = cyclic
  const throwing = {
    get name() {
      throw new RangeError('from a getter')
    },
    companyId: acme.id,
  }
  const wrong = [
    () => engine.getQueue(sys, 42),
    () => engine.getQueue(sys),
    () => engine.getQueue(sys, { id: support.id }),
    () => engine.getQueue(sys, Symbol('id')),
    () => engine.getQueue(undefined, support.id),
    () => engine.getQueue('system', support.id),
    () => engine.getQueue({ type: 'root' }, support.id),
    () => engine.createQueue(sys, 'support'),
    () => engine.createQueue(sys, [acme.id, 'support']),
    () => engine.createQueue(sys, { companyId: acme.id, name: 7 }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', offerTimeout: 1.5 }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', offerTimeout: '20' }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', offerTimeout: NaN }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', offerTimeout: 10n }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', isActive: () => true }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', colour: 'blue' }),
    () => engine.createQueue(sys, { companyId: acme.id, name: 'q', offer_timeout: 20 }),
    () => engine.createQueue(sys, { name: 'no company' }),
    () => engine.createQueue(sys, cyclic),
    () => engine.setAgentSkill(sys, ann.member.id, support.id, 'high'),
    () => engine.setAgentSkill(sys, ann.member.id, support.id, 2.5),
    () => engine.listWaiting(sys, support.id, Infinity),
    () => engine.addTeamMembers(sys, support.id, ann.member.id),
    () => engine.addTeamMembers(sys, support.id, [42]),
    () => engine.isOpen(sys, support.id, '2026-01-05T09:00:00Z'),
    () => engine.isOpen(sys, support.id, new Date('not a date')),
    () => engine.queueStats(sys, { companyId: acme.id, from: 0, to: 1 }),
    () => engine.queueStatsByInterval(sys, { companyId: acme.id, from: new Date(0), to: new Date(1) }, '15'),
    () => engine.enqueue(sys, support.id, support.id, 'password'),
    () => engine.listCompanies(sys, { with: 'users' }),
    () => Engine.inMemory({ clock: Date.now() }),
    () => Engine.inMemory({ clock: Actor.system() }),
    () => Engine.inMemory({ seed: -1.5 }),
    () => Engine.inMemory({ path: 'queue.db' }),
    () => Engine.open(42),
    () => new ManualClock('yesterday'),
    () => new ManualClock().advance('1m'),
    () => Actor.user(42),
  ]
  for (const call of wrong) {
    assert.throws(call, TypeError, call.toString())
    assert.throws(call, { code: 'ERR_INVALID_ARG_TYPE' }, call.toString())
  }
  // A getter that throws: its exception reaches the caller untouched.
  assert.throws(() => engine.createQueue(sys, throwing), { name: 'RangeError', message: 'from a getter' })
  // A method called on something that is not an Engine throws instead of crashing.
  assert.throws(() => engine.getQueue.call({}, sys, support.id))
  // And the engine still works afterwards.
  assert.equal(engine.getQueue(sys, support.id).name, 'support')
})
