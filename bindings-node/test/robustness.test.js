'use strict'
// Issue 10 from Node: what a new user hit with a manual clock and bad inputs, each pinned
// down — the process never aborts on a huge clock step, the end of the calendar works, text
// is text, the clock only moves forward, Dates outside years 1–9999 are a RangeError, numbers
// out of range name their field, conflicts carry a reason, defaults match Python's, and the
// whole waiting line can be walked.

const test = require('node:test')
const assert = require('node:assert/strict')
const { freshEngine, hire, ManualClock, Engine, Actor } = require('./helpers/world.js')

const LAST = new Date('9999-12-31T23:59:59.999Z')

function acme(engine, sys, queue = {}) {
  const c = engine.createCompany(sys, { name: 'Acme' })
  const q = engine.createQueue(sys, { companyId: c.id, name: 'support', ...queue })
  return { c, q }
}

test('a huge clock step throws a RangeError and the process lives on', () => {
  const { clock, engine, sys } = freshEngine()
  const before = clock.now().getTime()
  for (const step of [2 ** 80, Number.MAX_SAFE_INTEGER + 2, 8.64e15]) {
    assert.throws(() => clock.advance(step), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' })
  }
  assert.equal(clock.now().getTime(), before)
  acme(engine, sys)
})

test('a negative step is refused; set() may still go back', () => {
  const { clock } = freshEngine()
  const before = clock.now().getTime()
  assert.throws(() => clock.advance(-1000), { name: 'RangeError' })
  assert.throws(() => clock.advance(-1), RangeError)
  assert.equal(clock.now().getTime(), before)
  clock.set(new Date(before - 86_400_000))
  assert.equal(clock.now().getTime(), before - 86_400_000)
})

test('the last instant of the calendar works, and every result converts', () => {
  const clock = new ManualClock(LAST)
  const engine = Engine.inMemory({ clock })
  const sys = Actor.system()
  const { c, q } = acme(engine, sys, { offerTimeout: 20, priorityDelay: 60 })
  engine.setHours(sys, c.id, [{ weekday: 'fri', opens: '00:00', closes: '00:00' }], { queueId: q.id })
  const ann = hire(engine, sys, c.id, 'ann')
  engine.assignOperator(sys, q.id, ann.member.id)
  engine.setPresence(sys, ann.member.id, { show: 'available' })
  const stay = engine.enqueueNew(sys, { companyId: c.id, name: 'Visitor' }, q.id)
  assert.ok(stay.offerExpiresAt === null || stay.offerExpiresAt instanceof Date)
  assert.throws(() => clock.advance(1), RangeError)
  engine.tick()
  assert.ok(engine.isOpen(sys, q.id, LAST).open === true || engine.isOpen(sys, q.id, LAST).open === false)
  for (const e of engine.events(sys)) assert.ok(e.at instanceof Date && !Number.isNaN(e.at.getTime()))
})

test('Dates outside years 1-9999 are a RangeError on input', () => {
  const { engine, sys, clock } = freshEngine()
  const { q } = acme(engine, sys)
  for (const d of [new Date(8.64e15), new Date(-8.64e15), new Date('+010000-01-01T00:00:00Z')]) {
    assert.throws(() => engine.isOpen(sys, q.id, d), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' })
    assert.throws(() => clock.set(d), RangeError)
    assert.throws(() => new ManualClock(d), RangeError)
    assert.throws(() => engine.addBlacklistHours(sys, q.id, { startsAt: new Date(), endsAt: d }), RangeError)
  }
})

test('a text parameter takes a string only', () => {
  const { engine, sys } = freshEngine()
  const { c, q } = acme(engine, sys)
  for (const value of [new Date('2026-01-05T09:00:00Z'), 7, true, ['Acme'], { name: 'Acme' }]) {
    assert.throws(() => engine.createCompany(sys, { name: value }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
    assert.throws(() => engine.createQueue(sys, { companyId: c.id, name: value }), TypeError)
    assert.throws(() => engine.enqueueNew(sys, { companyId: c.id, name: value }, q.id), TypeError)
    assert.throws(() => engine.createSkill(sys, c.id, value), TypeError)
  }
  assert.throws(() => engine.createCompany(sys, { name: new Date() }), /newCompany\.name: expected a string, got a date-time/)
  assert.equal(engine.listCompanies(sys).length, 1)
})

test('numbers out of range are ERR_INVALID_INPUT naming the field', () => {
  const { engine, sys } = freshEngine()
  const c = engine.createCompany(sys, { name: 'Acme' })
  for (const [field, value] of [['priorityDelay', -1], ['offerTimeout', 2 ** 40], ['priorityDelay', 2 ** 80]]) {
    assert.throws(() => engine.createQueue(sys, { companyId: c.id, name: 'q', [field]: value }), (e) => {
      assert.equal(e.code, 'ERR_INVALID_INPUT')
      assert.equal(e.field, field)
      assert.doesNotMatch(e.message, /u32|serde/)
      return true
    })
  }
  assert.throws(() => engine.assignOperator(sys, c.id, c.id, 300), { code: 'ERR_INVALID_INPUT', field: 'tier' })
  assert.throws(() => engine.listWaiting(sys, c.id, -5), { code: 'ERR_INVALID_INPUT', field: 'limit' })
})

test('round robin rotates within one instant', () => {
  const { engine, sys } = freshEngine()
  const { c, q } = acme(engine, sys, { strategy: 'round_robin' })
  const agents = ['ann', 'bob', 'cyd'].map((n) => hire(engine, sys, c.id, n))
  for (const a of agents) {
    engine.assignOperator(sys, q.id, a.member.id)
    engine.setPresence(sys, a.member.id, { show: 'available' })
  }
  const order = []
  for (let i = 0; i < 6; i++) {
    const stay = engine.enqueueNew(sys, { companyId: c.id, name: `Visitor ${i}` }, q.id)
    order.push(agents.find((a) => a.member.id === stay.assignedTo).user.username)
    engine.complete(sys, stay.id)
  }
  assert.deepEqual(order, ['ann', 'bob', 'cyd', 'ann', 'bob', 'cyd'])
})

test('every conflict carries a stable reason', () => {
  const { engine, sys } = freshEngine()
  const { c, q } = acme(engine, sys)
  const ann = hire(engine, sys, c.id, 'ann')
  const closed = engine.createQueue(sys, { companyId: c.id, name: 'closed' })
  engine.setHours(sys, c.id, [], { queueId: closed.id })
  const off = engine.createQueue(sys, { companyId: c.id, name: 'off', isActive: false })
  engine.assignOperator(sys, q.id, ann.member.id)
  engine.lockPresence(sys, ann.member.id, 'dnd')
  const stay = engine.enqueueNew(sys, { companyId: c.id, name: 'Visitor' }, q.id)
  const cases = [
    ['queue_closed', () => engine.enqueueNew(sys, { companyId: c.id, name: 'late' }, closed.id)],
    ['queue_inactive', () => engine.enqueueNew(sys, { companyId: c.id, name: 'x' }, off.id)],
    ['already_operator', () => engine.assignOperator(sys, q.id, ann.member.id)],
    ['status_locked', () => engine.setPresence(sys, ann.member.id, { show: 'available' })],
    ['not_offered', () => engine.acceptOffer(sys, stay.id)],
    ['not_assigned', () => engine.complete(sys, stay.id)],
    ['name_taken', () => engine.createQueue(sys, { companyId: c.id, name: 'SUPPORT' })],
  ]
  for (const [reason, call] of cases) {
    assert.throws(call, (e) => {
      assert.deepEqual([e.code, e.status, e.reason], ['ERR_CONFLICT', 409, reason])
      return true
    })
  }
  engine.close()
  engine.close()
  assert.throws(() => engine.listQueues(sys, c.id), { code: 'ERR_CONFLICT', reason: 'engine_closed' })
})

test('optional parameters have the defaults Python has', () => {
  const { engine, sys } = freshEngine()
  const { c, q } = acme(engine, sys)
  const ann = hire(engine, sys, c.id, 'ann')
  assert.equal(engine.findUsers(sys).length, 1)
  assert.equal(engine.findUsers(sys, '').length, 1)
  assert.equal(engine.assignOperator(sys, q.id, ann.member.id).tier, 1)
  for (let i = 0; i < 101; i++) engine.enqueueNew(sys, { companyId: c.id, name: `v${i}` }, q.id)
  assert.equal(engine.listWaiting(sys, q.id).length, 100)
})

test('iterWaiting walks a line longer than listWaiting reaches', async () => {
  const { engine, sys } = freshEngine()
  const { c, q } = acme(engine, sys)
  for (let i = 0; i < 10_050; i++) engine.enqueueNew(sys, { companyId: c.id, name: `v${i}`, priority: i % 2 }, q.id)
  const first = engine.listWaiting(sys, q.id, 10_000).map((s) => s.id)
  assert.throws(() => engine.listWaiting(sys, q.id, 10_001), { code: 'ERR_INVALID_INPUT' })
  const all = []
  for await (const s of engine.iterWaiting(sys, q.id, { pageLimit: 1000 })) all.push(s.id)
  assert.equal(all.length, 10_050)
  assert.equal(new Set(all).size, 10_050)
  assert.deepEqual(all.slice(0, 10_000), first)
})

test('weekdays are spelled the same in and out', () => {
  const { engine, sys } = freshEngine()
  const { c, q } = acme(engine, sys)
  const h = engine.setHours(sys, c.id, [{ weekday: 'mon', opens: '09:00', closes: '17:00' }], { queueId: q.id })
  assert.equal(h.intervals[0].weekday, 'mon')
  assert.equal(engine.getHours(sys, c.id, { queueId: q.id }).intervals[0].weekday, 'mon')
  assert.throws(() => engine.setHours(sys, c.id, [{ weekday: 'Monday', opens: '09:00', closes: '17:00' }]), {
    code: 'ERR_INVALID_INPUT',
    field: 'intervals[0].weekday',
  })
})
