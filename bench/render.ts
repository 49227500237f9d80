// Rendering: HTML and PDF time per report, and a batch of 150 PDFs printed by one browser.
import { readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { AUTHORITIES, AuthorityIndex, getFramework } from '../src/domain/index.js'
import { extract } from '../src/ingest/extract.js'
import { PdfPrinter } from '../src/render/pdf.js'
import { renderHtml } from '../src/render/render.js'
import { assessmentOf } from '../test/render/support.js'

const SEEDS = new URL('../../shared/seeds/', import.meta.url)
const BATCH = Number(process.env.BENCH_RENDERS ?? 150)

export async function benchRender(): Promise<void> {
  const index = new AuthorityIndex(AUTHORITIES)
  const reports = readdirSync(SEEDS)
    .filter(f => f.endsWith('.txt'))
    .sort()
    .map(f => {
      const a = assessmentOf(extract(readFileSync(new URL(f, SEEDS), 'utf8'), '0'.repeat(64), index))
      return { a, f: getFramework(a.frameworkId), name: index.byCode(a.authorityCode)?.name ?? a.authorityCode }
    })
  const batch = Array.from({ length: BATCH }, (_, i) => reports[i % reports.length] as (typeof reports)[number])

  let t0 = performance.now()
  const pages = batch.map(r => renderHtml(r.a, r.f, r.name))
  const htmlMs = (performance.now() - t0) / batch.length

  // One report with a browser started for it alone, as a naive renderer would do every time.
  t0 = performance.now()
  const alone = new PdfPrinter()
  await alone.print(pages[0] ?? '')
  await alone.close()
  const coldMs = performance.now() - t0

  const printer = new PdfPrinter()
  await printer.print(pages[0] ?? '')
  t0 = performance.now()
  for (const page of pages) await printer.print(page)
  const batchMs = performance.now() - t0
  await printer.close()

  console.log(`\nRendering (the five seed reports, repeated to ${BATCH})`)
  console.log(`HTML: ${htmlMs.toFixed(1)} ms per report`)
  console.log(`PDF, one report with its own browser: ${coldMs.toFixed(0)} ms`)
  console.log(
    `PDF, batch of ${BATCH} with one browser: ${(batchMs / 1000).toFixed(1)} s, ${(batchMs / BATCH).toFixed(0)} ms per report`,
  )
  console.log(
    `ratio per report, own browser / shared browser: ${(coldMs / (batchMs / BATCH)).toFixed(1)}×; PDF / HTML: ${(batchMs / BATCH / htmlMs).toFixed(0)}×`,
  )
}
