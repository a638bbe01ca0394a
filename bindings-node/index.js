'use strict'
// connectnow-queue: the native addon (loaded by binding.js, which `napi build` generates)
// plus what is pure JavaScript: async iterators over every page of a paged listing (team
// presence, a queue's waiting line) and over a watch's events, `batch(fn)` and
// `batchAsync(fn)` over the batch calls, and showing actors and clocks readably in
// console.log.

const binding = require('./binding.js')

/** An async generator method walking `listPage` (an `…Async` paged call) page by page. */
function pages(listPage) {
  return async function* (actor, id, options) {
    if (options !== undefined && options !== null && (typeof options !== 'object' || Array.isArray(options))) {
      const e = new TypeError(`The "options" argument must be an object. Received ${typeof options}`)
      e.code = 'ERR_INVALID_ARG_TYPE'
      throw e
    }
    let pageKey = options?.pageKey ?? null
    do {
      const page = await this[listPage](actor, id, { ...options, pageKey })
      yield* page.data
      pageKey = page.nextPageKey
    } while (pageKey !== null)
  }
}

for (const [name, listPage] of [
  ['iterTeamPresence', 'listTeamPresenceAsync'],
  ['teamPresence', 'listTeamPresenceAsync'],
  ['iterWaiting', 'listWaitingPageAsync'],
]) {
  Object.defineProperty(binding.Engine.prototype, name, {
    configurable: true,
    writable: true,
    value: pages(listPage),
  })
}

// Batches: the core's `Engine::batch` around `beginBatch` / `commitBatch` / `abortBatch`.
// While a batch is open every command on the engine is part of it — whichever callback
// makes it — so a call made while one is open joins it and just runs `fn`.

/** Whether `v` looks like a Promise. */
function thenable(v) {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function'
}

/** Undoes the open batch for a failure that is already on its way: that failure wins. */
function abortQuietly(engine) {
  try {
    engine.abortBatch()
  } catch {
    // Only a closed engine or a caught panic get here; either dropped the batch already.
  }
}

function argIsFunction(fn) {
  if (typeof fn !== 'function') {
    const e = new TypeError(`The "fn" argument must be a function. Received ${fn === null ? 'null' : typeof fn}`)
    e.code = 'ERR_INVALID_ARG_TYPE'
    throw e
  }
}

Object.defineProperty(binding.Engine.prototype, 'batch', {
  configurable: true,
  writable: true,
  value: function batch(fn) {
    argIsFunction(fn)
    if (this.inBatch()) return fn(this)
    this.beginBatch()
    let result
    try {
      result = fn(this)
    } catch (e) {
      abortQuietly(this)
      throw e
    }
    if (thenable(result)) {
      abortQuietly(this)
      // Its rejection, if any, is reported by the TypeError instead.
      Promise.resolve(result).catch(() => {})
      throw new TypeError('engine.batch(fn): fn returned a Promise; use engine.batchAsync(fn) for an async fn')
    }
    this.commitBatch()
    return result
  },
})

Object.defineProperty(binding.Engine.prototype, 'batchAsync', {
  configurable: true,
  writable: true,
  value: async function batchAsync(fn) {
    argIsFunction(fn)
    if (this.inBatch()) return await fn(this)
    await this.beginBatchAsync()
    let result
    try {
      result = await fn(this)
    } catch (e) {
      abortQuietly(this)
      throw e
    }
    await this.commitBatchAsync()
    return result
  },
})

// `for await (const event of engine.watch(actor, { timeoutMs }))`: each event as it is
// committed; the loop ends when `timeoutMs` passes without one (the watch stays open: iterate
// again or close it), else runs until `break` — which closes the watch, as a throw out of
// the loop body does.
binding.Watch.prototype[Symbol.asyncIterator] = async function* () {
  let ended = false
  try {
    for (;;) {
      const event = await this.next(this.timeoutMs ?? undefined)
      if (event === null) {
        ended = true
        return
      }
      yield event
    }
  } finally {
    if (!ended) this.close()
  }
}

const inspect = Symbol.for('nodejs.util.inspect.custom')
binding.Actor.prototype[inspect] = function () {
  return this.toJSON()
}
binding.ManualClock.prototype[inspect] = function () {
  return `ManualClock(${this.now().toISOString()})`
}

module.exports = binding
