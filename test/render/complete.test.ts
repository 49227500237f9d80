import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  AUTHORITIES,
  addRecommendation,
  areasFor,
  createAssessment,
  FRAMEWORKS,
  type Framework,
  printsOf,
  printsOfArea,
  printsProgress,
  recordJudgement,
  sign,
  updateDetails,
  withDueDates,
} from '../../src/domain/index.js'
import { renderText } from '../../src/render/render.js'
import { inspector, qa } from '../domain/support.js'
import { read } from '../ingest/support.js'
import { FIXTURE_ID } from '../support/fixture-framework.js'
import { structured, WRITTEN_AT } from './support.js'

const AUTHORITY = AUTHORITIES.find(a => a.code === 'E09000020')?.name ?? ''

/**
 * An assessment written from scratch with everything its framework's layout prints entered, each field carrying a
 * word of its own (returned beside it), so that a test can find every one of them in the printed report.
 */
function writtenInFull(f: Framework, options: { numbered?: boolean; sections?: boolean } = {}) {
  const prints = printsOf(f)
  const words = new Map<string, string>()
  const word = (field: string) => {
    // Letters only: a person's name with a digit in it is not read as a name.
    const n = words.size
    const w = `Word${field.replace(/[^A-Za-z]/g, '')}${String.fromCharCode(97 + (n % 26))}${String.fromCharCode(97 + Math.floor(n / 26))}`
    words.set(field, w)
    return w
  }
  const day = `${f.year}-06-10`
  let a = createAssessment({ id: randomUUID(), framework: f, authorityCode: 'E09000020' }, inspector, WRITTEN_AT)
  a = updateDetails(
    a,
    f,
    f.dateOfRecord === 'letter'
      ? { dates: { letter: day } }
      : { dates: { inspectionStart: `${f.year}-04-10`, inspectionEnd: `${f.year}-04-20`, published: day } },
    inspector,
    WRITTEN_AT,
  )
  const areas = areasFor(f, a)
  // Strengths where the reader can tell whose they are: a table row names its area, an outcome's.
  const listed = areas.find(
    x => x.role !== 'overall' && x.grade !== 'none' && x.id !== 'social-care' && printsOfArea(f, x.id).strengths,
  )
  for (const area of areas) {
    const point = f.scale.points[0]?.value ?? 1
    a = recordJudgement(
      a,
      f,
      {
        areaId: area.id,
        ...(area.grade === 'none' ? {} : { grade: point }),
        ...(printsOfArea(f, area.id).narrative
          ? { narrative: `Plans are reviewed with families and ${word(`narrative ${area.id}`)} teams.` }
          : {}),
        ...(area === listed ? { strengths: [`Partners ${word('strength')} plans.`] } : {}),
        ...(area === listed ? { areasForDevelopment: [`Reviews ${word('development')} support.`] } : {}),
      },
      inspector,
      WRITTEN_AT,
    )
  }
  const sections = options.sections ?? true
  a = updateDetails(
    a,
    f,
    {
      ...(prints.addressee
        ? {
            addressee: { name: 'Ms Ada Quill', title: `Director of ${word('title')}`, organisation: AUTHORITY },
          }
        : {}),
      ...(prints.addressLines ? { addressLines: [`${word('address')} House`, 'Hornton Street'] } : {}),
      ...(prints.values.has('salutation') ? { salutation: `Dear ${word('salutation')}` } : {}),
      ...(prints.values.has('inspector.name')
        ? { reportingInspector: { name: `Ruth ${word('inspector')}`, title: 'HMI', organisation: null } }
        : {}),
      ...(sections && prints.values.has('summary') ? { summary: `Services ${word('summary')} improve.` } : {}),
      ...(sections && prints.values.has('about')
        ? { about: `The inspection ${word('about')} looked at cases.\n\nInspectors ${word('about2')} met staff.` }
        : {}),
      ...(sections && prints.values.has('serviceInformation')
        ? { serviceInformation: `The council ${word('service')} has two teams.` }
        : {}),
      ...(options.numbered && prints.numbered ? { numberedParagraphs: true } : {}),
    },
    inspector,
    WRITTEN_AT,
  )
  const progress = f.timescales.find(t => printsProgress(f, t.id))
  if (progress)
    a = addRecommendation(
      a,
      f,
      {
        id: 'r1',
        areaId: areas[0]?.id ?? null,
        text: `Improve the ${word('recommendation')} plans.`,
        timescaleId: progress.id,
        progress: `Good progress ${word('progress')} made.`,
      },
      inspector,
      WRITTEN_AT,
    )
  if (prints.signatories)
    a = sign(
      a,
      f,
      { name: 'Juliet Winstanley', title: `Divisional ${word('signatory')}`, organisation: 'Ofsted' },
      qa,
      WRITTEN_AT,
    )
  // Due dates are derived, as they are whenever the date of record changes.
  return { a: withDueDates({ ...a, status: 'published' }, f), words }
}

describe('a report written from scratch prints everything entered', () => {
  // Not the fixture framework, whichever file registered it: its year is still to come, and a date entered may not be.
  for (const f of FRAMEWORKS.filter(x => x.id !== FIXTURE_ID))
    it(`${f.id}: every field its layout prints is printed, and read back as entered`, () => {
      const { a, words } = writtenInFull(f)
      const text = renderText(a, f, 'Kensington and Chelsea')
      const missing = [...words].filter(([, w]) => !text.includes(w)).map(([field]) => field)
      expect(missing).toEqual([])
      expect(structured(read(text))).toEqual(structured(a))
    })

  it('prints the letter’s salutation as written, and none where none was written', () => {
    const f = FRAMEWORKS.find(x => x.id === 'apa-2007') as Framework
    const { a } = writtenInFull(f)
    const written = updateDetails({ ...a, status: 'draft' }, f, { salutation: 'Dear Ms Carrie' }, inspector, WRITTEN_AT)
    expect(written.addressee?.name).toBe('Ms Ada Quill')
    expect(renderText(written, f, 'Kensington and Chelsea')).toMatch(/^Dear Ms Carrie$/m)
    const none = updateDetails({ ...a, status: 'draft' }, f, { salutation: '' }, inspector, WRITTEN_AT)
    const text = renderText(none, f, 'Kensington and Chelsea')
    expect(text).not.toMatch(/^Dear/m)
    // Without a salutation the addressee is still read from the letter: the block below its date.
    expect(read(text).addressee).toEqual(none.addressee)
  })

  for (const id of ['slac-2012', 'lac-2013'])
    it(`${id}: the contents list names only the sections there are; paragraphs are numbered when asked`, () => {
      const f = FRAMEWORKS.find(x => x.id === id) as Framework
      const bare = renderText(writtenInFull(f, { sections: false }).a, f, 'Kensington and Chelsea')
      expect(bare).not.toMatch(/Service information|About this inspection|^Summary$/m)
      // No sentence made from the figures: the service information is the inspector's, or none.
      expect(bare).not.toMatch(/There are \d+ /)
      const full = renderText(writtenInFull(f, { numbered: true }).a, f, 'Kensington and Chelsea')
      for (const heading of ['About this inspection', 'Service information', 'Summary'])
        expect(full.match(new RegExp(`^(?:- )?${heading}$`, 'gm'))?.length, heading).toBe(2)
      const numbers = [...full.matchAll(/^(\d+)\. /gm)].map(m => Number(m[1]))
      expect(numbers.length).toBeGreaterThan(5)
      expect(numbers).toEqual(numbers.map((_, i) => i + 1))
      expect(full).toMatch(/^1\. The inspection Word/m)
      expect(full).toMatch(/^3\. All inspection judgements are made/m)
    })
})
