import { z } from 'zod'
import type { Authority } from './authority.js'
import { ValidationError } from './errors.js'
import { getFramework, RuleStatus, SCALES } from './framework.js'
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

const Range = z.strictObject({ min: z.number(), max: z.number() }).refine(r => r.min < r.max, 'min must be below max')

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
  /** What a rate or score counts: "conceptions per 1,000 girls aged 15 to 17". */
  measure: z.string().min(1).optional(),
  /** The values the definition allows (a percentage 0 to 100, the SDQ score 0 to 40). */
  range: Range.optional(),
  /** Roughly where authorities' published figures lay: what synthetic data is drawn within. */
  typical: Range.optional(),
})
export type Indicator = z.infer<typeof IndicatorSchema>

/** The values an indicator's definition allows: its own range, else what its unit allows. */
export function allowedRange(i: Pick<Indicator, 'unit' | 'range'>): { min: number; max: number } {
  if (i.range) return i.range
  if (i.unit === 'percent') return { min: 0, max: 100 }
  return { min: i.unit === 'score' ? Number.NEGATIVE_INFINITY : 0, max: Number.POSITIVE_INFINITY }
}

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

/**
 * The authorities a year's profiles and ratings are for: those in existence when its ratings were made, published
 * early in December (domain reference §6.5). 2009's are the 152 after that April's reorganisation, with the eight
 * councils abolished or reorganised since (Bournemouth, Poole, Dorset, Buckinghamshire and the other counties).
 */
export function ratedIn(authorities: readonly Authority[], year: number): Authority[] {
  const on = `${year}-12-01`
  return authorities.filter(a => (a.validFrom === null || a.validFrom <= on) && (a.validTo === null || on <= a.validTo))
}

export function periodLabel(year: number, periodType: Indicator['periodType']): string {
  return periodType === 'calendar-year' ? String(year) : `${year - 1}-${String(year % 100).padStart(2, '0')}`
}

// Comparison and banding

export const BANDS = ['well-above', 'above', 'in-line', 'below', 'well-below'] as const
export type Band = (typeof BANDS)[number]
/** A band is performance: how much better or worse than the comparator, whichever way the indicator runs. */
export const PERFORMANCE_WORDS: Record<Band, string> = {
  'well-above': 'much better',
  above: 'better',
  'in-line': 'in line',
  below: 'worse',
  'well-below': 'much worse',
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

/**
 * Where the value lies from the comparator, in words, given its band and which way the indicator runs: a rate
 * of hospital admissions banded "well below" (much worse) is "well above" similar areas.
 */
export function valueWords(polarity: Indicator['polarity'], b: Band): string {
  if (b === 'in-line') return 'in line with'
  const better = b === 'well-above' || b === 'above'
  const higher = polarity === 'lower' ? !better : better
  return `${b.startsWith('well-') ? 'well ' : ''}${higher ? 'above' : 'below'}`
}

/** A comparison in a table's words: "above, worse", "in line", or why it is not banded. */
export function comparisonWords(polarity: Indicator['polarity'], b: Band | Unbanded): string {
  if (!isBand(b)) return UNBANDED_WORDS[b]
  return b === 'in-line' ? 'in line' : `${valueWords(polarity, b)}, ${PERFORMANCE_WORDS[b]}`
}

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
  /** For a metric that is a share, how many it is a share of (settings inspected, indicators banded). */
  counts: Record<string, number>
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
  const counts: Record<string, number> = {
    'settings.shareGoodOrBetter': overall.count,
    'indicators.shareAtLeastInLine': banded.length,
  }
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
    counts[`indicators.block.${block}.shareWellBelow`] = inBlock.length
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
    counts,
  }
}

// The rating

const RuleBase = {
  id: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1),
  metric: z.string().min(1),
  status: RuleStatus,
  source: z.string().min(1),
}
export const RatingRuleSchema = z.discriminatedUnion('kind', [
  /** A block of the profile suggests a grade from its metric. */
  z.strictObject({
    ...RuleBase,
    kind: z.literal('block'),
    bands: z.array(z.strictObject({ min: z.number(), grade: z.int() })).min(1),
  }),
  /** When the metric reaches `atLeast`, the suggestion may be no better than `cap`. */
  z.strictObject({ ...RuleBase, kind: z.literal('cap'), atLeast: z.number(), cap: z.int() }),
  /** When the metric reaches `atLeast`, the starting point goes down `by` grades, before any cap. */
  z.strictObject({ ...RuleBase, kind: z.literal('lower'), atLeast: z.number(), by: z.int().min(1) }),
])
export type RatingRule = z.infer<typeof RatingRuleSchema>

const Sourced = { label: z.string().min(1), status: RuleStatus, source: z.string().min(1) }

export const RatingRuleSetSchema = z.strictObject({
  year: z.int(),
  framework: z.string(),
  area: z.string(),
  /** How the blocks' grades give the starting point, and how sure that is. */
  start: z.strictObject(Sourced),
  /** The published judgements that count as an inspection of safeguarding (CSA-R2). */
  safeguardingJudgements: z.array(z.strictObject({ framework: z.string(), area: z.string() })),
  rules: z.array(RatingRuleSchema).min(1),
})
export type RatingRuleSet = z.infer<typeof RatingRuleSetSchema>
export const RATING_RULE_SETS: readonly RatingRuleSet[] = z.array(RatingRuleSetSchema).parse(ratingRuleData.ruleSets)

/** When the unannounced inspections began: none is dated before. */
export const UNANNOUNCED = z
  .strictObject({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), source: z.string().min(1) })
  .parse(ratingRuleData.unannounced)

export function ratingRules(year: number): RatingRuleSet {
  const set = RATING_RULE_SETS.find(s => s.year === year)
  if (!set)
    throw new ValidationError(
      `No rating rules for ${year}; rules exist for ${RATING_RULE_SETS.map(s => s.year).join(', ')}`,
    )
  return set
}

/** What the suggestion is for, said wherever it is shown. */
export const RATING_NOTE =
  "The rating is the inspector's holistic judgement. The profile's suggestion informs it and decides nothing; a rating that differs from it is explained in a written rationale."

export const RatingStepSchema = z.strictObject({
  rule: z.string(),
  label: z.string(),
  status: RuleStatus,
  source: z.string(),
  /** What the rule found, in words. */
  reason: z.string(),
  before: z.int().nullable(),
  after: z.int().nullable(),
  /** The rule changed the suggestion (the starting point, a lowering or limit that bit). */
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
  note: z.string().default(RATING_NOTE),
})
export type RatingSuggestion = z.infer<typeof RatingSuggestionSchema>

const pct = (x: number) => `${Math.round(100 * x)}%`
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** What a share is of, and what it counts: "inspected services and settings", "judged good or better". */
function shareWords(metric: string, n: number | undefined): { of: string; are: string } | undefined {
  const indicators = n === 1 ? 'indicator' : 'indicators'
  if (metric === 'settings.shareGoodOrBetter')
    return {
      of: n === 1 ? 'inspected service or setting' : 'inspected services and settings',
      are: 'judged good or better',
    }
  if (metric === 'indicators.shareAtLeastInLine')
    return { of: `national ${indicators} compared with similar areas`, are: 'at least in line' }
  const block = BLOCKS.find(b => metric === `indicators.block.${b}.shareWellBelow`)
  if (block)
    return {
      of: `${BLOCK_LABELS[block].toLowerCase()} ${indicators} compared with similar areas`,
      are: 'in the lowest band (much worse)',
    }
  return undefined
}

/** A metric's value with its base: "65% of 312 inspected services and settings judged good or better". */
export function describeMetric(metric: string, value: number, count?: number): string {
  if (metric === 'inspections.unannounced.priorityActions')
    return `${plural(value, 'area')} for priority action in unannounced inspections`
  if (metric === 'inspections.safeguarding.inadequate')
    return `${plural(value, 'inspection')} judging safeguarding inadequate`
  const words = shareWords(metric, count)
  if (!words) return `${metric}: ${pct(value)}`
  // Where the count is not held, say what the share is of without inventing one.
  return `${pct(value)} of ${count === undefined ? '' : `${count} `}${words.of} ${words.are}`
}

/**
 * The rating the profile suggests, and every rule that moved it: advice for the inspector, whose holistic
 * judgement the rating is. The blocks' grades give the starting point (the weakest, a hypothesis: see the rule
 * set's `start`); a lowering (CSA-R1) comes off that starting point, then the limits apply, so that a grade is
 * never taken off a rating a limit has already lowered (domain reference §13). A rule can be switched off by id.
 */
export function suggestRating(
  profile: Profile,
  rules: RatingRuleSet,
  options: { disabled?: readonly string[]; now?: Date } = {},
): RatingSuggestion {
  const scale = getFramework(rules.framework).scale
  const words = (g: number) => gradeLabel(scale, g)
  const disabled = options.disabled ?? []
  const steps: RatingStep[] = []
  const missing: string[] = []
  const active = rules.rules.filter(r => !disabled.includes(r.id))
  const base = (r: RatingRule) => ({ rule: r.id, label: r.label, status: r.status, source: r.source })
  const describe = (r: RatingRule, value: number) => describeMetric(r.metric, value, profile.counts?.[r.metric])
  const blockGrades: { rule: RatingRule; grade: number }[] = []
  for (const r of active) {
    if (r.kind !== 'block') continue
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
    blockGrades.push({ rule: r, grade: g })
    const reason = `${describe(r, value)}: this block suggests ${words(g)}.`
    steps.push({ ...base(r), reason, before: null, after: null, moved: false })
  }
  if (blockGrades.length === 0 && missing.length === 0) missing.push('No block of the profile is switched on')
  let grade = missing.length ? null : Math.min(...blockGrades.map(b => b.grade))
  if (blockGrades.length) {
    const weakest = blockGrades.filter(b => b.grade === grade).map(b => b.rule.label)
    steps.push({
      rule: 'starting-point',
      ...rules.start,
      reason:
        grade === null
          ? 'No starting point while a block lacks data.'
          : `${weakest.join(' and ')} ${weakest.length > 1 ? 'give' : 'gives'} the starting point, ${words(grade)}${blockGrades.length > weakest.length ? ', the weakest block' : ''}.`,
      before: null,
      after: grade,
      moved: grade !== null,
    })
  }
  let lowered = false
  for (const r of [...active.filter(x => x.kind === 'lower'), ...active.filter(x => x.kind === 'cap')]) {
    const value = profile.metrics[r.metric]
    if (value === null || value === undefined) {
      steps.push({ ...base(r), reason: 'Not applied: no data.', before: grade, after: grade, moved: false })
      continue
    }
    const fires = value >= r.atLeast
    let after = grade
    if (fires && grade !== null) after = r.kind === 'cap' ? Math.min(grade, r.cap) : Math.max(1, grade - r.by)
    const effect =
      r.kind === 'cap'
        ? `the suggestion may be no better than ${words(r.cap)}`
        : `the starting point goes down ${plural(r.by, 'grade')}, before any limit`
    const already =
      grade === null
        ? ' (no rating is suggested for it to change)'
        : after === grade
          ? `, which it already is not${r.kind === 'cap' && lowered ? ' after the grade taken off above' : ''}`
          : r.kind === 'cap' && lowered
            ? '; the limit stands in place of the grade taken off above, not on top of it'
            : ''
    steps.push({
      ...base(r),
      reason: `${describe(r, value)}: ${fires ? `${effect}${already}` : 'does not apply'}.`,
      before: grade,
      after,
      moved: after !== grade,
    })
    if (r.kind === 'lower' && after !== grade) lowered = true
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
    note: RATING_NOTE,
  }
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
