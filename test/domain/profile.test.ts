import { describe, expect, it } from 'vitest'
import {
  band,
  buildProfile,
  draftNarrative,
  INDICATORS,
  type Indicator,
  type IndicatorValue,
  nationalData,
  type OtherInspection,
  type Profile,
  periodYear,
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

  it('starts from the weakest block and lists what set it', () => {
    const p = profileOf({ a: { ni59: 80, ni62: 8, ni73: 72 }, settingsGood: 7 })
    const s = suggestRating(p, rules)
    // Settings 70% good or better → 3; indicators all at least in line → 4; the weaker block sets the start.
    expect(s.grade).toBe(3)
    const start = s.steps.filter(x => x.moved)
    expect(start.map(x => x.rule)).toEqual(['settings-block'])
    expect(start[0]?.reason).toContain('70% suggests Performs well (3)')
    expect(s.steps.find(x => x.rule === 'indicator-block')?.reason).toContain('100% suggests Performs excellently (4)')
    expect(s.steps.every(x => ['stated', 'inferred', 'proposed'].includes(x.status) && x.source.length > 20)).toBe(true)
  })

  it('caps the rating when the staying safe indicators are in the lowest band (CSA-R4, proposed)', () => {
    const p = profileOf({ a: { ni59: 50, ni62: 8, ni73: 80 }, settingsGood: 9 })
    const s = suggestRating(p, rules)
    const cap = s.steps.find(x => x.rule === 'csa-r4-staying-safe')
    expect(cap).toMatchObject({ status: 'proposed', moved: true, after: 2 })
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

describe('the letter’s narrative, drafted from the bands', () => {
  it('says what stands out, in the letters’ words', () => {
    const p = profileOf({ a: { ni59: 80, ni62: 12, ni73: 72 }, settingsGood: 9 })
    const text = draftNarrative(p, 4, 'Kensington and Chelsea')
    expect(text).toContain('Children’s services in Kensington and Chelsea perform excellently.'.replace('’', "'"))
    expect(text).toContain(
      'The timeliness of initial assessments is well above similar areas and that found nationally.',
    )
    expect(text).toContain(
      'The overall effectiveness of the large majority of inspected services and settings is good or better.',
    )
    expect(text).not.toContain('Key Stage 2')
  })
})
