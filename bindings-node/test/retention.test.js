'use strict'
// History that goes: pruneHistory (the system actor only) and a store's retentionMs, on the
// memory store and on SQLite.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { freshEngine, hire, Engine, ManualClock, Actor, MONDAY_9AM } = require('./helpers/world.js')

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Acme with Ann available on `support`, and one chat she has handled (with a note and a rating). */
function handledChat(engine, sys) {
  const acme = engine.createCompany(sys, { name: 'Acme' })
  const ann = hire(engine, sys, acme.id, 'ann')
  const support = engine.createQueue(sys, { companyId: acme.id, name: 'support' })
  engine.assignOperator(sys, support.id, ann.member.id, 1)
  engine.setPresence(ann.me, ann.member.id, { show: 'available' })
  const chat = engine.enqueueNew(sys, { companyId: acme.id, name: 'Visitor' }, support.id)
  if (engine.getStay(sys, chat.id).state === 'offered') engine.acceptOffer(ann.me, chat.id)
  engine.addNote(ann.me, chat.id, 'asked about delivery')
  assert.equal(engine.complete(ann.me, chat.id).state, 'completed')
  engine.rate(sys, chat.objectId, 5)
  return { acme, ann, support, chat }
}

function tempFile(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, 'queue.db')
}

test('pruneHistory removes a handled chat and says what went; live work stays', async () => {
  const { engine, clock, sys } = freshEngine()
  const { acme, ann, support, chat } = handledChat(engine, sys)
  // Live work survives the prune: a chat waiting while Ann is away.
  engine.setPresence(ann.me, ann.member.id, { show: 'away' })
  const waiting = engine.enqueueNew(sys, { companyId: acme.id, name: 'Caller' }, support.id)
  clock.advance(MINUTE)

  const pruned = engine.pruneHistory(sys, clock.now())
  assert.deepEqual(Object.keys(pruned).sort(), ['events', 'intervals', 'notes', 'objects', 'ratings', 'stays'])
  assert.deepEqual(
    [pruned.stays, pruned.notes, pruned.objects, pruned.ratings],
    [1, 1, 1, 1],
  )
  assert.ok(pruned.events > 0 && Number.isInteger(pruned.events))
  assert.ok(Number.isInteger(pruned.intervals))
  assert.throws(() => engine.getStay(sys, chat.id), { code: 'ERR_NOT_FOUND' })
  assert.throws(() => engine.getObject(sys, chat.objectId), { code: 'ERR_NOT_FOUND' })
  assert.deepEqual(engine.events(sys, { to: clock.now() }).filter((e) => e.stayId === chat.id), [])
  assert.equal(engine.getStay(sys, waiting.id).state, 'waiting')
  assert.equal(engine.getQueue(sys, support.id).name, 'support')

  // Nothing more to go; the async twin answers the same way.
  const again = await engine.pruneHistoryAsync(sys, clock.now())
  assert.deepEqual([again.stays, again.objects], [0, 0])
})

test('only the system actor may prune, and a refused prune changes nothing', async () => {
  const { engine, clock, sys } = freshEngine()
  const { acme, chat } = handledChat(engine, sys)
  const owner = hire(engine, sys, acme.id, 'olga', 'owner')
  clock.advance(MINUTE)
  const before = engine.events(sys).length
  const later = clock.now()
  assert.throws(() => engine.pruneHistory(owner.me, later), { code: 'ERR_FORBIDDEN', status: 403 })
  assert.throws(() => engine.pruneHistory(Actor.anonymous(), later), { code: 'ERR_UNAUTHENTICATED' })
  await assert.rejects(engine.pruneHistoryAsync(owner.me, later), { code: 'ERR_FORBIDDEN' })
  assert.equal(engine.getStay(sys, chat.id).state, 'completed')
  assert.equal(engine.events(sys).length, before)

  // `before` must be a Date within years 1–9999.
  assert.throws(() => engine.pruneHistory(sys, '2026-01-05'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => engine.pruneHistory(sys), { name: 'TypeError' })
  assert.throws(() => engine.pruneHistory(sys, new Date(8.64e15)), { name: 'RangeError', code: 'ERR_OUT_OF_RANGE' })
  await assert.rejects(engine.pruneHistoryAsync(sys, 0), { name: 'TypeError' })
  assert.equal(engine.getStay(sys, chat.id).state, 'completed')
})

for (const store of ['memory', 'file']) {
  test(`retentionMs: history older than that goes as commits come (${store})`, async (t) => {
    const clock = new ManualClock(MONDAY_9AM)
    const options = { clock, seed: 7, retentionMs: HOUR }
    const engine = store === 'memory' ? Engine.inMemory(options) : await Engine.openAsync(tempFile(t), options)
    t.after(() => engine.close())
    const sys = Actor.system()
    const { acme, chat } = handledChat(engine, sys)

    // Within the hour it is kept…
    clock.advance(30 * MINUTE)
    engine.createTeam(sys, acme.id, 'early')
    assert.equal(engine.getStay(sys, chat.id).state, 'completed')
    // …and a commit after it prunes it.
    clock.advance(2 * HOUR)
    engine.createTeam(sys, acme.id, 'late')
    assert.throws(() => engine.getStay(sys, chat.id), { code: 'ERR_NOT_FOUND' })
    assert.equal(engine.listTeams(sys, acme.id).length, 2)
  })
}

test('retentionMs takes whole milliseconds; other values are refused like busyTimeoutMs', async (t) => {
  const clock = new ManualClock(MONDAY_9AM)
  const file = tempFile(t)
  // Accepted: a period, none (undefined or null), and periods past the calendar (keep all).
  for (const retentionMs of [1, 30 * 24 * HOUR, 2 ** 53, undefined, null]) {
    Engine.inMemory({ clock, retentionMs }).close()
    Engine.open(':memory:', { clock, retentionMs }).close()
    Engine.open(file, { clock, retentionMs }).close()
  }
  // The same checks as busyTimeoutMs: a negative or huge number is the core's invalid input
  // naming the option, a number that is not an integer (NaN, Infinity, 1.5) or not a number
  // a TypeError.
  const opens = [
    [(o) => Engine.inMemory(o), false],
    [(o) => Engine.open(':memory:', o), true],
    [(o) => Engine.open(file, o), true],
  ]
  for (const [open, sqlite] of opens) {
    for (const retentionMs of [-1, -HOUR, 2 ** 70]) {
      assert.throws(() => open({ clock, retentionMs }), { code: 'ERR_INVALID_INPUT', field: 'options.retentionMs' })
      if (sqlite) {
        assert.throws(() => open({ busyTimeoutMs: retentionMs }), { code: 'ERR_INVALID_INPUT', field: 'options.busyTimeoutMs' })
      }
    }
    for (const retentionMs of [NaN, Infinity, 1.5, '1h', true, 10n]) {
      assert.throws(() => open({ clock, retentionMs }), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
    }
    assert.throws(() => open({ clock, retention: HOUR }), { name: 'TypeError', message: /retentionMs/ })
  }
  await assert.rejects(Engine.openAsync(file, { clock, retentionMs: -1 }), { code: 'ERR_INVALID_INPUT' })
  await assert.rejects(Engine.openAsync(file, { clock, retentionMs: NaN }), TypeError)
})
