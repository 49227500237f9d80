import { describe, expect, it } from 'vitest'
import {
  type Area,
  areasOf,
  defineFramework,
  dueDate,
  editionOn,
  FRAMEWORKS,
  getArea,
  getFramework,
  LEVEL_INFO,
  labelIn,
  levelRank,
  pointFor,
  pointsBestFirst,
  SCALES,
} from '../../src/domain/index.js'
import { FIXTURE_ID } from '../support/fixture-framework.js'

const labels = (id: string, part?: string) =>
  getFramework(id)
    .areas.filter(a => part === undefined || a.part === part)
    .map(a => a.label)

describe('frameworks as data', () => {
  it('ships the five seed frameworks and their successors, each loaded from its folder', () => {
    // Not the fixture framework, which a test file may have registered before this one.
    expect(FRAMEWORKS.map(f => f.id).filter(id => id !== FIXTURE_ID)).toEqual([
      'apa-2006',
      'apa-2007',
      'apa-2008',
      'rating-2009',
      'slac-2012',
      'lac-2013',
      'sif-2013',
      'ilacs-2018',
    ])
  })

  it('2006 APA: three graded judgements from the summary table, then the five outcomes judged in words', () => {
    const f = getFramework('apa-2006')
    expect(f.areas.filter(a => a.grade === 'number').map(a => a.id)).toEqual([
      'childrens-services',
      'capacity-to-improve',
      'social-care',
    ])
    expect(f.areas.filter(a => a.grade === 'narrative').map(a => a.label)).toEqual([
      'Being healthy',
      'Staying safe',
      'Enjoying and achieving',
      'Making a positive contribution',
      'Achieving economic well-being',
    ])
    expect(f.scale.direction).toBe('higherIsBetter')
    expect(pointFor(f.scale, 4)?.descriptors).toEqual({
      service: 'A service that delivers well above minimum requirements for users',
      capacity: 'Excellent / outstanding',
    })
    expect(pointFor(f.scale, 1)?.descriptors?.service).toBe(
      'A service that does not deliver minimum requirements for users',
    )
    expect(f.timescales.map(t => t.label)).toEqual(['Aspect for focus in a future joint area review or the next APA'])
  })

  it('2007 and 2008 APA: seven graded judgements in report order on the 4 = outstanding scale', () => {
    for (const id of ['apa-2007', 'apa-2008']) {
      expect(labels(id)).toEqual([
        "Overall effectiveness of children's services",
        'Being healthy',
        'Staying safe',
        'Enjoying and achieving',
        'Making a positive contribution',
        'Achieving economic well-being',
        'Capacity to improve, including the management of services for children and young people',
      ])
      const scale = getFramework(id).scale
      expect(
        pointsBestFirst(scale)
          .map(p => `${p.value}: ${p.label}`)
          .join('; '),
      ).toBe('4: outstanding/excellent; 3: good; 2: adequate; 1: inadequate')
    }
    expect(getFramework('apa-2007').timescales.map(t => t.label)).toContain('For action in the next six months')
  })

  it('2009 rating: "Performs excellently" (4) … "Performs poorly" (1) with the descriptors printed', () => {
    const f = getFramework('rating-2009')
    expect(pointsBestFirst(f.scale).map(p => [p.value, p.label, p.descriptors?.organisation])).toEqual([
      [4, 'Performs excellently', 'An organisation that significantly exceeds minimum requirements'],
      [3, 'Performs well', 'An organisation that exceeds minimum requirements'],
      [2, 'Performs adequately', 'An organisation that meets only minimum requirements'],
      [1, 'Performs poorly', 'An organisation that does not meet minimum requirements'],
    ])
    expect(labels('rating-2009')).toEqual(["Children's services rating"])
  })

  it('2012 inspection: 1 = outstanding; safeguarding has nine areas plus equality and diversity, looked after children twelve', () => {
    const f = getFramework('slac-2012')
    expect(f.scale.direction).toBe('lowerIsBetter')
    expect(pointsBestFirst(f.scale).map(p => [p.value, p.label, p.descriptors?.service])).toEqual([
      [1, 'Outstanding', 'A service that significantly exceeds minimum requirements'],
      [2, 'Good', 'A service that exceeds minimum requirements'],
      [3, 'Adequate', 'A service that only meets minimum requirements'],
      [4, 'Inadequate', 'A service that does not meet minimum requirements'],
    ])
    expect(f.parts.map(p => p.label)).toEqual(['Safeguarding services', 'Services for looked after children'])
    const safeguarding = labels('slac-2012', 'safeguarding')
    expect(safeguarding).toHaveLength(10)
    expect(safeguarding.at(-1)).toBe('Equality and diversity')
    expect(safeguarding).toContain('The contribution of health agencies to keeping children and young people safe')
    expect(labels('slac-2012', 'looked-after')).toEqual([
      'Overall effectiveness',
      'Capacity for improvement',
      'Being healthy',
      'Staying safe',
      'Enjoying and achieving',
      'Making a positive contribution, including user engagement',
      'Economic well-being',
      'Quality of provision',
      'Ambition and prioritisation',
      'Leadership and management',
      'Performance management and quality assurance',
      'Equality and diversity',
    ])
    expect(f.timescales.map(t => t.label)).toEqual(['Immediately', 'Within three months', 'Within six months'])
    expect(f.dateOfRecord).toBe('published')
  })

  it('every framework area id is unique and every graded area maps each scale value to a level', () => {
    for (const f of FRAMEWORKS) {
      expect(new Set(f.areas.map(a => a.id)).size).toBe(f.areas.length)
      expect(new Set(f.scale.points.map(p => p.level)).size).toBe(4)
    }
  })

  it('refuses a framework file whose rules name an unknown area, naming the problem', () => {
    const bad = { ...structuredClone(getFramework('apa-2007')), scale: 'apa-2007' } as Record<string, unknown>
    bad.timescales = ['area-for-development']
    bad.rules = [
      { id: 'x', kind: 'bestFit', target: 'nowhere', from: ['being-healthy'], status: 'stated', source: 's' },
    ]
    expect(() => defineFramework(bad, SCALES)).toThrow(/rule x: unknown area nowhere/)
  })

  it('SIF: the key judgements, the LSCB judged as the Board, and the stated limiting rule', () => {
    const f = getFramework('sif-2013')
    expect(f.years).toEqual([2013, 2018])
    expect(f.areas.map(a => [a.number ?? '', a.label])).toEqual([
      ['', 'Overall effectiveness'],
      ['1', 'Children who need help and protection'],
      ['2', 'Children looked after and achieving permanence'],
      ['2.1', 'Adoption performance'],
      ['2.2', 'Experiences and progress of care leavers'],
      ['3', 'Leadership, management and governance'],
      ['', 'The Local Safeguarding Children Board'],
    ])
    expect(getArea(f, 'lscb')?.subject).toMatch(/not the council/)
    const rule = f.rules.find(r => r.id === 'sif-key-judgement-inadequate')
    expect(rule).toMatchObject({
      status: 'stated',
      limitedBy: ['help-and-protection', 'looked-after', 'leadership'],
      cap: 'inadequate',
    })
    expect(f.scale.points.map(p => [p.label, p.level])).toEqual([
      ['Outstanding', 'outstanding'],
      ['Good', 'good'],
      ['Requires improvement', 'requires-improvement'],
      ['Inadequate', 'inadequate'],
    ])
  })

  it('ILACS: editions of 2018, 2023 (care leavers apart) and April 2026 (no overall effectiveness)', () => {
    const f = getFramework('ilacs-2018')
    const ids = (date: string) => areasOf(f, editionOn(f, date)).map(a => a.id)
    expect(ids('2019-06-01')).toEqual(['impact-of-leaders', 'help-and-protection', 'in-care', 'overall-effectiveness'])
    expect(ids('2023-01-09')).toEqual([
      'impact-of-leaders',
      'help-and-protection',
      'in-care',
      'care-leavers',
      'overall-effectiveness',
    ])
    expect(ids('2026-04-20')).toEqual(['impact-of-leaders', 'help-and-protection', 'in-care', 'care-leavers'])
    expect(labelIn(getArea(f, 'in-care') as Area, editionOn(f, '2019-06-01'))).toBe(
      'The experiences and progress of children in care and care leavers',
    )
    expect(pointFor(f.scale, 3)?.label).toBe('Requires improvement to be good')
    // The action plan is due 70 working days after publication: Stockton 2023, report 9 May, plan due 16 August.
    const plan = f.timescales[0]
    expect(plan?.dueAfterWorkingDays).toBe(70)
    expect(plan && dueDate(plan, '2023-05-09')).toBe('2023-08-16')
  })

  it('requires improvement is a level of its own, placed beside adequate on the one series, with its source', () => {
    expect(levelRank('requires-improvement')).toBe(levelRank('adequate'))
    expect(levelRank('good')).toBeLessThan(levelRank('requires-improvement'))
    expect(LEVEL_INFO.find(l => l.id === 'requires-improvement')?.source).toMatch(/adequate.*withdrawn/)
  })

  it('refuses a framework folder whose declarations name unknown areas or bad patterns', () => {
    const bad = structuredClone(getFramework('ilacs-2018')) as unknown as Record<string, unknown>
    bad.scale = 'slac-2012'
    bad.timescales = ['recommendation']
    ;(bad.reading as { sentences: unknown[] }).sentences = [{ area: 'nowhere', pattern: '(' }]
    expect(() => defineFramework(bad, SCALES)).toThrow(/sentence: unknown area nowhere; .*pattern \(/)
  })
})
