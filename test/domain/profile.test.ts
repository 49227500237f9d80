import { describe, expect, it } from 'vitest'
import {
  band,
  buildProfile,
  comparisonClause,
  comparisonSentence,
  comparisonWords,
  describeMetric,
  draftNarrative,
  INDICATORS,
  type Indicator,
  type IndicatorValue,
  nationalData,
  type OtherInspection,
  type Profile,
  periodYear,
  RATING_NOTE,
  RatingSuggestionSchema,
  ratingRules,
  type SettingOutcome,
  suggestRating,
  whatIf,
} from '../../src/domain/index.js'

const higher = { unit: 'percent', polarity: 'higher' } as const
const lower = { unit: 'percent', polarity: 'lower' } as const
const rate = { unit: 'rate', polarity: 'higher' } as const

describe('banding, taking polarity into account', () => {
  it('bands percentages by percentage points, at the data’s cut-offs (5 and 2)', () => {
    expect(band(higher, 80, 75)).toBe('well-above')
    expect(band(higher, 79.9, 75)).toBe('above')
    expect(band(higher, 77, 75)).toBe('above')
    expect(band(higher, 76.9, 75)).toBe('in-line')
    expect(band(higher, 73.1, 75)).toBe('in-line')
    expect(band(higher, 73, 75)).toBe('below')
    expect(band(higher, 70.1, 75)).toBe('below')
    expect(band(higher, 70, 75)).toBe('well-below')
  })

  it('turns round for an indicator where lower is better: fewer placement moves is above similar areas', () => {
    expect(band(lower, 8, 14)).toBe('well-above')
    expect(band(lower, 14, 8)).toBe('well-below')
    expect(band(lower, 12, 13)).toBe('in-line')
  })

  it('bands other units by the difference relative to the comparator (10% and 3%)', () => {
    expect(band(rate, 110, 100)).toBe('well-above')
    expect(band(rate, 104, 100)).toBe('above')
    expect(band(rate, 98, 100)).toBe('in-line')
    expect(band(rate, 95, 100)).toBe('below')
    expect(band(rate, 85, 100)).toBe('well-below')
  })

  it('flags rather than bands: small numbers, no polarity, a missing value or comparator', () => {
    expect(band(higher, 100, 50, 5)).toBe('small-numbers')
    expect(band(higher, 100, 50, 20)).toBe('well-above')
    expect(band({ unit: 'percent', polarity: 'neither' }, 60, 40)).toBe('no-polarity')
    expect(band(higher, null, 40)).toBe('no-value')
    expect(band(higher, 40, null)).toBe('no-comparator')
  })

  it('reads periods as the profile year they count for', () => {
    expect(periodYear('2008-09', 'financial-year')).toBe(2009)
    expect(periodYear('2008-10', 'financial-year')).toBeNull()
    expect(periodYear('2009', 'calendar-year')).toBe(2009)
    expect(periodYear('2009', 'academic-year')).toBeNull()
  })
})

const NI59 = INDICATORS.find(i => i.code === 'NI 59') as Indicator
const NI62 = INDICATORS.find(i => i.code === 'NI 62') as Indicator
const NI73 = INDICATORS.find(i => i.code === 'NI 73') as Indicator

/** Authority A and its neighbours N1..N3; others elsewhere in England. */
function profileOf(opts: {
  a: { ni59: number; ni62: number; ni73: number }
  settingsGood: number
  settingsTotal?: number
  inspections?: OtherInspection[]
}): Profile {
  const values: IndicatorValue[] = []
  const add = (authorityCode: string, code: string, value: number) =>
    values.push({ authorityCode, code, year: 2009, value, denominator: 100 })
  add('A', 'NI 59', opts.a.ni59)
  add('A', 'NI 62', opts.a.ni62)
  add('A', 'NI 73', opts.a.ni73)
  for (const n of ['N1', 'N2', 'N3', 'X']) {
    add(n, 'NI 59', 70)
    add(n, 'NI 62', 12)
    add(n, 'NI 73', 72)
  }
  const total = opts.settingsTotal ?? 10
  const settings: SettingOutcome[] = Array.from({ length: total }, (_, i) => ({
    authorityCode: 'A',
    type: 'primary-school',
    grade: i < opts.settingsGood ? 2 : 3,
  }))
  for (const n of ['N1', 'N2', 'N3'])
    for (let i = 0; i < 10; i++) settings.push({ authorityCode: n, type: 'primary-school', grade: i < 7 ? 2 : 3 })
  const national = nationalData({
    year: 2009,
    indicators: [NI59, NI62, NI73],
    indicatorValues: values,
    englandValues: new Map([['NI 73', 72]]),
    settings,
    regions: new Map([
      ['A', 'North'],
      ['N1', 'North'],
      ['N2', 'South'],
      ['N3', 'South'],
      ['X', 'North'],
    ]),
  })
  return buildProfile(national, 'A', ['N1', 'N2', 'N3'], opts.inspections ?? [])
}

describe('the profile', () => {
  it('compares each indicator with the mean of similar areas and with England, banded by polarity', () => {
    const p = profileOf({ a: { ni59: 80, ni62: 8, ni73: 72 }, settingsGood: 9 })
    const ni59 = p.indicators.find(c => c.indicator.code === 'NI 59')
    expect(ni59).toMatchObject({ value: 80, neighbours: 70, neighboursWithValue: 3, vsNeighbours: 'well-above' })
    expect(ni59?.englandSource).toBe('mean of authorities')
    // The North's authorities: A (80), N1 (70) and X (70).
    expect(ni59?.region).toBeCloseTo(220 / 3, 10)
    const ni62 = p.indicators.find(c => c.indicator.code === 'NI 62')
    expect(ni62?.vsNeighbours).toBe('above')
    const ni73 = p.indicators.find(c => c.indicator.code === 'NI 73')
    expect(ni73).toMatchObject({ england: 72, englandSource: 'published', vsEngland: 'in-line' })
    expect(p.settings[0]).toMatchObject({ count: 10, goodOrBetter: 9, share: 0.9 })
    expect(p.settings[0]?.neighbours).toBeCloseTo(0.7, 10)
    expect(p.settings[0]?.vsNeighbours).toBe('small-numbers')
    expect(p.metrics['settings.shareGoodOrBetter']).toBe(0.9)
    expect(p.metrics['indicators.shareAtLeastInLine']).toBe(1)
  })

  it('bands settings when there are enough of them', () => {
    const p = profileOf({ a: { ni59: 70, ni62: 12, ni73: 72 }, settingsGood: 27, settingsTotal: 30 })
    expect(p.settings[0]?.vsNeighbours).toBe('well-above')
  })
})

describe('the suggested rating and its reasons', () => {
  const rules = ratingRules(2009)

  it('starts from the weakest block, a hypothesis said to be one, and names each block’s base', () => {
    const p = profileOf({ a: { ni59: 80, ni62: 8, ni73: 72 }, settingsGood: 7 })
    const s = suggestRating(p, rules)
    // Settings 70% good or better → 3; indicators all at least in line → 4; the weaker block sets the start.
    expect(s.grade).toBe(3)
    const start = s.steps.filter(x => x.moved)
    expect(start).toMatchObject([{ rule: 'starting-point', status: 'hypothesis', after: 3 }])
    expect(start[0]?.reason).toBe(
      'Inspected services and settings gives the starting point, Performs well (3), the weakest block.',
    )
    // No source gives the weakest-block rule; the 2009 letter says the bands were read flexibly that year.
    expect(start[0]?.source).toMatch(/this project's hypothesis/)
    expect(start[0]?.source).toMatch(/transitional year.*"with flexibility"/)
    expect(s.steps.find(x => x.rule === 'settings-block')?.reason).toBe(
      '70% of 10 inspected services and settings judged good or better: this block suggests Performs well (3).',
    )
    expect(s.steps.find(x => x.rule === 'indicator-block')?.reason).toBe(
      '100% of 3 national indicators compared with similar areas at least in line: this block suggests Performs excellently (4).',
    )
    expect(s.steps.every(x => x.source.length > 20)).toBe(true)
    expect(s.steps.some(x => /\d+% suggests/.test(x.reason))).toBe(false)
  })

  it('says what a share is of without inventing a count where none is held', () => {
    const p = profileOf({ a: { ni59: 80, ni62: 8, ni73: 72 }, settingsGood: 7 })
    const s = suggestRating({ ...p, counts: {} }, rules)
    expect(s.steps.find(x => x.rule === 'settings-block')?.reason).toBe(
      '70% of inspected services and settings judged good or better: this block suggests Performs well (3).',
    )
    expect(describeMetric('indicators.block.staying-safe.shareWellBelow', 0.25, 8)).toBe(
      '25% of 8 staying safe indicators compared with similar areas in the lowest band (much worse)',
    )
  })

  it('takes CSA-R1’s grade off the starting point before the limits, never on top of a cap', () => {
    // Start 4; an unannounced inspection with a priority action (−1 → 3); staying safe in the lowest band (cap 2).
    const inspections: OtherInspection[] = [
      { kind: 'unannounced', date: '2009-08-01', priorityActions: 1, level: null, source: 'test' },
    ]
    const p = profileOf({ a: { ni59: 50, ni62: 8, ni73: 80 }, settingsGood: 9, inspections })
    // The settings block alone gives 4 (90% good or better).
    const s = suggestRating(p, rules, { disabled: ['indicator-block'] })
    expect(s.steps.map(x => x.rule)).toEqual([
      'settings-block',
      'starting-point',
      'csa-r1-unannounced',
      'csa-r4-staying-safe',
      'csa-r4-enjoying-achieving',
      'csa-r2-safeguarding',
    ])
    expect(s.steps.find(x => x.rule === 'csa-r1-unannounced')).toMatchObject({ before: 4, after: 3, moved: true })
    const cap = s.steps.find(x => x.rule === 'csa-r4-staying-safe')
    expect(cap).toMatchObject({ before: 3, after: 2, moved: true })
    expect(cap?.reason).toContain('the limit stands in place of the grade taken off above, not on top of it')
    // Capped at 2 and then lowered would have been 1.
    expect(s.grade).toBe(2)
    // With both blocks the start is 3: lowered to 2, which the cap already allows.
    const both = suggestRating(p, rules)
    expect(both.grade).toBe(2)
    expect(both.steps.find(x => x.rule === 'csa-r4-staying-safe')?.reason).toMatch(
      /which it already is not after the grade taken off above\.$/,
    )
  })

  it('calls the rating the inspector’s holistic judgement, informed by the suggestion', () => {
    const s = suggestRating(profileOf({ a: { ni59: 80, ni62: 8, ni73: 72 }, settingsGood: 7 }), rules)
    expect(s.note).toBe(RATING_NOTE)
    expect(RATING_NOTE).toMatch(
      /^The rating is the inspector's holistic judgement\. The profile's suggestion informs it/,
    )
    // A suggestion kept before the note existed reads with it.
    const { note: _, ...old } = s
    expect(RatingSuggestionSchema.parse(old).note).toBe(RATING_NOTE)
  })

  it('caps the rating when the staying safe indicators are in the lowest band (CSA-R4, proposed)', () => {
    const p = profileOf({ a: { ni59: 50, ni62: 8, ni73: 80 }, settingsGood: 9 })
    const s = suggestRating(p, rules)
    const cap = s.steps.find(x => x.rule === 'csa-r4-staying-safe')
    expect(cap).toMatchObject({ status: 'proposed', moved: true, after: 2 })
    expect(cap?.reason).toBe(
      '100% of 1 staying safe indicator compared with similar areas in the lowest band (much worse): the suggestion may be no better than Performs adequately (2).',
    )
    expect(s.grade).toBe(2)
  })

  it('lowers the rating one grade after an unannounced inspection with areas for priority action (CSA-R1, stated)', () => {
    const inspections: OtherInspection[] = [
      { kind: 'unannounced', date: '2009-08-01', priorityActions: 2, level: null, source: 'test' },
    ]
    const s = suggestRating(profileOf({ a: { ni59: 80, ni62: 8, ni73: 80 }, settingsGood: 9, inspections }), rules)
    expect(s.steps.find(x => x.rule === 'csa-r1-unannounced')).toMatchObject({
      status: 'stated',
      before: 4,
      after: 3,
      moved: true,
    })
    expect(s.grade).toBe(3)
  })

  it('limits the rating to performs poorly after inadequate safeguarding (CSA-R2, inferred)', () => {
    const inspections: OtherInspection[] = [
      { kind: 'safeguarding', date: '2009-03-01', priorityActions: null, level: 'inadequate', source: 'test' },
    ]
    const s = suggestRating(profileOf({ a: { ni59: 80, ni62: 8, ni73: 80 }, settingsGood: 9, inspections }), rules)
    expect(s.steps.find(x => x.rule === 'csa-r2-safeguarding')).toMatchObject({ status: 'inferred', after: 1 })
    expect(s.grade).toBe(1)
  })

  it('suggests nothing, and says why, when a block has no data', () => {
    const p = profileOf({ a: { ni59: 80, ni62: 8, ni73: 80 }, settingsGood: 0, settingsTotal: 0 })
    const s = suggestRating(p, rules)
    expect(s.grade).toBeNull()
    expect(s.missing).toEqual(['Inspected services and settings: no data for 2009'])
  })

  it('switches a rule off for what-if, and lists whose rating changes', () => {
    const inspections: OtherInspection[] = [
      { kind: 'unannounced', date: '2009-08-01', priorityActions: 1, level: null, source: 'test' },
    ]
    const hit = profileOf({ a: { ni59: 80, ni62: 8, ni73: 80 }, settingsGood: 9, inspections })
    const clear = { ...profileOf({ a: { ni59: 80, ni62: 8, ni73: 80 }, settingsGood: 9 }), authorityCode: 'B' }
    expect(suggestRating(hit, rules, { disabled: ['csa-r1-unannounced'] }).grade).toBe(4)
    expect(whatIf([hit, clear], rules, 'csa-r1-unannounced')).toEqual([{ authorityCode: 'A', withRule: 3, without: 4 }])
    expect(() => whatIf([hit], rules, 'no-such-rule')).toThrow(/have no rule "no-such-rule"/)
  })
})

const NI70 = INDICATORS.find(i => i.code === 'NI 70') as Indicator
const NI68 = INDICATORS.find(i => i.code === 'NI 68') as Indicator

/** A's values against neighbours N1..N3 (all at `theirs`) and England's published figure. */
function comparedOn(a: Record<string, number>, theirs: Record<string, number>, england: Record<string, number>) {
  const values: IndicatorValue[] = []
  for (const [code, value] of Object.entries(a)) {
    values.push({ authorityCode: 'A', code, year: 2009, value, denominator: 100 })
    for (const n of ['N1', 'N2', 'N3'])
      values.push({ authorityCode: n, code, year: 2009, value: theirs[code] as number, denominator: 100 })
  }
  const settings: SettingOutcome[] = [
    ...Array.from({ length: 30 }, (_, i) => ({ authorityCode: 'A', type: 'primary-school', grade: i < 27 ? 2 : 3 })),
    ...['N1', 'N2', 'N3'].flatMap(n =>
      Array.from({ length: 30 }, (_, i) => ({ authorityCode: n, type: 'primary-school', grade: i < 21 ? 2 : 3 })),
    ),
  ]
  const national = nationalData({
    year: 2009,
    indicators: [NI59, NI62, NI68, NI70, NI73],
    indicatorValues: values,
    englandValues: new Map(Object.entries(england)),
    settings,
    regions: new Map(),
  })
  const p = buildProfile(national, 'A', ['N1', 'N2', 'N3'], [])
  const sentence = (code: string) => comparisonSentence(p.indicators.find(c => c.indicator.code === code) as never)
  return { p, sentence }
}

describe('the letter’s narrative says what the numbers say, in the direction of the measure', () => {
  it('a rate where lower is better, above similar areas and England, is above them and worse — never "well below"', () => {
    expect(NI70.polarity).toBe('lower')
    const { p, sentence } = comparedOn({ 'NI 70': 150 }, { 'NI 70': 120 }, { 'NI 70': 118 })
    expect(p.indicators.find(c => c.indicator.code === 'NI 70')?.vsNeighbours).toBe('well-below')
    expect(sentence('NI 70')).toBe(
      'The rate of hospital admissions for injuries to children and young people is well above similar areas and that found nationally, which is worse.',
    )
    const text = draftNarrative(p, 3, 'Anytown')
    expect(text).toContain('hospital admissions for injuries to children and young people is well above similar areas')
    expect(text).not.toMatch(/hospital admissions[^.]*below/)
  })

  it('a rate where lower is better, below similar areas, is below them and better', () => {
    const { sentence } = comparedOn({ 'NI 70': 100 }, { 'NI 70': 120 }, { 'NI 70': 101 })
    expect(sentence('NI 70')).toBe(
      'The rate of hospital admissions for injuries to children and young people is well below similar areas, which is better, and in line with that found nationally.',
    )
  })

  it('a percentage where lower is better: fewer placement moves is below similar areas, and better', () => {
    const { sentence } = comparedOn({ 'NI 62': 6 }, { 'NI 62': 12 }, { 'NI 62': 9 })
    expect(sentence('NI 62')).toBe(
      'The proportion of looked after children with three or more placements in the year is well below similar areas and below that found nationally, which is better.',
    )
    const worse = comparedOn({ 'NI 62': 15 }, { 'NI 62': 12 }, { 'NI 62': 16 })
    expect(worse.sentence('NI 62')).toBe(
      'The proportion of looked after children with three or more placements in the year is above similar areas, which is worse, and in line with that found nationally.',
    )
  })

  it('a percentage where higher is better, above and below', () => {
    const { sentence } = comparedOn(
      { 'NI 73': 80, 'NI 59': 66 },
      { 'NI 73': 72, 'NI 59': 70 },
      { 'NI 73': 77, 'NI 59': 60 },
    )
    expect(sentence('NI 73')).toBe(
      'Achievement at Key Stage 2 is well above similar areas and above that found nationally, which is better.',
    )
    expect(sentence('NI 59')).toBe(
      'The timeliness of initial assessments is below similar areas, which is worse, and well above that found nationally, which is better.',
    )
  })

  it('equal values are in line, neither better nor worse, and are not drafted as standing out', () => {
    const same = { 'NI 73': 72, 'NI 70': 120 }
    const { p, sentence } = comparedOn(same, same, same)
    expect(sentence('NI 73')).toBe(
      'Achievement at Key Stage 2 is in line with similar areas and that found nationally.',
    )
    expect(sentence('NI 70')).toBe(
      'The rate of hospital admissions for injuries to children and young people is in line with similar areas and that found nationally.',
    )
    expect(draftNarrative(p, 3, 'Anytown')).not.toMatch(/Key Stage 2|hospital admissions/)
  })

  it('an indicator that runs neither way is context: no sentence, not banded', () => {
    expect(NI68.polarity).toBe('neither')
    const { p, sentence } = comparedOn({ 'NI 68': 90 }, { 'NI 68': 60 }, { 'NI 68': 60 })
    expect(sentence('NI 68')).toBeNull()
    expect(draftNarrative(p, 3, 'Anytown')).not.toContain('initial assessment')
    expect(comparisonWords('neither', 'no-polarity')).toBe('context only: not banded')
  })

  it('tables say the direction and the verdict for every polarity', () => {
    expect(comparisonWords('lower', 'well-below')).toBe('well above, much worse')
    expect(comparisonWords('lower', 'above')).toBe('below, better')
    expect(comparisonWords('higher', 'below')).toBe('below, worse')
    expect(comparisonWords('higher', 'well-above')).toBe('well above, much better')
    expect(comparisonWords('lower', 'in-line')).toBe('in line')
    expect(comparisonClause('higher', 'above', 'no-comparator')).toBe('above similar areas, which is better')
  })

  it('names the bases of settings and indicators, in the letters’ words', () => {
    const { p } = comparedOn({ 'NI 73': 80 }, { 'NI 73': 72 }, { 'NI 73': 72 })
    const text = draftNarrative(p, 4, 'Kensington and Chelsea')
    expect(text).toContain("Children's services in Kensington and Chelsea perform excellently.")
    expect(text).toContain(
      'The overall effectiveness of the large majority of the 30 inspected services and settings is good or better.',
    )
    expect(text).toContain(
      'Primary schools: 27 of 30 are good or better, a share well above similar areas and that found nationally, which is better.',
    )
    expect(text).toContain(
      'Achievement at Key Stage 2 is well above similar areas and that found nationally, which is better.',
    )
    expect(text).toContain(
      'Performance against almost all of the 1 national indicators compared with similar areas is at least in line with them.',
    )
  })
})
