'use strict'
// Python and Node take the same parameters, required and optional, under the same names:
// the Python stub (bindings-python/connectnow_queue.pyi, read with Python's own `ast`) and
// index.d.ts (read with the TypeScript compiler API) are compared method by method. Node
// passes a struct as one object (`createQueue(actor, { companyId, name, … })`) where Python
// takes keywords (`create_queue(actor, company_id=…, name=…)`): its fields count as the
// method's parameters. Durations differ in unit by idiom — Python's `timeout` in seconds
// (or a timedelta) is Node's `timeoutMs` in milliseconds — so `x` also matches `xMs`.

const test = require('node:test')
const assert = require('node:assert/strict')
const path = require('node:path')
const { execFileSync } = require('node:child_process')
const ts = require('typescript')

const stub = path.join(__dirname, '..', '..', 'bindings-python', 'connectnow_queue.pyi')
const dts = path.join(__dirname, '..', 'index.d.ts')

const PYTHON = `
import ast, json, sys
tree = ast.parse(open(sys.argv[1]).read())
out = {}
for node in tree.body:
    if isinstance(node, ast.ClassDef) and node.name == "Engine":
        for fn in node.body:
            if not isinstance(fn, ast.FunctionDef) or fn.name.startswith("_"):
                continue
            a = fn.args
            pos = [p.arg for p in a.args if p.arg != "self"]
            with_default = set(pos[len(pos) - len(a.defaults):]) if a.defaults else set()
            params = {p: p in with_default for p in pos}
            params.update({p.arg: d is not None for p, d in zip(a.kwonlyargs, a.kw_defaults)})
            out[fn.name] = params
print(json.dumps(out))
`

function camel(s) {
  return s.replace(/_+$/, '').replace(/_([a-z])/g, (_, c) => c.toUpperCase())
}

function pythonMethods() {
  const python = process.env.PYTHON || 'python3'
  const raw = JSON.parse(execFileSync(python, ['-c', PYTHON, stub], { encoding: 'utf8' }))
  const out = new Map()
  for (const [name, params] of Object.entries(raw)) {
    out.set(camel(name), Object.fromEntries(Object.entries(params).map(([p, opt]) => [camel(p), opt])))
  }
  return out
}

function nodeMethods() {
  const program = ts.createProgram([dts], { strict: true, noEmit: true, types: [] })
  const checker = program.getTypeChecker()
  const file = program.getSourceFile(dts)
  const engine = checker.getExportsOfModule(checker.getSymbolAtLocation(file)).find((s) => s.name === 'Engine')
  const out = new Map()
  const F = ts.TypeFlags
  for (const prop of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(engine))) {
    const [sig] = checker.getTypeOfSymbol(prop).getCallSignatures()
    if (!sig || prop.name.endsWith('Async')) continue
    const params = {}
    for (const p of sig.parameters) {
      const decl = p.valueDeclaration
      const optional = Boolean(decl.questionToken || decl.initializer)
      const type = checker.getNonNullableType(checker.getTypeOfSymbol(p))
      const struct =
        type.flags & F.Object &&
        !checker.isArrayType(type) &&
        !['Date', 'Actor', 'ManualClock'].includes(type.symbol?.name) &&
        !type.isUnion() &&
        type.getCallSignatures().length === 0
      if (!struct) {
        params[p.name] = optional
        continue
      }
      for (const field of checker.getPropertiesOfType(type)) {
        params[field.name] = optional || (field.flags & ts.SymbolFlags.Optional) !== 0
      }
    }
    out.set(prop.name, params)
  }
  return out
}

// Where the languages differ on purpose: Python's are context managers and dunders; Node
// keeps the former name of an iterator. Python's `watch_async` gives an asyncio iterator;
// Node's `watch` is asynchronous already (`await watch.next()`, `for await`).
const NODE_ONLY = new Set(['teamPresence'])
const PYTHON_ONLY = new Set(['watchAsync'])
// Python's `with engine.batch():` block is the callback Node's `batch(fn)` takes.
const BLOCK_CALLBACKS = new Map([['batch', 'fn']])

/** Node's parameters named as Python names them: `timeoutMs` as `timeout` when Python has that. */
function asPython(node, python) {
  const out = {}
  for (const [p, optional] of Object.entries(node)) {
    const stem = p.endsWith('Ms') ? p.slice(0, -2) : null
    out[stem !== null && stem in python && !(p in python) ? stem : p] = optional
  }
  return out
}

test('every method takes the same parameters, optional in both or in neither', () => {
  const py = pythonMethods()
  const node = nodeMethods()
  assert.ok(py.size > 90 && node.size > 90)
  const problems = []
  for (const [name, params] of py) {
    if (PYTHON_ONLY.has(name)) continue
    if (!node.has(name)) {
      problems.push(`${name}: in Python, not in Node`)
      continue
    }
    const other = asPython(node.get(name), params)
    if (BLOCK_CALLBACKS.has(name)) {
      const callback = BLOCK_CALLBACKS.get(name)
      if (!(callback in other)) problems.push(`${name}(${callback}): the block's callback is not in Node`)
      delete other[callback]
    }
    for (const [p, optional] of Object.entries(params)) {
      if (!(p in other)) problems.push(`${name}(${p}): in Python, not in Node`)
      else if (other[p] !== optional) {
        problems.push(`${name}(${p}): ${optional ? 'optional' : 'required'} in Python, not in Node`)
      }
    }
    for (const p of Object.keys(other)) if (!(p in params)) problems.push(`${name}(${p}): in Node, not in Python`)
  }
  for (const name of node.keys()) if (!py.has(name) && !NODE_ONLY.has(name)) problems.push(`${name}: in Node, not in Python`)
  assert.deepEqual(problems, [])
})
