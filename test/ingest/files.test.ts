import { describe, expect, it } from 'vitest'
import { MAX_DOCUMENT_BYTES, readDocument } from '../../src/ingest/read.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { read } from './support.js'

const bytes = (s: string) => Buffer.from(s, 'utf8')

describe('reading files', () => {
  it('names what is wrong with a file that is not a readable report', async () => {
    expect(await readDocument('a.txt', Buffer.alloc(0))).toMatchObject({ ok: false, error: 'the file is empty' })
    expect(await readDocument('a.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]))).toMatchObject({
      ok: false,
      error: 'the file is binary, not text, HTML or PDF',
    })
    // An HTML page saved under a .pdf name is read as the page it is; ingestion then says whether it is a report.
    expect(await readDocument('a.pdf', bytes('<!DOCTYPE html><html><body>Page not found</body></html>'))).toMatchObject(
      { ok: true, format: 'html', text: 'Page not found', htmlNamedPdf: true },
    )
    expect(await readDocument('a.pdf', bytes('just words'))).toMatchObject({
      ok: false,
      error: 'the file is named .pdf but is not a PDF',
    })
    expect(await readDocument('a.pdf', bytes('%PDF-1.7\n1 0 obj << >> endobj\n'))).toMatchObject({
      ok: false,
      error: 'the PDF is truncated (it has no end-of-file marker)',
    })
    expect(await readDocument('a.pdf', bytes('%PDF-1.7\nnonsense\n%%EOF\n'))).toMatchObject({ ok: false })
    const big = Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x41)
    expect(await readDocument('a.txt', big)).toMatchObject({
      ok: false,
      error: 'the file is too large (50.0 MB; the limit is 50 MB)',
    })
  })

  it('reads HTML as text, blocks as lines and cells as tabs', async () => {
    const r = await readDocument(
      'a.html',
      bytes('<html><body><h1>Title</h1><p>One &amp; two</p><table><tr><td>A</td><td>3</td></tr></table></body></html>'),
    )
    expect(r).toMatchObject({ ok: true, format: 'html' })
    if (r.ok) expect(r.text.split('\n').filter(Boolean)).toEqual(['Title', 'One & two', 'A\t3'])
  })

  it.runIf(SEEDS_PRESENT)('reads a report saved as an HTML page under a .pdf name as the report it is', async () => {
    const text = seed('002').toString('utf8')
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
    const page = await readDocument(
      'report.pdf',
      bytes(`<!DOCTYPE html><html><body><pre>${escaped}</pre></body></html>`),
    )
    expect(page).toMatchObject({ ok: true, format: 'html', htmlNamedPdf: true })
    const fromPage = read(page.ok ? page.text : '')
    const fromText = read(text)
    expect(fromPage.framework?.id).toBe('slac-2012')
    expect(fromPage.judgements.map(j => [j.areaId, j.grade])).toEqual(fromText.judgements.map(j => [j.areaId, j.grade]))
  })

  it('reads Windows-1252 text that is not UTF-8', async () => {
    const r = await readDocument('a.txt', Buffer.from([0x93, 0x47, 0x6f, 0x6f, 0x64, 0x94, 0x0a]))
    expect(r).toMatchObject({ ok: true, text: '“Good”\n' })
  })

  it('says a document is not a report, or names the kind it recognised but does not support', () => {
    expect(read('Shopping list\n\neggs\nmilk\n').detection).toEqual({
      kind: 'not-a-report',
      reason: 'no assessment letter or inspection report structure was recognised',
    })
    const apa2005 = read(
      '12 December 2005\n\nDear Ms Smith\n\n2005 ANNUAL PERFORMANCE ASSESSMENT OF EDUCATION AND CHILDREN’S SOCIAL CARE SERVICES IN KENT COUNTY COUNCIL\n',
    )
    expect(apa2005.detection).toEqual({
      kind: 'unsupported',
      recognised: 'an annual performance assessment letter for 2005; supported years: 2006, 2007, 2008',
    })
    const cp = read(
      '# Inspection of local authority arrangements for the protection of children\n\nCroydon\n\n## Overall effectiveness\n\nGrade 3 (Adequate)\n',
    )
    expect(cp.detection).toMatchObject({ kind: 'unsupported' })
    expect(cp.judgements).toEqual([])
  })

  it.runIf(SEEDS_PRESENT)(
    'a later report in the 2012 layout with areas the framework lacks: graded areas read, the rest reported',
    () => {
      const text = seed('002')
        .toString('utf8')
        .replace('### Overall effectiveness\n\n**Grade 2 (Good)**', '### Early help\n\n**Grade 3 (Adequate)**')
      const e = read(text)
      expect(e.findings.map(f => f.message)).toContain(
        '"Grade 3 (Adequate)" is printed under "Early help", which is not a judgement area of slac-2012; it was not recorded.',
      )
      // The safeguarding overall grade still comes from the record of main findings.
      expect(e.judgements.find(j => j.areaId === 'safeguarding.overall-effectiveness')?.grade).toBe(2)
    },
  )
})
