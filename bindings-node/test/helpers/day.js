'use strict'
// A full day at Acme's contact centre, through the Node API only: used by day.test.js, and
// by types.test.js to check every result against the generated index.d.ts.

const assert = require('node:assert/strict')
const { hire, assertNoIsoStrings } = require('./world.js')

const MINUTE = 60_000

/** Runs the day on `engine` (fresh, on `clock` at Monday 09:00 UTC), asserting as it goes. */
async function dayInTheLife({ engine, clock, sys }) {
  // Every result of the day is checked for camelCase keys and Date instants.
  const seen = []
  const keep = (v) => (seen.push(v), v)

  const acme = keep(engine.createCompany(sys, { name: 'Acme', timeZone: 'Europe/Amsterdam' }))
  assert.ok(acme.createdAt instanceof Date)
  const ann = hire(engine, sys, acme.id, 'ann')
  const bob = hire(engine, sys, acme.id, 'bob')
  const sue = hire(engine, sys, acme.id, 'sue', 'supervisor')
  assert.equal(ann.me.type, 'user')
  assert.equal(ann.me.userId, ann.user.id)

  // Skills: Ann speaks Dutch, Bob knows billing.
  const dutch = keep(engine.createSkill(sys, acme.id, 'dutch'))
  const billing = keep(engine.createSkill(sys, acme.id, 'billing'))
  keep(engine.setAgentSkill(sys, ann.member.id, dutch.id, 8))
  keep(engine.setAgentSkill(sys, bob.member.id, billing.id, 6))
  assert.deepEqual(
    engine.listSkills(ann.me, acme.id).map((s) => s.name).sort(),
    ['billing', 'dutch'],
  )

  // Queues: support offers chats (30 s to accept); billing assigns directly, billing ≥ 5.
  const support = keep(
    engine.createQueue(sys, { companyId: acme.id, name: 'support', offerTimeout: 30 }),
  )
  const billingQ = keep(
    engine.createQueue(sys, { companyId: acme.id, name: 'billing', strategy: 'least_occupied' }),
  )
  keep(engine.setQueueSkill(sys, billingQ.id, billing.id, 5))
  keep(
    engine.setHours(
      sys,
      acme.id,
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((weekday) => ({ weekday, opens: '08:00:00', closes: '18:00:00' })),
      { queueId: support.id },
    ),
  )
  const open = keep(engine.isOpen(sys, support.id, clock.now()))
  assert.equal(open.open, true)
  assert.ok(open.nextChange instanceof Date)

  // Operators: Ann and Bob staff support, Bob also billing.
  keep(engine.assignOperator(sue.me, support.id, ann.member.id, 1))
  keep(engine.assignOperator(sue.me, support.id, bob.member.id, 1))
  keep(engine.assignOperator(sue.me, billingQ.id, bob.member.id, 1))
  const ops = keep(engine.listOperators(ann.me, support.id))
  assert.equal(ops.length, 2)
  assert.deepEqual(new Set(ops.map((o) => o.userShow)), new Set(['unavailable']))

  // Morning: both log in; Ann first, so she has been idle longest.
  keep(engine.setPresence(ann.me, ann.member.id, { show: 'available', connection: 'online' }))
  clock.advance(MINUTE)
  keep(engine.setPresence(bob.me, bob.member.id, { show: 'available', connection: 'online' }))
  assert.equal(engine.queueStatus(sys, support.id).queueShow, 'available')

  // A chat arrives and is offered to Ann; she accepts, notes, and completes it 4 minutes on.
  const chat = keep(engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor 1' }, support.id))
  const offered = keep(engine.getStay(ann.me, chat.id))
  assert.equal(offered.state, 'offered')
  assert.equal(offered.offeredTo, ann.member.id)
  assert.ok(offered.offerExpiresAt instanceof Date)
  assert.equal(offered.offerExpiresAt.getTime() - clock.now().getTime(), 30_000)
  keep(engine.acceptOffer(ann.me, chat.id))
  keep(engine.addNote(ann.me, chat.id, 'asked about delivery times'))
  clock.advance(4 * MINUTE)
  const done = keep(engine.complete(ann.me, chat.id))
  assert.equal(done.state, 'completed')
  const rating = keep(engine.rate(sys, chat.objectId, 5, 'quick and friendly'))
  assert.deepEqual(rating.ratedBy, { type: 'system' })
  assert.equal(engine.listNotes(bob.me, chat.id)[0].author.userId, ann.user.id)

  // A billing question needs the billing skill: assigned straight to Bob (no offers there).
  const invoice = keep(
    await engine.enqueueNewAsync(sys, { companyId: acme.id, name: 'Invoice 17', channel: 'email' }, billingQ.id),
  )
  const assigned = keep(await engine.getStayAsync(bob.me, invoice.id))
  assert.equal(assigned.state, 'assigned')
  assert.equal(assigned.assignedTo, bob.member.id)
  assert.deepEqual(keep(engine.listAgentStays(bob.me, bob.member.id)).map((s) => s.id), [invoice.id])

  // Another chat while Bob is busy (capacity 1): offered to Ann, who rejects it; it waits,
  // never offered to her again, until Bob finishes the invoice and gets it.
  const chat2 = keep(engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor 2' }, support.id))
  assert.equal(engine.getStay(ann.me, chat2.id).offeredTo, ann.member.id)
  const rejected = keep(engine.rejectOffer(ann.me, chat2.id))
  assert.equal(rejected.state, 'waiting')
  assert.deepEqual(rejected.excluded, [ann.member.id])
  assert.equal(keep(engine.eligibility(sue.me, ann.member.id, chat2.id)).reason, 'rejected')
  const why = keep(engine.explain(sue.me, chat2.objectId))
  assert.equal(why[0].agents.length, 2)
  assert.deepEqual(keep(engine.listWaiting(ann.me, support.id, 10)).map((s) => s.id), [chat2.id])
  clock.advance(2 * MINUTE)
  keep(await engine.completeAsync(bob.me, invoice.id))
  assert.equal(engine.getStay(bob.me, chat2.id).offeredTo, bob.member.id)
  keep(await engine.acceptOfferAsync(bob.me, chat2.id))
  clock.advance(6 * MINUTE)
  keep(await engine.completeAsync(bob.me, chat2.id))
  keep(await engine.rateAsync(sys, chat2.objectId, 3))

  // A team of both, its presence one page at a time and all at once.
  const team = keep(engine.createTeam(sue.me, acme.id, 'first line'))
  keep(engine.addTeamMembers(sue.me, team.id, [ann.member.id, bob.member.id]))
  const page = keep(engine.listTeamPresence(sue.me, team.id, { pageLimit: 1 }))
  assert.equal(page.data.length, 1)
  assert.equal(typeof page.nextPageKey, 'string')
  const everyone = []
  for await (const p of engine.teamPresence(sue.me, team.id, { pageLimit: 1 })) everyone.push(keep(p))
  assert.deepEqual(everyone.map((p) => p.presenceStatus), ['available', 'available'])
  assert.deepEqual(keep(engine.listTeamMembers(sue.me, team.id)).map((m) => m.email).sort(), [
    'ann@example.org',
    'bob@example.org',
  ])

  // End of the day: statistics per queue and per agent.
  const window = { companyId: acme.id, from: new Date('2026-01-05T00:00:00Z'), to: new Date('2026-01-06T00:00:00Z') }
  const queues = keep(await engine.queueStatsAsync(sue.me, window))
  const supportStats = queues.find((q) => q.queueId === support.id)
  assert.equal(supportStats.offered, 2)
  assert.equal(supportStats.answered, 2)
  assert.equal(supportStats.abandoned, 0)
  assert.equal(supportStats.averageHandleSeconds, 5 * 60)
  assert.equal(supportStats.averageRating, 4)
  // The same day hour by hour: each support chat in the hour it arrived.
  const hours = keep(await engine.queueStatsByIntervalAsync(sue.me, window, 60)).filter((r) => r.queueId === support.id)
  assert.equal(hours.length, 24)
  assert.ok(hours.every((r) => r.intervalStart instanceof Date))
  assert.equal(hours.reduce((n, r) => n + r.offered, 0), 2)
  assert.equal(keep(engine.queueStatsByInterval(sue.me, window)).length, 96 * queues.length)
  const agents = keep(engine.agentStats(sue.me, window))
  const annStats = agents.find((a) => a.companyUserId === ann.member.id)
  assert.equal(annStats.rejected, 1)
  assert.equal(annStats.completed, 1)
  const events = keep(await engine.eventsAsync(sys, { companyId: acme.id }))
  assert.ok(events.some((e) => e.type === 'assigned' && e.stayId === chat.id))
  assert.ok(events.every((e) => e.at instanceof Date))

  // Tokens never show their stored hash; a revoked one authenticates nobody.
  const tokens = keep(engine.listTokens(ann.me, ann.user.id))
  assert.ok(tokens.every((t) => !('hash' in t)))
  keep(engine.revokeToken(ann.me, tokens[0].id))
  assert.ok(keep(engine.listTokens(ann.me, ann.user.id))[0].revokedAt instanceof Date)

  keep(engine.getCompany(ann.me, acme.id, { with: ['users', 'queues'] }))
  keep(engine.getUser(ann.me, ann.user.id, { with: ['companies.skills'] }))
  assertNoIsoStrings(seen)
}

module.exports = { dayInTheLife }
