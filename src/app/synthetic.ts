import { AUTHORITIES, BLOCKS, INDICATORS, type Indicator, periodLabel, SETTING_TYPES } from '../domain/index.js'
import { toCsv } from '../lib/csv.js'
import { ENGLAND } from '../store/profile.js'
import type { DataKind } from './data-import.js'

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

/**
 * A realistic national dataset, every row marked synthetic: every authority that existed in each year, the
 * shipped indicators plus invented ones up to the number asked for, settings with an inspection outcome in every
 * year, and unannounced inspections. For tests and benchmarks only; never to be read as real data.
 */
export function generateSynthetic(
  options: Partial<SyntheticOptions> = {},
): Record<Exclude<DataKind, 'neighbours'>, string> {
  const o = { ...SYNTHETIC_DEFAULTS, ...options }
  const r = random(o.seed)
  const years = [...o.years].sort((a, b) => a - b)
  const firstYear = years[0] ?? 2009
  const invented: Indicator[] = Array.from({ length: Math.max(0, o.indicators - INDICATORS.length) }, (_, i) => {
    const polarity = r.next() < 0.1 ? 'neither' : r.next() < 0.5 ? 'higher' : 'lower'
    return {
      code: `SYN ${i + 1}`,
      name: `Synthetic indicator ${i + 1}`,
      unit: r.next() < 0.8 ? 'percent' : 'rate',
      polarity,
      periodType: 'financial-year',
      years,
      block: r.pick(BLOCKS),
      phrase: `Synthetic measure ${i + 1}`,
      certainty: 'synthetic',
    }
  })
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
  const existedIn = (year: number) =>
    AUTHORITIES.filter(
      a => (!a.validFrom || a.validFrom <= `${year}-12-31`) && (!a.validTo || a.validTo >= `${year}-01-01`),
    )
  // Each authority has a general quality and a size; each indicator a national level and spread.
  const quality = new Map(AUTHORITIES.map(a => [a.code, r.normal()]))
  const size = new Map(AUTHORITIES.map(a => [a.code, Math.exp(r.normal() * 0.7) * 300]))
  const valueRows: (string | number | null)[][] = []
  for (const indicator of indicators) {
    const centre = indicator.unit === 'percent' ? 30 + r.next() * 55 : 20 + r.next() * 400
    const spread = indicator.unit === 'percent' ? 2 + r.next() * 4 : centre * (0.05 + r.next() * 0.1)
    const sign = indicator.polarity === 'lower' ? -1 : 1
    for (const year of years) {
      if (!indicator.years.includes(year)) continue
      const drift = (year - firstYear) * (r.next() - 0.3)
      const period = periodLabel(year, indicator.periodType)
      const values: number[] = []
      for (const a of existedIn(year)) {
        const raw = centre + drift + spread * (0.6 * sign * (quality.get(a.code) ?? 0) + 0.8 * r.normal())
        const value = indicator.unit === 'percent' ? round1(clamp(raw, 0, 100)) : round1(Math.max(0, raw))
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
  const settingRows: (string | number)[][] = []
  const types = SETTING_TYPES.map(t => ({ id: t.id, label: t.label, share: SETTING_SHARES[t.id] ?? 0.01 }))
  const total = types.reduce((n, t) => n + t.share, 0)
  const current = AUTHORITIES.filter(a => a.validTo === null)
  const weights = current.map(a => size.get(a.code) ?? 1)
  const weightSum = weights.reduce((x, y) => x + y, 0)
  /** The index of a weighted choice: the first whose cumulative weight passes u. */
  const weighted = (ws: readonly number[], u: number) => {
    let acc = 0
    const i = ws.findIndex(x => {
      acc += x
      return acc > u
    })
    return i < 0 ? ws.length - 1 : i
  }
  for (let n = 1; n <= o.settings; n++) {
    const type = types[
      weighted(
        types.map(t => t.share),
        r.next() * total,
      )
    ] as (typeof types)[number]
    const authority = current[weighted(weights, r.next() * weightSum)] as (typeof current)[number]
    const q = quality.get(authority.code) ?? 0
    const draw = () => clamp(Math.round(2.0 - 0.4 * q + 0.7 * r.normal()), 1, 4)
    let grade = draw()
    let inspected = `${firstYear - 1}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-15`
    for (const year of years) {
      const existed = (!authority.validFrom || authority.validFrom <= `${year}-12-31`) && authority.validTo === null
      if (r.next() < 0.33) {
        grade = draw()
        inspected = `${year}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r.next() * 28)).padStart(2, '0')}`
      }
      if (!existed) continue
      settingRows.push([
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
  const unannouncedRows: (string | number)[][] = []
  for (const year of years.filter(y => y >= 2009))
    for (const a of existedIn(year))
      if (r.next() < 0.8) {
        const priority = r.next() < 0.04 ? 1 + Math.floor(r.next() * 3) : 0
        unannouncedRows.push([
          a.code,
          `${year}-${String(1 + Math.floor(r.next() * 12)).padStart(2, '0')}-10`,
          priority,
          'yes',
        ])
      }
  return {
    'indicator-definitions': definitions,
    indicators: toCsv([['authority_code', 'indicator', 'period', 'value', 'denominator', 'synthetic'], ...valueRows]),
    settings: toCsv([
      [
        'urn',
        'setting_type',
        'name',
        'authority_code',
        'year',
        'inspection_date',
        'overall_effectiveness',
        'synthetic',
      ],
      ...settingRows,
    ]),
    unannounced: toCsv([['authority_code', 'date', 'areas_for_priority_action', 'synthetic'], ...unannouncedRows]),
  }
}

/** The order the generated files must be imported in: definitions before the values that use them. */
export const SYNTHETIC_ORDER = ['indicator-definitions', 'indicators', 'settings', 'unannounced'] as const
