import { type Kysely, sql } from 'kysely'
import { type Indicator, IndicatorSchema, type IndicatorValue, type SettingOutcome } from '../domain/index.js'
import type { Database } from './schema.js'

/** England's GSS code: its rows hold a published national figure. */
export const ENGLAND = 'E92000001'

export interface Dataset {
  id: string
  kind: string
  fileName: string
  synthetic: boolean
  rows: number
  importedBy: string
  importedAt: string
}

export interface StoredIndicator extends Indicator {
  synthetic: boolean
}

/**
 * Rows are inserted in slices of about 10,000 parameters: PostgreSQL allows 65,535 in a statement, but embedded
 * PGlite (0.4) silently lost its connection on statements of 60,000 (every later query answered no rows).
 */
export async function insertInSlices<T>(rows: readonly T[], width: number, insert: (slice: T[]) => Promise<unknown>) {
  const size = Math.max(1, Math.floor(10_000 / width))
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

/** Runs one delete per scope entry and counts the rows they removed. */
async function deleteEach<S>(scope: readonly S[], remove: (s: S) => Promise<{ numDeletedRows: bigint }>) {
  let removed = 0
  for (const s of scope) removed += Number((await remove(s)).numDeletedRows)
  return removed
}

/** Typed SQL for the performance profile's data. Each replacement runs inside the caller's transaction. */
export class ProfileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insertDataset(d: Dataset): Promise<void> {
    await this.db
      .insertInto('datasets')
      .values({
        id: d.id,
        kind: d.kind,
        file_name: d.fileName,
        synthetic: d.synthetic,
        rows: d.rows,
        imported_by: d.importedBy,
        imported_at: d.importedAt,
      })
      .execute()
  }

  async datasets(): Promise<Dataset[]> {
    const rows = await this.db.selectFrom('datasets').selectAll().orderBy('imported_at', 'desc').execute()
    return rows.map(r => ({
      id: r.id,
      kind: r.kind,
      fileName: r.file_name,
      synthetic: r.synthetic,
      rows: r.rows,
      importedBy: r.imported_by,
      importedAt: r.imported_at.toISOString(),
    }))
  }

  /** Adds the shipped catalogue's indicators the store lacks; definitions already stored are left as they are. */
  async addMissingIndicators(indicators: readonly Indicator[]): Promise<void> {
    if (indicators.length === 0) return
    await this.db
      .insertInto('indicators')
      .values(indicators.map(i => ({ code: i.code, definition: JSON.stringify(i), synthetic: false })))
      .onConflict(oc => oc.column('code').doNothing())
      .execute()
  }

  async upsertIndicators(indicators: readonly Indicator[], synthetic: boolean): Promise<void> {
    await insertInSlices(indicators, 3, slice =>
      this.db
        .insertInto('indicators')
        .values(slice.map(i => ({ code: i.code, definition: JSON.stringify(i), synthetic })))
        .onConflict(oc => oc.column('code').doUpdateSet({ definition: eb => eb.ref('excluded.definition'), synthetic }))
        .execute(),
    )
  }

  async indicators(): Promise<StoredIndicator[]> {
    const rows = await this.db.selectFrom('indicators').selectAll().orderBy('code').execute()
    return rows.map(r => ({ ...IndicatorSchema.parse(r.definition), synthetic: r.synthetic }))
  }

  /** Replaces every value of each (indicator, year) pair given. */
  async replaceIndicatorValues(
    pairs: readonly { code: string; year: number }[],
    rows: readonly (IndicatorValue & { period: string; datasetId: string })[],
  ): Promise<number> {
    const removed = await deleteEach(pairs, p =>
      this.db.deleteFrom('indicator_values').where('code', '=', p.code).where('year', '=', p.year).executeTakeFirst(),
    )
    await insertInSlices(rows, 7, slice =>
      this.db
        .insertInto('indicator_values')
        .values(
          slice.map(v => ({
            code: v.code,
            year: v.year,
            area_code: v.authorityCode,
            period: v.period,
            value: v.value,
            denominator: v.denominator,
            dataset_id: v.datasetId,
          })),
        )
        .execute(),
    )
    return removed
  }

  /** Every authority's values for the year, England's published figures apart, and which come from synthetic data. */
  async indicatorValues(
    year: number,
  ): Promise<{ values: IndicatorValue[]; england: Map<string, number>; synthetic: boolean }> {
    const rows = await this.db
      .selectFrom('indicator_values')
      .innerJoin('datasets', 'datasets.id', 'indicator_values.dataset_id')
      .select(['code', 'area_code', 'value', 'denominator', 'datasets.synthetic'])
      .where('year', '=', year)
      .execute()
    const england = new Map<string, number>()
    const values: IndicatorValue[] = []
    for (const r of rows)
      if (r.area_code === ENGLAND) england.set(r.code, r.value)
      else values.push({ authorityCode: r.area_code, code: r.code, year, value: r.value, denominator: r.denominator })
    return { values, england, synthetic: rows.some(r => r.synthetic) }
  }

  /** Replaces each authority's settings outcomes for the year. */
  async replaceSettingOutcomes(
    scope: readonly { authorityCode: string; year: number }[],
    rows: readonly (SettingOutcome & {
      urn: string
      name: string
      year: number
      inspectionDate: string
      datasetId: string
    })[],
  ): Promise<number> {
    const removed = await deleteEach(scope, s =>
      this.db
        .deleteFrom('setting_outcomes')
        .where('year', '=', s.year)
        .where('authority_code', '=', s.authorityCode)
        .executeTakeFirst(),
    )
    await insertInSlices(rows, 8, slice =>
      this.db
        .insertInto('setting_outcomes')
        .values(
          slice.map(o => ({
            urn: o.urn,
            year: o.year,
            setting_type: o.type,
            name: o.name,
            authority_code: o.authorityCode,
            inspection_date: o.inspectionDate,
            grade: o.grade,
            dataset_id: o.datasetId,
          })),
        )
        .execute(),
    )
    return removed
  }

  async settingOutcomes(year: number): Promise<{ outcomes: SettingOutcome[]; synthetic: boolean }> {
    const rows = await this.db
      .selectFrom('setting_outcomes')
      .innerJoin('datasets', 'datasets.id', 'setting_outcomes.dataset_id')
      .select(['authority_code', 'setting_type', 'grade', 'datasets.synthetic'])
      .where('year', '=', year)
      .execute()
    return {
      outcomes: rows.map(r => ({ authorityCode: r.authority_code, type: r.setting_type, grade: r.grade })),
      synthetic: rows.some(r => r.synthetic),
    }
  }

  /** Replaces each authority's unannounced inspections of the year. */
  async replaceUnannounced(
    scope: readonly { authorityCode: string; year: number }[],
    rows: readonly { authorityCode: string; date: string; year: number; priorityActions: number; datasetId: string }[],
  ): Promise<number> {
    const removed = await deleteEach(scope, s =>
      this.db
        .deleteFrom('unannounced_inspections')
        .where('year', '=', s.year)
        .where('authority_code', '=', s.authorityCode)
        .executeTakeFirst(),
    )
    await insertInSlices(rows, 5, slice =>
      this.db
        .insertInto('unannounced_inspections')
        .values(
          slice.map(u => ({
            authority_code: u.authorityCode,
            date: u.date,
            year: u.year,
            priority_actions: u.priorityActions,
            dataset_id: u.datasetId,
          })),
        )
        .execute(),
    )
    return removed
  }

  async unannounced(year: number): Promise<{ authorityCode: string; date: string; priorityActions: number }[]> {
    const rows = await this.db
      .selectFrom('unannounced_inspections')
      .select(['authority_code', 'date', 'priority_actions'])
      .where('year', '=', year)
      .orderBy('date')
      .execute()
    return rows.map(r => ({ authorityCode: r.authority_code, date: r.date, priorityActions: r.priority_actions }))
  }

  /** Whether any of the year's indicator values or settings outcomes come from a synthetic dataset. */
  async syntheticIn(year: number): Promise<boolean> {
    const { rows } = await sql<{ found: boolean }>`
      select exists (
        select 1 from indicator_values v join datasets d on d.id = v.dataset_id where v.year = ${year} and d.synthetic
        union all
        select 1 from setting_outcomes o join datasets d on d.id = o.dataset_id where o.year = ${year} and d.synthetic
      ) as found`.execute(this.db)
    return Boolean(rows[0]?.found)
  }

  /** The profile data's version: the database moves it on every write to a table a profile is built from. */
  async dataVersion(): Promise<string> {
    const { rows } = await sql<{ version: string }>`select version from profile_data_version`.execute(this.db)
    return String(rows[0]?.version ?? '')
  }

  /** The years any profile data is held for, most recent first. */
  async years(): Promise<number[]> {
    const { rows } = await sql<{ year: number }>`
      select year from indicator_values union select year from setting_outcomes
      union select year from unannounced_inspections order by year desc`.execute(this.db)
    return rows.map(r => Number(r.year))
  }
}
