// Ingests the real corpus (../shared/corpus/reports) once into a new embedded store, for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx scripts/profile-ingest.ts [workers] [mode]
// mode: "ingest" (the default: ingestBatch, reading ahead through the pool), "extract" (the PDFs' text alone, through
// the pool), or "store" (every file read first, then each stored alone, so that storing is timed by itself, in CPU
// time as well as in time, which a loaded machine stretches). With QUERIES=1, the time each kind of statement took is
// printed too.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { PGlite } from '@electric-sql/pglite'
import { authorityIndex, ingestBatch, ingestFile } from '../src/app/ingest.js'
import { PdfPool } from '../src/ingest/pdf-pool.js'
import { readReport } from '../src/ingest/reading.js'
import { openStore } from '../src/store/store.js'

const REPORTS = new URL('../../shared/corpus/reports/', import.meta.url)
const workers = Number(process.argv[2] ?? 2)
const mode = process.argv[3] ?? 'ingest'

const statements = new Map<string, { n: number; ms: number; cpu: number }>()
if (process.env.QUERIES) {
  const query = PGlite.prototype.query
  PGlite.prototype.query = async function (this: PGlite, ...args: Parameters<typeof query>) {
    const t = performance.now()
    const c = process.cpuUsage()
    try {
      return await query.apply(this, args)
    } finally {
      const key = String(args[0]).replace(/\s+/g, ' ').slice(0, 80)
      const s = statements.get(key) ?? { n: 0, ms: 0, cpu: 0 }
      const used = process.cpuUsage(c)
      s.n++
      s.ms += performance.now() - t
      s.cpu += (used.user + used.system) / 1000
      statements.set(key, s)
    }
  } as typeof query
}

const names = readdirSync(REPORTS)
  .sort()
  .slice(0, Number(process.env.LIMIT ?? Infinity))
const files = names.map(n => new Uint8Array(readFileSync(new URL(n, REPORTS))))
const pool = new PdfPool(workers)
await Promise.all(Array.from({ length: workers }, () => pool.read(files[0] as Uint8Array)))
const store = await openStore({ kind: 'pglite', dataDir: process.env.STORE_DIR ?? null })
const ctx = { store, now: () => new Date(), newId: randomUUID }
const actor = { id: 'profile', role: 'administrator' } as const
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1)
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from)
  return ((used.user + used.system) / 1e6).toFixed(1)
}
let failed = 0
if (mode === 'extract') {
  const t0 = performance.now()
  failed = (await Promise.all(files.map(f => pool.read(f)))).filter(o => !o.ok).length
  console.log(`extraction, ${workers} worker(s): ${seconds(t0)} s; ${failed} failed`)
} else if (mode === 'store') {
  const index = await authorityIndex(ctx)
  const t0 = performance.now()
  const readings = await Promise.all(names.map((n, i) => readReport(n, files[i] as Uint8Array, index, pool)))
  console.log(`reading and extraction, ${workers} worker(s): ${seconds(t0)} s`)
  statements.clear()
  // With PROFILE=FILE, a CPU profile of the storing alone is written to FILE.
  const profiler = process.env.PROFILE ? new (await import('node:inspector/promises')).Session() : null
  if (profiler) {
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.start')
  }
  const t1 = performance.now()
  const c1 = process.cpuUsage()
  const delay = monitorEventLoopDelay({ resolution: 5 })
  delay.enable()
  for (const [i, name] of names.entries()) {
    const o = await ingestFile(
      ctx,
      actor,
      { name, bytes: files[i] as Uint8Array },
      { authorities: index, reading: readings[i] },
    )
    if (!o.ok) failed++
  }
  delay.disable()
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop')
    ;(await import('node:fs')).writeFileSync(process.env.PROFILE as string, JSON.stringify(profile))
  }
  console.log(`storing alone: ${seconds(t1)} s, ${cpuSeconds(c1)} s of CPU; ${failed} failed`)
  const ms = (ns: number) => (ns / 1e6).toFixed(0)
  console.log(
    `the event loop held meanwhile: mean ${ms(delay.mean)} ms, 90th percentile ${ms(delay.percentile(90))} ms, max ${ms(delay.max)} ms`,
  )
} else {
  const t0 = performance.now()
  const outcomes = await ingestBatch(ctx, actor, names, (_, i) => files[i] as Uint8Array, { pool })
  failed = outcomes.filter(o => !o.ok).length
  console.log(`ingestion, ${workers} worker(s): ${seconds(t0)} s; ${failed} failed`)
}
console.log(`${await store.assessments.count()} assessments stored`)
if (process.env.SIZES) {
  const { sql } = await import('kysely')
  const r = await sql<Record<string, string>>`select
    (select sum(length(details::text)) from assessments) as details,
    (select sum(length(text)) from documents) as text,
    (select sum(length(after::text)) from audit_log) as audit_after,
    (select sum(length(readings::text) + length(narrative)) from judgements) as judgements,
    (select pg_total_relation_size('documents')) as documents_bytes,
    (select pg_total_relation_size('audit_log')) as audit_bytes,
    (select pg_total_relation_size('assessments')) as assessments_bytes`.execute(store.db)
  console.log(r.rows[0])
}
if (statements.size) console.log('   time    CPU   count statement')
for (const [sql, s] of [...statements].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 20))
  console.log(
    `${(s.ms / 1000).toFixed(2).padStart(7)} ${(s.cpu / 1000).toFixed(2).padStart(6)} ${String(s.n).padStart(6)}× ${sql}`,
  )
await store.close()
await pool.close()
