// Scale on paper (issue 15): how the cost of pages and search grows with the record, at 1×, 10× and 100× the
// SYNTHETIC national record, on PostgreSQL (and on PGlite at 1× when BENCH_SCALE_PGLITE=1). A scale whose fill would
// take longer than BENCH_FILL_LIMIT seconds is projected from the two largest measured, and printed as a projection.
import { performance } from 'node:perf_hooks'
import type { StoreTarget } from '../src/store/connection.js'
import {
  addRecord,
  describeRecord,
  load,
  median,
  ms,
  n0,
  RECORD,
  rate,
  SAMPLE_AUTHORITY,
  SECONDS,
  table,
  timed,
  withService,
} from './record.js'

const SCALES = (process.env.BENCH_SCALES ?? '1,10,100')
  .split(',')
  .map(Number)
  .filter(n => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b)
const FILL_LIMIT = Number(process.env.BENCH_FILL_LIMIT ?? 300)
const SEARCH = '/api/v1/assessments?framework=slac-2012&level=good'

/** What is measured at one size; every time in ms. */
interface Figures {
  scale: number
  assessments: number
  fillSeconds: number
  reportCold: number
  reportWarm: number
  authorityCold: number
  authorityWarm: number
  authorityBytes: number
  searchCold: number
  searchCached: number
  searchBuilt: number
  searchBuiltP99: number
  projected: boolean
}

type Measured = Omit<Figures, 'scale' | 'assessments' | 'fillSeconds' | 'projected'>

/** The median of `n` requests of a path, one after another. */
async function warm(url: string, n = 20): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < n; i++) times.push(await timed(url))
  return median(times)
}

/** Figures that are rates (more is better); every other figure is a cost (a time or a size). */
const RATES = new Set<keyof Measured>(['searchCached', 'searchBuilt'])

/**
 * Each figure of `b` carried to `scale` at the rate it grew from `a` to `b` (a power law through the two), assuming
 * that no cost falls and no rate rises as the record grows (what looks so between two sizes is noise).
 */
function project(a: Figures, b: Figures, scale: number, fillSeconds: number): Figures {
  const keys = Object.keys(b).filter(
    k => !['scale', 'assessments', 'fillSeconds', 'projected'].includes(k),
  ) as (keyof Measured)[]
  const grown = keys.map(k => {
    const power = Math.log(b[k] / a[k]) / Math.log(b.scale / a.scale)
    return [k, b[k] * (scale / b.scale) ** (RATES.has(k) ? Math.min(0, power) : Math.max(0, power))]
  })
  return {
    ...(Object.fromEntries(grown) as Measured),
    scale,
    assessments: RECORD * scale,
    fillSeconds,
    projected: true,
  }
}

async function measure(backend: string, target: StoreTarget, scales: readonly number[]): Promise<Figures[]> {
  const figures: Figures[] = []
  await withService(target, async ({ store, base, inspector }) => {
    let held = 0
    let fillRate = 0
    let report = ''
    for (const scale of scales) {
      const estimate = fillRate ? ((scale - held) * RECORD) / fillRate : 0
      // The two smallest sizes asked for are always measured; a larger one is projected if filling it would be long.
      const [a, b] = figures.filter(f => !f.projected).slice(-2)
      if (a && b && estimate > FILL_LIMIT) {
        figures.push(project(a, b, scale, estimate))
        continue
      }
      const t0 = performance.now()
      const sample = await addRecord(store, held, scale)
      await store.analyze()
      const fillSeconds = (performance.now() - t0) / 1000
      fillRate = ((scale - held) * RECORD) / fillSeconds
      held = scale
      report ||= `/assessments/${sample.id}`
      const authority = `/authorities/${SAMPLE_AUTHORITY}`
      // Cold: the first request of each after a change to the store (three changes, after one to warm up; the median).
      const cold = { report: [] as number[], authority: [] as number[], search: [] as number[] }
      for (let round = 0; round < 4; round++) {
        await inspector.change()
        const times = [
          await timed(`${base}${report}`),
          await timed(`${base}${authority}`),
          await timed(`${base}${SEARCH}`),
        ]
        if (round === 0) continue
        cold.report.push(times[0] as number)
        cold.authority.push(times[1] as number)
        cold.search.push(times[2] as number)
      }
      const seconds = Math.max(1, Math.round(SECONDS / 2))
      const cached = await load(base, 'search, cached', SEARCH, { seconds })
      const built = await load(base, 'search, built', SEARCH, { seconds, headers: inspector.headers })
      if (cached.errors || built.errors) console.log(`Scale ${scale}×: search errors ${cached.errors + built.errors}`)
      figures.push({
        scale,
        assessments: RECORD * scale,
        fillSeconds,
        reportCold: median(cold.report),
        reportWarm: await warm(`${base}${report}`),
        authorityCold: median(cold.authority),
        authorityWarm: await warm(`${base}${authority}`),
        authorityBytes: (await (await fetch(`${base}${authority}`)).arrayBuffer()).byteLength,
        searchCold: median(cold.search),
        searchCached: cached.requestsPerSecond,
        searchBuilt: built.requestsPerSecond,
        searchBuiltP99: built.p99,
        projected: false,
      })
    }
  })
  print(backend, figures)
  return figures
}

function print(backend: string, figures: readonly Figures[]): void {
  console.log(
    `\nScale on ${backend}: 1× is ${describeRecord()}; the sample authority's pages, cold (the median of three first requests, each just after a change to the store, after one more to warm up) and warm (kept: the median of 20 requests one after another); the search API cached (anonymous) and built for each request (with a staff token), 50 connections, ${Math.max(1, Math.round(SECONDS / 2))} s each${figures.some(f => f.projected) ? `. PROJECTION rows are not measured: each figure is carried from the two largest measured sizes at the rate it grew between them, and the fill time from the last fill's rate (filling it would exceed BENCH_FILL_LIMIT, ${FILL_LIMIT} s)` : ''}\n`,
  )
  table(
    [
      'scale',
      'assessments',
      'fill (s)',
      'report page cold ms',
      'warm ms',
      'authority page cold ms',
      'warm ms',
      'authority page KB',
      'search API cold ms',
      'search cached req/s',
      'search built req/s',
      'built p99 ms',
    ],
    figures.map(f => [
      `${f.projected ? 'PROJECTION ' : ''}${f.scale}×`,
      n0(f.assessments),
      f.fillSeconds.toFixed(0),
      ms(f.reportCold),
      ms(f.reportWarm),
      ms(f.authorityCold),
      ms(f.authorityWarm),
      n0(f.authorityBytes / 1024),
      ms(f.searchCold),
      rate(f.searchCached),
      rate(f.searchBuilt),
      n0(f.searchBuiltP99),
    ]),
    [false, true, true, true, true, true, true, true, true, true, true, true],
  )
  const [first, last] = [figures[0], figures.at(-1)]
  if (first && last && last !== first) {
    const times = last.scale / first.scale
    const by = (x: number, y: number) => `${(y / x).toFixed(1)}×`
    console.log(
      `\nFrom ${first.scale}× to ${last.scale}×${last.projected ? ' (projected)' : ''} (${times}× the assessments): report page cold ${by(first.reportCold, last.reportCold)}, authority page cold ${by(first.authorityCold, last.authorityCold)}, search cold ${by(first.searchCold, last.searchCold)}, search built req/s ${by(first.searchBuilt, last.searchBuilt)} as many`,
    )
  }
}

export async function benchScale(): Promise<void> {
  const url = process.env.DATABASE_URL
  if (url) await measure('PostgreSQL', { kind: 'postgres', url, schema: `bench_scale_${Date.now()}` }, SCALES)
  else console.log('\nScale: skipped on PostgreSQL (set DATABASE_URL)')
  if (process.env.BENCH_SCALE_PGLITE === '1') await measure('PGlite', { kind: 'pglite', dataDir: null }, [1])
}

if (process.argv[1]?.endsWith('scale.ts')) await benchScale()
