import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDocument } from '../../src/ingest/read.js'
import { chromiumAvailable, launchChromium } from '../support/chromium.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { read } from './support.js'

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The seed printed to an A4 PDF by Chromium, as a published report would be: long lines wrap, tabs become gaps. */
async function printToPdf(browser: Browser, text: string): Promise<Buffer> {
  const page = await browser.newPage()
  try {
    await page.setContent(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>body{margin:0}pre{white-space:pre-wrap;font:9pt/1.35 sans-serif;tab-size:6}</style></head><body><pre>${escapeHtml(text)}</pre></body></html>`,
    )
    return await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } })
  } finally {
    await page.close()
  }
}

/** What a person would copy out of the report: everything but provenance spans, which differ between the two files. */
function facts(e: ReturnType<typeof read>) {
  return {
    framework: e.framework?.id,
    authority: e.authority?.code,
    dates: e.dates,
    addressee: e.addressee,
    signatories: e.signatories,
    reportingInspector: e.reportingInspector,
    judgements: e.judgements.map(j => [
      j.areaId,
      j.grade,
      j.level,
      j.strengths,
      j.areasForDevelopment,
      j.readings.map(r => [r.printed, r.value]),
    ]),
    recommendations: e.recommendations.map(r => [r.areaId, r.timescaleId, r.text, r.progress]),
    figures: e.figures.map(f => [f.key, f.value]),
  }
}

describe.runIf(SEEDS_PRESENT && chromiumAvailable('PDF ingestion test'))('reading PDFs of the seeds', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => browser?.close())

  for (const prefix of ['000', '001', '002', '003', '004'])
    it(`seed ${prefix}: the PDF gives the same result as the text`, async () => {
      const text = seed(prefix).toString('utf8')
      const pdf = await printToPdf(browser, text)
      const r = await readDocument(`${prefix}.pdf`, pdf)
      if (!r.ok) throw new Error(r.error)
      expect(r.format).toBe('pdf')
      expect(facts(read(r.text))).toEqual(facts(read(text)))
    })
})
