'use strict'
// engine.watch(): committed events as they come — through next(), for await, resumed from
// seq, from a second engine and a second process on one file — without holding the thread
// pool, and keeping the process alive only while a next() is pending.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')
const { freshEngine, hire, Engine, ManualClock, Actor, MONDAY_9AM } = require('./helpers/world.js')

const PACKAGE = path.join(__dirname, '..')

function tempFile(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  return path.join(dir, 'queue.db')
}

/** Every event already committed to `watch`, without waiting. */
async function drain(watch) {
  const out = []
  for (let e = await watch.next(0); e !== null; e = await watch.next(0)) out.push(e)
  return out
}

/** Acme with a support queue; returns what a chat's enqueue needs. */
function acme(engine, sys) {
  const company = engine.createCompany(sys, { name: 'Acme' })
  const support = engine.createQueue(sys, { companyId: company.id, name: 'support' })
  return { company, support }
}

test("a command's events arrive through next(), converted as events() converts them", async (t) => {
  const { engine, sys } = freshEngine()
  const { company, support } = acme(engine, sys)
  const watch = engine.watch(sys)
  t.after(() => watch.close())
  const start = watch.seq
  assert.equal(start, engine.events(sys).at(-1).seq)
  assert.equal(watch.closed, false)
  assert.equal(watch.timeoutMs, null)

  const stay = engine.enqueueNew(sys, { companyId: company.id, name: 'Visitor' }, support.id)
  const first = await watch.next(1000)
  const rest = await drain(watch)
  const seen = [first, ...rest]
  assert.deepEqual(seen, engine.events(sys, { afterSeq: start }))
  assert.ok(seen.some((e) => e.type === 'enqueued' && e.stayId === stay.id && e.waitSince instanceof Date))
  assert.ok(seen.every((e) => e.at instanceof Date))
  assert.equal(watch.seq, seen.at(-1).seq)

  // An async command's events arrive the same way, to a next() already waiting.
  const pending = watch.next()
  await engine.abandonAsync(sys, stay.id)
  const abandoned = [await pending, ...(await drain(watch))]
  assert.ok(abandoned.some((e) => e.type === 'abandoned' && e.stayId === stay.id))
})

test('next(50) resolves null when nothing comes; calls waiting together get successive events', async (t) => {
  const { engine, sys } = freshEngine()
  const watch = engine.watch(sys)
  t.after(() => watch.close())
  const started = Date.now()
  assert.equal(await watch.next(50), null)
  assert.ok(Date.now() - started >= 45, `resolved after ${Date.now() - started} ms`)
  assert.equal(watch.seq, 0)

  const both = Promise.all([watch.next(1000), watch.next(1000)])
  const { company } = acme(engine, sys) // two events: the company, then the queue
  const [a, b] = await both
  assert.deepEqual([a.entity, a.id], ['company', company.id])
  assert.equal(b.entity, 'queue')
  assert.equal(b.seq, a.seq + 1)
})

test('for await: each event as it comes; break closes the watch', async () => {
  const { engine, sys } = freshEngine()
  const watch = engine.watch(sys)
  const { company } = acme(engine, sys)
  const seen = []
  for await (const event of watch) {
    seen.push(event)
    if (seen.length === 1) engine.createTeam(sys, company.id, 'first line')
    if (event.entity === 'team') break
  }
  assert.deepEqual(seen.map((e) => e.entity), ['company', 'queue', 'team'])
  assert.equal(watch.closed, true)
  assert.equal(await watch.next(), null, 'a closed watch delivers nothing more')
  assert.equal(watch.seq, seen.at(-1).seq)
})

test('for await ends when timeoutMs passes without an event, leaving the watch open', async () => {
  const { engine, sys } = freshEngine()
  const watch = engine.watch(sys, { timeoutMs: 50 })
  assert.equal(watch.timeoutMs, 50)
  acme(engine, sys)
  const seen = []
  for await (const event of watch) seen.push(event.entity)
  assert.deepEqual(seen, ['company', 'queue'])
  assert.equal(watch.closed, false)
  engine.createCompany(sys, { name: 'Globex' })
  for await (const event of watch) seen.push(event.entity)
  assert.deepEqual(seen, ['company', 'queue', 'company'])
  watch.close()
  watch.close() // twice does nothing
})

test('a watch resumed from seq delivers the rest exactly once', async () => {
  const { engine, sys } = freshEngine()
  const { company, support } = acme(engine, sys)
  const first = engine.watch(sys, { afterSeq: 0 })
  const head = [await first.next(1000), await first.next(1000)] // the company and its queue
  const from = first.seq
  assert.equal(from, head[1].seq)
  first.close()

  for (let i = 0; i < 5; i++) engine.enqueueNew(sys, { companyId: company.id, name: `v${i}` }, support.id)
  const second = engine.watch(sys, { afterSeq: from })
  const tail = await drain(second)
  second.close()
  assert.deepEqual(tail, engine.events(sys, { afterSeq: from }))
  const all = engine.events(sys)
  assert.deepEqual([...head, ...tail], all)
  assert.equal(new Set(all.map((e) => e.seq)).size, all.length)
})

test('a company watch sees only its company; access and options are checked like events()', async (t) => {
  const { engine, sys } = freshEngine()
  const { company } = acme(engine, sys)
  const ann = hire(engine, sys, company.id, 'ann')
  const boss = hire(engine, sys, company.id, 'bea', 'admin')
  const watch = engine.watch(boss.me, { companyId: company.id, afterSeq: 0 })
  t.after(() => watch.close())
  engine.createCompany(sys, { name: 'Globex' })
  engine.createTeam(sys, company.id, 'first line')
  const seen = await drain(watch)
  assert.ok(seen.length > 0)
  assert.ok(seen.every((e) => e.companyId === company.id))
  assert.equal(seen.at(-1).entity, 'team')

  assert.throws(() => engine.watch(ann.me, { companyId: company.id }), { code: 'ERR_FORBIDDEN', status: 403 })
  assert.throws(() => engine.watch(boss.me), { code: 'ERR_FORBIDDEN' })
  assert.throws(() => engine.watch(Actor.anonymous(), { companyId: company.id }), { code: 'ERR_UNAUTHENTICATED' })
  assert.throws(() => engine.watch(sys, { companyId: '019b8d62-7a80-7000-8000-00000000beef' }), { code: 'ERR_NOT_FOUND' })
  assert.throws(() => engine.watch(sys, { afterSeq: -1 }), { code: 'ERR_INVALID_INPUT', field: 'afterSeq' })
  assert.throws(() => engine.watch(sys, { timeoutMs: -1 }), { code: 'ERR_INVALID_INPUT', field: 'timeoutMs' })
  for (const options of [{ companyId: 5 }, { afterSeq: '3' }, { timeoutMs: 1.5 }, { after_seq: 1 }, { since: 1 }, 'all']) {
    assert.throws(() => engine.watch(sys, options), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  }
  assert.throws(() => engine.watch('system'), TypeError)
  // next() reports a bad timeout by rejecting, as every Promise-returning call does.
  await assert.rejects(watch.next('1s'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  await assert.rejects(watch.next(-5), { code: 'ERR_INVALID_INPUT', field: 'timeoutMs' })

  // A private in-memory SQLite database has no second handle to watch it with.
  const private_ = Engine.open(':memory:', { clock: new ManualClock(MONDAY_9AM) })
  assert.throws(() => private_.watch(sys), { code: 'ERR_STORAGE', status: 500 })
  private_.close()
  engine.close()
  assert.throws(() => engine.watch(sys), { code: 'ERR_CONFLICT', reason: 'engine_closed' })
})

test("an agent's watch (companyUserId) delivers only the events about them", async (t) => {
  const { engine, sys } = freshEngine()
  const { company } = acme(engine, sys)
  const ann = hire(engine, sys, company.id, 'ann')
  const bob = hire(engine, sys, company.id, 'bob')
  const direct = engine.createQueue(sys, { companyId: company.id, name: 'direct' })
  engine.assignOperator(sys, direct.id, ann.member.id, 1)
  const watch = engine.watch(ann.me, { companyUserId: ann.member.id })
  t.after(() => watch.close())
  engine.setPresence(bob.me, bob.member.id, { show: 'available' })
  engine.setPresence(ann.me, ann.member.id, { show: 'available' })
  const stay = engine.enqueueNew(sys, { companyId: company.id, name: 'Visitor' }, direct.id)
  const seen = await drain(watch)
  assert.ok(seen.length > 0)
  assert.ok(seen.every((e) => e.companyUserId === ann.member.id))
  assert.ok(seen.some((e) => e.type === 'assigned' && e.stayId === stay.id))
  assert.throws(() => engine.watch(bob.me, { companyUserId: ann.member.id }), { code: 'ERR_FORBIDDEN' })
  const other = engine.createCompany(sys, { name: 'Other' })
  assert.throws(() => engine.watch(sys, { companyId: other.id, companyUserId: ann.member.id }), {
    code: 'ERR_INVALID_INPUT',
    field: 'companyId',
  })
})

test('a watch on a SQLite file sees the commits of a second engine on it', async (t) => {
  const file = tempFile(t)
  const clock = new ManualClock(MONDAY_9AM)
  const sys = Actor.system()
  const first = await Engine.openAsync(file, { clock, seed: 1 })
  const second = await Engine.openAsync(file, { clock, seed: 2 })
  t.after(() => (first.close(), second.close()))
  const watch = first.watch(sys)
  t.after(() => watch.close())

  const pending = watch.next(5000)
  const globex = await second.createCompanyAsync(sys, { name: 'Globex' })
  const event = await pending
  assert.deepEqual([event.entity, event.id], ['company', globex.id])
  second.createQueue(sys, { companyId: globex.id, name: 'sales' })
  assert.equal((await watch.next(5000)).entity, 'queue')
  assert.equal(await watch.next(20), null)
})

test('watches waiting hold no thread of the pool: async calls and fs go on meanwhile', async (t) => {
  const file = tempFile(t)
  const sys = Actor.system()
  const engine = await Engine.openAsync(file, { clock: new ManualClock(MONDAY_9AM) })
  t.after(() => engine.close())
  // More waiting watches than libuv has threads (4 unless UV_THREADPOOL_SIZE says otherwise).
  const watches = Array.from({ length: 8 }, () => engine.watch(sys))
  t.after(() => watches.forEach((w) => w.close()))
  const waiting = watches.map((w) => w.next())
  // Let the watches settle into waiting before the pool is asked for anything.
  await new Promise((resolve) => setTimeout(resolve, 20))

  let timer
  const stuck = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('the thread pool is held by waiting watches')), 5000)
  })
  try {
    await Promise.race([fs.promises.readFile(file), stuck])
    const company = await Promise.race([engine.createCompanyAsync(sys, { name: 'Acme' }), stuck])
    const events = await Promise.race([Promise.all(waiting), stuck])
    assert.ok(events.every((e) => e.entity === 'company' && e.id === company.id))
  } finally {
    clearTimeout(timer)
  }
})

/** Runs `script` in a child Node process; resolves with its exit code and output. */
function child(script, { onLine } = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-e', script], { cwd: PACKAGE, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    const killer = setTimeout(() => proc.kill('SIGKILL'), 20_000)
    proc.stdout.setEncoding('utf8')
    proc.stdout.on('data', (chunk) => {
      const before = out
      out += chunk
      if (onLine) for (const line of out.split('\n').slice(before.split('\n').length - 1, -1)) onLine(line)
    })
    proc.stderr.on('data', (chunk) => (err += chunk))
    proc.on('error', reject)
    proc.on('exit', (code, signal) => {
      clearTimeout(killer)
      resolve({ code, signal, out, err })
    })
  })
}

const PRELUDE = `
const { Engine, ManualClock, Actor } = require(${JSON.stringify(PACKAGE)})
const sys = Actor.system()
`

test('a pending next() keeps a process alive until another process commits', async (t) => {
  const file = tempFile(t)
  // No timers, no sockets: only the pending next() keeps the child running.
  const script = `${PRELUDE}
const engine = Engine.open(${JSON.stringify(file)}, { seed: 11 })
const watch = engine.watch(sys)
watch.next().then((e) => {
  console.log('event', e.entity, e.id)
  watch.close()
  engine.close()
})
console.log('ready')
`
  const parent = Engine.open(file, { seed: 12 })
  t.after(() => parent.close())
  let made
  const ran = await child(script, {
    onLine(line) {
      if (line === 'ready') made = parent.createCompany(Actor.system(), { name: 'Acme' })
    },
  })
  assert.equal(ran.err, '')
  assert.equal(ran.code, 0)
  assert.ok(made, 'the child never got ready')
  assert.equal(ran.out, `ready\nevent company ${made.id}\n`)
})

test('a watch closed or broken out of lets the process exit; an idle one never held it', () => {
  const scripts = {
    // close() while next() is pending: it resolves null, and the process ends.
    close: `${PRELUDE}
const engine = Engine.inMemory({ clock: new ManualClock() })
const watch = engine.watch(sys)
watch.next().then((e) => console.log('next', e, watch.closed))
setTimeout(() => watch.close(), 20)
`,
    // break out of for await.
    break: `${PRELUDE}
const engine = Engine.inMemory({ clock: new ManualClock() })
const watch = engine.watch(sys)
setTimeout(() => engine.createCompany(sys, { name: 'Acme' }), 20)
;(async () => {
  for await (const e of watch) {
    console.log('event', e.entity)
    break
  }
  console.log('closed', watch.closed)
})()
`,
    // A watch nobody waits on: the process ends at once.
    idle: `${PRELUDE}
const engine = Engine.inMemory({ clock: new ManualClock() })
const watch = engine.watch(sys)
console.log('seq', watch.seq)
`,
  }
  const expected = { close: 'next null true\n', break: 'event company\nclosed true\n', idle: 'seq 0\n' }
  for (const [name, script] of Object.entries(scripts)) {
    const ran = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE, encoding: 'utf8', timeout: 20_000 })
    assert.equal(ran.error, undefined, `${name}: ${ran.error}`)
    assert.equal(ran.stderr, '', name)
    assert.equal(ran.status, 0, `${name}: exited with ${ran.status} (${ran.signal})`)
    assert.equal(ran.stdout, expected[name], name)
  }
})
