'use strict'
// Shared set-up for the tests: a company with agents, built through the public API only.

const assert = require('node:assert/strict')
const { Engine, ManualClock, Actor } = require('../..')

const MONDAY_9AM = new Date('2026-01-05T09:00:00Z')

/** An engine on a manual clock standing at Monday 09:00 UTC, with the system actor. */
function freshEngine(start = MONDAY_9AM) {
  const clock = new ManualClock(start)
  const engine = Engine.inMemory({ clock, seed: 42 })
  return { engine, clock, sys: Actor.system() }
}

/** Registers a user, makes them a member of `companyId`, and logs them in with a token. */
function hire(engine, sys, companyId, username, role = 'agent') {
  const user = engine.createUser(sys, {
    username,
    firstname: username[0].toUpperCase() + username.slice(1),
    lastname: 'Tester',
    email: `${username}@example.org`,
  })
  const member = engine.createCompanyUser(sys, { companyId, userId: user.id, role })
  const { secret } = engine.issueToken(sys, user.id, 'laptop')
  return { user, member, me: engine.authenticate(secret) }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/**
 * Asserts a result holds instants only as `Date`s: a string that looks like an RFC 3339
 * timestamp means a date field the binding does not know about (core grew a field).
 */
function assertNoIsoStrings(value, path = 'result') {
  if (typeof value === 'string') {
    assert.doesNotMatch(value, ISO, `${path} is a timestamp string, not a Date`)
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoIsoStrings(v, `${path}[${i}]`))
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      assert.doesNotMatch(k, /_/, `${path}.${k} is not camelCase`)
      assertNoIsoStrings(v, `${path}.${k}`)
    }
  }
}

module.exports = { freshEngine, hire, assertNoIsoStrings, MONDAY_9AM, Engine, ManualClock, Actor }
