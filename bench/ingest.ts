// Ingestion throughput: documents/s and MB/s for text and PDF, and full ingestion against reading alone.
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { authorityIndex, ingestFile } from '../src/app/ingest.js'
import { type Actor, AUTHORITIES } from '../src/domain/index.js'
import { readDocument } from '../src/ingest/read.js'
import { launchChromium } from '../src/lib/chromium.js'
import { openStore } from '../src/store/store.js'

const SEEDS = new URL('../../shared/seeds/', import.meta.url)
const TEXTS = Number(process.env.BENCH_TEXTS ?? 1000)
const PDFS = Number(process.env.BENCH_PDFS ?? 1000)
const actor: Actor = { id: 'bench', role: 'administrator' }

/** Seed letters with their authority and date changed: synthetic documents for timing only, never stored anywhere else. */
function corpus(count: number): { name: string; text: string }[] {
  const seeds = readdirSync(SEEDS)
    .filter(f => f.endsWith('.txt'))
    .sort()
    .map(f => readFileSync(new URL(f, SEEDS), 'utf8'))
  const names: Record<number, string> = {
    0: 'Kensington and Chelsea',
    1: 'Kensington and Chelsea',
    2: 'Kensington and Chelsea',
    3: 'Kingston upon Thames',
    4: 'Kent',
  }
  const targets = AUTHORITIES.filter(a => a.validFrom === null && a.validTo === null && a.type !== 'county')
  return Array.from({ length: count }, (_, i) => {
    const k = i % seeds.length
    const target = targets[Math.floor(i / seeds.length) % targets.length]?.name ?? 'Barnet'
    const day = String(1 + (Math.floor(i / (seeds.length * targets.length)) % 28))
    const text = (seeds[k] ?? '')
      .replace(new RegExp(names[k] ?? '', 'gi'), target)
      .replace(/\b(\d{1,2})( (?:November|December) (?:2006|2007|2008|2009))/, `${day}$2`)
      .replace('Published:** 29 May 2012', `Published:** ${day} May 2012`)
    return { name: `synthetic-${i}.txt`, text }
  })
}

async function measure(label: string, docs: { name: string; bytes: Uint8Array }[]) {
  const megabytes = docs.reduce((n, d) => n + d.bytes.length, 0) / 1024 / 1024
  let t0 = performance.now()
  for (const d of docs) await readDocument(d.name, d.bytes)
  const readSeconds = (performance.now() - t0) / 1000
  const store = await openStore({ kind: 'pglite', dataDir: null })
  const ctx = { store, now: () => new Date(), newId: randomUUID }
  let failed = 0
  t0 = performance.now()
  const authorities = await authorityIndex(ctx)
  for (const d of docs) if (!(await ingestFile(ctx, actor, d, { authorities })).ok) failed++
  const ingestSeconds = (performance.now() - t0) / 1000
  const stored = await store.assessments.count()
  await store.close()
  console.log(
    `${label.padEnd(5)} ${String(docs.length).padStart(5)} docs ${megabytes.toFixed(1).padStart(6)} MB | read only: ${(docs.length / readSeconds).toFixed(1).padStart(7)} docs/s ${(megabytes / readSeconds).toFixed(2).padStart(6)} MB/s | full ingestion: ${(docs.length / ingestSeconds).toFixed(1).padStart(6)} docs/s ${(megabytes / ingestSeconds).toFixed(2).padStart(6)} MB/s | full/read time ${(ingestSeconds / readSeconds).toFixed(1)}× | ${stored} assessments, ${failed} failed`,
  )
}

export async function benchIngest(): Promise<void> {
  const texts = corpus(TEXTS)
  console.log(`\nIngestion (PGlite in memory; synthetic variants of the five seeds)`)
  await measure(
    'text',
    texts.map(d => ({ name: d.name, bytes: Buffer.from(d.text) })),
  )
  if (PDFS === 0) return
  const browser = await launchChromium()
  const page = await browser.newPage()
  const pdfs: { name: string; bytes: Uint8Array }[] = []
  for (const d of corpus(PDFS)) {
    await page.setContent(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>pre{white-space:pre-wrap;font:9pt/1.35 sans-serif}</style></head><body><pre>${d.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`,
    )
    pdfs.push({ name: d.name.replace('.txt', '.pdf'), bytes: await page.pdf({ format: 'A4' }) })
  }
  await browser.close()
  await measure('pdf', pdfs)
}
