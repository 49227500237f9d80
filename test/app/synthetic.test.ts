import { describe, expect, it } from 'vitest'
import { generateSynthetic, SYNTHETIC_DEFAULTS } from '../../src/app/synthetic.js'
import {
  AUTHORITIES,
  allowedRange,
  buildProfile,
  INDICATORS,
  type Indicator,
  type IndicatorValue,
  nationalData,
  type OtherInspection,
  periodYear,
  ratedIn,
  ratingRules,
  type SettingOutcome,
  suggestRating,
  UNANNOUNCED,
} from '../../src/domain/index.js'
import { parseCsv } from '../../src/lib/csv.js'
import { ENGLAND } from '../../src/store/profile.js'
import { LA_LOOKUP, readCsv, sharedAvailable } from '../support/shared.js'

const rows = (csv: string) => parseCsv(csv).records.map(r => r.values)

/** The eight councils rated in 2009 and abolished or reorganised since. */
const GONE = {
  E06000028: 'Bournemouth',
  E06000029: 'Poole',
  E10000009: 'Dorset',
  E10000002: 'Buckinghamshire',
  E10000006: 'Cumbria',
  E10000021: 'Northamptonshire',
  E10000023: 'North Yorkshire',
  E10000027: 'Somerset',
}

describe('synthetic data is plausible for every real indicator', () => {
  const full = generateSynthetic(SYNTHETIC_DEFAULTS)

  it('holds, as data, each shipped indicator’s allowed range and the narrower range authorities’ figures lay in', () => {
    for (const i of INDICATORS) {
      expect(i.range, i.code).toBeDefined()
      expect(i.typical, i.code).toBeDefined()
      const range = allowedRange(i)
      expect(i.typical?.min, i.code).toBeGreaterThanOrEqual(range.min)
      expect(i.typical?.max, i.code).toBeLessThanOrEqual(range.max)
      if (i.unit === 'percent') expect(range, i.code).toEqual({ min: 0, max: 100 })
    }
    const byCode = new Map(INDICATORS.map(i => [i.code, i]))
    expect(byCode.get('NI 58')?.range).toEqual({ min: 0, max: 40 })
    expect(byCode.get('NI 112')?.typical).toEqual({ min: 15, max: 70 })
    expect(byCode.get('NI 117')?.typical).toEqual({ min: 2, max: 15 })
  })

  it('generates the whole national record with every value inside its indicator’s ranges', () => {
    const files = full
    const invented = new Map(
      rows(files['indicator-definitions']).map(d => [
        d.code as string,
        { unit: d.unit, range: undefined } as Pick<Indicator, 'unit' | 'range'>,
      ]),
    )
    const real = new Map(INDICATORS.map(i => [i.code, i]))
    const seen = new Map<string, number>()
    const bad: string[] = []
    for (const v of rows(files.indicators)) {
      const code = v.indicator as string
      const value = Number(v.value)
      const definition = real.get(code) ?? invented.get(code)
      if (!definition) throw new Error(`unknown indicator ${code}`)
      const { min, max } = allowedRange(definition)
      const typical = real.get(code)?.typical ?? { min, max }
      if (!(value >= Math.max(min, typical.min) && value <= Math.min(max, typical.max)))
        bad.push(`${code} ${v.period} ${v.authority_code}: ${value}`)
      seen.set(code, (seen.get(code) ?? 0) + 1)
    }
    expect(bad).toEqual([])
    // Every real indicator is generated, for each year it is used in, for every authority and England.
    for (const i of INDICATORS) {
      const years = SYNTHETIC_DEFAULTS.years.filter(y => i.years.includes(y))
      const expected = years.reduce((n, y) => n + ratedIn(AUTHORITIES, y).length + 1, 0)
      expect(seen.get(i.code), i.code).toBe(expected)
    }
    expect(seen.size).toBe(SYNTHETIC_DEFAULTS.indicators)
  })

  it('dates unannounced inspections from June 2009, the programme’s start, and never before', () => {
    expect(UNANNOUNCED.from).toBe('2009-06-01')
    const dates = rows(full.unannounced).map(u => u.date as string)
    expect(dates.length).toBeGreaterThan(300)
    expect(dates.filter(d => d < '2009-06-01')).toEqual([])
    expect(dates.some(d => d.startsWith('2009-06'))).toBe(true)
    expect(new Set(dates.map(d => d.slice(0, 4)))).toEqual(new Set(['2009', '2010', '2011']))
  })
})

describe('synthetic data covers every council that existed in each year', () => {
  const files = generateSynthetic({ ...SYNTHETIC_DEFAULTS, years: [2008, 2009] })
  const values = rows(files.indicators)
  const settings = rows(files.settings)

  it('gives a council data only for the years it existed', () => {
    const has = (code: string, year: number) =>
      values.some(v => {
        const i = INDICATORS.find(x => x.code === v.indicator)
        return v.authority_code === code && i && periodYear(v.period as string, i.periodType) === year
      }) || settings.some(s => s.authority_code === code && Number(s.year) === year)
    // Bedfordshire county until March 2009; Bedford from April 2009; Bournemouth, Christchurch and Poole from 2019.
    expect([has('E10000001', 2008), has('E10000001', 2009)]).toEqual([true, false])
    expect([has('E06000055', 2008), has('E06000055', 2009)]).toEqual([false, true])
    expect([has('E06000058', 2008), has('E06000058', 2009)]).toEqual([false, false])
    for (const code of Object.keys(GONE)) expect(has(code, 2009), code).toBe(true)
    expect(ratedIn(AUTHORITIES, 2009)).toHaveLength(152)
  })

  it.runIf(sharedAvailable(LA_LOOKUP, 'statistical neighbours for the synthetic suggestions'))(
    'gives every authority existing in 2009 a 2009 suggestion, the eight abolished since among them',
    () => {
      const neighbours = new Map<string, string[]>()
      for (const r of [...readCsv(LA_LOOKUP), ...rows(files.neighbours)]) {
        const list = (r.stat_neighbours_la_code ?? '')
          .split(',')
          .map(s => s.trim())
          .filter(Boolean)
        if (list.length) neighbours.set(r.la_code_new as string, list)
      }
      const indicatorValues: IndicatorValue[] = []
      const england = new Map<string, number>()
      for (const v of values) {
        const i = INDICATORS.find(x => x.code === v.indicator)
        if (!i || periodYear(v.period as string, i.periodType) !== 2009) continue
        if (v.authority_code === ENGLAND) england.set(i.code, Number(v.value))
        else
          indicatorValues.push({
            authorityCode: v.authority_code as string,
            code: i.code,
            year: 2009,
            value: Number(v.value),
            denominator: Number(v.denominator),
          })
      }
      const outcomes: SettingOutcome[] = settings
        .filter(s => s.year === '2009')
        .map(s => ({
          authorityCode: s.authority_code as string,
          type: s.setting_type as string,
          grade: Number(s.overall_effectiveness),
        }))
      const inspections = new Map<string, OtherInspection[]>()
      for (const u of rows(files.unannounced))
        inspections.set(u.authority_code as string, [
          {
            kind: 'unannounced',
            date: u.date as string,
            priorityActions: Number(u.areas_for_priority_action),
            level: null,
            source: 'synthetic',
          },
        ])
      const national = nationalData({
        year: 2009,
        indicators: INDICATORS,
        indicatorValues,
        englandValues: england,
        settings: outcomes,
        regions: new Map(AUTHORITIES.map(a => [a.code, a.region])),
      })
      const rules = ratingRules(2009)
      const missing = ratedIn(AUTHORITIES, 2009).flatMap(a => {
        const p = buildProfile(national, a.code, neighbours.get(a.code) ?? [], inspections.get(a.code) ?? [])
        const s = suggestRating(p, rules)
        return s.grade === null ? [`${a.name}: ${s.missing.join('; ')}`] : []
      })
      expect(missing).toEqual([])
      for (const [code, name] of Object.entries(GONE)) {
        expect(AUTHORITIES.find(a => a.code === code)?.name).toBe(name)
        expect(neighbours.get(code), name).toHaveLength(10)
      }
    },
  )
})
