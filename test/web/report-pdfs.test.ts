import { describe, expect, it } from 'vitest'
import type { Assessment } from '../../src/domain/index.js'
import type { PdfPrinter } from '../../src/render/pdf.js'
import { PrintingBusyError, ReportPdfs } from '../../src/web/report-pdfs.js'

/** A printer that counts its prints and finishes each when told to (no browser needed). */
function fakePrinter() {
  const pending: (() => void)[] = []
  let prints = 0
  const printer = {
    print: async (html: string) => {
      prints++
      await new Promise<void>(resolve => pending.push(resolve))
      return Buffer.from(`pdf of ${html}`)
    },
  } as unknown as PdfPrinter
  const finish = () => {
    for (const f of pending.splice(0)) f()
  }
  return { printer, prints: () => prints, finish }
}

const assessment = (id: string, status: Assessment['status']) => ({ id, version: 3, status }) as Assessment
const settle = () => new Promise(resolve => setTimeout(resolve, 10))

describe('report PDFs through a bounded queue with a cache (issue 11, point 7)', () => {
  it('prints a published report once for many simultaneous requests, and keeps it', async () => {
    const p = fakePrinter()
    const pdfs = new ReportPdfs(p.printer)
    const a = assessment('a', 'published')
    const all = Array.from({ length: 20 }, () => pdfs.pdf(a, () => 'report a'))
    await settle()
    p.finish()
    const results = await Promise.all(all)
    expect(new Set(results.map(r => r.toString()))).toEqual(new Set(['pdf of report a']))
    expect((await pdfs.pdf(a, () => 'report a')).toString()).toBe('pdf of report a')
    expect(p.prints()).toBe(1)
  })

  it('prints a few at a time, lets a few wait, and refuses the rest with 503 instead of queuing without end', async () => {
    const p = fakePrinter()
    const pdfs = new ReportPdfs(p.printer, { atOnce: 1, waiting: 2, kept: 10 })
    const drafts = ['d1', 'd2', 'd3'].map(id => pdfs.pdf(assessment(id, 'draft'), () => id))
    await settle()
    await expect(pdfs.pdf(assessment('d4', 'draft'), () => 'd4')).rejects.toBeInstanceOf(PrintingBusyError)
    expect(p.prints()).toBe(1)
    for (let i = 0; i < 3; i++) {
      p.finish()
      await settle()
    }
    expect((await Promise.all(drafts)).map(b => b.toString())).toEqual(['pdf of d1', 'pdf of d2', 'pdf of d3'])
    // A draft may change: it is printed afresh each time.
    const again = pdfs.pdf(assessment('d1', 'draft'), () => 'd1')
    await settle()
    p.finish()
    await again
    expect(p.prints()).toBe(4)
  })
})
