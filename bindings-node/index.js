'use strict'
// connectnow-queue: the native addon (loaded by binding.js, which `napi build` generates)
// plus the one convenience that is pure JavaScript: iterating over every page of a team's
// presence.

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

module.exports = binding
