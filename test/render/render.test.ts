import { afterAll, describe, expect, it } from 'vitest'
import { AUTHORITIES, getFramework, ValidationError } from '../../src/domain/index.js'
import { readDocument } from '../../src/ingest/read.js'
import { PdfPrinter } from '../../src/render/pdf.js'
import { renderHtml, renderText } from '../../src/render/render.js'
import { APA_ALL_GOOD, draftWith } from '../domain/support.js'
import { read } from '../ingest/support.js'
import { chromiumAvailable } from '../support/chromium.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { assessmentOf, structured } from './support.js'

const nameOf = (code: string) => AUTHORITIES.find(a => a.code === code)?.name ?? code

describe('rendering', () => {
  it('marks every draft as a draft and nothing about it as published', () => {
    const draft = draftWith('apa-2007', APA_ALL_GOOD)
    const f = getFramework('apa-2007')
    expect(renderText(draft, f, 'Kensington and Chelsea').split('\n')[0]).toBe('DRAFT – NOT FOR PUBLICATION')
    const html = renderHtml(draft, f, 'Kensington and Chelsea')
    expect(html).toMatch(/<title>DRAFT – /)
    expect(html).toMatch(/class="draft-mark[^"]*">Draft – not for publication</)
    // Printed, the mark is fixed to the page, so it repeats on every page.
    expect(html).toMatch(/@media print \{[\s\S]*\.draft-mark \{ position: fixed/)
  })

  it.runIf(SEEDS_PRESENT)('prints no publication date on a draft report', () => {
    const published = assessmentOf(read(seed('002').toString('utf8')))
    const f = getFramework('slac-2012')
    expect(renderText(published, f, 'Kensington and Chelsea')).toMatch(/^Published: 29 May 2012$/m)
    const draft = { ...published, status: 'draft' as const }
    expect(renderText(draft, f, 'Kensington and Chelsea')).not.toMatch(/Published/)
  })

  it('refuses an assessment missing a grade its framework requires, naming it', () => {
    const partial = draftWith('slac-2012', { 'safeguarding.overall-effectiveness': 2 })
    try {
      renderText(partial, getFramework('slac-2012'), 'Kensington and Chelsea')
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError)
      expect((e as ValidationError).message).toMatch(/21 grade\(s\) that slac-2012 requires are missing/)
      expect((e as ValidationError).problems).toContain('Safeguarding services: Capacity for improvement has no grade')
    }
  })

  it('writes accessible HTML: language, a title, table headers with scope', () => {
    const a = draftWith('apa-2008', APA_ALL_GOOD, 'E09000021')
    const html = renderHtml(a, getFramework('apa-2008'), 'Kingston upon Thames')
    expect(html).toMatch(/<html lang="en"/)
    expect(html).toMatch(/<th scope="col" class="govuk-table__header">APA grade<\/th>/)
    expect(html).toMatch(
      /<th scope="row" class="govuk-table__header">Being healthy<\/th><td class="govuk-table__cell">3<\/td>/,
    )
  })
})

it('without Chromium, a PDF request gets a message saying what to install', async () => {
  const printer = new PdfPrinter('/nonexistent/chromium')
  await expect(printer.print('<p>x</p>')).rejects.toThrow(
    'PDF output needs Chromium at /nonexistent/chromium; install it with "apt-get install -y chromium". HTML and text output work without it.',
  )
})

describe.runIf(SEEDS_PRESENT && chromiumAvailable('PDF rendering test'))('PDF output', () => {
  const printer = new PdfPrinter()
  afterAll(() => printer.close())

  it('prints DRAFT on every page of a draft', async () => {
    const a = { ...assessmentOf(read(seed('002').toString('utf8'))), status: 'draft' as const }
    const pdf = await printer.print(renderHtml(a, getFramework(a.frameworkId), nameOf(a.authorityCode)))
    const { getDocumentProxy } = await import('unpdf')
    const doc = await getDocumentProxy(new Uint8Array(pdf))
    expect(doc.numPages).toBeGreaterThan(3)
    for (let p = 1; p <= doc.numPages; p++) {
      const content = await (await doc.getPage(p)).getTextContent()
      const text = content.items.map((i: { str?: string }) => i.str ?? '').join(' ')
      expect(text, `page ${p}`).toMatch(/Draft – not for publication/)
    }
  })

  // Two-column tables whose cells wrap are read line by line from a PDF, so their columns interleave: the
  // strengths tables are compared through the HTML round trip, everything else here.
  const withoutTables = (x: ReturnType<typeof structured>) => ({
    ...x,
    judgements: x.judgements.map(j => j.slice(0, 3)),
  })

  for (const prefix of ['000', '001', '002', '003', '004'])
    it(`seed ${prefix}: the rendered PDF, read back, gives the same grades, recommendations, dates and people`, async () => {
      const a = assessmentOf(read(seed(prefix).toString('utf8')))
      const pdf = await printer.print(renderHtml(a, getFramework(a.frameworkId), nameOf(a.authorityCode)))
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      const back = await readDocument('r.pdf', pdf)
      if (!back.ok) throw new Error(back.error)
      expect(withoutTables(structured(read(back.text)))).toEqual(withoutTables(structured(a)))
    })
})
