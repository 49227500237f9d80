import { describe, expect, it } from 'vitest'
import { defineFramework, FRAMEWORKS, getFramework, pointFor, pointsBestFirst, SCALES } from '../../src/domain/index.js'

const labels = (id: string, part?: string) =>
  getFramework(id)
    .areas.filter(a => part === undefined || a.part === part)
    .map(a => a.label)

describe('frameworks as data', () => {
  it('ships the five seed frameworks', () => {
    expect(FRAMEWORKS.map(f => f.id)).toEqual(['apa-2006', 'apa-2007', 'apa-2008', 'rating-2009', 'slac-2012'])
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

  it('a later framework (a SIF-like inspection) is one more data file, not new code', () => {
    const sif = defineFramework(
      {
        id: 'sif-2013',
        name: 'Inspection of services for children in need of help and protection, children looked after and care leavers',
        year: 2013,
        kind: 'inspection',
        inspectorates: ['Ofsted'],
        scale: 'slac-2012',
        documentStructure: 'sif-2013-report',
        dateOfRecord: 'published',
        parts: [],
        groups: [],
        areas: [
          { id: 'overall', label: 'Overall effectiveness', grade: 'number', required: true, role: 'overall' },
          {
            id: 'help',
            label: 'Children who need help and protection',
            grade: 'number',
            required: true,
            role: 'outcome',
          },
        ],
        timescales: ['immediately'],
        rules: [
          {
            id: 'sif-limit',
            kind: 'limit',
            target: 'overall',
            limitedBy: ['help'],
            combine: 'any',
            trigger: 'inadequate',
            cap: 'inadequate',
            status: 'stated',
            source: 'SIF framework',
          },
        ],
      },
      SCALES,
    )
    expect(sif.areas).toHaveLength(2)
  })
})
