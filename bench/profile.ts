// The performance profile: import a SYNTHETIC national dataset, then compute every authority's profile and
// suggested rating, on PGlite and on PostgreSQL, in one run.
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import type { Context } from '../src/app/assessments.js'
import { importData } from '../src/app/data-import.js'
import { importNeighbours } from '../src/app/neighbours.js'
import { suggestAll } from '../src/app/profile.js'
import { generateSynthetic, SYNTHETIC_DEFAULTS, SYNTHETIC_ORDER } from '../src/app/synthetic.js'
import type { StoreTarget } from '../src/store/connection.js'
import { openStore } from '../src/store/store.js'

const NEIGHBOURS = new URL('../../shared/data/la-lookup.csv', import.meta.url)
const admin = { id: 'bench', role: 'administrator' } as const

interface Result {
  backend: string
  importSeconds: number
  rows: number
  profileSeconds: number[]
  authorities: number
}

async function measure(
  backend: string,
  target: StoreTarget,
  files: ReturnType<typeof generateSynthetic>,
): Promise<Result> {
  const store = await openStore(target)
  const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
  try {
    if (existsSync(NEIGHBOURS))
      await importNeighbours(ctx, admin, readFileSync(NEIGHBOURS, 'utf8'), { skipBadRows: true })
    let rows = 0
    const t0 = performance.now()
    for (const kind of SYNTHETIC_ORDER) {
      const r = await importData(ctx, admin, kind, files[kind], { fileName: `synthetic-${kind}.csv` })
      if (r.errors.length) throw new Error(`${kind}: ${r.errors.slice(0, 3).join('; ')}`)
      rows += r.imported
    }
    await store.analyze()
    const importSeconds = (performance.now() - t0) / 1000
    // Three runs: the first reads a cold store; the figures below are each run's.
    const profileSeconds: number[] = []
    let authorities = 0
    for (let i = 0; i < 3; i++) {
      const t = performance.now()
      const all = await suggestAll(ctx, 2009, 2009)
      profileSeconds.push((performance.now() - t) / 1000)
      authorities = all.length
    }
    return { backend, importSeconds, rows, profileSeconds, authorities }
  } finally {
    if (target.kind === 'postgres' && target.schema)
      await sql.raw(`drop schema ${target.schema} cascade`).execute(store.db)
    await store.close()
  }
}

export async function benchProfile(): Promise<void> {
  const t = performance.now()
  const files = generateSynthetic(SYNTHETIC_DEFAULTS)
  const generateSeconds = (performance.now() - t) / 1000
  const results = [await measure('PGlite (memory)', { kind: 'pglite', dataDir: null }, files)]
  const url = process.env.DATABASE_URL
  if (url)
    results.push(await measure('PostgreSQL', { kind: 'postgres', url, schema: `bench_profile_${Date.now()}` }, files))
  console.log(
    `\nPerformance profile: SYNTHETIC national dataset (${SYNTHETIC_DEFAULTS.years.join(', ')}; ${SYNTHETIC_DEFAULTS.indicators} indicators; ${SYNTHETIC_DEFAULTS.settings.toLocaleString('en-GB')} settings), generated in ${generateSeconds.toFixed(1)} s`,
  )
  console.log('backend             rows imported   import (s)   every authority’s 2009 profile and rating (s), 3 runs')
  for (const r of results)
    console.log(
      `${r.backend.padEnd(18)} ${r.rows.toLocaleString('en-GB').padStart(14)} ${r.importSeconds.toFixed(1).padStart(12)}   ${r.profileSeconds.map(s => s.toFixed(2)).join(' / ')}  (${r.authorities} authorities, ${((1000 * Math.min(...r.profileSeconds)) / r.authorities).toFixed(1)} ms each)`,
    )
  const [lite, pgr] = results
  if (lite && pgr)
    console.log(
      `ratio PostgreSQL/PGlite: import ${(lite.importSeconds / pgr.importSeconds).toFixed(2)}× faster, profiles and ratings ${(Math.min(...lite.profileSeconds) / Math.min(...pgr.profileSeconds)).toFixed(2)}× faster`,
    )
}

if (process.argv[1]?.endsWith('profile.ts')) await benchProfile()
