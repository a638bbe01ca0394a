// Quick start (JavaScript): a support queue, an agent, and a chat routed to her.
// Build the package first (cd bindings-node && npm install && npm run build), then here:
//   npm install && node quickstart.js
'use strict'

const { Engine, ManualClock, Actor } = require('connectnow-queue')

// A manual clock makes the run reproducible; omit `clock` for real time, and use
// Engine.open('queue.db') instead of inMemory() to keep everything in SQLite.
const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'))
const engine = Engine.inMemory({ clock })
const sys = Actor.system()

const acme = engine.createCompany(sys, { name: 'Acme', timeZone: 'Europe/Amsterdam' })
const ann = engine.createUser(sys, { username: 'ann', firstname: 'Ann', lastname: 'Smit', email: 'ann@example.org' })
const agent = engine.createCompanyUser(sys, { companyId: acme.id, userId: ann.id })
const support = engine.createQueue(sys, { companyId: acme.id, name: 'support', offerTimeout: 20 })
engine.assignOperator(sys, support.id, agent.id, 1)

// Ann logs in with a token and becomes available.
const me = engine.authenticate(engine.issueToken(sys, ann.id, 'laptop').secret)
engine.setPresence(me, agent.id, { show: 'available' })

// A chat arrives: it is offered to Ann at once.
const chat = engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor 1' }, support.id)
const offer = engine.getStay(me, chat.id)
console.log(`chat ${offer.state} to ${ann.firstname} until ${offer.offerExpiresAt.toISOString()}`)

engine.acceptOffer(me, chat.id)
clock.advance(3 * 60_000)
const done = engine.complete(me, chat.id)
engine.rate(sys, chat.objectId, 5, 'quick and friendly')
console.log(`chat ${done.state} after ${(done.endedAt - done.assignedAt) / 1000} s`)

try {
  engine.createQueue(me, { companyId: acme.id, name: 'vip' })
} catch (e) {
  console.log(`an agent may not create queues: ${e.code} (${e.status})`)
}
