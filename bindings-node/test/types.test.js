'use strict'
// The hand-written shapes in index.d.ts match what the engine really returns: every result
// of the day-in-the-life scenario is checked against its method's declared return type
// (keys, optionality, Dates, literal unions), read with the TypeScript compiler API.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const ts = require('typescript')
const { freshEngine } = require('./helpers/world.js')
const { dayInTheLife } = require('./helpers/day.js')
const { tour } = require('./helpers/tour.js')

const dts = path.join(__dirname, '..', 'index.d.ts')

/** The declared return type of every `Engine` method, Promises unwrapped. */
function engineReturnTypes() {
  const program = ts.createProgram([dts], { strict: true, noEmit: true, types: [] })
  const checker = program.getTypeChecker()
  const file = program.getSourceFile(dts)
  const engine = checker.getExportsOfModule(checker.getSymbolAtLocation(file)).find((s) => s.name === 'Engine')
  const instance = checker.getDeclaredTypeOfSymbol(engine)
  const returns = new Map()
  for (const prop of checker.getPropertiesOfType(instance)) {
    const type = checker.getTypeOfSymbol(prop)
    const [signature] = type.getCallSignatures()
    if (!signature) continue
    let ret = signature.getReturnType()
    if (ret.symbol?.name === 'Promise') ret = checker.getTypeArguments(ret)[0]
    returns.set(prop.name, ret)
  }
  return { checker, returns }
}

/** Problems with `value` as a `type` (empty when it conforms). */
function conform(checker, value, type, where, problems) {
  const f = ts.TypeFlags
  // A type parameter (what `batch(fn)` returns) is whatever the caller's `fn` returns.
  if (type.flags & (f.Any | f.Unknown | f.TypeParameter)) return
  if (type.isUnion()) {
    const fits = type.types.some((t) => {
      const p = []
      conform(checker, value, t, where, p)
      return p.length === 0
    })
    if (!fits) problems.push(`${where}: ${JSON.stringify(value)} is not ${checker.typeToString(type)}`)
    return
  }
  const bad = (what) => problems.push(`${where}: expected ${what}, got ${value === null ? 'null' : typeof value}`)
  if (type.flags & f.Null) return value === null ? undefined : bad('null')
  if (type.flags & f.Undefined) return value === undefined ? undefined : bad('undefined')
  if (type.flags & f.Void) return value === undefined ? undefined : bad('void')
  if (type.flags & f.StringLiteral) return value === type.value ? undefined : bad(JSON.stringify(type.value))
  if (type.flags & f.String) return typeof value === 'string' ? undefined : bad('string')
  if (type.flags & f.Number) return typeof value === 'number' ? undefined : bad('number')
  if (type.flags & f.BooleanLiteral) return typeof value === 'boolean' ? undefined : bad('boolean')
  if (type.flags & f.Boolean) return typeof value === 'boolean' ? undefined : bad('boolean')
  if (type.symbol?.name === 'Date') return value instanceof Date ? undefined : bad('a Date')
  if (checker.isArrayType(type)) {
    if (!Array.isArray(value)) return bad('an array')
    const [item] = checker.getTypeArguments(type)
    value.forEach((v, i) => conform(checker, v, item, `${where}[${i}]`, problems))
    return
  }
  if (type.flags & f.Object || type.isIntersection()) {
    if (value === null || typeof value !== 'object') return bad(checker.typeToString(type))
    const props = checker.getPropertiesOfType(type)
    const declared = new Set(props.map((p) => p.name))
    for (const key of Object.keys(value)) {
      if (!declared.has(key)) problems.push(`${where}.${key}: returned but not declared in ${checker.typeToString(type)}`)
    }
    for (const p of props) {
      if (checker.getTypeOfSymbol(p).getCallSignatures().length > 0) continue // a class's method
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0
      if (!(p.name in value)) {
        if (!optional) problems.push(`${where}.${p.name}: declared but not returned`)
        continue
      }
      let t = checker.getTypeOfSymbol(p)
      if (optional) t = checker.getNonNullableType(t)
      conform(checker, value[p.name], t, `${where}.${p.name}`, problems)
    }
    return
  }
  problems.push(`${where}: cannot check ${checker.typeToString(type)}`)
}

// JavaScript async generators (index.js): their pages are checked as `listTeamPresence` and
// `listWaitingPage` results.
const ITERATORS = new Set(['teamPresence', 'iterTeamPresence', 'iterWaiting'])

/** Runs `scenario` on a fresh engine, recording what each method returns or resolves with. */
async function record(scenario, results) {
  const world = freshEngine()
  const recording = new Proxy(world.engine, {
    get(target, prop) {
      const member = target[prop]
      if (typeof member !== 'function' || ITERATORS.has(prop)) return member
      return (...args) => {
        const out = member.apply(target, args)
        if (out instanceof Promise) return out.then((v) => (results.push([prop, v]), v))
        results.push([prop, out])
        return out
      }
    },
  })
  await scenario({ ...world, engine: recording })
}


test('every result of the day and the tour matches the return type index.d.ts declares', async () => {
  const results = []
  await record(dayInTheLife, results)
  await record(tour, results)
  const { checker, returns } = engineReturnTypes()
  const problems = []
  const methods = new Set()
  for (const [method, value] of results) {
    const type = returns.get(method)
    assert.ok(type, `index.d.ts declares no Engine.${method}`)
    methods.add(method)
    conform(checker, value, type, `${method}()`, problems)
  }
  assert.deepEqual(problems, [])
  // Every method was checked, in its synchronous or asynchronous form.
  const unchecked = [...returns.keys()].filter(
    (m) => !ITERATORS.has(m) && !methods.has(m) && !methods.has(m.endsWith('Async') ? m.slice(0, -5) : `${m}Async`),
  )
  assert.deepEqual(unchecked, [])
})
