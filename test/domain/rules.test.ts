import { describe, expect, it } from 'vitest'
import {
  availableTransitions,
  evaluateRules,
  getFramework,
  headlineJudgement,
  transition,
  ValidationError,
} from '../../src/domain/index.js'
import { APA_ALL_GOOD, admin, draftWith, inspector, NOW, officer, qa } from './support.js'

const findings = (frameworkId: string, grades: Parameters<typeof draftWith>[1]) =>
  evaluateRules(draftWith(frameworkId, grades), getFramework(frameworkId))

describe('best fit', () => {
  it('agrees silently (info) when the overall grade is the best fit of the outcomes', () => {
    const f = findings('apa-2007', APA_ALL_GOOD).filter(x => x.kind === 'best-fit')
    expect(f).toHaveLength(1)
    expect(f[0]).toMatchObject({ severity: 'info', blocking: false })
    expect(f[0]?.message).toMatch(/suggests good; the recorded grade is good/)
  })

  it('flags an overall grade that departs from the best fit, with the reason', () => {
    const f = findings('apa-2007', { ...APA_ALL_GOOD, 'overall-effectiveness': 4 }).find(x => x.kind === 'best-fit')
    expect(f).toMatchObject({
      severity: 'warning',
      blocking: true,
      areaId: 'overall-effectiveness',
      status: 'inferred',
    })
    expect(f?.message).toMatch(/\(good ×5\) suggests good; the recorded grade is outstanding/)
  })

  it('a tie between two middle grades accepts either', () => {
    const grades = {
      'safeguarding.overall-effectiveness': 2,
      'safeguarding.safe-and-feel-safe': 1,
      'safeguarding.quality-of-provision': 1,
      'safeguarding.health-contribution': 1,
      'safeguarding.ambition-and-prioritisation': 1,
      'safeguarding.leadership-and-management': 2,
      'safeguarding.performance-management': 2,
      'safeguarding.partnership-working': 2,
      'safeguarding.equality-and-diversity': 2,
    }
    const f = findings('slac-2012', grades).find(x => x.rule === 'slac-safeguarding-best-fit')
    expect(f?.message).toMatch(/suggests outstanding or good/)
    expect(f?.blocking).toBe(false)
  })

  it('a professional override with a rationale resolves the departure but keeps it visible', () => {
    const f = findings('apa-2007', {
      ...APA_ALL_GOOD,
      'overall-effectiveness': { grade: 4, overrideRationale: 'Exceptional leadership evidence from the JAR' },
    }).find(x => x.kind === 'best-fit')
    expect(f).toMatchObject({ severity: 'info', blocking: false })
    expect(f?.message).toMatch(/Professional override recorded: "Exceptional leadership evidence from the JAR"/)
  })

  it('suggests nothing when too few of the grades are recorded', () => {
    const f = findings('apa-2007', { 'overall-effectiveness': 3, 'being-healthy': 3 }).find(x => x.kind === 'best-fit')
    expect(f?.message).toMatch(/only 1 of the 5 grades/)
    expect(f?.blocking).toBe(false)
  })
})

describe('limiting judgements', () => {
  it('flags an overall grade above a limiting area (2012: safeguarding overall above "safe and feel safe")', () => {
    const f = findings('slac-2012', {
      'safeguarding.overall-effectiveness': 2,
      'safeguarding.safe-and-feel-safe': 4,
    }).find(x => x.kind === 'limit')
    expect(f).toMatchObject({ blocking: true, status: 'proposed', areaId: 'safeguarding.overall-effectiveness' })
    expect(f?.message).toMatch(
      /is good, above the limit of inadequate: Safeguarding services: Children and young people are safe and feel safe is inadequate/,
    )
  })

  it('APA: staying safe inadequate alone does not limit the overall grade; with capacity inadequate it does', () => {
    const alone = findings('apa-2007', { ...APA_ALL_GOOD, 'staying-safe': 1 })
    expect(alone.filter(x => x.kind === 'limit')).toEqual([])
    const both = findings('apa-2007', { ...APA_ALL_GOOD, 'staying-safe': 1, 'capacity-to-improve': 1 })
    expect(both.filter(x => x.kind === 'limit')).toHaveLength(1)
  })
})

describe('grade and narrative consistency', () => {
  it('flags a narrative that calls the service outstanding on a good grade', () => {
    const f = findings('apa-2007', {
      'being-healthy': {
        grade: 3,
        narrative:
          'The contribution of the council’s services to improving outcomes in this aspect is outstanding. More text.',
      },
    }).find(x => x.kind === 'narrative')
    expect(f).toMatchObject({ blocking: true, areaId: 'being-healthy' })
    expect(f?.message).toMatch(/says "is outstanding" \(outstanding\) but the grade is good/)
  })

  it('reads the scale’s own words: "excellent" is outstanding on the APA scale, "perform excellently" on the 2009 one', () => {
    const apa = getFramework('apa-2007').scale
    expect(headlineJudgement('The contribution in this aspect is excellent. No recommendations.', apa)?.level).toBe(
      'outstanding',
    )
    expect(headlineJudgement('The council makes a good contribution towards improving health.', apa)?.level).toBe(
      'good',
    )
    const rating = getFramework('rating-2009').scale
    expect(headlineJudgement("Children's services in the borough perform excellently.", rating)?.level).toBe(
      'outstanding',
    )
  })

  it('does not read a judgement out of passing praise later in the narrative', () => {
    const scale = getFramework('slac-2012').scale
    const text =
      'Partnerships are maturing. Services were reorganised in 2011. Staff morale is rising. Recording is good.'
    expect(headlineJudgement(text, scale)).toBeUndefined()
  })

  it('raises no finding when the narrative agrees', () => {
    const f = findings('slac-2012', {
      'safeguarding.overall-effectiveness': {
        grade: 2,
        narrative: 'The overall effectiveness of safeguarding services is good.',
      },
    })
    expect(f.filter(x => x.kind === 'narrative')).toEqual([])
  })
})

describe('lifecycle', () => {
  it('lets each role make only its own moves', () => {
    const framework = getFramework('apa-2007')
    const a = draftWith('apa-2007', APA_ALL_GOOD)
    expect(availableTransitions(a, inspector).map(t => t.to)).toEqual(['quality-assurance'])
    expect(availableTransitions(a, officer)).toEqual([])
    expect(() => transition(a, framework, 'quality-assurance', admin, NOW)).toThrow(/administrator may not move/)
    const inQa = transition(a, framework, 'quality-assurance', inspector, NOW)
    expect(() => transition(inQa, framework, 'factual-accuracy-check', inspector, NOW)).toThrow(
      /inspector may not move/,
    )
    expect(availableTransitions(inQa, qa).map(t => t.to)).toEqual(['draft', 'factual-accuracy-check'])
    expect(() => transition(a, framework, 'published', qa, NOW)).toThrow(/cannot move from draft to published/)
  })

  it('will not send for factual accuracy an assessment missing a required grade or with an unresolved finding', () => {
    const framework = getFramework('apa-2007')
    const missing = transition(
      draftWith('apa-2007', { 'being-healthy': 3 }),
      framework,
      'quality-assurance',
      inspector,
      NOW,
    )
    try {
      transition(missing, framework, 'factual-accuracy-check', qa, NOW)
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError)
      expect((e as ValidationError).problems).toContain(
        "Overall effectiveness of children's services has no grade; apa-2007 requires one.",
      )
    }
  })
})
