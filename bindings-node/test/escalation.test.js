'use strict'
// Time-driven routing with a manual clock: escalation through tiers and lapsing offers.

const test = require('node:test')
const assert = require('node:assert/strict')
const { freshEngine, hire } = require('./helpers/world.js')

const SECOND = 1000

test('an unanswered chat escalates from tier 1 to tier 2 after the priority delay', async () => {
  const { engine, clock, sys } = freshEngine()
  const acme = engine.createCompany(sys, { name: 'Acme' })
  const ann = hire(engine, sys, acme.id, 'ann')
  const bob = hire(engine, sys, acme.id, 'bob')
  const support = engine.createQueue(sys, { companyId: acme.id, name: 'support', priorityDelay: 60 })
  engine.assignOperator(sys, support.id, ann.member.id, 1)
  engine.assignOperator(sys, support.id, bob.member.id, 2)

  // Only Bob (second line) is available: the chat waits for its first minute.
  engine.setPresence(bob.me, bob.member.id, { show: 'available' })
  const chat = engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor' }, support.id)
  assert.equal(engine.getStay(sys, chat.id).state, 'waiting')
  const verdict = engine.eligibility(sys, bob.member.id, chat.id)
  assert.equal(verdict.reason, 'tier_not_reached')
  assert.equal(verdict.tier, 2)
  assert.ok(verdict.at instanceof Date)

  // The engine says when it is next due: exactly one priority delay on.
  const due = engine.nextDue()
  assert.equal(due.getTime() - clock.now().getTime(), 60 * SECOND)
  const [why] = engine.explain(sys, chat.objectId)
  assert.equal(why.nextEscalationAt.getTime(), due.getTime())

  clock.advance(59 * SECOND)
  await engine.tickAsync()
  assert.equal(engine.getStay(sys, chat.id).state, 'waiting')

  clock.advance(1 * SECOND)
  engine.tick()
  const stay = engine.getStay(sys, chat.id)
  assert.equal(stay.state, 'assigned')
  assert.equal(stay.assignedTo, bob.member.id)
  assert.equal(stay.assignedAt.getTime(), clock.now().getTime())
})

test('an offer nobody answers lapses, and the chat goes to the next agent', () => {
  const { engine, clock, sys } = freshEngine()
  const acme = engine.createCompany(sys, { name: 'Acme' })
  const ann = hire(engine, sys, acme.id, 'ann')
  const bob = hire(engine, sys, acme.id, 'bob')
  const support = engine.createQueue(sys, { companyId: acme.id, name: 'support', offerTimeout: 20 })
  engine.assignOperator(sys, support.id, ann.member.id, 1)
  engine.assignOperator(sys, support.id, bob.member.id, 1)
  engine.setPresence(ann.me, ann.member.id, { show: 'available' })
  clock.advance(SECOND)
  engine.setPresence(bob.me, bob.member.id, { show: 'available' })

  const chat = engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor' }, support.id)
  assert.equal(engine.getStay(sys, chat.id).offeredTo, ann.member.id)
  assert.equal(engine.nextDue().getTime(), clock.now().getTime() + 20 * SECOND)

  clock.advance(20 * SECOND)
  engine.tick()
  const stay = engine.getStay(sys, chat.id)
  assert.equal(stay.offeredTo, bob.member.id)
  assert.deepEqual(stay.excluded, [ann.member.id])
  const kinds = engine.events(sys, { companyId: acme.id, from: new Date(clock.now().getTime() - 1) }).map((e) => e.type)
  assert.ok(kinds.includes('offer_timed_out'))
})

test('a clock set backwards does not move the engine back in time', () => {
  const { engine, clock, sys } = freshEngine()
  engine.createCompany(sys, { name: 'Acme' })
  const before = engine.now()
  clock.set(new Date(before.getTime() - 3600 * SECOND))
  assert.equal(engine.now().getTime(), before.getTime())
})
