// The web service under load: report page, authority page and search API beside a static file of the same size,
// served by the same server from a store holding national-scale synthetic data.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import express from 'express'
import { sql } from 'kysely'
import type { Context } from '../src/app/assessments.js'
import { importNeighbours } from '../src/app/neighbours.js'
import {
  type Actor,
  type Assessment,
  AUTHORITIES,
  createAssessment,
  getFramework,
  pointsBestFirst,
  recordJudgement,
} from '../src/domain/index.js'
import { createLogger } from '../src/lib/logger.js'
import { PdfPrinter } from '../src/render/pdf.js'
import type { StoreTarget } from '../src/store/connection.js'
import { openStore, type Store } from '../src/store/store.js'
import { createApp } from '../src/web/app.js'

const YEARS = Number(process.env.BENCH_YEARS ?? 15)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONNECTIONS = 50
const inspector: Actor = { id: 'bench', role: 'inspector' }
const NEIGHBOURS = new URL('../../shared/data/la-lookup.csv', import.meta.url)

/** The framework a year's assessment is recorded under; later years use the 2012 inspection's layout. */
const frameworkOf = (year: number) =>
  year <= 2008 ? `apa-${Math.max(2006, year)}` : year === 2009 ? 'rating-2009' : 'slac-2012'

/**
 * SYNTHETIC data, for timing only: every current English authority, one published assessment a year for YEARS
 * years from 2006, every graded area graded by a fixed pseudo-random sequence.
 */
async function fill(store: Store): Promise<{ count: number; sample: Assessment }> {
  const now = new Date('2026-01-01T00:00:00Z')
  let seed = 42
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  let sample: Assessment | undefined
  let count = 0
  const authorities = AUTHORITIES.filter(a => a.validTo === null)
  for (const authority of authorities)
    await store.transaction(async tx => {
      for (let y = 0; y < YEARS; y++) {
        const year = 2006 + y
        const f = getFramework(frameworkOf(year))
        const date = `${year}-${String(1 + (count % 12)).padStart(2, '0')}-15`
        let a = createAssessment(
          { id: randomUUID(), framework: f, authorityCode: authority.code, dates: { [f.dateOfRecord]: date } },
          inspector,
          now,
        )
        const points = pointsBestFirst(f.scale)
        for (const area of f.areas.filter(x => x.grade !== 'none'))
          a = recordJudgement(
            a,
            f,
            { areaId: area.id, grade: points[Math.floor(next() * points.length)]?.value ?? null },
            inspector,
            now,
          )
        a = { ...a, status: 'published' }
        await tx.assessments.insert(a)
        count++
        if (authority.code === 'E09000020') sample = a
      }
    })
  if (!sample) throw new Error('no sample assessment')
  return { count, sample }
}

interface Load {
  name: string
  requestsPerSecond: number
  p50: number
  p99: number
  bytes: number
  errors: number
}

async function load(base: string, name: string, path: string): Promise<Load> {
  const first = await fetch(`${base}${path}`)
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}`)
  const bytes = (await first.arrayBuffer()).byteLength
  const r = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS })
  return {
    name,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytes,
    errors: r.errors + r.non2xx,
  }
}

async function measure(backend: string, target: StoreTarget): Promise<void> {
  const store = await openStore(target)
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-bench-'))
  const printer = new PdfPrinter()
  try {
    const t0 = performance.now()
    const { count, sample } = await fill(store)
    const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
    if (existsSync(NEIGHBOURS))
      await importNeighbours(ctx, { id: 'bench', role: 'administrator' }, readFileSync(NEIGHBOURS, 'utf8'), {
        skipBadRows: true,
      })
    await store.analyze()
    const fillSeconds = (performance.now() - t0) / 1000
    const app = createApp({ store, logger: createLogger('silent'), printer })
    const outer = express()
    outer.use('/bench-static', express.static(dir))
    outer.use(app)
    const server = outer.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const reportPath = `/assessments/${sample.id}`
      const reportBytes = (await (await fetch(`${base}${reportPath}`)).arrayBuffer()).byteLength
      writeFileSync(join(dir, 'same-size.html'), 'x'.repeat(reportBytes))
      const results = [
        await load(base, 'static file, same size as the report page', '/bench-static/same-size.html'),
        await load(base, 'report page', reportPath),
        await load(base, 'authority page', '/authorities/E09000020'),
        await load(base, 'search API (slac-2012, good)', '/api/v1/assessments?framework=slac-2012&level=good'),
      ]
      const staticRps = results[0]?.requestsPerSecond ?? 1
      console.log(
        `\nWeb service on ${backend}: ${count.toLocaleString('en-GB')} published assessments (SYNTHETIC: ${AUTHORITIES.filter(a => a.validTo === null).length} authorities × ${YEARS} years), filled in ${fillSeconds.toFixed(1)} s; ${CONNECTIONS} connections, ${SECONDS} s each`,
      )
      console.log(
        'endpoint                                     req/s   p50 ms   p99 ms    bytes  errors  static ÷ this',
      )
      for (const r of results)
        console.log(
          `${r.name.padEnd(42)} ${r.requestsPerSecond.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.bytes).padStart(8)} ${String(r.errors).padStart(7)} ${(staticRps / r.requestsPerSecond).toFixed(1).padStart(13)}×`,
        )
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    await printer.close()
    if (target.kind === 'postgres' && target.schema)
      await sql.raw(`drop schema ${target.schema} cascade`).execute(store.db)
    await store.close()
  }
}

export async function benchWeb(): Promise<void> {
  await measure('PGlite (memory)', { kind: 'pglite', dataDir: null })
  const url = process.env.DATABASE_URL
  if (url) await measure('PostgreSQL', { kind: 'postgres', url, schema: `bench_web_${Date.now()}` })
}

if (process.argv[1]?.endsWith('web.ts')) await benchWeb()
