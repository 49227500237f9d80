import { describe, expect, it } from 'vitest'
import {
  AssessmentSchema,
  addRecommendation,
  detailsProblems,
  FRAMEWORKS,
  getFramework,
  printsOf,
  printsOfArea,
  printsProgress,
  recordDocument,
  recordJudgement,
  refreshFromDocument,
  updateDetails,
  ValidationError,
} from '../../src/domain/index.js'
import { admin, draftWith, inspector, NOW } from './support.js'

describe('the details a person writes', () => {
  it('an assessment stored before them reads with none written', () => {
    const NEW = ['addressLines', 'salutation', 'about', 'serviceInformation', 'numberedParagraphs']
    const older = Object.fromEntries(Object.entries(draftWith('apa-2007', {})).filter(([k]) => !NEW.includes(k)))
    expect(AssessmentSchema.parse(older)).toMatchObject({
      addressLines: [],
      salutation: '',
      about: '',
      serviceInformation: '',
      numberedParagraphs: false,
    })
  })

  it('keeps a letter’s addressee, address and salutation as written, each marked as entered', () => {
    const f = getFramework('apa-2007')
    const a = updateDetails(
      draftWith('apa-2007', {}),
      f,
      {
        addressee: {
          name: 'Mrs Anne Marie Carrie',
          title: 'Executive Director',
          organisation: 'Royal Borough of Kensington and Chelsea',
        },
        addressLines: ['Town Hall', 'Hornton Street'],
        salutation: '  Dear Ms Carrie ',
      },
      inspector,
      NOW,
    )
    expect(a.addressLines).toEqual(['Town Hall', 'Hornton Street'])
    // As written: not made from the addressee's name ("Dear Mrs Carrie").
    expect(a.salutation).toBe('Dear Ms Carrie')
    expect(a.provenance.salutation).toEqual({ kind: 'entered', by: inspector.id, at: NOW.toISOString() })
    expect(a.provenance.addressLines?.kind).toBe('entered')
  })

  it('keeps a 2012 report’s sections and its numbered paragraphs', () => {
    const f = getFramework('slac-2012')
    const a = updateDetails(
      draftWith('slac-2012', {}),
      f,
      {
        about: 'The inspection.\n\nThe evidence.',
        serviceInformation: 'The borough has 38 schools.',
        numberedParagraphs: true,
        reportingInspector: { name: 'Stephen Hart', title: 'HMI', organisation: null },
      },
      inspector,
      NOW,
    )
    expect(a).toMatchObject({
      about: 'The inspection.\n\nThe evidence.',
      serviceInformation: 'The borough has 38 schools.',
      numberedParagraphs: true,
      reportingInspector: { title: 'HMI' },
    })
    // Left out, a field is unchanged.
    expect(updateDetails(a, f, { summary: 'Good.' }, inspector, NOW).about).toBe('The inspection.\n\nThe evidence.')
  })

  it('refuses what the framework’s layout never prints, naming the field and the framework', () => {
    const rating = getFramework('rating-2009')
    const a = draftWith('rating-2009', {})
    expect(detailsProblems(a, rating, { about: 'x', numberedParagraphs: true, summary: 'y' })).toEqual([
      { field: 'summary', message: expect.stringMatching(/annual rating \(2009\) prints no summary/) },
      { field: 'about', message: expect.stringMatching(/prints no "About this inspection"/) },
      { field: 'numberedParagraphs', message: expect.stringMatching(/prints no numbered paragraphs/) },
    ])
    expect(() => updateDetails(a, rating, { serviceInformation: 'x' }, inspector, NOW)).toThrow(ValidationError)
    const slac = getFramework('slac-2012')
    expect(detailsProblems(a, slac, { salutation: 'Dear Ms Carrie', addressLines: ['Town Hall'] })).toHaveLength(2)
    // Empty values are never a problem: clearing is always allowed.
    expect(detailsProblems(a, rating, { about: '', numberedParagraphs: false, summary: '  ' })).toEqual([])
  })

  it('refuses a salutation its letters would not print, and an address with no organisation above it', () => {
    const f = getFramework('apa-2008')
    const a = draftWith('apa-2008', {})
    expect(detailsProblems(a, f, { salutation: 'Hello Mr Leeson' })).toEqual([
      { field: 'salutation', message: 'A salutation is written as the letter prints it, such as "Dear Ms Carrie"' },
    ])
    expect(
      detailsProblems(a, f, {
        addressee: { name: 'Mr Patrick Leeson', title: null, organisation: null },
        addressLines: ['Guildhall 2'],
      }).map(p => p.field),
    ).toEqual(['addressLines'])
  })

  it('refuses a narrative, strengths or progress the layout never prints', () => {
    const apa2006 = getFramework('apa-2006')
    // The 2006 letter prints the children's services grade in its table only.
    expect(printsOfArea(apa2006, 'childrens-services')).toEqual({
      narrative: false,
      strengths: true,
      areasForDevelopment: true,
    })
    expect(() =>
      recordJudgement(
        draftWith('apa-2006', {}),
        apa2006,
        { areaId: 'childrens-services', narrative: 'Good.' },
        inspector,
        NOW,
      ),
    ).toThrow(/prints no narrative for "The contribution of the local authority's children's services/)
    const rating = getFramework('rating-2009')
    expect(() =>
      recordJudgement(
        draftWith('rating-2009', {}),
        rating,
        { areaId: 'childrens-services-rating', strengths: ['Strong'] },
        inspector,
        NOW,
      ),
    ).toThrow(/prints no strengths for "Children's services rating"/)
    const apa2007 = getFramework('apa-2007')
    expect(printsProgress(apa2007, 'in-the-next-six-months')).toBe(true)
    expect(printsProgress(apa2007, 'area-for-development')).toBe(false)
    const base = { id: 'r', areaId: 'staying-safe', text: 'Act.', progress: 'Done.' }
    expect(
      addRecommendation(
        draftWith('apa-2007', {}),
        apa2007,
        { ...base, timescaleId: 'in-the-next-six-months' },
        inspector,
        NOW,
      ).recommendations[0]?.progress,
    ).toBe('Done.')
    expect(() =>
      addRecommendation(
        draftWith('apa-2007', {}),
        apa2007,
        { ...base, timescaleId: 'area-for-development' },
        inspector,
        NOW,
      ),
    ).toThrow(/prints no progress under "Area for development"/)
  })

  it('knows what each framework prints', () => {
    const of = (id: string) => printsOf(getFramework(id))
    for (const f of FRAMEWORKS.filter(x => x.dateOfRecord === 'letter')) {
      expect(printsOf(f).addressLines, f.id).toBe(true)
      expect(printsOf(f).values.has('salutation'), f.id).toBe(true)
      expect(printsOf(f).signatories, f.id).toBe(true)
    }
    for (const id of ['slac-2012', 'lac-2013']) {
      expect(of(id).numbered).toBe(true)
      expect(of(id).strengths).toBe(true)
      for (const v of ['about', 'serviceInformation', 'summary', 'inspector.title'])
        expect(of(id).values.has(v)).toBe(true)
    }
    expect(of('ilacs-2018').strengths).toBe(false)
    expect(of('sif-2013').values.has('summary')).toBe(false)
  })

  it('reading a document again keeps a salutation and an address a person corrected', () => {
    const f = getFramework('apa-2008')
    const read = (salutation: string) =>
      recordDocument(
        {
          id: '7b0e0e0e-0e0e-4e0e-8e0e-0e0e0e0e0e0e',
          framework: f,
          authorityCode: 'E09000021',
          dates: {
            letter: '2008-12-17',
            published: null,
            inspectionStart: null,
            inspectionEnd: null,
            periodStart: null,
            periodEnd: null,
          },
          addressee: { name: 'Mr Patrick Leeson', title: null, organisation: 'Royal Borough of Kingston upon Thames' },
          addressLines: ['Guildhall 2'],
          salutation,
          signatories: [],
          reportingInspector: null,
          judgements: [],
          recommendations: [],
          figures: [],
          provenance: {},
        },
        admin,
        NOW,
      )
    const corrected = updateDetails(read('Dear Mr Leeson'), f, { salutation: 'Dear Patrick' }, inspector, NOW)
    const again = refreshFromDocument(corrected, read('Dear Mr Leeson'), f, NOW)
    expect(again.salutation).toBe('Dear Patrick')
    expect(again.addressLines).toEqual(['Guildhall 2'])
  })
})
