// npm run bench: measures in one run and prints ratios; never asserts on time. BENCH_ONLY=corpus runs only the real
// corpus's part (text extraction and full ingestion, on 1 worker and on every core).
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { type Context, createAssessment, recordJudgement } from '../src/app/assessments.js'
import { type Actor, AUTHORITIES, getFramework } from '../src/domain/index.js'
import type { StoreTarget } from '../src/store/connection.js'
import { openStore } from '../src/store/store.js'
import { benchCorpus } from './corpus.js'
import { benchIngest } from './ingest.js'
import { benchProfile } from './profile.js'
import { benchRender } from './render.js'
import { benchScale } from './scale.js'
import { benchWeb } from './web.js'

const ASSESSMENTS = Number(process.env.BENCH_ASSESSMENTS ?? 150)
const inspector: Actor = { id: 'bench', role: 'inspector' }

interface Result {
  backend: string
  writesPerSecond: number
  readsPerSecond: number
  listAllMs: number
}

/** Creates ASSESSMENTS slac-2012 assessments with every area graded, then reads each back and lists them all. */
async function measure(name: string, target: StoreTarget): Promise<Result> {
  const store = await openStore(target)
  const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
  const framework = getFramework('slac-2012')
  const authorities = AUTHORITIES.filter(a => a.validTo === null)
  try {
    const ids: string[] = []
    let judgements = 0
    const t0 = performance.now()
    for (let i = 0; i < ASSESSMENTS; i++) {
      let a = await createAssessment(ctx, inspector, {
        frameworkId: framework.id,
        authorityCode: (authorities[i % authorities.length] ?? authorities[0])?.code ?? 'E09000020',
      })
      for (const area of framework.areas) {
        a = await recordJudgement(ctx, inspector, a.id, a.version, {
          areaId: area.id,
          grade: 1 + ((i + judgements) % 4),
        })
        judgements++
      }
      ids.push(a.id)
    }
    const t1 = performance.now()
    for (const id of ids) await store.assessments.get(id)
    const t2 = performance.now()
    await store.assessments.list()
    const t3 = performance.now()
    return {
      backend: name,
      writesPerSecond: (judgements + ids.length) / ((t1 - t0) / 1000),
      readsPerSecond: ids.length / ((t2 - t1) / 1000),
      listAllMs: t3 - t2,
    }
  } finally {
    if (target.kind === 'postgres' && target.schema)
      await sql.raw(`drop schema ${target.schema} cascade`).execute(store.db)
    await store.close()
  }
}

const corpusOnly = process.env.BENCH_ONLY === 'corpus'
if (!corpusOnly) {
  const results = [await measure('PGlite (memory)', { kind: 'pglite', dataDir: null })]
  const url = process.env.DATABASE_URL
  if (url) results.push(await measure('PostgreSQL', { kind: 'postgres', url, schema: `bench_${Date.now()}` }))
  else console.log('PostgreSQL: skipped (set DATABASE_URL to compare)')

  console.log(`\nStorage, ${ASSESSMENTS} assessments of 22 judgements each (every write is one audited transaction)`)
  console.log('backend             writes/s   reads/s   list all (ms)')
  for (const r of results)
    console.log(
      `${r.backend.padEnd(18)} ${r.writesPerSecond.toFixed(0).padStart(8)} ${r.readsPerSecond.toFixed(0).padStart(9)} ${r.listAllMs.toFixed(0).padStart(14)}`,
    )
  const [lite, pgr] = results
  if (lite && pgr)
    console.log(
      `ratio PostgreSQL/PGlite: writes ${(pgr.writesPerSecond / lite.writesPerSecond).toFixed(2)}×, reads ${(pgr.readsPerSecond / lite.readsPerSecond).toFixed(2)}×, list ${(lite.listAllMs / pgr.listAllMs).toFixed(2)}× faster`,
    )
}

await benchCorpus()
if (!corpusOnly) {
  await benchIngest()
  await benchRender()
  await benchWeb()
  await benchScale()
  await benchProfile()
}
