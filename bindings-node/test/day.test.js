'use strict'
// A full day at Acme's contact centre: company, agents, skills, queues, operators, enqueue,
// routing, accept, complete, rate, statistics.

const test = require('node:test')
const { freshEngine } = require('./helpers/world.js')
const { dayInTheLife } = require('./helpers/day.js')

test('a day in the life: company, agents, skills, queues, routing, ratings and statistics', async () => {
  await dayInTheLife(freshEngine())
})
