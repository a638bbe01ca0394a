'use strict'
// Batches from JavaScript: `engine.batch(fn)` and `engine.batchAsync(fn)` run fn's commands
// as one store commit, all or nothing; `beginBatch` / `commitBatch` / `abortBatch` /
// `inBatch` are the same in separate calls. The same cases as bindings-python's
// test_batch.py, plus the async form.

const test = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { freshEngine, hire, Engine, ManualClock, Actor, MONDAY_9AM } = require('./helpers/world.js')

/** Acme with a support queue that offers chats, staffed by Ann, available. */
function world() {
  const w = freshEngine()
  const { engine, sys } = w
  const acme = engine.createCompany(sys, { name: 'Acme' })
  const support = engine.createQueue(sys, { companyId: acme.id, name: 'support', offerTimeout: 20 })
  const ann = hire(engine, sys, acme.id, 'ann')
  engine.assignOperator(sys, support.id, ann.member.id, 1)
  engine.setPresence(ann.me, ann.member.id, { show: 'available', connection: 'online' })
  const enqueue = (e, name = 'Visitor') => e.enqueueNew(sys, { companyId: acme.id, name }, support.id)
  return { ...w, acme, support, ann, enqueue }
}

const names = (engine, sys) => engine.listCompanies(sys).map((c) => c.name).sort()

test('commands in a batch answer as usual and commit together', () => {
  const { engine, sys, support, ann, enqueue } = world()
  const eventsBefore = engine.events(sys).length
  const out = engine.batch((e) => {
    assert.equal(e, engine)
    assert.equal(engine.inBatch(), true)
    const first = enqueue(e, 'Visitor 1')
    // Routed as usual inside the batch: Ann is offered the first chat at once.
    assert.equal(first.state, 'offered')
    assert.equal(first.offeredTo, ann.member.id)
    const second = enqueue(e, 'Visitor 2')
    assert.equal(second.state, 'waiting')
    // Reads inside the batch see its commands.
    assert.deepEqual(e.listWaiting(sys, support.id).map((s) => s.id), [second.id])
    return { first, second }
  })
  assert.equal(engine.inBatch(), false)
  assert.equal(engine.getStay(sys, out.first.id).state, 'offered')
  assert.deepEqual(engine.listWaiting(sys, support.id).map((s) => s.id), [out.second.id])
  assert.ok(engine.events(sys).length > eventsBefore)
})

test('a throw inside undoes all of it and is rethrown', () => {
  const { engine, sys, support, ann, enqueue } = world()
  const eventsBefore = engine.events(sys)
  const presenceBefore = engine.getPresence(sys, ann.member.id)
  const oops = new Error('oops')
  let stay
  assert.throws(
    () =>
      engine.batch((e) => {
        stay = enqueue(e)
        assert.equal(stay.state, 'offered')
        e.createCompany(sys, { name: 'Globex' })
        throw oops
      }),
    (e) => e === oops,
  )
  assert.equal(engine.inBatch(), false)
  assert.throws(() => engine.getStay(sys, stay.id), { code: 'ERR_NOT_FOUND' })
  assert.deepEqual(engine.listWaiting(sys, support.id), [])
  assert.deepEqual(names(engine, sys), ['Acme'])
  assert.deepEqual(engine.getPresence(sys, ann.member.id), presenceBefore)
  assert.deepEqual(engine.events(sys), eventsBefore)
  // The engine goes on as usual afterwards.
  assert.equal(enqueue(engine).state, 'offered')
})

test('a failed command inside changes nothing and the rest commits', () => {
  const { engine, sys, enqueue } = world()
  const stay = engine.batch((e) => {
    const s = enqueue(e)
    assert.throws(() => e.createCompany(sys, { name: '' }), { code: 'ERR_INVALID_INPUT' })
    return s
  })
  assert.equal(engine.getStay(sys, stay.id).state, stay.state)
  assert.deepEqual(names(engine, sys), ['Acme'])
})

test('beginBatch, commitBatch, abortBatch and inBatch in separate calls', () => {
  const { engine, sys } = freshEngine()
  assert.equal(engine.inBatch(), false)
  engine.beginBatch()
  assert.equal(engine.inBatch(), true)
  assert.throws(() => engine.beginBatch(), { code: 'ERR_CONFLICT', status: 409, reason: 'batch_open' })
  assert.equal(engine.inBatch(), true) // the refused begin left the open batch alone
  engine.createCompany(sys, { name: 'Acme' })
  engine.commitBatch()
  assert.equal(engine.inBatch(), false)

  engine.beginBatch()
  engine.createCompany(sys, { name: 'Globex' })
  engine.abortBatch()
  assert.equal(engine.inBatch(), false)
  assert.deepEqual(names(engine, sys), ['Acme'])

  // Without an open batch, committing and aborting do nothing.
  engine.commitBatch()
  engine.abortBatch()
  assert.equal(engine.inBatch(), false)
})

test('the async twins open, commit and abort too', async () => {
  const { engine, sys } = freshEngine()
  await engine.beginBatchAsync()
  await assert.rejects(engine.beginBatchAsync(), { code: 'ERR_CONFLICT', reason: 'batch_open' })
  await engine.createCompanyAsync(sys, { name: 'Acme' })
  await engine.commitBatchAsync()
  await engine.beginBatchAsync()
  await engine.createCompanyAsync(sys, { name: 'Globex' })
  await engine.abortBatchAsync()
  assert.equal(engine.inBatch(), false)
  assert.deepEqual(names(engine, sys), ['Acme'])
})

test('a nested batch joins the outer one', async () => {
  const { engine, sys } = freshEngine()
  assert.throws(
    () =>
      engine.batch((e) => {
        e.createCompany(sys, { name: 'Acme' })
        assert.equal(e.batch((inner) => inner.createCompany(sys, { name: 'Globex' }).name), 'Globex')
        // The inner batch's end committed nothing: the outer one is still open.
        assert.equal(e.inBatch(), true)
        throw new RangeError('undo both')
      }),
    RangeError,
  )
  assert.deepEqual(names(engine, sys), [])

  engine.batch((e) => {
    assert.throws(() =>
      e.batch((inner) => {
        inner.createCompany(sys, { name: 'Acme' })
        throw new Error('the inner batch throws; the outer catches it')
      }),
    )
    // An inner batch's throw does not undo anything on its own.
    assert.equal(e.inBatch(), true)
  })
  assert.deepEqual(names(engine, sys), ['Acme'])

  // batchAsync within batchAsync, and batch within batchAsync.
  await assert.rejects(
    engine.batchAsync(async (e) => {
      await e.batchAsync(async (inner) => inner.createCompanyAsync(sys, { name: 'Globex' }))
      e.batch((inner) => inner.createCompany(sys, { name: 'Initech' }))
      assert.equal(e.inBatch(), true)
      throw new Error('undo both')
    }),
    { message: 'undo both' },
  )
  assert.deepEqual(names(engine, sys), ['Acme'])

  // A batch inside `beginBatch` joins that batch too.
  engine.beginBatch()
  engine.batch((e) => e.createCompany(sys, { name: 'Globex' }))
  assert.equal(engine.inBatch(), true)
  engine.abortBatch()
  assert.deepEqual(names(engine, sys), ['Acme'])
})

test('batch(fn) with an async fn aborts and tells to use batchAsync', async () => {
  const { engine, sys } = freshEngine()
  assert.throws(
    () =>
      engine.batch(async (e) => {
        e.createCompany(sys, { name: 'Acme' })
        throw new Error('never seen: the TypeError reports the misuse')
      }),
    (e) => e instanceof TypeError && /batchAsync/.test(e.message),
  )
  assert.equal(engine.inBatch(), false)
  assert.deepEqual(names(engine, sys), [])
  // Any thenable counts, not only native Promises.
  assert.throws(() => engine.batch(() => ({ then() {} })), TypeError)
  assert.equal(engine.inBatch(), false)
  // Give the swallowed rejection a turn: no unhandled rejection follows.
  await new Promise((resolve) => setImmediate(resolve))
})

test('fn must be a function', async () => {
  const { engine } = freshEngine()
  assert.throws(() => engine.batch(), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  assert.throws(() => engine.batch(null), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  await assert.rejects(engine.batchAsync('no'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' })
  assert.equal(engine.inBatch(), false)
})

test('batchAsync awaits fn, commits, and undoes everything when fn rejects', async () => {
  const { engine, sys, support, enqueue, acme } = world()
  const out = await engine.batchAsync(async (e) => {
    const first = await e.enqueueNewAsync(sys, { companyId: acme.id, name: 'Visitor 1' }, support.id)
    const second = enqueue(e, 'Visitor 2')
    assert.equal(e.inBatch(), true)
    return [first, second]
  })
  assert.equal(engine.inBatch(), false)
  assert.deepEqual(out.map((s) => s.state), ['offered', 'waiting'])
  assert.equal(engine.getStay(sys, out[1].id).state, 'waiting')

  const eventsBefore = engine.events(sys)
  const oops = new Error('oops')
  let stay
  await assert.rejects(
    engine.batchAsync(async (e) => {
      stay = await e.enqueueNewAsync(sys, { companyId: acme.id, name: 'Visitor 3' }, support.id)
      await e.createCompanyAsync(sys, { name: 'Globex' })
      throw oops
    }),
    (e) => e === oops,
  )
  assert.equal(engine.inBatch(), false)
  assert.throws(() => engine.getStay(sys, stay.id), { code: 'ERR_NOT_FOUND' })
  assert.deepEqual(names(engine, sys), ['Acme'])
  assert.deepEqual(engine.events(sys), eventsBefore)
  // A non-Promise result is awaited as itself.
  assert.equal(await engine.batchAsync(() => 7), 7)
})

test("while batchAsync awaits, another callback's commands are part of the batch", async () => {
  const { engine, sys } = freshEngine()
  await assert.rejects(
    engine.batchAsync(async () => {
      await new Promise((resolve) =>
        setTimeout(() => {
          engine.createCompany(sys, { name: 'From a timer' })
          resolve()
        }, 1),
      )
      throw new Error('undo')
    }),
    { message: 'undo' },
  )
  assert.deepEqual(names(engine, sys), [])
})

test('a failed commit throws; a throw wins over undoing on a closed engine', async () => {
  {
    const { engine, sys } = freshEngine()
    assert.throws(
      () =>
        engine.batch((e) => {
          e.createCompany(sys, { name: 'Acme' })
          e.close()
        }),
      { code: 'ERR_CONFLICT', reason: 'engine_closed' },
    )
  }
  {
    const { engine } = freshEngine()
    await assert.rejects(
      engine.batchAsync(async (e) => e.close()),
      { code: 'ERR_CONFLICT', reason: 'engine_closed' },
    )
  }
  {
    const { engine } = freshEngine()
    const mine = new Error('mine')
    assert.throws(
      () =>
        engine.batch((e) => {
          e.close()
          throw mine
        }),
      (e) => e === mine,
    )
  }
})

test('other engines and watchers see nothing before the commit', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnq-node-batch-'))
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const file = path.join(dir, 'batch.db')
  const clock = new ManualClock(MONDAY_9AM)
  const sys = Actor.system()
  const first = Engine.open(file, { clock, seed: 1 })
  const second = Engine.open(file, { clock, seed: 2, busyTimeoutMs: 10_000 })
  t.after(() => {
    first.close()
    second.close()
  })
  const watch = second.watch(sys)
  const { acme, stay } = first.batch((e) => {
    const acme = e.createCompany(sys, { name: 'Acme' })
    const support = e.createQueue(sys, { companyId: acme.id, name: 'support' })
    const stay = e.enqueueNew(sys, { companyId: acme.id, name: 'Visitor' }, support.id)
    assert.equal(e.listCompanies(sys).length, 1)
    // SQLite's write-ahead log lets the second engine read while the batch holds the write
    // lock; it reads the last commit, before the batch.
    assert.deepEqual(second.listCompanies(sys), [])
    return { acme, stay }
  })
  assert.equal(await watch.next(1000) !== null, true)
  assert.deepEqual(names(second, sys), ['Acme'])
  assert.deepEqual(second.listQueues(sys, acme.id).map((q) => q.name), ['support'])
  assert.equal(second.getStay(sys, stay.id).state, 'waiting')

  // The async form, with the watcher checked while the batch is open.
  while ((await watch.next(50)) !== null);
  await first.batchAsync(async (e) => {
    await e.createCompanyAsync(sys, { name: 'Globex' })
    assert.equal(await watch.next(50), null)
    assert.deepEqual(names(second, sys), ['Acme'])
  })
  assert.equal((await watch.next(1000)).type, 'record')
  assert.deepEqual(names(second, sys), ['Acme', 'Globex'])

  // Undone: the second engine never sees it.
  await assert.rejects(
    first.batchAsync(async (e) => {
      await e.createCompanyAsync(sys, { name: 'Initech' })
      throw new Error('undo')
    }),
  )
  assert.deepEqual(names(second, sys), ['Acme', 'Globex'])
  assert.equal(await watch.next(50), null)
  watch.close()
})
