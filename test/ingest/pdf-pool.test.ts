import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/ingest/read.js'
import { inflatingPdf, textPdf } from '../support/pdf.js'
import { poolsClosedAfterAll } from './support.js'

const page = (n: number) => [`Page ${n} of a long report`, 'Children and families are supported by the council.']
const pages = (count: number) => Array.from({ length: count }, (_, i) => page(i + 1))
const pool = poolsClosedAfterAll()
// A pool's worker takes most of a second to start (it loads pdf.js and the reader), so tests whose limits agree and
// whose claims do not need a pool fresh share one. Its first PDF waits for its worker to start.
const roomy = pool(1, { pages: 5000, milliseconds: 60_000, megabytes: 1024 })
const slow = pool(1, { pages: 5000, milliseconds: 300, megabytes: 512 })

describe('reading PDFs in worker threads, within limits', () => {
  it('reads the text of a PDF off the main thread', async () => {
    const r = await readDocument('report.pdf', textPdf([['Inspection of a report'], ['Second page']]), roomy)
    expect(r).toMatchObject({ ok: true, format: 'pdf' })
    expect(r.ok && r.text).toContain('Inspection of a report')
  })

  it('refuses a PDF of more pages than the limit, naming both', async () => {
    const r = await readDocument(
      'big.pdf',
      textPdf(pages(40)),
      pool(1, { pages: 25, milliseconds: 30_000, megabytes: 512 }),
    )
    expect(r).toEqual({ ok: false, error: 'the PDF has 40 pages; the limit is 25', hash: expect.any(String) })
  })

  it('refuses a PDF whose streams inflate past the memory limit, which the heap limit alone let through', async () => {
    const tight = pool(1, { pages: 5000, milliseconds: 60_000, megabytes: 100 })
    const refused = {
      ok: false,
      error: "the PDF's streams inflate to 100 MB or more, the limit",
      hash: expect.any(String),
    }
    // One stream; one deflated twice over; one whose filter's name is spelt with an escape, or is not there at all
    // (as if it were an indirect object); three streams of one page, each under the limit.
    for (const bomb of [
      await inflatingPdf(200),
      await inflatingPdf(200, { twice: true }),
      await inflatingPdf(200, { filter: '/Fl#61teDecode' }),
      await inflatingPdf(200, { filter: '9 0 R' }),
      await inflatingPdf(40, { streams: 3 }),
    ])
      expect(await readDocument('bomb.pdf', bomb, tight)).toEqual(refused)
    // Under the limit, the same kind of stream is read (a page of spaces: no text), so the check is the limit's.
    expect(await readDocument('spaces.pdf', await inflatingPdf(50), tight)).toMatchObject({
      ok: false,
      error: 'the PDF has no text layer (a scanned image?); it needs OCR first',
    })
  })

  it('ends a reading that takes longer than the limit, and the next PDF is read by a fresh worker', async () => {
    const r = await readDocument('slow.pdf', textPdf(pages(3000)), slow)
    expect(r).toMatchObject({ ok: false, error: 'reading the PDF took longer than 0.3 s, the limit' })
    const next = await readDocument('small.pdf', textPdf([['A small report of one page']]), slow)
    expect(next).toMatchObject({ ok: true })
  })

  it('reads the largest waiting PDF first, and answers each with its own text', async () => {
    const marks = ['one', 'sixty', 'twenty']
    const files = [1, 60, 20].map((n, i) => textPdf([[`Report ${marks[i]}`, ...page(1)], ...pages(n - 1)]))
    const done: string[] = []
    const read = pool(1)
    const outcomes = await Promise.all(
      files.map(async (f, i) => {
        const r = await readDocument(`${i}.pdf`, f, read)
        done.push(marks[i] as string)
        return r
      }),
    )
    expect(done).toEqual(['sixty', 'twenty', 'one'])
    expect(outcomes.map((r, i) => r.ok && r.text.includes(`Report ${marks[i]}`))).toEqual([true, true, true])
  })

  it('reads the PDF sent after one that runs over the limit, in a fresh worker', async () => {
    const [over, next] = await Promise.all([
      readDocument('slow.pdf', textPdf(pages(3000)), slow),
      readDocument('small.pdf', textPdf([['A small report of one page']]), slow),
    ])
    expect(over).toMatchObject({ ok: false, error: 'reading the PDF took longer than 0.3 s, the limit' })
    expect(next).toMatchObject({ ok: true })
  })

  it('keeps the event loop free while a 3,000-page PDF is read', async () => {
    let worst = 0
    let last = performance.now()
    const tick = setInterval(() => {
      const now = performance.now()
      worst = Math.max(worst, now - last)
      last = now
    }, 20)
    const r = await readDocument('long.pdf', textPdf(pages(3000)), roomy)
    clearInterval(tick)
    expect(r).toMatchObject({ ok: true, format: 'pdf' })
    // Reading it takes seconds; the main thread never waited more than a fraction of one.
    expect(worst).toBeLessThan(1000)
  })
})
