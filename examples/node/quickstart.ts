// Quick start (TypeScript): the same day as quickstart.js, typed by the generated index.d.ts,
// using the Promise-returning …Async methods. Run: npm install && npm run start:ts
import { Actor, Engine, ManualClock, type QueueError, type QueueStats, type Stay } from 'connectnow-queue'

async function main(): Promise<void> {
  const clock = new ManualClock(new Date('2026-01-05T09:00:00Z'))
  const engine: Engine = Engine.inMemory({ clock, seed: 1 })
  const sys = Actor.system()

  const acme = await engine.createCompanyAsync(sys, { name: 'Acme' })
  const ann = await engine.createUserAsync(sys, {
    username: 'ann',
    firstname: 'Ann',
    lastname: 'Smit',
    email: 'ann@example.org',
  })
  const agent = await engine.createCompanyUserAsync(sys, { companyId: acme.id, userId: ann.id })
  const support = await engine.createQueueAsync(sys, {
    companyId: acme.id,
    name: 'support',
    strategy: 'longest_idle',
    priorityDelay: 60,
  })
  await engine.assignOperatorAsync(sys, support.id, agent.id, 1)
  const me = engine.authenticate((await engine.issueTokenAsync(sys, ann.id, 'laptop')).secret)
  await engine.setPresenceAsync(me, agent.id, { show: 'available', activeChannels: ['chat'] })

  // No offer timeout on this queue: the chat is assigned to Ann directly.
  const chat: Stay = await engine.enqueueNewAsync(sys, { companyId: acme.id, name: 'Visitor 1' }, support.id)
  const assigned = await engine.getStayAsync(me, chat.id)
  const since: Date | null = assigned.assignedAt
  console.log(`chat ${assigned.state} to ${ann.firstname} at ${since?.toISOString()}`)

  clock.advance(4 * 60_000)
  const done = await engine.completeAsync(me, chat.id)
  console.log(`chat ${done.state}`)

  const stats: QueueStats[] = await engine.queueStatsAsync(sys, {
    companyId: acme.id,
    from: new Date('2026-01-05T00:00:00Z'),
    to: new Date('2026-01-06T00:00:00Z'),
  })
  console.log(`support answered ${stats[0].answered}, average handle ${stats[0].averageHandleSeconds} s`)

  const team = await engine.createTeamAsync(sys, acme.id, 'first line')
  await engine.addTeamMembersAsync(sys, team.id, [agent.id])
  for await (const p of engine.teamPresence(sys, team.id, { pageLimit: 50 })) {
    console.log(`${p.companyUserId} shows ${p.presenceStatus}`)
  }

  try {
    await engine.getQueueAsync(me, acme.id)
  } catch (e) {
    const err = e as QueueError
    console.log(`a company id is no queue id: ${err.code} (${err.status})`)
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exitCode = 1
})
