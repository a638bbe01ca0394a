'use strict'
// Wrap-up, missed offers, queue limits, skip-empty-tiers, preferred agent and position
// through the binding, with a manual clock: the same rules Python's test_routing_rules.py
// drives, with Node's names and types.

const test = require('node:test')
const assert = require('node:assert/strict')
const { freshEngine, assertNoIsoStrings, Actor } = require('./helpers/world.js')

const SECOND = 1000

/** Acme with one queue (`queue` settings) and two agents of capacity 1, Ann and Bob (tiers). */
function world(queue = {}, tiers = [1, 1]) {
  const { engine, clock, sys } = freshEngine()
  const acme = engine.createCompany(sys, { name: 'Acme' })
  const support = engine.createQueue(sys, { companyId: acme.id, name: 'support', ...queue })
  const agents = ['ann', 'bob'].map((username, i) => {
    const user = engine.createUser(sys, { username, firstname: username, lastname: 'Smit', email: `${username}@example.org` })
    const member = engine.createCompanyUser(sys, {
      companyId: acme.id,
      userId: user.id,
      maxNumberOfObjectsHandled: 1,
      isAutoMaxNumberHandled: false,
    })
    engine.assignOperator(sys, support.id, member.id, tiers[i])
    return member.id
  })
  return { engine, clock, sys, acme: acme.id, q: support.id, ann: agents[0], bob: agents[1] }
}

test('wrap-up holds new work until it ends, or until it is ended early', async () => {
  const { engine, clock, sys, acme, q, ann } = world({ wrapUpSeconds: 30 })
  engine.setPresence(sys, ann, { show: 'available' })
  const first = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  const second = engine.enqueueNew(sys, { companyId: acme, name: 'b' }, q)
  engine.complete(sys, first.id)

  const p = engine.getPresence(sys, ann)
  assert.equal(p.wrapUpUntil.getTime() - clock.now().getTime(), 30 * SECOND)
  assert.equal(p.wrapUpQueueId, q)
  assert.ok(p.wrapUpSince instanceof Date)
  assertNoIsoStrings(p)
  assert.equal(engine.getStay(sys, second.id).state, 'waiting')
  const verdict = engine.eligibility(sys, ann, second.id)
  assert.equal(verdict.reason, 'wrapping_up')
  assert.equal(verdict.until.getTime(), p.wrapUpUntil.getTime())

  clock.advance(10 * SECOND)
  await engine.endWrapUpAsync(sys, ann)
  assert.equal(engine.getStay(sys, second.id).assignedTo, ann)
  assert.equal(engine.getPresence(sys, ann).wrapUpUntil, null)

  const kinds = engine.events(sys, {}).map((e) => e.type)
  assert.ok(kinds.includes('wrap_up_started'))
  const ended = engine.events(sys, {}).find((e) => e.type === 'wrap_up_ended')
  assert.equal(ended.early, true)
  assert.equal(ended.companyUserId, ann)
})

test('a wrap-up ends by itself at wrapUpUntil, on tick', () => {
  const { engine, clock, sys, acme, q, ann } = world({ wrapUpSeconds: 20 })
  engine.setPresence(sys, ann, { show: 'available' })
  const first = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  const second = engine.enqueueNew(sys, { companyId: acme, name: 'b' }, q)
  engine.complete(sys, first.id)
  clock.advance(19 * SECOND)
  engine.tick()
  assert.equal(engine.getStay(sys, second.id).state, 'waiting')
  clock.advance(1 * SECOND)
  engine.tick()
  assert.equal(engine.getStay(sys, second.id).assignedTo, ann)
})

test('missed offers in a row set the agent away, and the event says why', () => {
  const { engine, clock, sys, acme, q, ann } = world({ offerTimeout: 10 })
  const company = engine.updateCompany(sys, acme, { maxMissedOffers: 1 })
  assert.equal(company.maxMissedOffers, 1)
  engine.setPresence(sys, ann, { show: 'available' })
  engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  clock.advance(10 * SECOND)
  engine.tick()
  const p = engine.getPresence(sys, ann)
  assert.equal(p.show, 'away')
  assert.equal(p.reason, 'missed_offers')
  assert.equal(p.missedOffers, 1)
  const changed = engine.events(sys, {}).filter((e) => e.type === 'presence_changed').at(-1)
  assert.equal(changed.reason, 'missed_offers')
  assert.equal(changed.show, 'away')
})

test('a full queue refuses with queue_full and stores nothing; a wait limit times a stay out', () => {
  const { engine, clock, sys, acme, q } = world({ maxWaiting: 1, maxWaitSeconds: 20 })
  const waiting = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  const seen = engine.events(sys, {}).length
  assert.throws(
    () => engine.enqueueNew(sys, { companyId: acme, name: 'b' }, q),
    (e) => e.code === 'ERR_CONFLICT' && e.reason === 'queue_full' && e.status === 409,
  )
  assert.equal(engine.events(sys, {}).length, seen)
  assert.equal(engine.listWaiting(sys, q).length, 1)

  clock.advance(20 * SECOND)
  engine.tick()
  assert.equal(engine.getStay(sys, waiting.id).state, 'timed_out')
  const reached = engine.events(sys, {}).find((e) => e.type === 'wait_limit_reached')
  assert.equal(reached.stayId, waiting.id)
  assert.equal(reached.toQueueId, null)
  const from = new Date(clock.now().getTime() - 3600 * SECOND)
  const [stats] = engine.queueStats(sys, { companyId: acme, from, to: new Date(clock.now().getTime() + SECOND) })
  assert.equal(stats.queueId, q)
  assert.equal(stats.waitLimitReached, 1)
})

test('a wait limit with an overflow queue moves the object there, keeping its wait', () => {
  const { engine, clock, sys, acme, q } = world()
  const overflow = engine.createQueue(sys, { companyId: acme, name: 'overflow' })
  engine.updateQueue(sys, q, { maxWaitSeconds: 30, overflowQueueId: overflow.id })
  assert.equal(engine.getQueue(sys, q).overflowQueueId, overflow.id)
  const waiting = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  clock.advance(30 * SECOND)
  engine.tick()
  const reached = engine.events(sys, {}).find((e) => e.type === 'wait_limit_reached')
  assert.equal(reached.toQueueId, overflow.id)
  const moved = engine.getStay(sys, reached.toStayId)
  assert.equal(moved.queueId, overflow.id)
  assert.equal(moved.waitSince.getTime(), waiting.waitSince.getTime())
})

test('skipEmptyTiers sends an object straight to the first tier with a ready operator', () => {
  const { engine, sys, acme, q, ann, bob } = world({ skipEmptyTiers: true, priorityDelay: 300 }, [1, 2])
  engine.setPresence(sys, bob, { show: 'available' })
  const chat = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  assert.equal(engine.getStay(sys, chat.id).assignedTo, bob)
  assert.equal(engine.getPresence(sys, ann).show, 'unavailable')
})

test('a preferred agent keeps an object for a while; the position counts who is ahead', () => {
  const { engine, clock, sys, acme, q, ann, bob } = world()
  engine.setPresence(sys, ann, { show: 'available' })
  const kept = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q, { preferredAgentId: bob, preferredForSeconds: 30 })
  assert.equal(kept.state, 'waiting')
  assert.equal(kept.preferredAgentId, bob)
  assert.equal(kept.preferredUntil.getTime() - clock.now().getTime(), 30 * SECOND)
  const verdict = engine.eligibility(sys, ann, kept.id)
  assert.equal(verdict.reason, 'kept_for_another')
  assert.equal(verdict.preferredAgentId, bob)

  const behind = engine.enqueueNew(sys, { companyId: acme, name: 'b' }, q, { preferredAgentId: bob })
  const pos = engine.queuePosition(sys, behind.id)
  assert.deepEqual(
    { position: pos.position, ahead: pos.ahead, estimate: pos.estimatedWaitSeconds },
    { position: 2, ahead: 1, estimate: null },
  )
  assert.equal(pos.stayId, behind.id)
  assert.equal(pos.queueId, q)

  clock.advance(30 * SECOND)
  engine.tick()
  assert.equal(engine.getStay(sys, kept.id).assignedTo, ann)
})

test('bad settings and a bad preferred agent name the field and change nothing', async () => {
  const { engine, sys, acme, q, ann } = world()
  const invalid = (field) => (e) => e.code === 'ERR_INVALID_INPUT' && e.field === field
  assert.throws(() => engine.updateQueue(sys, q, { overflowQueueId: q }), invalid('overflowQueueId'))
  assert.throws(() => engine.updateCompany(sys, acme, { maxMissedOffers: 101 }), invalid('maxMissedOffers'))
  assert.throws(() => engine.updateQueue(sys, q, { wrapUpSeconds: -1 }))
  assert.equal(engine.getQueue(sys, q).wrapUpSeconds, 0)
  assert.equal(engine.getCompany(sys, acme).maxMissedOffers, 0)

  const other = engine.createQueue(sys, { companyId: acme, name: 'other' })
  const before = engine.events(sys, {}).length
  await assert.rejects(
    engine.enqueueNewAsync(sys, { companyId: acme, name: 'x' }, other.id, { preferredAgentId: ann }),
    invalid('preferredAgentId'),
  )
  assert.equal(engine.events(sys, {}).length, before)
  assert.throws(() => engine.queuePosition(sys, 'not-a-uuid'))
})

test('ring-all rings every eligible agent; the first accept wins, the others are withdrawn', () => {
  const { engine, clock, sys, acme, q, ann, bob } = world({ strategy: 'ring_all', offerTimeout: 20 })
  for (const agent of [ann, bob]) engine.setPresence(sys, agent, { show: 'available' })
  const s = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  const ringing = engine.getStay(sys, s.id)
  assert.equal(ringing.state, 'offered')
  assert.deepEqual(ringing.ringing, [ann, bob].sort())
  assert.ok(ringing.offerExpiresAt instanceof Date)
  const actorOf = (cu) => Actor.user(engine.getCompanyUser(sys, cu).userId)
  const won = engine.acceptOffer(actorOf(bob), s.id)
  assert.equal(won.assignedTo, bob)
  assert.deepEqual(won.ringing, [])
  const events = engine.events(sys, {})
  assert.equal(events.filter((e) => e.type === 'offered').length, 2)
  const withdrawn = events.filter((e) => e.type === 'offer_withdrawn')
  assert.deepEqual(withdrawn.map((e) => e.companyUserId), [ann])
  assert.throws(
    () => engine.acceptOffer(actorOf(ann), s.id),
    (e) => e.code === 'ERR_CONFLICT' && e.reason === 'not_offered',
  )
  const t = engine.enqueueNew(sys, { companyId: acme, name: 'b' }, q)
  assert.deepEqual(engine.getStay(sys, t.id).ringing, [ann])
  clock.advance(20 * SECOND)
  engine.tick()
  const lapsed = engine.getStay(sys, t.id)
  assert.equal(lapsed.state, 'waiting')
  assert.deepEqual(lapsed.excluded, [ann])
})

test('ring-all without an offer timeout: the offer stands, expiresAt is null', () => {
  const { engine, clock, sys, acme, q, ann } = world({ strategy: 'ring_all' })
  engine.setPresence(sys, ann, { show: 'available' })
  const s = engine.enqueueNew(sys, { companyId: acme, name: 'a' }, q)
  const offered = engine.events(sys, {}).find((e) => e.type === 'offered')
  assert.equal(offered.expiresAt, null)
  clock.advance(3600 * SECOND)
  engine.tick()
  assert.equal(engine.getStay(sys, s.id).state, 'offered')
})

test('status reasons: a company status sets the show, a lock takes one, stats count time in it', () => {
  const { engine, clock, sys, acme, q, ann } = world()
  const lunch = engine.createPresenceStatus(sys, acme, 'Lunch', 'away')
  assert.equal(lunch.show, 'away')
  assert.ok(lunch.createdAt instanceof Date)
  const training = engine.createPresenceStatus(sys, acme, 'Training', 'dnd')
  assert.deepEqual(engine.listPresenceStatuses(sys, acme).map((s) => s.name), ['Lunch', 'Training'])
  const from = clock.now()
  const p = engine.setPresence(sys, ann, { statusId: lunch.id })
  assert.equal(p.show, 'away')
  assert.equal(p.statusId, lunch.id)
  assert.ok(p.statusSince instanceof Date)
  const changed = engine.events(sys, {}).filter((e) => e.type === 'presence_changed').pop()
  assert.equal(changed.statusId, lunch.id)
  assert.throws(
    () => engine.setPresence(sys, ann, { statusId: lunch.id, show: 'available' }),
    (e) => e.code === 'ERR_INVALID_INPUT' && e.field === 'show',
  )
  assert.throws(
    () => engine.setPresence(sys, ann, { statusId: '0190a0a0-0000-7000-8000-000000000000' }),
    (e) => e.code === 'ERR_INVALID_INPUT' && e.field === 'statusId',
  )
  assert.throws(
    () => engine.deletePresenceStatus(sys, lunch.id),
    (e) => e.code === 'ERR_CONFLICT' && e.reason === 'status_in_use',
  )
  clock.advance(600 * SECOND)
  const locked = engine.lockPresenceStatus(sys, ann, training.id)
  assert.equal(locked.show, 'dnd')
  assert.equal(locked.statusId, training.id)
  assert.ok(locked.lock)
  clock.advance(120 * SECOND)
  const stats = engine.agentStats(sys, { companyId: acme, from, to: clock.now() })
  const mine = stats.find((s) => s.companyUserId === ann)
  const seconds = Object.fromEntries(mine.statusSeconds.map((s) => [s.statusId, s.seconds]))
  assert.deepEqual(seconds, { [lunch.id]: 600, [training.id]: 120 })
  assert.equal(engine.renamePresenceStatus(sys, lunch.id, 'Lunch break').name, 'Lunch break')
  engine.deletePresenceStatus(sys, lunch.id)
  assert.throws(() => engine.getPresenceStatus(sys, lunch.id), (e) => e.code === 'ERR_NOT_FOUND')
  assert.equal(q.length > 0, true)
})
