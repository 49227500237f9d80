// The real corpus: the 233 published PDFs of ../shared/corpus/reports, read on one core and on every core, and
// ingested whole, all in this one run.
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { ingestBatch } from '../src/app/ingest.js'
import type { Actor } from '../src/domain/index.js'
import { PdfPool } from '../src/ingest/pdf-pool.js'
import { openStore } from '../src/store/store.js'

const REPORTS = new URL('../../shared/corpus/reports/', import.meta.url)
const actor: Actor = { id: 'bench', role: 'administrator' }

/** A pool of `workers`, started (a first, small PDF each) so that their start-up is not counted as reading. */
async function startedPool(workers: number, first: Uint8Array): Promise<PdfPool> {
  const pool = new PdfPool(workers)
  await Promise.all(Array.from({ length: workers }, () => pool.read(first)))
  return pool
}

async function extractAll(workers: number, files: Uint8Array[]): Promise<number> {
  const pool = await startedPool(workers, files[0] as Uint8Array)
  const t0 = performance.now()
  const outcomes = await Promise.all(files.map(f => pool.read(f)))
  const seconds = (performance.now() - t0) / 1000
  await pool.close()
  const failed = outcomes.filter(o => !o.ok).length
  if (failed) console.log(`  ${failed} PDFs not read with ${workers} worker(s)`)
  return seconds
}

/** The whole batch ingested into a new embedded store, read ahead through a pool of `workers`. */
async function ingestAll(workers: number, names: string[], files: Uint8Array[]) {
  const pool = await startedPool(workers, files[0] as Uint8Array)
  const store = await openStore({ kind: 'pglite', dataDir: null })
  const ctx = { store, now: () => new Date(), newId: randomUUID }
  const t0 = performance.now()
  const outcomes = await ingestBatch(ctx, actor, names, (_, i) => files[i] as Uint8Array, { pool })
  const seconds = (performance.now() - t0) / 1000
  const stored = await store.assessments.count()
  await store.close()
  await pool.close()
  return { seconds, stored, failed: outcomes.filter(o => !o.ok).length }
}

export async function benchCorpus(): Promise<void> {
  if (!existsSync(REPORTS)) {
    console.log('\nCorpus: skipped (../shared/corpus/reports is absent)')
    return
  }
  const names = readdirSync(REPORTS).sort()
  const bytes = names.map(n => new Uint8Array(readFileSync(new URL(n, REPORTS))))
  const megabytes = bytes.reduce((n, b) => n + b.length, 0) / 1024 / 1024
  const cores = availableParallelism()
  // The machine's load says how far the times (not their ratios) can be compared with another run's.
  console.log(
    `\nCorpus: ${names.length} real PDFs, ${megabytes.toFixed(1)} MB, ${cores} cores (load average ${loadavg()[0]?.toFixed(1)})`,
  )
  const one = await extractAll(1, bytes)
  const every = await extractAll(cores, bytes)
  const fullOne = await ingestAll(1, names, bytes)
  const full = await ingestAll(cores, names, bytes)
  const rate = (s: number) => `${(names.length / s).toFixed(1)} files/s`
  const stored = (r: typeof full) => `${r.stored} assessments, ${r.failed} failed`
  console.log(`text extraction alone, 1 worker:        ${one.toFixed(1)} s (${rate(one)})`)
  console.log(
    `text extraction alone, ${cores} workers:       ${every.toFixed(1)} s (${rate(every)}); ${(one / every).toFixed(2)}× on ${cores} cores`,
  )
  console.log(
    `full ingestion (read, detect, extract, store in PGlite), 1 worker: ${fullOne.seconds.toFixed(1)} s (${rate(fullOne.seconds)}); ${stored(fullOne)}`,
  )
  console.log(
    `full ingestion, ${cores} workers: ${full.seconds.toFixed(1)} s (${rate(full.seconds)}); ${(fullOne.seconds / full.seconds).toFixed(2)}× on ${cores} cores; ${(full.seconds / every).toFixed(2)}× extraction alone; ${stored(full)}`,
  )
}
