// The real corpus: the 233 published PDFs of ../shared/corpus/reports, read on one core and on every core, and
// ingested whole, all in this one run.
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
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

export async function extractAll(workers: number, files: Uint8Array[]): Promise<number> {
  const pool = await startedPool(workers, files[0] as Uint8Array)
  const t0 = performance.now()
  const outcomes = await Promise.all(files.map(f => pool.read(f)))
  const seconds = (performance.now() - t0) / 1000
  await pool.close()
  const failed = outcomes.filter(o => !o.ok).length
  if (failed) console.log(`  ${failed} PDFs not read with ${workers} worker(s)`)
  return seconds
}

/**
 * The whole batch ingested into a new embedded store on disk, as `inspectorate ingest` stores into the service's data
 * directory, read ahead through a pool of `workers`. (A store in memory costs more: its files grow by copying.)
 */
export async function ingestAll(workers: number, names: string[], files: Uint8Array[]) {
  const pool = await startedPool(workers, files[0] as Uint8Array)
  const dataDir = mkdtempSync(join(tmpdir(), 'inspectorate-bench-'))
  const store = await openStore({ kind: 'pglite', dataDir })
  const ctx = { store, now: () => new Date(), newId: randomUUID }
  const t0 = performance.now()
  const outcomes = await ingestBatch(ctx, actor, names, (_, i) => files[i] as Uint8Array, { pool })
  const seconds = (performance.now() - t0) / 1000
  const stored = await store.assessments.count()
  await store.close()
  await pool.close()
  rmSync(dataDir, { recursive: true, force: true })
  return { seconds, stored, failed: outcomes.filter(o => !o.ok).length }
}

/** The corpus's file names, in order, and their bytes; null when the corpus is absent. */
export function corpusFiles(): { names: string[]; bytes: Uint8Array[] } | null {
  if (!existsSync(REPORTS)) return null
  const names = readdirSync(REPORTS).sort()
  return { names, bytes: names.map(n => new Uint8Array(readFileSync(new URL(n, REPORTS)))) }
}

type OneCore = { extraction: number; full: Awaited<ReturnType<typeof ingestAll>> }

/**
 * Extraction and full ingestion with one worker in a process that has one core (taskset), as on a one-core machine:
 * in this process, one worker still has the other core for V8's collector threads and the main thread.
 */
function onOneCore(): OneCore | string {
  try {
    const out = execFileSync(
      'taskset',
      ['-c', '0', process.execPath, ...process.execArgv, new URL('./corpus-one-core.ts', import.meta.url).pathname],
      { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    return JSON.parse(out) as OneCore
  } catch (e) {
    return `not measured (${(e as Error).message.split('\n')[0]})`
  }
}

export async function benchCorpus(): Promise<void> {
  const corpus = corpusFiles()
  if (!corpus) {
    console.log('\nCorpus: skipped (../shared/corpus/reports is absent)')
    return
  }
  const { names, bytes } = corpus
  const megabytes = bytes.reduce((n, b) => n + b.length, 0) / 1024 / 1024
  const cores = availableParallelism()
  // The machine's load says how far the times (not their ratios) can be compared with another run's.
  console.log(
    `\nCorpus: ${names.length} real PDFs, ${megabytes.toFixed(1)} MB, ${cores} cores (load average ${loadavg()[0]?.toFixed(1)}); node ${process.execArgv.filter(a => a.startsWith('--') && !a.startsWith('--import')).join(' ') || '(no flags)'}`,
  )
  const pinned = onOneCore()
  const one = await extractAll(1, bytes)
  const every = await extractAll(cores, bytes)
  const fullOne = await ingestAll(1, names, bytes)
  const full = await ingestAll(cores, names, bytes)
  const rate = (s: number) => `${(names.length / s).toFixed(1)} files/s`
  const stored = (r: typeof full) => `${r.stored} assessments, ${r.failed} failed`
  const times = (a: number, b: number) => `${(a / b).toFixed(2)}×`
  if (typeof pinned === 'string') console.log(`one core (taskset -c 0): ${pinned}`)
  else {
    console.log(
      `text extraction alone, 1 worker on 1 core:  ${pinned.extraction.toFixed(1)} s (${rate(pinned.extraction)})`,
    )
    console.log(
      `full ingestion, 1 worker on 1 core:         ${pinned.full.seconds.toFixed(1)} s (${rate(pinned.full.seconds)}); ${stored(pinned.full)}`,
    )
  }
  console.log(`text extraction alone, 1 worker, ${cores} cores:  ${one.toFixed(1)} s (${rate(one)})`)
  console.log(
    `full ingestion (read, detect, extract, store in PGlite), 1 worker, ${cores} cores: ${fullOne.seconds.toFixed(1)} s (${rate(fullOne.seconds)}); ${stored(fullOne)}`,
  )
  console.log(`text extraction alone, ${cores} workers:      ${every.toFixed(1)} s (${rate(every)})`)
  console.log(
    `full ingestion, ${cores} workers:             ${full.seconds.toFixed(1)} s (${rate(full.seconds)}); ${stored(full)}`,
  )
  const versus = (label: string, extraction: number, ingestion: number) =>
    console.log(
      `  ${cores} cores against ${label}: extraction ${times(extraction, every)}, full ingestion ${times(ingestion, full.seconds)}`,
    )
  if (typeof pinned !== 'string') versus('1 worker on 1 core', pinned.extraction, pinned.full.seconds)
  versus(`1 worker with ${cores} cores`, one, fullOne.seconds)
  console.log(`  full ingestion ÷ extraction alone, ${cores} workers: ${times(full.seconds, every)}`)
}
