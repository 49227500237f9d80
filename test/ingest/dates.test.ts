import { describe, expect, it } from 'vitest'
import { AUTHORITIES, AuthorityIndex, EMPTY_DATES, getFramework } from '../../src/domain/index.js'
import { dateInFileName } from '../../src/ingest/dates.js'
import { extract, withPublicationFromFileName } from '../../src/ingest/extract.js'

describe('a date in a file name', () => {
  it('is read as Ofsted names its files, and only as a real date', () => {
    expect(dateInFileName("80418_norfolk_children's_services_inspection_-_18_may_2026.pdf")).toBe('2026-05-18')
    expect(dateInFileName('/srv/uploads/Report 7 July 2026.pdf')).toBe('2026-07-07')
    expect(dateInFileName('report-31_february_2020.pdf')).toBeUndefined()
    expect(dateInFileName('report.pdf')).toBeUndefined()
    expect(dateInFileName('80418_report_2026.pdf')).toBeUndefined()
  })

  const index = new AuthorityIndex(AUTHORITIES)
  /** What the reader found in a report of a framework dated by publication. */
  const report = (published: string | null) => ({
    ...extract('', '0'.repeat(64), index),
    framework: getFramework('ilacs-2018'),
    dates: { ...EMPTY_DATES, inspectionStart: '2026-02-02', inspectionEnd: '2026-02-13', published },
  })

  it('becomes the publication date only where the report prints none, marked as from the file name', () => {
    const e = report(null)
    const named = withPublicationFromFileName(e, '/tmp/x/80418_norfolk_-_18_may_2026.pdf')
    expect(named.dates.published).toBe('2026-05-18')
    expect(named.provenance['dates.published']).toEqual({
      kind: 'file-name',
      fileName: '80418_norfolk_-_18_may_2026.pdf',
    })
    // Never a date before the inspection ended, and never over a printed one.
    expect(withPublicationFromFileName(e, 'x_-_1_january_2026.pdf').dates.published).toBeNull()
    expect(withPublicationFromFileName(report('2026-03-20'), 'x_-_18_may_2026.pdf').dates.published).toBe('2026-03-20')
    // A letter is dated by its letter: a file name's date is not needed, and not taken.
    const letter = { ...e, framework: getFramework('apa-2008') }
    expect(withPublicationFromFileName(letter, 'x_-_18_may_2026.pdf').dates.published).toBeNull()
  })
})
