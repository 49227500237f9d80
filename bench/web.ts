// The web service under load (issue 15, "pages near static speed"): a store holding the real corpus, published, plus
// the SYNTHETIC national record and profile data; the report, authority and profile pages and the search API, each
// beside a static file of its own size served by the same process; what-if, which is never cached, on its own.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Context } from '../src/app/assessments.js'
import { importData } from '../src/app/data-import.js'
import { ingestBatch } from '../src/app/ingest.js'
import { generateSynthetic, SYNTHETIC_DEFAULTS, SYNTHETIC_ORDER, type SyntheticFiles } from '../src/app/synthetic.js'
import type { Actor } from '../src/domain/index.js'
import { PdfPool } from '../src/ingest/pdf-pool.js'
import type { StoreTarget } from '../src/store/connection.js'
import type { Store } from '../src/store/store.js'
import {
  addRecord,
  describeRecord,
  type Load,
  load,
  median,
  ms,
  n0,
  rate,
  SAMPLE_AUTHORITY,
  SECONDS,
  table,
  timed,
  withService,
} from './record.js'

const REPORTS = new URL('../../shared/corpus/reports/', import.meta.url)
const admin: Actor = { id: 'bench', role: 'administrator' }
const PROFILE = `/authorities/${SAMPLE_AUTHORITY}/profile?year=2009`
const WHAT_IF = '/api/v1/profiles/what-if?data=2009&rules=2009&without=settings-block'

/** How many of the corpus's reports to ingest (all unless BENCH_CORPUS says fewer, for a quick run). */
const CORPUS = Number(process.env.BENCH_CORPUS ?? Number.POSITIVE_INFINITY)
const seconds = (t0: number) => (performance.now() - t0) / 1000

/** The corpus ingested and published by an administrator's trusted import, read ahead through the pool. */
async function ingestCorpus(ctx: Context, pool: PdfPool): Promise<string> {
  if (!existsSync(REPORTS)) return 'no corpus (../shared/corpus/reports is absent: skipped)'
  const names = readdirSync(REPORTS).sort().slice(0, CORPUS)
  const t0 = performance.now()
  const outcomes = await ingestBatch(ctx, admin, names, name => new Uint8Array(readFileSync(new URL(name, REPORTS))), {
    publish: true,
    pool,
  })
  const failed = outcomes.filter(o => !o.ok).length
  return `${names.length} corpus reports ingested and published in ${seconds(t0).toFixed(1)} s (${names.length - failed} stored, ${failed} failed)`
}

/** The profile's SYNTHETIC national dataset through the same checked import as any file. */
async function importProfile(ctx: Context, files: SyntheticFiles): Promise<string> {
  const t0 = performance.now()
  let rows = 0
  for (const kind of SYNTHETIC_ORDER) {
    const r = await importData(ctx, admin, kind, files[kind], { fileName: `synthetic-${kind}.csv` })
    if (r.errors.length) throw new Error(`${kind}: ${r.errors.slice(0, 3).join('; ')}`)
    rows += r.imported
  }
  return `${n0(rows)} rows of SYNTHETIC profile data imported in ${seconds(t0).toFixed(1)} s`
}

/** The report page to load: the sample authority's latest report read from the corpus, else its synthetic one. */
async function reportPage(store: Store, synthetic: string): Promise<string> {
  const real = (await store.assessments.list({ authorityCode: SAMPLE_AUTHORITY, status: 'published' }))
    .filter(a => a.origin === 'ingested')
    .sort((a, b) => (b.dates.published ?? '').localeCompare(a.dates.published ?? ''))[0]
  return `/assessments/${real?.id ?? synthetic}`
}

interface Row extends Load {
  /** The requests/s of a static file of this page's size, measured just before it (null for the static rows). */
  staticRps: number | null
  /** The first request's time and the median of the three, each the first after a change. */
  cold: readonly number[] | null
  goal: string
  met: boolean | null
}

const yes = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : 'NOT met')

function measure(backend: string, target: StoreTarget, pool: PdfPool, files: SyntheticFiles) {
  return withService(target, async ({ store, ctx, base, dir, inspector }) => {
    const corpus = await ingestCorpus(ctx, pool)
    const profile = await importProfile(ctx, files)
    const t0 = performance.now()
    const sample = await addRecord(store, 0, 1)
    await store.analyze()
    const record = `${describeRecord()} filled in ${seconds(t0).toFixed(1)} s`
    const report = await reportPage(store, sample.id)
    const pages = [
      { name: 'report page `/assessments/:id`', path: report },
      { name: `authority page \`/authorities/${SAMPLE_AUTHORITY}\``, path: `/authorities/${SAMPLE_AUTHORITY}` },
      {
        name: 'search API `/api/v1/assessments?framework=slac-2012&level=good`',
        path: '/api/v1/assessments?framework=slac-2012&level=good',
      },
      { name: `profile page \`${PROFILE}\``, path: PROFILE },
    ]
    // Cold: the first request of each page after a change to the store (three changes; the median).
    const cold = new Map<string, number[]>()
    for (let round = 0; round < 3; round++) {
      await inspector.change()
      for (const p of pages) cold.set(p.path, [...(cold.get(p.path) ?? []), await timed(`${base}${p.path}`)])
    }
    // Each page beside a static file of its own size, served by the same process just before it.
    const rows: Row[] = []
    for (const [i, p] of pages.entries()) {
      const pageBytes = (await (await fetch(`${base}${p.path}`)).arrayBuffer()).byteLength
      writeFileSync(join(dir, `same-size-${i}.html`), 'x'.repeat(pageBytes))
      const staticLoad = await load(base, `static file, ${n0(pageBytes)} bytes`, `/bench-static/same-size-${i}.html`)
      const l = await load(base, p.name, p.path)
      const times = cold.get(p.path) ?? []
      const coldMs = median(times)
      const share = l.requestsPerSecond / staticLoad.requestsPerSecond
      const compared = { ...l, staticRps: staticLoad.requestsPerSecond, cold: times }
      rows.push({ ...staticLoad, staticRps: null, cold: null, goal: '0 errors', met: staticLoad.errors === 0 })
      rows.push(
        p.path === PROFILE
          ? { ...compared, goal: 'cold < 100 ms, 0 errors', met: coldMs < 100 && l.errors === 0 }
          : p.path.startsWith('/api/')
            ? { ...compared, goal: '0 errors', met: l.errors === 0 }
            : {
                ...compared,
                goal: `≥ 50% of static req/s (${(100 * share).toFixed(0)}%), p99 < 50 ms, 0 errors`,
                met: share >= 0.5 && l.p99 < 50 && l.errors === 0,
              },
      )
    }
    // What-if is staff only and never cached: single requests one after another, then ten at once.
    const single: number[] = []
    for (let i = 0; i < 5; i++) single.push(await timed(`${base}${WHAT_IF}`, inspector.headers))
    const whatIf = median(single)
    const under = await load(base, 'what-if API, 10 requests at once (staff, never cached)', WHAT_IF, {
      connections: 10,
      amount: 10,
      timeout: 60,
      headers: inspector.headers,
    })
    rows.push({
      ...under,
      staticRps: null,
      cold: single,
      goal: 'single request (median of 5) < 500 ms, 0 errors',
      met: whatIf < 500 && under.errors === 0,
    })
    console.log(`\nWeb service on ${backend}: ${corpus}; ${record}; ${profile}. 50 connections, ${SECONDS} s each`)
    console.log('Each endpoint follows a static file of its own size, served by the same process just before it.')
    console.log(
      '"cold ms": the very first request / the median of three, each the first just after a change to the store (what-if: the first / the median of five single requests)\n',
    )
    table(
      [
        'store',
        'endpoint',
        'req/s',
        'p50 ms',
        'p99 ms',
        'bytes',
        'errors',
        'static of its size ÷ this',
        'cold ms: first / median',
        'goal',
        '',
      ],
      rows.map(r => [
        backend,
        r.name,
        rate(r.requestsPerSecond),
        String(r.p50),
        String(r.p99),
        n0(r.bytes),
        String(r.errors),
        r.staticRps && r.requestsPerSecond ? `${(r.staticRps / r.requestsPerSecond).toFixed(1)}×` : '—',
        r.cold === null ? '—' : `${ms(r.cold[0] ?? 0)} / ${ms(median(r.cold))}`,
        r.goal,
        yes(r.met),
      ]),
      [false, false, true, true, true, true, true, true, true, false, false],
    )
  })
}

export async function benchWeb(): Promise<void> {
  const files = generateSynthetic(SYNTHETIC_DEFAULTS)
  const pool = new PdfPool(availableParallelism())
  // BENCH_STORES=postgres (or pglite) measures one store only: PGlite's fill alone takes minutes.
  const only = process.env.BENCH_STORES
  try {
    if (only !== 'postgres') await measure('PGlite', { kind: 'pglite', dataDir: null }, pool, files)
    const url = process.env.DATABASE_URL
    if (only === 'pglite') return
    if (url) await measure('PostgreSQL', { kind: 'postgres', url, schema: `bench_web_${Date.now()}` }, pool, files)
    else console.log('\nWeb service on PostgreSQL: skipped (set DATABASE_URL to compare)')
  } finally {
    await pool.close()
  }
}

if (process.argv[1]?.endsWith('web.ts')) await benchWeb()
