import {
  type Actor,
  type Authority,
  allowedRange,
  BLOCKS,
  ForbiddenError,
  type Indicator,
  IndicatorSchema,
  isAdministrator,
  isIsoDate,
  periodYear,
  SETTING_TYPES,
  SETTINGS_SCALE,
  ValidationError,
} from '../domain/index.js'
import { parseCsv } from '../lib/csv.js'
import { ENGLAND } from '../store/profile.js'
import type { Store } from '../store/store.js'
import type { Context } from './assessments.js'
import { importNeighbours } from './neighbours.js'

export const DATA_KINDS = ['indicator-definitions', 'indicators', 'settings', 'unannounced', 'neighbours'] as const
export type DataKind = (typeof DATA_KINDS)[number]

/** The columns each kind of file must have (more may follow; `synthetic` = yes marks rows as synthetic). */
export const DATA_COLUMNS: Record<DataKind, readonly string[]> = {
  'indicator-definitions': ['code', 'name', 'unit', 'polarity', 'period_type', 'years', 'block', 'phrase', 'certainty'],
  indicators: ['authority_code', 'indicator', 'period', 'value'],
  settings: ['urn', 'setting_type', 'name', 'authority_code', 'year', 'inspection_date', 'overall_effectiveness'],
  unannounced: ['authority_code', 'date', 'areas_for_priority_action'],
  neighbours: ['la_code_new', 'stat_neighbours_la_code'],
}

export interface DataImport {
  kind: DataKind
  fileName: string
  /** Data rows in the file. */
  rows: number
  imported: number
  /** Rows stored before that this file replaced (same period and scope). */
  replaced: number
  /** Each refused row, with its line number and the reason. */
  errors: string[]
  skipped: number
  synthetic: boolean
  dryRun: boolean
  datasetId: string | null
}

interface Refs {
  authorities: Map<string, Authority>
  indicators: Map<string, Indicator & { synthetic: boolean }>
}

type Parsed<T> = { ok: true; row: T } | { ok: false; problem: string }
const bad = (problem: string) => ({ ok: false as const, problem })
const good = <T>(row: T) => ({ ok: true as const, row })

function number(value: string | undefined, what: string): number | string {
  const v = (value ?? '').trim()
  if (v === '') return `${what} is empty`
  const n = Number(v)
  return Number.isFinite(n) ? n : `${what} "${v}" is not a number`
}

function existed(a: Authority, year: number): boolean {
  return (!a.validFrom || a.validFrom <= `${year}-12-31`) && (!a.validTo || a.validTo >= `${year}-01-01`)
}

interface Kind<T> {
  parse(values: Record<string, string>, refs: Refs): Parsed<T>
  /** The same key twice in one file is an error: which row would be meant? */
  key(row: T): string
  store(tx: Store, rows: T[], datasetId: string, synthetic: boolean): Promise<number>
}

const definitions: Kind<Indicator> = {
  parse(v, refs) {
    const known = refs.indicators.get(v.code?.trim() ?? '')
    if (known && !known.synthetic)
      return bad(`${known.code} is defined by the shipped catalogue and cannot be redefined by a file`)
    const parsed = IndicatorSchema.safeParse({
      code: v.code?.trim(),
      name: v.name?.trim(),
      unit: v.unit?.trim(),
      polarity: v.polarity?.trim(),
      periodType: v.period_type?.trim(),
      years: (v.years ?? '')
        .split(/[;\s]+/)
        .filter(Boolean)
        .map(Number),
      block: v.block?.trim(),
      phrase: v.phrase?.trim(),
      certainty: v.certainty?.trim(),
    })
    if (!parsed.success)
      return bad(
        parsed.error.issues
          .map(i => `${i.path.join('.') === 'periodType' ? 'period_type' : i.path.join('.')}: ${i.message}`)
          .join('; ') + (parsed.error.issues.some(i => i.path[0] === 'block') ? ` (blocks: ${BLOCKS.join(', ')})` : ''),
      )
    return good(parsed.data)
  },
  key: i => i.code,
  async store(tx, rows, _datasetId, synthetic) {
    await tx.profile.upsertIndicators(rows, synthetic)
    return 0
  },
}

type ValueRow = {
  authorityCode: string
  code: string
  year: number
  period: string
  value: number
  denominator: number | null
}
const values: Kind<ValueRow> = {
  parse(v, refs) {
    const area = v.authority_code?.trim() ?? ''
    if (area !== ENGLAND && !refs.authorities.has(area))
      return bad(`unknown authority GSS code "${area}" (England's figure uses ${ENGLAND})`)
    const indicator = refs.indicators.get(v.indicator?.trim() ?? '')
    if (!indicator) return bad(`unknown indicator "${v.indicator?.trim()}"; import its definition first`)
    const period = v.period?.trim() ?? ''
    const year = periodYear(period, indicator.periodType)
    if (year === null)
      return bad(
        `period "${period}" is not a ${indicator.periodType.replace('-', ' ')} (${indicator.periodType === 'calendar-year' ? 'like 2009' : 'like 2008-09'})`,
      )
    if (!indicator.years.includes(year))
      return bad(`${indicator.code} is not used in ${year}; it is used in ${indicator.years.join(', ')}`)
    const authority = refs.authorities.get(area)
    if (authority && !existed(authority, year)) return bad(`${authority.name} did not exist in ${year}`)
    const value = number(v.value, 'value')
    if (typeof value === 'string') return bad(value)
    if (indicator.unit === 'percent' && (value < 0 || value > 100))
      return bad(`value ${value} is not a percentage between 0 and 100`)
    if (indicator.unit !== 'score' && value < 0) return bad(`value ${value} is negative`)
    const range = allowedRange(indicator)
    if (value < range.min || value > range.max)
      return bad(`value ${value} is outside what ${indicator.code} allows (${range.min} to ${range.max})`)
    let denominator: number | null = null
    if ((v.denominator ?? '').trim() !== '') {
      const d = number(v.denominator, 'denominator')
      if (typeof d === 'string') return bad(d)
      if (!Number.isInteger(d) || d < 0) return bad(`denominator ${d} is not a whole number of 0 or more`)
      denominator = d
    }
    return good({ authorityCode: area, code: indicator.code, year, period, value, denominator })
  },
  key: r => `${r.code} ${r.year} ${r.authorityCode}`,
  async store(tx, rows, datasetId) {
    const pairs = [...new Map(rows.map(r => [`${r.code} ${r.year}`, { code: r.code, year: r.year }])).values()]
    return tx.profile.replaceIndicatorValues(
      pairs,
      rows.map(r => ({ ...r, datasetId })),
    )
  },
}

type SettingRow = {
  urn: string
  type: string
  name: string
  authorityCode: string
  year: number
  inspectionDate: string
  grade: number
}
const settings: Kind<SettingRow> = {
  parse(v, refs) {
    const urn = v.urn?.trim() ?? ''
    if (!urn) return bad('urn is empty')
    const type = v.setting_type?.trim() ?? ''
    if (!SETTING_TYPES.some(t => t.id === type))
      return bad(`unknown setting type "${type}"; the types are: ${SETTING_TYPES.map(t => t.id).join(', ')}`)
    const name = v.name?.trim() ?? ''
    if (!name) return bad('name is empty')
    const authority = refs.authorities.get(v.authority_code?.trim() ?? '')
    if (!authority) return bad(`unknown authority GSS code "${v.authority_code?.trim()}"`)
    const year = Number(v.year?.trim())
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return bad(`year "${v.year?.trim()}" is not a year`)
    if (!existed(authority, year)) return bad(`${authority.name} did not exist in ${year}`)
    const date = v.inspection_date?.trim() ?? ''
    if (!isIsoDate(date)) return bad(`inspection_date "${date}" is not a date written YYYY-MM-DD`)
    if (date > `${year}-12-31`) return bad(`inspection_date ${date} is after the year ${year} it counts for`)
    const grade = Number(v.overall_effectiveness?.trim())
    if (!SETTINGS_SCALE.points.some(p => p.value === grade))
      return bad(
        `overall_effectiveness "${v.overall_effectiveness?.trim()}" is not on the settings scale (1 outstanding, 2 good, 3 satisfactory, 4 inadequate)`,
      )
    return good({ urn, type, name, authorityCode: authority.code, year, inspectionDate: date, grade })
  },
  key: r => `${r.year} ${r.urn}`,
  async store(tx, rows, datasetId) {
    const scope = authorityYears(rows)
    return tx.profile.replaceSettingOutcomes(
      scope,
      rows.map(r => ({ ...r, datasetId })),
    )
  },
}

type UnannouncedRow = { authorityCode: string; date: string; year: number; priorityActions: number }
const unannounced: Kind<UnannouncedRow> = {
  parse(v, refs) {
    const authority = refs.authorities.get(v.authority_code?.trim() ?? '')
    if (!authority) return bad(`unknown authority GSS code "${v.authority_code?.trim()}"`)
    const date = v.date?.trim() ?? ''
    if (!isIsoDate(date)) return bad(`date "${date}" is not a date written YYYY-MM-DD`)
    const year = Number(date.slice(0, 4))
    if (!existed(authority, year)) return bad(`${authority.name} did not exist in ${year}`)
    const n = Number(v.areas_for_priority_action?.trim())
    if (!Number.isInteger(n) || n < 0 || (v.areas_for_priority_action ?? '').trim() === '')
      return bad(
        `areas_for_priority_action "${v.areas_for_priority_action?.trim()}" is not a whole number of 0 or more`,
      )
    return good({ authorityCode: authority.code, date, year, priorityActions: n })
  },
  key: r => `${r.authorityCode} ${r.date}`,
  async store(tx, rows, datasetId) {
    const scope = authorityYears(rows)
    return tx.profile.replaceUnannounced(
      scope,
      rows.map(r => ({ ...r, datasetId })),
    )
  },
}

/** Each (authority, year) the rows cover, once: what a settings or inspections file replaces. */
function authorityYears(rows: readonly { authorityCode: string; year: number }[]) {
  return [
    ...new Map(
      rows.map(r => [`${r.authorityCode} ${r.year}`, { authorityCode: r.authorityCode, year: r.year }]),
    ).values(),
  ]
}

const KINDS: Record<Exclude<DataKind, 'neighbours'>, Kind<never>> = {
  'indicator-definitions': definitions as Kind<never>,
  indicators: values as Kind<never>,
  settings: settings as Kind<never>,
  unannounced: unannounced as Kind<never>,
}

const isYes = (v: string | undefined) => /^(yes|true|1)$/i.test((v ?? '').trim())

/**
 * Imports one CSV file of profile data. Every row is checked (codes known, numbers in range, periods valid); a
 * file with any bad row imports nothing unless `skipBadRows`, and then says which it skipped. What the file
 * holds replaces what was stored for the same periods and scope, in one transaction with its audit entry.
 */
export async function importData(
  ctx: Context,
  actor: Actor,
  kind: DataKind,
  csvText: string,
  options: { fileName: string; skipBadRows?: boolean; dryRun?: boolean },
): Promise<DataImport> {
  if (!isAdministrator(actor)) throw new ForbiddenError('Only an administrator may import profile data')
  if (!DATA_KINDS.includes(kind))
    throw new ValidationError(`Unknown kind of data "${kind}"; the kinds are: ${DATA_KINDS.join(', ')}`)
  let parsed: ReturnType<typeof parseCsv>
  try {
    parsed = parseCsv(csvText)
  } catch (e) {
    throw new ValidationError(`${options.fileName} is not valid CSV: ${(e as Error).message}`)
  }
  const missing = DATA_COLUMNS[kind].filter(c => !parsed.header.includes(c))
  if (missing.length)
    throw new ValidationError(
      `${options.fileName} is not a file of ${kind}: it has no column ${missing.map(c => `"${c}"`).join(', ')} (columns found: ${parsed.header.join(', ') || 'none'})`,
    )
  if (parsed.records.length === 0) throw new ValidationError(`${options.fileName} has no rows of data`)
  const synthetic = parsed.records.some(r => isYes(r.values.synthetic))
  const base = {
    kind,
    fileName: options.fileName,
    rows: parsed.records.length,
    synthetic,
    dryRun: Boolean(options.dryRun),
  }

  if (kind === 'neighbours') {
    const r = await importNeighbours(ctx, actor, csvText, options)
    return {
      ...base,
      imported: r.errors.length && !options.skipBadRows ? 0 : r.imported,
      replaced: 0,
      errors: r.errors,
      skipped: options.skipBadRows ? r.errors.length : 0,
      datasetId: null,
    }
  }

  const spec = KINDS[kind]
  const [authorities, indicators] = await Promise.all([ctx.store.authorities.list(), ctx.store.profile.indicators()])
  const refs: Refs = {
    authorities: new Map(authorities.map(a => [a.code, a])),
    indicators: new Map(indicators.map(i => [i.code, i])),
  }
  const errors: string[] = []
  const rows: never[] = []
  const seen = new Map<string, number>()
  for (const { line, values: v } of parsed.records) {
    const r = spec.parse(v, refs)
    if (!r.ok) {
      errors.push(`line ${line}: ${r.problem}`)
      continue
    }
    const key = spec.key(r.row)
    const first = seen.get(key)
    if (first !== undefined) {
      errors.push(
        `line ${line}: the same ${kind === 'settings' ? 'setting and year' : 'entry'} as line ${first} (${key})`,
      )
      continue
    }
    seen.set(key, line)
    rows.push(r.row)
  }
  const refused = { ...base, imported: 0, replaced: 0, errors, skipped: 0, datasetId: null }
  if (errors.length && !options.skipBadRows) return refused
  if (rows.length === 0) return { ...refused, skipped: errors.length }
  if (options.dryRun) return { ...refused, imported: rows.length, skipped: errors.length }
  return ctx.store.transaction(async tx => {
    const now = ctx.now()
    const datasetId = ctx.newId()
    await tx.profile.insertDataset({
      id: datasetId,
      kind,
      fileName: options.fileName,
      synthetic,
      rows: rows.length,
      importedBy: actor.id,
      importedAt: now.toISOString(),
    })
    const replaced = await spec.store(tx, rows, datasetId, synthetic)
    const result: DataImport = { ...base, imported: rows.length, replaced, errors, skipped: errors.length, datasetId }
    await tx.audit.append(actor, now, {
      action: 'data.import',
      entity: 'dataset',
      entityId: datasetId,
      before: { replaced },
      after: { kind, fileName: options.fileName, imported: rows.length, skipped: errors.length, synthetic },
    })
    return result
  })
}
