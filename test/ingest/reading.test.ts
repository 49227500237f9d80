import { describe, expect, it } from 'vitest'
import { AUTHORITIES, AuthorityIndex, getFramework } from '../../src/domain/index.js'
import { readDocument } from '../../src/ingest/read.js'
import { extractRead, readReport } from '../../src/ingest/reading.js'
import { textPdf } from '../support/pdf.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { INDEX, poolsClosedAfterAll } from './support.js'

const pool = poolsClosedAfterAll()

/** A seed printed as a plain PDF, 50 lines a page (in ASCII: the test PDF's font has no other characters). */
function seedPdf(prefix: string): Uint8Array {
  const ascii = seed(prefix)
    .toString('utf8')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e\t\n]/g, ' ')
  const lines = ascii.split('\n')
  return textPdf(Array.from({ length: Math.ceil(lines.length / 50) }, (_, i) => lines.slice(i * 50, i * 50 + 50)))
}

describe.runIf(SEEDS_PRESENT)('a PDF read and extracted in a worker thread', () => {
  it('gives what reading its text on the main thread gives, with the framework and authority of this thread', async () => {
    const p = pool(1)
    const pdf = seedPdf('001')
    const inWorker = await readReport('letter.pdf', pdf, INDEX, p)
    const here = extractRead('letter.pdf', await readDocument('letter.pdf', pdf, p), INDEX)
    expect(inWorker.extraction?.authority).not.toBeNull()
    expect(inWorker).toEqual(here)
    const e = inWorker.extraction
    if (e?.detection.kind !== 'supported') throw new Error('the letter was not recognised')
    expect(e.framework).toBe(getFramework(e.detection.frameworkId))
    expect(e.authority).toBe(INDEX.byCode(e.authority?.code ?? ''))
    // What the worker sent back carries no framework: it was not looked up on the main thread's side of the pool.
    expect((await p.document('letter.pdf', pdf, INDEX.authorities)).extraction?.framework).toBeNull()
  })

  it('matches the authority against the list it is given, not one a worker was given before', async () => {
    const p = pool(1)
    const pdf = seedPdf('001')
    const first = await readReport('letter.pdf', pdf, INDEX, p)
    const code = first.extraction?.authority?.code
    expect(code).toBeTruthy()
    const without = new AuthorityIndex(AUTHORITIES.filter(a => a.code !== code))
    const again = await readReport('letter.pdf', pdf, without, p)
    expect(again.extraction?.authority).toBeNull()
    expect(again.extraction?.findings.map(f => f.message)).toContain(
      'No authority named in the document was recognised.',
    )
    expect((await readReport('letter.pdf', pdf, INDEX, p)).extraction?.authority?.code).toBe(code)
  })
})

describe('the limits of a PDF read and extracted in a worker', () => {
  const page = (n: number) => [`Page ${n} of a long report`, 'Children and families are supported by the council.']
  const pages = (count: number) => Array.from({ length: count }, (_, i) => page(i + 1))

  it('refuses a PDF of more pages than the limit, naming both', async () => {
    const r = await readReport(
      'big.pdf',
      textPdf(pages(40)),
      INDEX,
      pool(1, { pages: 25, milliseconds: 30_000, megabytes: 512 }),
    )
    expect(r).toEqual({
      read: { ok: false, error: 'the PDF has 40 pages; the limit is 25', hash: expect.any(String) },
      extraction: null,
    })
  })

  it('ends a reading that takes longer than the limit, and the next is read by a fresh worker', async () => {
    const slow = pool(1, { pages: 5000, milliseconds: 1000, megabytes: 512 })
    const r = await readReport('slow.pdf', textPdf(pages(3000)), INDEX, slow)
    expect(r.read).toMatchObject({ ok: false, error: 'reading the PDF took longer than 1 s, the limit' })
    const next = await readReport('small.pdf', textPdf([['A small page of text, not a report']]), INDEX, slow)
    expect(next.read).toMatchObject({ ok: true, format: 'pdf' })
    expect(next.extraction?.detection.kind).toBe('not-a-report')
  })

  it('reads text and HTML on this thread, without a worker', async () => {
    const closed = pool(1)
    await closed.close()
    const r = await readReport(
      'page.html',
      new TextEncoder().encode('<html><p>Not a report at all</p></html>'),
      INDEX,
      closed,
    )
    expect(r.read).toMatchObject({ ok: true, format: 'html', text: 'Not a report at all' })
  })
})
