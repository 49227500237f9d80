// What the web benchmarks share: the SYNTHETIC national record, filled fast; a server to load; timing requests.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import express from 'express'
import { sql } from 'kysely'
import type { Context } from '../src/app/assessments.js'
import { importNeighbours } from '../src/app/neighbours.js'
import { addUser, createToken } from '../src/app/users.js'
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

export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
/** The national record: every current authority, YEARS years from 2006, PER_YEAR published assessments a year. */
export const YEARS = Number(process.env.BENCH_YEARS ?? 20)
export const PER_YEAR = Number(process.env.BENCH_PER_YEAR ?? 10)
export const CURRENT = AUTHORITIES.filter(a => a.validTo === null)
export const RECORD = CURRENT.length * YEARS * PER_YEAR
export const SAMPLE_AUTHORITY = 'E09000020'
export const describeRecord = (copies = 1) =>
  `${(RECORD * copies).toLocaleString('en-GB')} SYNTHETIC published assessments (${CURRENT.length} authorities × ${YEARS} years × ${PER_YEAR * copies} a year, every graded area graded)`

/** The framework in force in a year (editions follow from the dates). */
export const frameworkOf = (year: number) =>
  year <= 2008
    ? `apa-${Math.max(2006, year)}`
    : year <= 2011
      ? 'rating-2009'
      : year === 2012
        ? 'slac-2012'
        : year <= 2017
          ? 'sif-2013'
          : 'ilacs-2018'

const inspector: Actor = { id: 'bench', role: 'inspector' }
const NOW = new Date('2026-01-01T00:00:00Z')
const two = (n: number) => String(n).padStart(2, '0')

/**
 * Each framework's assessment with every graded area graded, and each area's judgement at every point of the scale,
 * all made by the domain (so levels come from the scale as they would for an inspector's grades).
 */
const templates = new Map(
  [...new Set(Array.from({ length: YEARS }, (_, y) => frameworkOf(2006 + y)))].map(id => {
    const f = getFramework(id)
    const points = pointsBestFirst(f.scale)
    const graded = f.areas.filter(x => x.grade !== 'none')
    const blank = createAssessment({ id: randomUUID(), framework: f, authorityCode: SAMPLE_AUTHORITY }, inspector, NOW)
    const at = points.map(p =>
      graded.reduce((a, area) => recordJudgement(a, f, { areaId: area.id, grade: p.value }, inspector, NOW), blank),
    )
    return [id, { f, template: at[0] as Assessment, at: at.map(a => a.judgements) }]
  }),
)

/**
 * One copy of the record (copy 0, 1, …): each authority's assessments of every year, each graded in every graded
 * area by a pseudo-random sequence seeded by the copy, so that every copy differs and every run is the same.
 */
function* copyOf(copy: number): Generator<Assessment> {
  let seed = 42 + copy
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31
    return seed / 2 ** 31
  }
  for (const authority of CURRENT)
    for (let y = 0; y < YEARS; y++)
      for (let k = 0; k < PER_YEAR; k++) {
        const year = 2006 + y
        const { f, template, at } = templates.get(frameworkOf(year)) as NonNullable<ReturnType<typeof templates.get>>
        const date = `${year}-${two(1 + ((k + copy) % 12))}-${two(1 + ((copy * PER_YEAR + k) % 28))}`
        yield {
          ...template,
          id: randomUUID(),
          authorityCode: authority.code,
          dates: { ...template.dates, [f.dateOfRecord]: date },
          judgements: template.judgements.map((j, i) => at[Math.floor(next() * at.length)]?.[i] ?? j),
          status: 'published',
        }
      }
}

/**
 * Adds copies `from` to `to` - 1 of the record, two thousand assessments to a transaction through the repository's
 * multi-row insert (the next batch is made while one is stored); returns the sample authority's first one added.
 */
export async function addRecord(store: Store, from: number, to: number): Promise<Assessment> {
  let sample: Assessment | undefined
  let batch: Assessment[] = []
  let storing: Promise<void> = Promise.resolve()
  const flush = async () => {
    await storing
    const these = batch
    batch = []
    storing = store.transaction(tx => tx.assessments.insertMany(these))
  }
  for (let copy = from; copy < to; copy++)
    for (const a of copyOf(copy)) {
      if (!sample && a.authorityCode === SAMPLE_AUTHORITY) sample = a
      batch.push(a)
      if (batch.length >= 2000) await flush()
    }
  await flush()
  await storing
  if (!sample) throw new Error('no sample assessment')
  return sample
}

/**
 * An inspector with an API token (staff pages and the API are built for each request, never cached), and a way to
 * change the store: each change writes an audit entry, so the next request of every public page is built afresh.
 */
export async function benchInspector(ctx: Context) {
  const admin: Actor = { id: 'bench-admin', role: 'administrator' }
  const user = await addUser(ctx, admin, {
    email: `bench-${ctx.newId()}@example.org`,
    name: 'Bench Inspector',
    role: 'inspector',
    authorityCode: null,
    password: 'a long bench password',
  })
  const actor: Actor = { id: user.id, role: 'inspector' }
  const { token } = await createToken(ctx, actor, { name: 'bench' })
  return {
    headers: { authorization: `Bearer ${token}` },
    /** A change to the store (a token made, audited): every kept page is stale after it. */
    change: () => createToken(ctx, actor, { name: 'bench change' }),
  }
}

const NEIGHBOURS = new URL('../../shared/data/la-lookup.csv', import.meta.url)

export interface Service {
  store: Store
  ctx: Context
  base: string
  /** The folder served at /bench-static by the same process. */
  dir: string
  inspector: Awaited<ReturnType<typeof benchInspector>>
}

/**
 * A new store holding the statistical neighbours (where ../shared has them), served by `createApp` beside a static
 * folder in the same process, with a bench inspector; after `work`, everything is closed and the schema dropped.
 */
export async function withService<T>(target: StoreTarget, work: (s: Service) => Promise<T>): Promise<T> {
  const store = await openStore(target)
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-bench-'))
  const printer = new PdfPrinter()
  const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
  try {
    if (existsSync(NEIGHBOURS))
      await importNeighbours(ctx, { id: 'bench', role: 'administrator' }, readFileSync(NEIGHBOURS, 'utf8'), {
        skipBadRows: true,
      })
    const inspector = await benchInspector(ctx)
    const outer = express()
    outer.use('/bench-static', express.static(dir))
    outer.use(createApp({ store, logger: createLogger('silent'), printer }))
    const server = outer.listen(0, '127.0.0.1')
    await new Promise(resolve => server.once('listening', resolve))
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      return await work({ store, ctx, base, dir, inspector })
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  } finally {
    await printer.close()
    rmSync(dir, { recursive: true, force: true })
    if (target.kind === 'postgres' && target.schema)
      await sql.raw(`drop schema ${target.schema} cascade`).execute(store.db)
    await store.close()
  }
}

export interface Load {
  name: string
  requestsPerSecond: number
  p50: number
  p99: number
  bytes: number
  errors: number
}

/** One request's time in ms; refused unless it answers 200. */
export async function timed(url: string, headers: Record<string, string> = {}): Promise<number> {
  const t = performance.now()
  const r = await fetch(url, { headers })
  const body = await r.arrayBuffer()
  if (r.status !== 200) throw new Error(`${url} answered ${r.status}: ${Buffer.from(body).toString().slice(0, 200)}`)
  return performance.now() - t
}

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/**
 * autocannon against one path for `seconds`, or until `amount` requests are answered (after one request, which must
 * answer 200); requests per second are those answered over the time taken.
 */
export async function load(
  base: string,
  name: string,
  path: string,
  options: {
    connections?: number
    seconds?: number
    amount?: number
    /** Seconds a request may take before it counts as an error (autocannon's default: 10). */
    timeout?: number
    headers?: Record<string, string>
  } = {},
): Promise<Load> {
  const first = await fetch(`${base}${path}`, { headers: options.headers ?? {} })
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}`)
  const bytes = (await first.arrayBuffer()).byteLength
  const r = await autocannon({
    url: `${base}${path}`,
    connections: options.connections ?? 50,
    duration: options.seconds ?? SECONDS,
    ...(options.amount ? { amount: options.amount } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
    headers: options.headers ?? {},
  })
  return {
    name,
    requestsPerSecond: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    bytes,
    errors: r.errors + r.non2xx + r.timeouts,
  }
}

/** A markdown table: the header row, its alignment row and the rows, each cell padded. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly boolean[]) {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  console.log(line(header))
  console.log(line(header.map((_, i) => (right[i] ? '---:' : '---'))))
  for (const r of rows) console.log(line(r))
}

export const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0))
export const n0 = (x: number) => Math.round(x).toLocaleString('en-GB')
/** A rate: whole numbers, but one decimal below 10 (what-if answers about one request a second). */
export const rate = (x: number) => (x < 10 ? x.toFixed(1) : n0(x))
