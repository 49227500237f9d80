import { z } from 'zod'
import { ValidationError } from './errors.js'
import { getFramework, SCALES } from './framework.js'
import bandingData from './profile/banding.json' with { type: 'json' }
import indicatorData from './profile/indicators.json' with { type: 'json' }
import ratingRuleData from './profile/rating-rules.json' with { type: 'json' }
import settingData from './profile/settings.json' with { type: 'json' }
import { gradeLabel, pointFor } from './scale.js'

const Certainty = z.enum(['stated', 'inferred', 'recollection', 'synthetic'])
export const BLOCKS = [
  'being-healthy',
  'staying-safe',
  'enjoying-achieving',
  'positive-contribution',
  'economic-well-being',
  'looked-after',
] as const
export const BLOCK_LABELS: Record<(typeof BLOCKS)[number], string> = {
  'being-healthy': 'Being healthy',
  'staying-safe': 'Staying safe',
  'enjoying-achieving': 'Enjoying and achieving',
  'positive-contribution': 'Making a positive contribution',
  'economic-well-being': 'Achieving economic well-being',
  'looked-after': 'Looked after children and care leavers',
}

export const IndicatorSchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{2,4} \d{1,4}$/, 'must be a code like NI 62'),
  name: z.string().min(1),
  unit: z.enum(['percent', 'count', 'rate', 'score', 'days']),
  polarity: z.enum(['higher', 'lower', 'neither']),
  periodType: z.enum(['financial-year', 'academic-year', 'calendar-year']),
  /** The profile years that use it. */
  years: z.array(z.int().min(2000).max(2100)).min(1),
  block: z.enum(BLOCKS),
  /** The subject of a drafted sentence: "Achievement at Key Stage 2". */
  phrase: z.string().min(1),
  /** How sure the definition is: stated by a source, inferred, only recollected, or invented for synthetic data. */
  certainty: Certainty,
})
export type Indicator = z.infer<typeof IndicatorSchema>

export const INDICATORS: readonly Indicator[] = z.array(IndicatorSchema).parse(indicatorData.indicators)
export const INDICATORS_SOURCE = indicatorData.source

export const SettingTypeSchema = z.strictObject({ id: z.string(), label: z.string(), group: z.string() })
export type SettingType = z.infer<typeof SettingTypeSchema>
export const SETTING_TYPES: readonly SettingType[] = z.array(SettingTypeSchema).parse(settingData.types)
export const SETTINGS_SCALE = (() => {
  const s = SCALES.find(x => x.id === settingData.scale)
  if (!s) throw new Error(`settings scale ${settingData.scale} missing`)
  return s
})()

/** "2008-09" (financial or academic year) or "2009" (calendar year) → the profile year it counts for (2009). */
export function periodYear(period: string, periodType: Indicator['periodType']): number | null {
  if (periodType === 'calendar-year') return /^\d{4}$/.test(period) ? Number(period) : null
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  if (!m) return null
  const start = Number(m[1])
  return (start + 1) % 100 === Number(m[2]) ? start + 1 : null
}

export function periodLabel(year: number, periodType: Indicator['periodType']): string {
  return periodType === 'calendar-year' ? String(year) : `${year - 1}-${String(year % 100).padStart(2, '0')}`
}

// Comparison and banding

export const BANDS = ['well-above', 'above', 'in-line', 'below', 'well-below'] as const
export type Band = (typeof BANDS)[number]
export const BAND_WORDS: Record<Band, string> = {
  'well-above': 'well above',
  above: 'above',
  'in-line': 'in line with',
  below: 'below',
  'well-below': 'well below',
}

export const BandingSchema = z.strictObject({
  id: z.string(),
  status: z.enum(['stated', 'inferred', 'proposed']),
  source: z.string(),
  /** Percentages are compared in percentage points. */
  percentPoints: z.strictObject({ wellAbove: z.number().positive(), above: z.number().positive() }),
  /** Everything else by the difference relative to the comparator. */
  relative: z.strictObject({ wellAbove: z.number().positive(), above: z.number().positive() }),
  smallNumbers: z.strictObject({ minDenominator: z.int().min(1) }),
})
export type Banding = z.infer<typeof BandingSchema>
export const BANDING: Banding = BandingSchema.parse(bandingData)

/** Why a comparison gives no band: each is said, never filled in. */
export type Unbanded = 'no-value' | 'no-comparator' | 'small-numbers' | 'no-polarity'
export const UNBANDED_WORDS: Record<Unbanded, string> = {
  'no-value': 'no value',
  'no-comparator': 'no comparator value',
  'small-numbers': 'small numbers: not banded',
  'no-polarity': 'context only: not banded',
}

/**
 * Bands a value against a comparator, in terms of performance: "above" is better, whichever way the indicator
 * runs. Values from small numbers are flagged rather than banded.
 */
export function band(
  indicator: Pick<Indicator, 'unit' | 'polarity'>,
  value: number | null,
  comparator: number | null,
  denominator: number | null = null,
  banding: Banding = BANDING,
): Band | Unbanded {
  if (value === null) return 'no-value'
  if (indicator.polarity === 'neither') return 'no-polarity'
  if (denominator !== null && denominator < banding.smallNumbers.minDenominator) return 'small-numbers'
  if (comparator === null) return 'no-comparator'
  const sign = indicator.polarity === 'higher' ? 1 : -1
  let better: number
  let cut: { wellAbove: number; above: number }
  if (indicator.unit === 'percent') {
    better = sign * (value - comparator)
    cut = banding.percentPoints
  } else {
    if (comparator === 0) return value === 0 ? 'in-line' : 'no-comparator'
    better = (sign * (value - comparator)) / Math.abs(comparator)
    cut = banding.relative
  }
  // Rounding noise must not move a value that sits exactly on a cut-off.
  const d = Math.round(better * 1e9) / 1e9
  if (d >= cut.wellAbove) return 'well-above'
  if (d >= cut.above) return 'above'
  if (d > -cut.above) return 'in-line'
  if (d > -cut.wellAbove) return 'below'
  return 'well-below'
}

export const isBand = (b: Band | Unbanded): b is Band => (BANDS as readonly string[]).includes(b)

/** A comparison's result in words: its band, or why it has none. */
export const bandWords = (b: Band | Unbanded) => (isBand(b) ? BAND_WORDS[b] : UNBANDED_WORDS[b])

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

// The profile

export interface IndicatorValue {
  authorityCode: string
  code: string
  year: number
  value: number
  denominator: number | null
}

export interface SettingOutcome {
  authorityCode: string
  type: string
  /** On the settings scale: 1 outstanding … 4 inadequate. */
  grade: number
}

export interface OtherInspection {
  kind: 'unannounced' | 'safeguarding'
  date: string
  /** Unannounced inspections: how many areas for priority action. */
  priorityActions: number | null
  /** Inspections of safeguarding: the safeguarding judgement's level. */
  level: string | null
  /** Where the fact comes from, for the reasons shown beside the rating. */
  source: string
}

/** One year's national data, indexed once so that every authority's profile is quick to build. */
export interface NationalData {
  year: number
  indicators: readonly Indicator[]
  /** Each indicator's values of the year, by authority. */
  values: ReadonlyMap<string, ReadonlyMap<string, IndicatorValue>>
  /** England's figure per indicator: the published one where it was imported, else the mean of authorities. */
  england: ReadonlyMap<string, { value: number; source: 'published' | 'mean of authorities' }>
  settings: ReadonlyMap<string, readonly SettingOutcome[]>
  /** England's share good or better, per setting type. */
  englandSettings: ReadonlyMap<string, number | null>
  /** Each authority's region, and the regional means: per indicator, and per setting type (share good or better). */
  regionOf: ReadonlyMap<string, string>
  regionValues: ReadonlyMap<string, ReadonlyMap<string, number>>
  regionSettings: ReadonlyMap<string, ReadonlyMap<string, number>>
}

export function nationalData(d: {
  year: number
  indicators: readonly Indicator[]
  indicatorValues: readonly IndicatorValue[]
  englandValues: ReadonlyMap<string, number>
  settings: readonly SettingOutcome[]
  regions: ReadonlyMap<string, string>
}): NationalData {
  const values = new Map<string, Map<string, IndicatorValue>>()
  for (const v of d.indicatorValues) {
    if (v.year !== d.year) continue
    const byAuthority = values.get(v.code) ?? new Map<string, IndicatorValue>()
    values.set(v.code, byAuthority)
    byAuthority.set(v.authorityCode, v)
  }
  const england = new Map<string, { value: number; source: 'published' | 'mean of authorities' }>()
  for (const i of d.indicators) {
    const published = d.englandValues.get(i.code)
    const all = mean([...(values.get(i.code)?.values() ?? [])].map(v => v.value))
    if (published !== undefined) england.set(i.code, { value: published, source: 'published' })
    else if (all !== null) england.set(i.code, { value: all, source: 'mean of authorities' })
  }
  const settings = new Map<string, SettingOutcome[]>()
  for (const s of d.settings) settings.set(s.authorityCode, [...(settings.get(s.authorityCode) ?? []), s])
  const englandSettings = new Map(
    SETTING_TYPES.map(t => [t.id, shareGood(d.settings.filter(s => s.type === t.id)).share] as const),
  )
  /** The mean per region of the numbers given for each authority. */
  const byRegion = (entries: Iterable<[string, number]>) => {
    const sums = new Map<string, number[]>()
    for (const [code, x] of entries) {
      const region = d.regions.get(code)
      if (region) sums.set(region, [...(sums.get(region) ?? []), x])
    }
    return new Map([...sums].map(([r, xs]) => [r, mean(xs) as number]))
  }
  const regionValues = new Map(
    [...values].map(([code, byAuthority]) => [code, byRegion([...byAuthority].map(([a, v]) => [a, v.value]))]),
  )
  const regionSettings = new Map(
    SETTING_TYPES.map(t => {
      const outcomes = d.settings.filter(s => s.type === t.id)
      const regions = new Map<string, SettingOutcome[]>()
      for (const o of outcomes) {
        const r = d.regions.get(o.authorityCode)
        if (r) regions.set(r, [...(regions.get(r) ?? []), o])
      }
      return [t.id, new Map([...regions].map(([r, os]) => [r, shareGood(os).share as number]))] as const
    }),
  )
  return {
    year: d.year,
    indicators: d.indicators,
    values,
    england,
    settings,
    englandSettings,
    regionOf: d.regions,
    regionValues,
    regionSettings,
  }
}

export interface IndicatorComparison {
  indicator: Indicator
  value: number | null
  denominator: number | null
  neighbours: number | null
  /** How many of the neighbours have a value: the mean is over those. */
  neighboursWithValue: number
  england: number | null
  englandSource: 'published' | 'mean of authorities' | null
  /** The mean of the authorities in its region. */
  region: number | null
  vsNeighbours: Band | Unbanded
  vsEngland: Band | Unbanded
}

export interface SettingsComparison {
  type: SettingType
  count: number
  goodOrBetter: number
  share: number | null
  neighbours: number | null
  england: number | null
  region: number | null
  vsNeighbours: Band | Unbanded
  vsEngland: Band | Unbanded
}

export interface Profile {
  year: number
  authorityCode: string
  neighbours: readonly string[]
  indicators: IndicatorComparison[]
  settings: SettingsComparison[]
  settingsOverall: { count: number; goodOrBetter: number; share: number | null }
  inspections: readonly OtherInspection[]
  /** The figures the rating rules read, by name; null where the data is missing. */
  metrics: Record<string, number | null>
}

const SHARE = { unit: 'percent', polarity: 'higher' } as const

function shareGood(outcomes: readonly SettingOutcome[]): { count: number; good: number; share: number | null } {
  const good = outcomes.filter(o => pointFor(SETTINGS_SCALE, o.grade) && o.grade <= 2).length
  return { count: outcomes.length, good, share: outcomes.length ? good / outcomes.length : null }
}

/** An authority's performance profile for a year: indicators and settings against similar areas and England. */
export function buildProfile(
  n: NationalData,
  authorityCode: string,
  neighbours: readonly string[],
  inspections: readonly OtherInspection[],
): Profile {
  const region = n.regionOf.get(authorityCode)
  const indicators = n.indicators
    .filter(i => i.years.includes(n.year) || n.values.has(i.code))
    .map(indicator => {
      const byAuthority = n.values.get(indicator.code)
      const own = byAuthority?.get(authorityCode)
      const theirs = neighbours.flatMap(c => {
        const v = byAuthority?.get(c)
        return v ? [v.value] : []
      })
      const neighbourMean = mean(theirs)
      const england = n.england.get(indicator.code)
      const value = own?.value ?? null
      const denominator = own?.denominator ?? null
      return {
        indicator,
        value,
        denominator,
        neighbours: neighbourMean,
        neighboursWithValue: theirs.length,
        england: england?.value ?? null,
        englandSource: england?.source ?? null,
        region: region === undefined ? null : (n.regionValues.get(indicator.code)?.get(region) ?? null),
        vsNeighbours: band(indicator, value, neighbourMean, denominator),
        vsEngland: band(indicator, value, england?.value ?? null, denominator),
      } satisfies IndicatorComparison
    })
  const mine = n.settings.get(authorityCode) ?? []
  const pct = (x: number | null) => (x === null ? null : 100 * x)
  const settings = SETTING_TYPES.map(type => {
    const own = shareGood(mine.filter(s => s.type === type.id))
    const neighbourMean = mean(
      neighbours
        .map(c => shareGood((n.settings.get(c) ?? []).filter(s => s.type === type.id)).share)
        .filter((x): x is number => x !== null),
    )
    const england = n.englandSettings.get(type.id) ?? null
    return {
      type,
      count: own.count,
      goodOrBetter: own.good,
      share: own.share,
      neighbours: neighbourMean,
      england,
      region: region === undefined ? null : (n.regionSettings.get(type.id)?.get(region) ?? null),
      vsNeighbours: band(SHARE, pct(own.share), pct(neighbourMean), own.count),
      vsEngland: band(SHARE, pct(own.share), pct(england), own.count),
    } satisfies SettingsComparison
  }).filter(s => s.count > 0 || s.england !== null)
  const overall = shareGood(mine)
  const banded = indicators.filter(c => isBand(c.vsNeighbours))
  const metrics: Record<string, number | null> = {
    'settings.shareGoodOrBetter': overall.share,
    'indicators.shareAtLeastInLine': banded.length
      ? banded.filter(c => ['well-above', 'above', 'in-line'].includes(c.vsNeighbours)).length / banded.length
      : null,
    'inspections.unannounced.priorityActions': inspections
      .filter(i => i.kind === 'unannounced')
      .reduce((k, i) => k + (i.priorityActions ?? 0), 0),
    'inspections.safeguarding.inadequate': inspections.filter(
      i => i.kind === 'safeguarding' && i.level === 'inadequate',
    ).length,
  }
  for (const block of BLOCKS) {
    const inBlock = banded.filter(c => c.indicator.block === block)
    metrics[`indicators.block.${block}.shareWellBelow`] = inBlock.length
      ? inBlock.filter(c => c.vsNeighbours === 'well-below').length / inBlock.length
      : null
  }
  return {
    year: n.year,
    authorityCode,
    neighbours,
    indicators,
    settings,
    settingsOverall: { count: overall.count, goodOrBetter: overall.good, share: overall.share },
    inspections,
    metrics,
  }
}

// The rating

const RuleBase = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  metric: z.string().min(1),
  status: z.enum(['stated', 'inferred', 'proposed']),
  source: z.string().min(1),
}
export const RatingRuleSchema = z.discriminatedUnion('kind', [
  /** A block of the profile suggests a grade from its metric; the weakest block sets the starting point. */
  z.strictObject({
    ...RuleBase,
    kind: z.literal('block'),
    bands: z.array(z.strictObject({ min: z.number(), grade: z.int() })).min(1),
  }),
  /** When the metric reaches `atLeast`, the rating may be no better than `cap`. */
  z.strictObject({ ...RuleBase, kind: z.literal('cap'), atLeast: z.number(), cap: z.int() }),
  /** When the metric reaches `atLeast`, the rating goes down `by` grades. */
  z.strictObject({ ...RuleBase, kind: z.literal('lower'), atLeast: z.number(), by: z.int().min(1) }),
])
export type RatingRule = z.infer<typeof RatingRuleSchema>

export const RatingRuleSetSchema = z.strictObject({
  year: z.int(),
  framework: z.string(),
  area: z.string(),
  /** The published judgements that count as an inspection of safeguarding (CSA-R2). */
  safeguardingJudgements: z.array(z.strictObject({ framework: z.string(), area: z.string() })),
  rules: z.array(RatingRuleSchema).min(1),
})
export type RatingRuleSet = z.infer<typeof RatingRuleSetSchema>
export const RATING_RULE_SETS: readonly RatingRuleSet[] = z.array(RatingRuleSetSchema).parse(ratingRuleData.ruleSets)

export function ratingRules(year: number): RatingRuleSet {
  const set = RATING_RULE_SETS.find(s => s.year === year)
  if (!set)
    throw new ValidationError(
      `No rating rules for ${year}; rules exist for ${RATING_RULE_SETS.map(s => s.year).join(', ')}`,
    )
  return set
}

export const RatingStepSchema = z.strictObject({
  rule: z.string(),
  label: z.string(),
  status: z.enum(['stated', 'inferred', 'proposed']),
  source: z.string(),
  /** What the rule found, in words. */
  reason: z.string(),
  before: z.int().nullable(),
  after: z.int().nullable(),
  /** The rule changed the suggestion (a block that set the start, a limit that bit). */
  moved: z.boolean(),
})
export type RatingStep = z.infer<typeof RatingStepSchema>

export const RatingSuggestionSchema = z.strictObject({
  areaId: z.string(),
  /** On the framework's scale; null when the profile lacks the data a block needs (never guessed). */
  grade: z.int().nullable(),
  dataYear: z.int(),
  rulesYear: z.int(),
  steps: z.array(RatingStepSchema),
  /** What was missing, where the suggestion could not be made. */
  missing: z.array(z.string()),
  disabled: z.array(z.string()),
  computedAt: z.string(),
})
export type RatingSuggestion = z.infer<typeof RatingSuggestionSchema>

const pct = (x: number) => `${Math.round(100 * x)}%`

function describeMetric(metric: string, value: number): string {
  if (metric.startsWith('inspections.unannounced')) return `${value} area(s) for priority action`
  if (metric.startsWith('inspections.safeguarding')) return `${value} inspection(s) judging safeguarding inadequate`
  return pct(value)
}

/**
 * The rating the profile suggests, and every rule that moved it. The blocks set the starting point (the weakest
 * block's grade); limits from other inspections and the indicator caps then apply in order. A rule can be switched
 * off by id, to see what it changes.
 */
export function suggestRating(
  profile: Profile,
  rules: RatingRuleSet,
  options: { disabled?: readonly string[]; now?: Date } = {},
): RatingSuggestion {
  const scale = getFramework(rules.framework).scale
  const words = (g: number | null) => (g === null ? 'none' : gradeLabel(scale, g))
  const disabled = options.disabled ?? []
  const steps: RatingStep[] = []
  const missing: string[] = []
  const active = rules.rules.filter(r => !disabled.includes(r.id))
  const base = (r: RatingRule) => ({ rule: r.id, label: r.label, status: r.status, source: r.source })
  let grade: number | null = null
  const blocks = active.filter(r => r.kind === 'block')
  const blockGrades: { rule: RatingRule; grade: number; value: number }[] = []
  for (const r of blocks) {
    const value = profile.metrics[r.metric]
    if (value === null || value === undefined) {
      missing.push(`${r.label}: no data for ${profile.year}`)
      steps.push({ ...base(r), reason: `No data for ${profile.year}.`, before: null, after: null, moved: false })
      continue
    }
    const g = [...r.bands].sort((a, b) => b.min - a.min).find(b => value >= b.min)?.grade
    if (g === undefined) {
      missing.push(`${r.label}: ${pct(value)} is below every band`)
      continue
    }
    blockGrades.push({ rule: r, grade: g, value })
  }
  const weakest = missing.length === 0 && blockGrades.length > 0 ? Math.min(...blockGrades.map(b => b.grade)) : null
  grade = weakest
  for (const b of blockGrades) {
    const sets = b.grade === weakest
    steps.push({
      ...base(b.rule),
      reason: `${describeMetric(b.rule.metric, b.value)} suggests ${words(b.grade)}${sets && blockGrades.length > 1 ? '; the weakest block sets the starting point' : ''}${weakest === null ? '; no starting point while another block lacks data' : ''}.`,
      before: null,
      after: sets ? weakest : null,
      moved: sets,
    })
  }
  if (blockGrades.length === 0 && missing.length === 0) missing.push('No block of the profile is switched on')
  for (const r of active) {
    if (r.kind === 'block') continue
    const value = profile.metrics[r.metric]
    if (value === null || value === undefined) {
      steps.push({ ...base(r), reason: 'Not applied: no data.', before: grade, after: grade, moved: false })
      continue
    }
    const fires = value >= r.atLeast
    let after = grade
    if (fires && grade !== null) after = r.kind === 'cap' ? Math.min(grade, r.cap) : Math.max(1, grade - r.by)
    const effect =
      r.kind === 'cap' ? `the rating may be no better than ${words(r.cap)}` : `the rating goes down ${r.by} grade(s)`
    const already =
      grade === null ? ' (no rating is suggested for it to limit)' : after === grade ? ', which it already is not' : ''
    steps.push({
      ...base(r),
      reason: fires
        ? `${describeMetric(r.metric, value)}: ${effect}${already}.`
        : `${describeMetric(r.metric, value)}: does not apply.`,
      before: grade,
      after,
      moved: after !== grade,
    })
    grade = after
  }
  return {
    areaId: rules.area,
    grade: missing.length ? null : grade,
    dataYear: profile.year,
    rulesYear: rules.year,
    steps,
    missing,
    disabled: [...disabled],
    computedAt: (options.now ?? new Date()).toISOString(),
  }
}

// The letter's narrative, drafted from the bands

function proportion(share: number): string {
  if (share >= 0.95) return 'almost all'
  if (share >= 0.75) return 'the large majority'
  if (share > 0.5) return 'the majority'
  if (share >= 0.25) return 'a minority'
  return 'a small minority'
}

/** "is well above similar areas and that found nationally" / "is above similar areas and in line with that found nationally". */
function comparison(vsNeighbours: Band, vsEngland: Band | Unbanded): string {
  if (!isBand(vsEngland)) return `${BAND_WORDS[vsNeighbours]} similar areas`
  if (vsEngland === vsNeighbours) return `${BAND_WORDS[vsNeighbours]} similar areas and that found nationally`
  return `${BAND_WORDS[vsNeighbours]} similar areas and ${BAND_WORDS[vsEngland]} that found nationally`
}

/**
 * The rating letter's narrative drafted from the profile: the headline, the settings, each indicator that stands
 * out from similar areas, and the indicators as a whole. A draft for the inspector to edit, nothing more.
 */
export function draftNarrative(
  profile: Profile,
  grade: number | null,
  authorityName: string,
  framework = 'rating-2009',
): string {
  const scale = getFramework(framework).scale
  const paragraphs: string[] = []
  const point = grade === null ? undefined : pointFor(scale, grade)
  const verb = point?.words.find(w => w.startsWith('perform '))
  if (verb) paragraphs.push(`Children's services in ${authorityName} ${verb}.`)
  const settings: string[] = []
  if (profile.settingsOverall.share !== null)
    settings.push(
      `The overall effectiveness of ${proportion(profile.settingsOverall.share)} of inspected services and settings is good or better.`,
    )
  for (const s of profile.settings)
    if (s.share !== null && isBand(s.vsNeighbours) && s.vsNeighbours !== 'in-line')
      settings.push(`${s.type.label}: ${pct(s.share)} are good or better, ${comparison(s.vsNeighbours, s.vsEngland)}.`)
  if (settings.length) paragraphs.push(settings.join(' '))
  const standout = profile.indicators.filter(c => isBand(c.vsNeighbours) && c.vsNeighbours !== 'in-line')
  const order = (c: IndicatorComparison) => Math.abs(BANDS.indexOf(c.vsNeighbours as Band) - 2)
  const sentences = [...standout]
    .sort((a, b) => order(b) - order(a))
    .slice(0, 8)
    .map(c => `${c.indicator.phrase} is ${comparison(c.vsNeighbours as Band, c.vsEngland)}.`)
  const share = profile.metrics['indicators.shareAtLeastInLine']
  if (share !== null && share !== undefined)
    sentences.push(
      `Performance against ${proportion(share)} of national indicators is at least in line with similar areas.`,
    )
  if (sentences.length) paragraphs.push(sentences.join(' '))
  return paragraphs.join('\n\n')
}

// What-if

export interface WhatIfRow {
  authorityCode: string
  withRule: number | null
  without: number | null
}

/** Which authorities' suggested ratings change when one rule is switched off. */
export function whatIf(profiles: readonly Profile[], rules: RatingRuleSet, switchedOff: string): WhatIfRow[] {
  if (!rules.rules.some(r => r.id === switchedOff))
    throw new ValidationError(
      `The ${rules.year} rules have no rule "${switchedOff}"; they are: ${rules.rules.map(r => r.id).join(', ')}`,
    )
  return profiles
    .map(p => ({
      authorityCode: p.authorityCode,
      withRule: suggestRating(p, rules).grade,
      without: suggestRating(p, rules, { disabled: [switchedOff] }).grade,
    }))
    .filter(r => r.withRule !== r.without)
}
