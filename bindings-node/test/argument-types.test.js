'use strict'
// Every public method of the package, called from a table generated from index.d.ts (read
// with the TypeScript compiler API) with a value of the wrong type for each parameter — and
// for each field of an options object — in turn: each call throws a TypeError (its …Async
// twin rejects with one), stores nothing, and the process lives on. Then the same with
// integers and Dates out of range: ERR_INVALID_INPUT naming the parameter, or a RangeError.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const ts = require('typescript')
const { Engine, ManualClock, Actor, MONDAY_9AM } = require('./helpers/world.js')

const dts = path.join(__dirname, '..', 'index.d.ts')
const program = ts.createProgram([dts], { strict: true, noEmit: true, types: [] })
const checker = program.getTypeChecker()
const moduleExports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(dts)))
const F = ts.TypeFlags

const ID = '019b8d62-7a80-7000-8000-00000000beef'
const TOO_BIG = 2 ** 70
const PAST_THE_END = new Date(8.64e15) // year 275760: a valid Date, past 9999

function members(type) {
  return type.isUnion() ? type.types : [type]
}

/** A value of `type` the binding accepts (as far as types go). */
function valid(type, name = '') {
  const parts = members(type)
  if (parts.some((t) => t.flags & (F.Undefined | F.Null))) return undefined
  const t = parts[0]
  const text = checker.typeToString(t)
  if (text === 'Actor' || text === 'ActorLike' || text === 'ActorValue') return Actor.system()
  if (text === 'ManualClock') return new ManualClock(MONDAY_9AM)
  if (t.flags & F.StringLiteral) return t.value
  if (t.flags & F.String) return /id$/i.test(name) ? ID : 'x'
  if (t.flags & F.Number) return 1
  if (t.flags & (F.Boolean | F.BooleanLiteral)) return true
  if (t.symbol?.name === 'Date') return MONDAY_9AM
  if (checker.isArrayType(t)) return []
  if (t.flags & F.Object) {
    const out = {}
    for (const p of checker.getPropertiesOfType(t)) {
      if (p.flags & ts.SymbolFlags.Optional) continue
      out[p.name] = valid(checker.getTypeOfSymbol(p), p.name)
    }
    return out
  }
  throw new Error(`no valid value for ${checker.typeToString(type)}`)
}

/** Values of the wrong type for `type`, and values of the right type but out of range. */
function bad(type) {
  const parts = members(type).filter((t) => !(t.flags & (F.Undefined | F.Null)))
  const has = (pred) => parts.some(pred)
  const wrong = []
  const range = []
  const isString = (t) => t.flags & (F.String | F.StringLiteral)
  const isNumber = (t) => t.flags & F.Number
  const isDate = (t) => t.symbol?.name === 'Date'
  const isFunction = (t) => t.getCallSignatures().length > 0 // `batch(fn)`'s callback
  const isObject = (t) => t.flags & F.Object && !isDate(t) && !checker.isArrayType(t) && !isFunction(t)
  if (!has(isString)) wrong.push('x')
  if (!has(isNumber)) wrong.push(5)
  if (!has(isDate) && has(isString)) wrong.push(MONDAY_9AM) // text is text, not a date's string form
  if (!has((t) => t.flags & (F.Boolean | F.BooleanLiteral)) && !has(isObject)) wrong.push(true)
  if (has(isNumber)) {
    wrong.push(1.5)
    range.push(TOO_BIG, -TOO_BIG)
  }
  if (has(isDate)) range.push(PAST_THE_END)
  wrong.push(Symbol('s'), 10n)
  if (has(isFunction)) wrong.push({}, null)
  else wrong.push(() => 1)
  return { wrong, range }
}

/** Each class's callable members with their parameters: [target, name, params, call]. */
function methods() {
  const out = []
  for (const cls of ['Engine', 'ManualClock', 'Actor']) {
    const symbol = moduleExports.find((s) => s.name === cls)
    const statics = checker.getTypeOfSymbol(symbol)
    const instance = checker.getDeclaredTypeOfSymbol(symbol)
    const add = (owner, prop, isStatic) => {
      const [sig] = checker.getTypeOfSymbol(prop).getCallSignatures()
      if (!sig || prop.name === 'prototype') return
      const params = sig.parameters.map((p) => ({ name: p.name, type: checker.getTypeOfSymbol(p) }))
      out.push({ cls, name: prop.name, params, isStatic })
    }
    for (const p of checker.getPropertiesOfType(statics)) add(statics, p, true)
    for (const p of checker.getPropertiesOfType(instance)) add(instance, p, false)
    if (cls === 'ManualClock') {
      const [ctor] = statics.getConstructSignatures()
      const params = ctor.parameters.map((p) => ({ name: p.name, type: checker.getTypeOfSymbol(p) }))
      out.push({ cls, name: 'constructor', params, isStatic: true })
    }
  }
  return out.filter((m) => !['toJSON', 'now', 'close', 'type', 'userId'].includes(m.name))
}

function target(engine, { cls, name, isStatic }) {
  if (cls === 'Engine') return isStatic ? (...a) => Engine[name](...a) : (...a) => engine[name](...a)
  if (cls === 'ManualClock') {
    if (name === 'constructor') return (...a) => new ManualClock(...a)
    const clock = new ManualClock(MONDAY_9AM)
    return (...a) => clock[name](...a)
  }
  return (...a) => Actor[name](...a)
}

/** Every way to call `m` with exactly one wrong value: at a parameter, or in an object's field. */
function* variants(m, pick) {
  for (let i = 0; i < m.params.length; i++) {
    const args = () => m.params.map((p) => valid(p.type, p.name))
    for (const value of pick(m.params[i].type)) {
      const a = args()
      a[i] = value
      yield { where: m.params[i].name, args: a }
    }
    // Fields of an options object, one by one.
    for (const t of members(m.params[i].type)) {
      if (!(t.flags & F.Object) || checker.isArrayType(t) || t.symbol?.name === 'Date') continue
      if (['Actor', 'ManualClock'].includes(checker.typeToString(t))) continue
      for (const prop of checker.getPropertiesOfType(t)) {
        const propType = checker.getTypeOfSymbol(prop)
        if (propType.getCallSignatures().length > 0) continue
        if (checker.typeToString(propType).includes('ManualClock')) continue
        for (const value of pick(propType)) {
          const a = args()
          a[i] = { ...valid(t), [prop.name]: value }
          yield { where: `${m.params[i].name}.${prop.name}`, args: a }
        }
      }
    }
  }
}

async function outcome(fn, args, isAsync) {
  try {
    const r = fn(...args)
    if (r && typeof r[Symbol.asyncIterator] === 'function') {
      await r.next()
      return { ok: true }
    }
    if (isAsync) await r
    return { ok: true }
  } catch (e) {
    return { ok: false, e }
  }
}

function stored(engine) {
  const sys = Actor.system()
  return [engine.events(sys).length, engine.listCompanies(sys).length]
}

function freshEngine() {
  const engine = Engine.inMemory({ clock: new ManualClock(MONDAY_9AM), seed: 5 })
  engine.createCompany(Actor.system(), { name: 'Acme' })
  return engine
}

test('the table covers every method of the package', () => {
  const names = new Set(methods().map((m) => `${m.cls}.${m.name}`))
  assert.ok(names.size > 200, `${names.size} methods`)
  for (const m of Object.getOwnPropertyNames(Engine.prototype)) {
    if (!['constructor', 'now', 'close'].includes(m)) assert.ok(names.has(`Engine.${m}`), m)
  }
})

test('every parameter and every option field refuses a value of the wrong type', async (t) => {
  const engine = freshEngine()
  const before = stored(engine)
  const problems = []
  let checked = 0
  for (const m of methods()) {
    const fn = target(engine, m)
    for (const { where, args } of variants(m, (t) => bad(t).wrong)) {
      checked++
      const r = await outcome(fn, args, m.name.endsWith('Async'))
      if (r.ok) problems.push(`${m.cls}.${m.name}(${where}): accepted ${String(args)}`)
      else if (!(r.e instanceof TypeError)) problems.push(`${m.cls}.${m.name}(${where}): ${r.e.code} ${r.e.message}`)
    }
  }
  assert.deepEqual(problems, [])
  t.diagnostic(`${checked} wrong-typed calls`)
  assert.ok(checked > 3000, `${checked} calls`)
  assert.deepEqual(stored(engine), before, 'a refused call stored something')
})

test('every integer and Date out of range is refused, naming the parameter', async (t) => {
  const engine = freshEngine()
  const before = stored(engine)
  const problems = []
  let checked = 0
  for (const m of methods()) {
    const fn = target(engine, m)
    for (const { where, args } of variants(m, (t) => bad(t).range)) {
      checked++
      const r = await outcome(fn, args, m.name.endsWith('Async'))
      const field = where.split('.').pop()
      const fine =
        !r.ok &&
        ((r.e instanceof RangeError && r.e.code === 'ERR_OUT_OF_RANGE') ||
          (r.e.code === 'ERR_INVALID_INPUT' && (r.e.field === field || r.e.field === where)))
      if (!fine) problems.push(`${m.cls}.${m.name}(${where}): ${r.ok ? 'accepted' : `${r.e.code} ${r.e.field} ${r.e.message}`}`)
    }
  }
  assert.deepEqual(problems, [])
  t.diagnostic(`${checked} out-of-range calls`)
  assert.ok(checked > 120, `${checked} calls`)
  assert.deepEqual(stored(engine), before)
})


