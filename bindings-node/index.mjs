// ESM entry point: the same objects as the CommonJS one.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const binding = require('./index.js')

export const { Engine, ManualClock, Actor, Watch } = binding
export default binding
