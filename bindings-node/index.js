'use strict'
// connectnow-queue: the native addon (loaded by binding.js, which `napi build` generates)
// plus what is pure JavaScript: iterating over every page of a team's presence, and showing
// actors and clocks readably in console.log.

const binding = require('./binding.js')

Object.defineProperty(binding.Engine.prototype, 'teamPresence', {
  configurable: true,
  writable: true,
  value: async function* teamPresence(actor, teamId, options) {
    let pageKey = options?.pageKey ?? null
    do {
      const page = await this.listTeamPresenceAsync(actor, teamId, { ...options, pageKey })
      yield* page.data
      pageKey = page.nextPageKey
    } while (pageKey !== null)
  },
})

const inspect = Symbol.for('nodejs.util.inspect.custom')
binding.Actor.prototype[inspect] = function () {
  return this.toJSON()
}
binding.ManualClock.prototype[inspect] = function () {
  return `ManualClock(${this.now().toISOString()})`
}

module.exports = binding
