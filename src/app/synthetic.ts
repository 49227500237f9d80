import {
  AUTHORITIES,
  type Authority,
  BLOCKS,
  INDICATORS,
  type Indicator,
  periodLabel,
  ratedIn,
  SETTING_TYPES,
  UNANNOUNCED,
} from '../domain/index.js'
import { toCsv } from '../lib/csv.js'
import { ENGLAND } from '../store/profile.js'
import type { DataKind } from './data-import.js'
import { NEIGHBOURS_PER_AUTHORITY } from './neighbours.js'

export interface SyntheticOptions {
  years: readonly number[]
  indicators: number
  settings: number
  seed: number
}

export const SYNTHETIC_DEFAULTS: SyntheticOptions = {
  years: [2007, 2008, 2009, 2010, 2011],
  indicators: 200,
  settings: 25_000,
  seed: 1,
}

/** mulberry32: a small deterministic generator, so that one seed always gives the same dataset. */
function random(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] as T
  return { next, normal, pick }
}

const SETTING_SHARES: Record<string, number> = {
  childminder: 0.4,
  childcare: 0.24,
  'childrens-centre': 0.06,
  'primary-school': 0.18,
  'secondary-school': 0.04,
  'special-school': 0.015,
  'pupil-referral-unit': 0.005,
  'sixth-form': 0.015,
  'further-education': 0.005,
  'childrens-home': 0.02,
  'fostering-agency': 0.007,
  'adoption-agency': 0.003,
}

const round1 = (x: number) => Math.round(x * 10) / 10
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))
const pad = (n: number) => String(n).padStart(2, '0')

/** The index of a weighted choice: the first whose cumulative weight passes u. */
function weighted(ws: readonly number[], u: number): number {
  let acc = 0
  const i = ws.findIndex(x => {
    acc += x
    return acc > u
  })
  return i < 0 ? ws.length - 1 : i
}

export type SyntheticFiles = Record<DataKind, string>

/**
 * A plausible national dataset, every row marked synthetic: the authorities of each year's ratings (those abolished
 * since among them, with invented statistical neighbours, as today's lookup has none for them), the shipped
 * indicators drawn within the range where authorities' figures lay (`typical` in indicators.json) plus invented ones
 * up to the number asked for, settings with an inspection outcome in every year, and unannounced inspections from
 * the programme's start. For tests and benchmarks only; never to be read as real data.
 */
export function generateSynthetic(options: Partial<SyntheticOptions> = {}): SyntheticFiles {
  const o = { ...SYNTHETIC_DEFAULTS, ...options }
  const r = random(o.seed)
  const years = [...o.years].sort((a, b) => a - b)
  const firstYear = years[0] ?? 2009
  const rated = new Map(years.map(y => [y, ratedIn(AUTHORITIES, y)]))
  const ratedInYear = (y: number) => rated.get(y) ?? []
  const invented: (Indicator & { typical: { min: number; max: number } })[] = Array.from(
    { length: Math.max(0, o.indicators - INDICATORS.length) },
    (_, i) => {
      const polarity = r.next() < 0.1 ? 'neither' : r.next() < 0.5 ? 'higher' : 'lower'
      const unit = r.next() < 0.8 ? 'percent' : 'rate'
      const centre = unit === 'percent' ? 30 + r.next() * 55 : 20 + r.next() * 400
      const typical =
        unit === 'percent'
          ? { min: Math.max(0, Math.round(centre - 20)), max: Math.min(100, Math.round(centre + 20)) }
          : { min: Math.round(centre * 0.5), max: Math.round(centre * 1.5) }
      return {
        code: `SYN ${i + 1}`,
        name: `Synthetic indicator ${i + 1}`,
        unit,
        polarity,
        periodType: 'financial-year',
        years,
        block: r.pick(BLOCKS),
        phrase: `Synthetic measure ${i + 1}`,
        certainty: 'synthetic',
        typical,
      }
    },
  )
  const definitions = toCsv([
    ['code', 'name', 'unit', 'polarity', 'period_type', 'years', 'block', 'phrase', 'certainty', 'synthetic'],
    ...invented.map(i => [
      i.code,
      i.name,
      i.unit,
      i.polarity,
      i.periodType,
      i.years.join(';'),
      i.block,
      i.phrase,
      i.certainty,
      'yes',
    ]),
  ])
  const indicators = [...INDICATORS, ...invented].slice(0, Math.max(o.indicators, 0))
  // Each authority has a general quality and a size; each indicator a national level within its typical range.
  const quality = new Map(AUTHORITIES.map(a => [a.code, r.normal()]))
  const size = new Map(AUTHORITIES.map(a => [a.code, Math.exp(r.normal() * 0.7) * 300]))
  const valueRows: (string | number | null)[][] = []
  for (const indicator of indicators) {
    const typical = indicator.typical ?? { min: 0, max: indicator.unit === 'percent' ? 100 : 500 }
    const level = r.next() - 0.5
    const sign = indicator.polarity === 'lower' ? -1 : 1
    for (const year of years) {
      if (!indicator.years.includes(year)) continue
      const drift = 0.15 * (year - firstYear) * (r.next() - 0.3)
      const period = periodLabel(year, indicator.periodType)
      const values: number[] = []
      for (const a of ratedInYear(year)) {
        // The logistic keeps every value inside the typical range, however far the draw falls.
        const z = level + sign * drift + 0.6 * sign * (quality.get(a.code) ?? 0) + 0.8 * r.normal()
        const value = round1(typical.min + (typical.max - typical.min) * sigmoid(z))
        const denominator = Math.max(3, Math.round((size.get(a.code) ?? 100) * (0.5 + r.next())))
        values.push(value)
        valueRows.push([a.code, indicator.code, period, value, denominator, 'yes'])
      }
      if (indicator.certainty !== 'synthetic' && values.length)
        valueRows.push([
          ENGLAND,
          indicator.code,
          period,
          round1(values.reduce((x, y) => x + y, 0) / values.length),
          null,
          'yes',
        ])
    }
  }
  return {
    neighbours: neighbourRows(r, years, ratedInYear),
    'indicator-definitions': definitions,
    indicators: toCsv([['authority_code', 'indicator', 'period', 'value', 'denominator', 'synthetic'], ...valueRows]),
    settings: settingRows(r, o.settings, years, ratedInYear, quality, size),
    unannounced: unannouncedRows(r, years, ratedInYear),
  }
}

type Random = ReturnType<typeof random>

/**
 * Ten invented statistical neighbours for each authority of the years that no longer exists (today's lookup lists
 * none for them): authorities of the same year, of its region and type first.
 */
function neighbourRows(r: Random, years: readonly number[], ratedInYear: (y: number) => Authority[]): string {
  const rows: string[][] = []
  const done = new Set<string>()
  for (const year of years)
    for (const a of ratedInYear(year)) {
      if (a.validTo === null || done.has(a.code)) continue
      done.add(a.code)
      const others = ratedInYear(year)
        .filter(b => b.code !== a.code)
        .map(b => ({ b, key: (b.region === a.region ? 0 : 2) + (b.type === a.type ? 0 : 1) + r.next() }))
        .sort((x, y) => x.key - y.key)
        .slice(0, NEIGHBOURS_PER_AUTHORITY)
      rows.push([a.code, others.map(x => x.b.code).join(', '), 'yes'])
    }
  return toCsv([['la_code_new', 'stat_neighbours_la_code', 'synthetic'], ...rows])
}

/**
 * Settings, each in one authority and re-inspected now and then. Where its authority is abolished, it passes to an
 * authority of the same region created since (Bedfordshire's to Bedford or Central Bedfordshire).
 */
function settingRows(
  r: Random,
  count: number,
  years: readonly number[],
  ratedInYear: (y: number) => Authority[],
  quality: ReadonlyMap<string, number>,
  size: ReadonlyMap<string, number>,
): string {
  const rows: (string | number)[][] = []
  const types = SETTING_TYPES.map(t => ({ id: t.id, label: t.label, share: SETTING_SHARES[t.id] ?? 0.01 }))
  const total = types.reduce((n, t) => n + t.share, 0)
  const first = ratedInYear(years[0] ?? 2009)
  const weights = first.map(a => size.get(a.code) ?? 1)
  const weightSum = weights.reduce((x, y) => x + y, 0)
  const firstYear = years[0] ?? 2009
  for (let n = 1; n <= count; n++) {
    const type = types[
      weighted(
        types.map(t => t.share),
        r.next() * total,
      )
    ] as (typeof types)[number]
    let authority = first[weighted(weights, r.next() * weightSum)] as Authority
    const draw = () => clamp(Math.round(2.0 - 0.4 * (quality.get(authority.code) ?? 0) + 0.7 * r.normal()), 1, 4)
    let grade = draw()
    let inspected = `${firstYear - 1}-${pad(1 + Math.floor(r.next() * 12))}-15`
    for (const year of years) {
      const now = ratedInYear(year)
      if (!now.includes(authority)) {
        const gone = authority
        const successors = now.filter(
          b => b.region === gone.region && b.validFrom !== null && gone.validTo !== null && b.validFrom > gone.validTo,
        )
        authority = r.pick(successors.length ? successors : now.filter(b => b.region === gone.region))
      }
      if (r.next() < 0.33) {
        grade = draw()
        inspected = `${year}-${pad(1 + Math.floor(r.next() * 12))}-${pad(1 + Math.floor(r.next() * 28))}`
      }
      rows.push([
        `SYN${String(n).padStart(6, '0')}`,
        type.id,
        `${type.label.replace(/s$/, '')} ${n}`,
        authority.code,
        year,
        inspected,
        grade,
        'yes',
      ])
    }
  }
  return toCsv([
    ['urn', 'setting_type', 'name', 'authority_code', 'year', 'inspection_date', 'overall_effectiveness', 'synthetic'],
    ...rows,
  ])
}

/** About four in five authorities a year have an unannounced inspection, none dated before the programme began. */
function unannouncedRows(r: Random, years: readonly number[], ratedInYear: (y: number) => Authority[]): string {
  const rows: (string | number)[][] = []
  const start = UNANNOUNCED.from
  const startYear = Number(start.slice(0, 4))
  const startMonth = Number(start.slice(5, 7))
  for (const year of years.filter(y => y >= startYear))
    for (const a of ratedInYear(year))
      if (r.next() < 0.8) {
        // Between the programme's start (or January) and November, before the year's ratings are made.
        const from = year === startYear ? startMonth : 1
        const month = from + Math.floor(r.next() * (12 - from))
        const priority = r.next() < 0.04 ? 1 + Math.floor(r.next() * 3) : 0
        rows.push([a.code, `${year}-${pad(month)}-${pad(1 + Math.floor(r.next() * 28))}`, priority, 'yes'])
      }
  return toCsv([['authority_code', 'date', 'areas_for_priority_action', 'synthetic'], ...rows])
}

/** The order the generated files must be imported in: definitions before the values that use them. */
export const SYNTHETIC_ORDER = ['neighbours', 'indicator-definitions', 'indicators', 'settings', 'unannounced'] as const
