import { describe, expect, it } from 'vitest'
import {
  addMonths,
  addRecommendation,
  dueDate,
  FRAMEWORKS,
  getFramework,
  getTimescale,
  ImmutableError,
  recordJudgement,
  sign,
  signaturePrints,
  startCorrection,
  transition,
  updateDetails,
  ValidationError,
  withDueDates,
} from '../../src/domain/index.js'
import { APA_ALL_GOOD, draftWith, inspector, NOW, officer, qa } from './support.js'

describe('judgements', () => {
  it('derives the normalised level from the scale in either direction', () => {
    const apa = draftWith('apa-2007', { 'being-healthy': 4, 'staying-safe': 1 })
    expect(apa.judgements.map(j => [j.areaId, j.grade, j.level])).toEqual([
      ['being-healthy', 4, 'outstanding'],
      ['staying-safe', 1, 'inadequate'],
    ])
    const slac = draftWith('slac-2012', { 'safeguarding.overall-effectiveness': 1, 'looked-after.staying-safe': 4 })
    expect(slac.judgements.map(j => j.level)).toEqual(['outstanding', 'inadequate'])
  })

  it('refuses a grade that is not on the scale, naming the scale', () => {
    expect(() => draftWith('apa-2007', { 'being-healthy': 5 })).toThrow(
      /Grade 5 is not on the apa-2007 scale \(4 outstanding\/excellent, 3 good, 2 adequate, 1 inadequate\)/,
    )
    expect(() => draftWith('slac-2012', { 'safeguarding.overall-effectiveness': 0 })).toThrow(ValidationError)
  })

  it('refuses an area the framework does not have', () => {
    expect(() => draftWith('apa-2007', { 'no-such-area': 3 })).toThrow(
      /"no-such-area" is not a judgement area of apa-2007/,
    )
  })

  it('keeps judgements in the framework’s report order and records who entered them', () => {
    const a = draftWith('apa-2007', { 'capacity-to-improve': 3, 'overall-effectiveness': 3 })
    expect(a.judgements.map(j => j.areaId)).toEqual(['overall-effectiveness', 'capacity-to-improve'])
    expect(a.judgements[0]?.source).toEqual({ kind: 'entered', by: inspector.id, at: NOW.toISOString() })
  })

  it('an authority officer cannot record a judgement', () => {
    const a = draftWith('apa-2007', {})
    expect(() =>
      recordJudgement(a, getFramework('apa-2007'), { areaId: 'being-healthy', grade: 3 }, officer, NOW),
    ).toThrow(/authority-officer may not change/)
  })
})

describe('recommendations and due dates', () => {
  it('counts from the date of record: "immediately" is the publication date', () => {
    const slac = getFramework('slac-2012')
    let a = draftWith('slac-2012', {})
    a = updateDetails(a, slac, { dates: { published: '2012-05-29' } }, inspector, NOW)
    for (const timescaleId of ['immediately', 'within-three-months', 'within-six-months'])
      a = addRecommendation(a, slac, { id: timescaleId, areaId: null, text: 'Act', timescaleId }, inspector, NOW)
    expect(a.recommendations.map(r => r.dueDate)).toEqual(['2012-05-29', '2012-08-29', '2012-11-29'])
  })

  it('a recommendation an earlier inspection made counts from that inspection, never the letter; areas for development have no due date', () => {
    const apa = getFramework('apa-2007')
    let a = draftWith('apa-2007', {})
    a = addRecommendation(
      a,
      apa,
      { id: 'r1', areaId: 'being-healthy', text: 'x', timescaleId: 'in-the-next-six-months' },
      inspector,
      NOW,
    )
    expect(a.recommendations[0]?.dueDate).toBeNull()
    a = updateDetails(a, apa, { dates: { letter: '2007-11-26' } }, inspector, NOW)
    // The 2007 letter follows up the joint area review's recommendations: six months from the letter is no date.
    expect(a.recommendations[0]?.dueDate).toBeNull()
    const jar = (published: string) => ({ inspection: 'joint area review', published, source: null })
    expect(withDueDates({ ...a, followsUp: jar('2007-02') }, apa).recommendations[0]?.dueDate).toBeNull()
    expect(withDueDates({ ...a, followsUp: jar('2007-02-15') }, apa).recommendations[0]?.dueDate).toBe('2007-08-15')
    a = addRecommendation(
      a,
      apa,
      { id: 'r2', areaId: null, text: 'y', timescaleId: 'area-for-development' },
      inspector,
      NOW,
    )
    expect(a.recommendations[1]?.dueDate).toBeNull()
  })

  it('refuses a timescale the framework does not use', () => {
    const a = draftWith('apa-2008', {})
    expect(() =>
      addRecommendation(
        a,
        getFramework('apa-2008'),
        { id: 'r', areaId: null, text: 'x', timescaleId: 'immediately' },
        inspector,
        NOW,
      ),
    ).toThrow(/Timescale "immediately" is not used by apa-2008/)
  })

  it('month arithmetic falls back to the end of a shorter month', () => {
    expect(addMonths('2011-08-31', 6)).toBe('2012-02-29')
    expect(addMonths('2012-11-30', 3)).toBe('2013-02-28')
    expect(addMonths('2012-12-15', 0)).toBe('2012-12-15')
    const t = getTimescale('within-six-months')
    expect(t && dueDate(t, null)).toBeNull()
  })
})

describe('publication and corrections', () => {
  function published() {
    const framework = getFramework('apa-2007')
    let a = draftWith('apa-2007', APA_ALL_GOOD)
    a = transition(a, framework, 'quality-assurance', inspector, NOW)
    a = transition(a, framework, 'factual-accuracy-check', qa, NOW)
    return transition(a, framework, 'published', qa, NOW)
  }

  it('publishing sets the date of record when none was given', () => {
    expect(published().dates.letter).toBe('2012-05-29')
  })

  it('a published assessment is immutable; a correction is a new edition that supersedes it', () => {
    const p = published()
    expect(() => recordJudgement(p, getFramework('apa-2007'), { areaId: 'being-healthy', grade: 4 }, qa, NOW)).toThrow(
      ImmutableError,
    )
    const c = startCorrection(p, '2b1b7f4e-1d7e-4f55-9e0c-3d0c3c1b1a11', qa, NOW)
    expect([c.status, c.edition, c.supersedes, c.version]).toEqual(['draft', 2, p.id, 1])
    expect(c.judgements).toEqual(p.judgements)
    expect(p.status).toBe('published')
  })
})

describe('signatures', () => {
  const withTitle = FRAMEWORKS.filter(f => signaturePrints(f).title)

  it('refuses a signature without the title its framework prints under it, and takes one with it', () => {
    expect(withTitle.length).toBeGreaterThan(0)
    for (const f of withTitle) {
      const a = draftWith(f.id, {})
      expect(() => sign(a, f, { name: 'Jane Smith', title: null, organisation: null }, qa, NOW)).toThrow(
        /Enter the title printed under the signature of Jane Smith/,
      )
      const signed = sign(a, f, { name: 'Jane Smith', title: 'Divisional Manager', organisation: null }, qa, NOW)
      expect(signed.signatories.map(p => p.title)).toEqual(['Divisional Manager'])
    }
  })

  it('is a quality assurer’s to give', () => {
    const f = withTitle[0] ?? FRAMEWORKS[0]
    if (!f) throw new Error('no framework')
    expect(() =>
      sign(draftWith(f.id, {}), f, { name: 'Ian Inspector', title: 'HMI', organisation: null }, inspector, NOW),
    ).toThrow(/may not sign/)
  })
})
