'use strict'
// A tour of the rest of the API (what the day-in-the-life does not need): every engine
// method is called at least once between the two. Used by api.test.js and types.test.js.

const assert = require('node:assert/strict')
const { hire } = require('./world.js')

const HOUR = 3_600_000

/** Calls the remaining engine methods on `engine` (fresh, on `clock`), asserting as it goes. */
async function tour({ engine, clock, sys }) {
  const acme = engine.createCompany(sys, { name: 'Acme', isPublic: true })
  const ann = hire(engine, sys, acme.id, 'ann')
  const bob = hire(engine, sys, acme.id, 'bob', 'supervisor')

  // Users and members.
  assert.equal(engine.updateUser(ann.me, ann.user.id, { telephone: '+31612345678' }).telephone, '+31612345678')
  assert.equal(engine.updateUser(ann.me, ann.user.id, { telephone: null }).telephone, null)
  assert.deepEqual(engine.findUsers(sys, 'ann', 10).map((u) => u.username), ['ann'])
  assert.equal(engine.getUser(sys, ann.user.id).companies, undefined)
  assert.equal(engine.updateCompany(sys, acme.id, { defaultMaxNumberOfObjectsHandled: 2 }).defaultMaxNumberOfObjectsHandled, 2)
  assert.equal(engine.listCompanies(ann.me, { with: ['queues'] })[0].queues.length, 0)
  assert.equal(engine.getCompanyUser(ann.me, ann.member.id).role, 'agent')
  assert.equal(engine.listCompanyUsers(sys, [acme.id]).length, 2)
  assert.equal(engine.updateCompanyUser(sys, ann.member.id, { abilityToPickFromQueue: true, isAutoAbilityToPickFromQueue: false }).abilityToPickFromQueue, true)
  const cas = engine.createUser(sys, { username: 'cas', firstname: 'Cas', lastname: 'Tester', email: 'cas@example.org' })
  const invite = engine.createCompanyUser(sys, { companyId: acme.id, invitedEmail: 'cas@example.org' })
  assert.equal(invite.userId, null)
  assert.equal(engine.acceptInvitation(engine.authenticate(engine.issueToken(sys, cas.id, 't').secret), invite.id).userId, cas.id)
  await engine.deleteCompanyUserAsync(sys, invite.id)
  engine.deleteUser(sys, cas.id)

  // Presence and settings.
  assert.equal(engine.getPresence(ann.me, ann.member.id).show, 'unavailable')
  const locked = engine.lockPresence(bob.me, ann.member.id, 'dnd')
  assert.deepEqual(locked.lock.lockedBy, { type: 'user', userId: bob.user.id })
  assert.throws(() => engine.setPresence(ann.me, ann.member.id, { show: 'available' }), { code: 'ERR_CONFLICT' })
  assert.equal(engine.unlockPresence(bob.me, ann.member.id).lock, null)
  assert.equal(engine.getAgentSettings(ann.me, ann.member.id).autoAnswerCalls, false)
  assert.equal(engine.updateAgentSettings(ann.me, ann.member.id, { autoAnswerCalls: true }).autoAnswerCalls, true)
  const watched = engine.watchStatistic(ann.me, ann.member.id, { statistic: 'waiting_objects', option: 'support' })
  assert.deepEqual(watched.watchedStatistics, [{ statistic: 'waiting_objects', option: 'support', secondaryOption: '' }])
  assert.deepEqual(engine.unwatchStatistic(ann.me, ann.member.id, { statistic: 'waiting_objects', option: 'support' }).watchedStatistics, [])

  // Presence statuses.
  const lunch = engine.createPresenceStatus(sys, acme.id, 'Lunch', 'away')
  assert.equal(engine.getPresenceStatus(ann.me, lunch.id).show, 'away')
  assert.deepEqual(engine.listPresenceStatuses(ann.me, acme.id).map((s) => s.name), ['Lunch'])
  assert.equal(engine.renamePresenceStatus(sys, lunch.id, 'Lunch break').name, 'Lunch break')
  assert.equal(engine.lockPresenceStatus(bob.me, ann.member.id, lunch.id).statusId, lunch.id)
  engine.unlockPresence(bob.me, ann.member.id)
  assert.equal(engine.setPresence(ann.me, ann.member.id, { show: 'away' }).statusId, null)
  engine.deletePresenceStatus(sys, lunch.id)

  // Skills.
  const french = engine.createSkill(sys, acme.id, 'french')
  assert.equal(engine.getSkill(ann.me, french.id).name, 'french')
  assert.equal(engine.renameSkill(sys, french.id, 'French').name, 'French')
  engine.setAgentSkill(sys, ann.member.id, french.id, 4)
  assert.equal(engine.listAgentSkills(ann.me, ann.member.id)[0].level, 4)
  engine.removeAgentSkill(sys, ann.member.id, french.id)

  // Queues, operators, hours and closures.
  const sales = engine.createQueue(sys, { companyId: acme.id, name: 'sales' })
  const spare = engine.createQueue(sys, { companyId: acme.id, name: 'spare' })
  engine.setQueueSkill(sys, spare.id, french.id, 3)
  assert.equal(engine.listQueueSkills(ann.me, spare.id)[0].minLevel, 3)
  engine.removeQueueSkill(sys, spare.id, french.id)
  engine.deleteSkill(sys, french.id)
  assert.equal(engine.getQueue(ann.me, sales.id).name, 'sales')
  assert.equal(engine.listQueues(ann.me, acme.id).length, 2)
  assert.equal(engine.updateQueue(sys, sales.id, { priorityDelay: 120, strategy: 'round_robin' }).priorityDelay, 120)
  assert.equal(engine.updateQueue(sys, sales.id, { priorityDelay: null }).priorityDelay, null)
  engine.deleteQueue(sys, spare.id)
  engine.assignOperator(bob.me, sales.id, ann.member.id, 1)
  assert.equal(engine.updateOperator(bob.me, sales.id, ann.member.id, { tier: 2 }).tier, 2)
  assert.deepEqual(engine.listAssignments(ann.me, ann.member.id).map((a) => a.queue), ['sales'])
  engine.assignOperator(bob.me, sales.id, bob.member.id, 1)
  engine.unassignOperator(bob.me, sales.id, bob.member.id)
  assert.equal(engine.listOperators(bob.me, sales.id).length, 1)
  engine.setHours(sys, acme.id, [{ weekday: 'mon', opens: '00:00:00', closes: '00:00:00' }])
  assert.equal(engine.getHours(sys, acme.id).queueId, null)
  assert.equal(engine.getHours(sys, acme.id, { queueId: sales.id }), null)
  engine.clearHours(sys, acme.id)
  const now = clock.now()
  const closure = engine.addBlacklistHours(sys, sales.id, { startsAt: new Date(now.getTime() + HOUR), endsAt: new Date(now.getTime() + 2 * HOUR), reason: 'training' })
  assert.ok(closure.startsAt instanceof Date)
  const holiday = engine.addCommonBlacklistHours(sys, acme.id, { startsAt: new Date(now.getTime() + 24 * HOUR), endsAt: new Date(now.getTime() + 48 * HOUR) })
  assert.equal(engine.listBlacklistHours(sys, sales.id).length, 1)
  assert.equal(engine.listCommonBlacklistHours(sys, acme.id)[0].id, holiday.id)
  engine.deleteBlacklistHours(sys, closure.id)
  assert.equal(engine.isOpen(sys, sales.id, new Date(now.getTime() + 30 * HOUR)).open, false)

  // Objects: priority, pick (Ann is second line; the caller has not escalated to her yet),
  // transfer, abandon.
  engine.updateQueue(sys, sales.id, { priorityDelay: 600 })
  engine.setPresence(ann.me, ann.member.id, { show: 'available' })
  const object = engine.createObject(sys, { companyId: acme.id, name: 'Caller', channel: 'call' })
  assert.equal(engine.setObjectPriority(sys, object.id, 5).priority, 5)
  const stay = engine.enqueue(sys, object.id, sales.id)
  assert.equal(engine.getObject(ann.me, object.id).channel, 'call')
  const picked = engine.pick(ann.me, ann.member.id, stay.id)
  assert.equal(picked.picked, true)
  const moved = await engine.transferAsync(bob.me, stay.id, engine.createQueue(sys, { companyId: acme.id, name: 'support' }).id)
  assert.equal(moved.transferredFrom, stay.id)
  assert.equal(engine.listObjectStays(sys, object.id).length, 2)
  assert.equal(engine.abandon(sys, moved.id).state, 'abandoned')
  assert.equal(engine.getRating(sys, object.id), null)
  // No wrap-up here (the queue has none): ending it is a no-op that returns the presence.
  assert.equal((await engine.endWrapUpAsync(sys, ann.member.id)).wrapUpUntil, null)
  assert.equal(engine.endWrapUp(sys, ann.member.id).companyUserId, ann.member.id)

  // The event log as it grows; then history pruned: the two ended stays and their object.
  const watch = engine.watch(sys, { companyId: acme.id })
  engine.updateQueue(sys, sales.id, { priorityDelay: 900 })
  const seen = await watch.next(1000)
  assert.deepEqual([seen.type, seen.op, seen.id], ['record', 'updated', sales.id])
  assert.equal(watch.seq, seen.seq)
  watch.close()
  const pruned = engine.pruneHistory(sys, new Date(clock.now().getTime() + 1000))
  assert.deepEqual([pruned.stays, pruned.objects], [2, 1])
  assert.throws(() => engine.getObject(sys, object.id), { code: 'ERR_NOT_FOUND' })
  assert.ok(engine.now() instanceof Date)
  assert.equal(engine.nextDue() === null || engine.nextDue() instanceof Date, true)
  assert.deepEqual(Object.keys(engine.routingIndexSizes()).sort(), ['readyAgents', 'waitingStays'])
  assert.equal(typeof engine.workingSetSize(), 'number')

  // Batches: many commands, one store commit, all or nothing.
  assert.equal(engine.inBatch(), false)
  const german = engine.batch((e) => e.createSkill(sys, acme.id, 'german'))
  const italian = await engine.batchAsync(async (e) => e.createSkillAsync(sys, acme.id, 'italian'))
  assert.deepEqual([german.name, italian.name], ['german', 'italian'])
  engine.beginBatch()
  assert.equal(engine.inBatch(), true)
  engine.createSkill(sys, acme.id, 'spanish')
  engine.abortBatch()
  await engine.beginBatchAsync()
  engine.createSkill(sys, acme.id, 'polish')
  await engine.abortBatchAsync()
  await engine.beginBatchAsync()
  await engine.commitBatchAsync()
  engine.commitBatch()
  assert.equal(engine.inBatch(), false)
  assert.deepEqual(engine.listSkills(sys, acme.id).map((k) => k.name).filter((n) => n !== 'French').sort(), ['german', 'italian'])

  // The waiting line, page by page and as an async iterator.
  const line = engine.createQueue(sys, { companyId: acme.id, name: 'line' })
  const waiting = []
  for (let i = 0; i < 5; i++) waiting.push(engine.enqueueNew(sys, { companyId: acme.id, name: `v${i}` }, line.id).id)
  const page = engine.listWaitingPage(sys, line.id, { pageLimit: 2 })
  assert.deepEqual(page.data.map((s) => s.id), waiting.slice(0, 2))
  const walked = []
  for await (const s of engine.iterWaiting(sys, line.id, { pageLimit: 2 })) walked.push(s.id)
  assert.deepEqual(walked, waiting)
  const standing = engine.queuePosition(sys, waiting[2])
  assert.deepEqual([standing.position, standing.estimatedWaitSeconds], [3, null])
  for (const id of waiting) engine.abandon(sys, id)
  engine.reload()

  // Teams.
  const team = engine.createTeam(bob.me, acme.id, 'evening')
  engine.addTeamMembers(bob.me, team.id, [ann.member.id, bob.member.id])
  const members = []
  for await (const p of engine.iterTeamPresence(bob.me, team.id, { pageLimit: 1 })) members.push(p.companyUserId)
  assert.equal(members.length, 2)
  assert.deepEqual(engine.removeTeamMembers(bob.me, team.id, [bob.member.id]).members, [ann.member.id])
  assert.equal(engine.getTeam(ann.me, team.id).name, 'evening')
  assert.equal(engine.listTeams(ann.me, acme.id).length, 1)
  engine.deleteTeam(bob.me, team.id)
  await engine.deleteCompanyAsync(sys, acme.id)
  assert.throws(() => engine.getQueue(sys, sales.id), { code: 'ERR_NOT_FOUND' })
  engine.tick()
  engine.close()
}

module.exports = { tour }
