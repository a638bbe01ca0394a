'use strict'
// connectnow-queue: the native addon (loaded by binding.js, which `napi build` generates)
// plus what is pure JavaScript: async iterators over every page of a paged listing (team
// presence, a queue's waiting line) and over a watch's events, and showing actors and
// clocks readably in console.log.

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
