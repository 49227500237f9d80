// The CPU each thread of this process spends extracting the corpus's text through the pool of N workers, and the
// time it takes: node --import tsx scripts/thread-cpu.ts N. It shows where extraction on every core is bounded.
import { readdirSync, readFileSync } from 'node:fs'
import { PdfPool } from '../src/ingest/pdf-pool.js'

const REPORTS = new URL('../../shared/corpus/reports/', import.meta.url)
const workers = Number(process.argv[2] ?? 1)
const files = readdirSync(REPORTS)
  .sort()
  .map(n => new Uint8Array(readFileSync(new URL(n, REPORTS))))
function threads() {
  const m = new Map<string, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
      const comm = readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      m.set(`${tid} ${comm}`, (Number(f[11]) + Number(f[12])) / 100)
    } catch {}
  }
  return m
}
const pool = new PdfPool(workers)
await Promise.all(Array.from({ length: workers }, () => pool.read(files[0] as Uint8Array)))
const before = threads()
const t0 = performance.now()
await Promise.all(files.map(f => pool.read(f)))
const wall = (performance.now() - t0) / 1000
const after = threads()
const byKind = new Map<string, number>()
let total = 0
for (const [k, v] of after) {
  const d = v - (before.get(k) ?? 0)
  total += d
  const kind = k.split(' ').slice(1).join(' ')
  byKind.set(kind, (byKind.get(kind) ?? 0) + d)
  if (d > 0.5) console.log(k.padEnd(30), d.toFixed(1))
}
console.log(
  `workers ${workers}: wall ${wall.toFixed(1)} s, CPU ${total.toFixed(1)} s`,
  Object.fromEntries([...byKind].map(([k, v]) => [k, +v.toFixed(1)])),
)
await pool.close()
