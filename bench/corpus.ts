// The real corpus: the 233 published PDFs of ../shared/corpus/reports, read on one core and on every core, and
// ingested whole, all in this one run.
import { randomUUID } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { ingestBatch } from '../src/app/ingest.js'
import type { Actor } from '../src/domain/index.js'
import { PdfPool } from '../src/ingest/pdf-pool.js'
import { openStore } from '../src/store/store.js'

const REPORTS = new URL('../../shared/corpus/reports/', import.meta.url)
const actor: Actor = { id: 'bench', role: 'administrator' }

async function extractAll(workers: number, files: Uint8Array[]): Promise<number> {
  const pool = new PdfPool(workers)
  // A first, small PDF starts the workers, so that their start-up is not counted as reading.
  await Promise.all(Array.from({ length: workers }, () => pool.read(files[0] as Uint8Array)))
  const t0 = performance.now()
  const outcomes = await Promise.all(files.map(f => pool.read(f)))
  const seconds = (performance.now() - t0) / 1000
  await pool.close()
  const failed = outcomes.filter(o => !o.ok).length
  if (failed) console.log(`  ${failed} PDFs not read with ${workers} worker(s)`)
  return seconds
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
  console.log(`\nCorpus: ${names.length} real PDFs, ${megabytes.toFixed(1)} MB, ${cores} cores`)
  const one = await extractAll(1, bytes)
  const every = await extractAll(cores, bytes)
  const store = await openStore({ kind: 'pglite', dataDir: null })
  const ctx = { store, now: () => new Date(), newId: randomUUID }
  const t0 = performance.now()
  const byName = new Map(names.map((n, i) => [n, bytes[i] as Uint8Array]))
  const outcomes = await ingestBatch(ctx, actor, names, n => byName.get(n) as Uint8Array)
  const full = (performance.now() - t0) / 1000
  const stored = await store.assessments.count()
  await store.close()
  const rate = (s: number) => `${(names.length / s).toFixed(1)} files/s`
  console.log(`text extraction alone, 1 worker:        ${one.toFixed(1)} s (${rate(one)})`)
  console.log(
    `text extraction alone, ${cores} workers:       ${every.toFixed(1)} s (${rate(every)}); ${(one / every).toFixed(2)}× on ${cores} cores`,
  )
  console.log(
    `full ingestion (read, detect, extract, store in PGlite): ${full.toFixed(1)} s (${rate(full)}); ${(full / every).toFixed(2)}× extraction alone; ${stored} assessments, ${outcomes.filter(o => !o.ok).length} failed`,
  )
}
