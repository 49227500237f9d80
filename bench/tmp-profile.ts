import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { openStore } from '../src/store/store.js'
import { generateSynthetic, SYNTHETIC_ORDER } from '../src/app/synthetic.js'
import { importData } from '../src/app/data-import.js'
import { importNeighbours } from '../src/app/neighbours.js'
import { suggestAll, loadProfile, whatIfReport } from '../src/app/profile.js'
import { draftNarrative } from '../src/domain/index.js'
const store = await openStore({ kind: 'pglite', dataDir: null })
const ctx = { store, now: () => new Date(), newId: randomUUID }
const admin = { id: 'a', role: 'administrator' } as const
let t = performance.now()
const files = generateSynthetic()
console.log('generate', (performance.now() - t).toFixed(0), Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.length])))
await importNeighbours(ctx, admin, readFileSync('../shared/data/la-lookup.csv', 'utf8'), { skipBadRows: true })
for (const kind of SYNTHETIC_ORDER) {
  t = performance.now()
  const r = await importData(ctx, admin, kind, files[kind], { fileName: `${kind}.csv` })
  console.log(kind, (performance.now() - t).toFixed(0), 'ms', r.imported, r.errors.slice(0, 3))
}
await store.analyze()
t = performance.now()
const all = await suggestAll(ctx, 2009, 2009)
console.log('suggestAll', (performance.now() - t).toFixed(0), 'ms', all.length)
const dist = new Map<string, number>()
for (const a of all) dist.set(String(a.suggestion.grade), (dist.get(String(a.suggestion.grade)) ?? 0) + 1)
console.log(dist)
const { profile } = await loadProfile(ctx, 'E09000020', 2009)
console.log(profile.metrics)
console.log(all.find(a => a.authorityCode === 'E09000020')?.suggestion.steps.map(s => `${s.rule}: ${s.reason} ${s.before}->${s.after}`))
console.log(draftNarrative(profile, 3, 'Kensington and Chelsea'))
for (const rule of ['csa-r1-unannounced', 'csa-r4-staying-safe', 'settings-block']) {
  const w = await whatIfReport(ctx, 2010, 2009, rule)
  console.log(rule, w.rows.length, 'of', w.total)
}
await store.close()
