import { type Kysely, type Selectable, sql } from 'kysely'
import {
  type Assessment,
  AssessmentSchema,
  ConflictError,
  INSPECTORATES_TIMESCALES,
  type Level,
  NotFoundError,
  type Status,
} from '../domain/index.js'
import { isUuid } from './connection.js'
import { insertInSlices } from './profile.js'
import type { AssessmentsTable, Database, JudgementsTable, RecommendationsTable } from './schema.js'

type Details = Pick<
  Assessment,
  | 'dates'
  | 'addressee'
  | 'addressLines'
  | 'salutation'
  | 'signatories'
  | 'reportingInspector'
  | 'inspectionType'
  | 'previousInspection'
  | 'followsUp'
  | 'summary'
  | 'about'
  | 'serviceInformation'
  | 'numberedParagraphs'
  | 'framing'
  | 'figures'
  | 'provenance'
  | 'ratingSuggestion'
  | 'content'
>

function details(a: Assessment): Details {
  const { dates, addressee, signatories, reportingInspector, inspectionType, summary, figures, provenance } = a
  return {
    dates,
    addressee,
    signatories,
    reportingInspector,
    inspectionType,
    previousInspection: a.previousInspection,
    followsUp: a.followsUp,
    summary,
    // Written with the details; rows stored before them parse with the schema's defaults.
    addressLines: a.addressLines,
    salutation: a.salutation,
    about: a.about,
    serviceInformation: a.serviceInformation,
    numberedParagraphs: a.numberedParagraphs,
    framing: a.framing,
    figures,
    provenance,
    ratingSuggestion: a.ratingSuggestion,
    content: a.content,
  }
}

function assemble(
  row: Selectable<AssessmentsTable>,
  judgements: Selectable<JudgementsTable>[],
  recommendations: Selectable<RecommendationsTable>[],
): Assessment {
  return AssessmentSchema.parse({
    id: row.id,
    frameworkId: row.framework_id,
    authorityCode: row.authority_code,
    status: row.status,
    edition: row.edition,
    supersedes: row.supersedes,
    version: row.version,
    origin: row.origin,
    ...(row.details as Details),
    judgements: judgements.map(j => ({
      areaId: j.area_id,
      grade: j.grade,
      level: j.level,
      narrative: j.narrative,
      strengths: j.strengths,
      areasForDevelopment: j.areas_for_development,
      overrides: j.override ?? [],
      readings: j.readings,
      source: j.source,
    })),
    recommendations: recommendations.map(r => ({
      id: r.id,
      areaId: r.area_id,
      text: r.text,
      timescaleId: r.timescale_id,
      dueDate: r.due_date,
      progress: r.progress,
      source: r.source,
    })),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  })
}

export interface AssessmentFilter {
  authorityCode?: string
  frameworkId?: string
  status?: Status
  /** Only current editions: none that a published correction has replaced. */
  current?: boolean
}

/** What a list of assessments shows: who, which framework, when, and the headline grades only. */
export interface AssessmentSummary {
  id: string
  frameworkId: string
  authorityCode: string
  status: Status
  edition: number
  version: number
  dates: Pick<Assessment['dates'], 'letter' | 'published' | 'inspectionEnd'>
  updatedAt: string
  /** The judgements of the areas asked for (the headline ones), not all of them. */
  judgements: Pick<Assessment['judgements'][number], 'areaId' | 'grade' | 'level'>[]
}

export interface SearchQuery {
  authorityCode?: string | undefined
  frameworkId?: string | undefined
  /** The year of the date of record (the letter's, or else the publication's). */
  year?: number | undefined
  /** Assessments with a headline judgement (one of `headlineAreas`) at this level. */
  level?: Level | undefined
  headlineAreas: readonly string[]
  statuses: readonly Status[]
  page: number
  pageSize: number
}

export interface LevelCount {
  frameworkId: string
  year: number | null
  areaId: string
  level: string
  count: number
}

const SUMMARY_COLUMNS = [
  'id',
  'framework_id',
  'authority_code',
  'status',
  'edition',
  'version',
  'letter_date',
  'published_date',
  'inspection_end_date',
  'updated_at',
] as const

/** The date an assessment is known by: its letter's, or else its publication's, or else its inspection's last day. */
const recordDate = sql<string | null>`coalesce(letter_date, published_date, inspection_end_date)`

/** The current edition: not one that a published correction has replaced (lists and figures count it once). */
const current = sql<boolean>`not exists (select 1 from assessments as correction where correction.supersedes = assessments.id and correction.status = 'published')`

/** Typed SQL for assessments and their judgements and recommendations; no rules live here. */
export class AssessmentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private row(a: Assessment) {
    return {
      id: a.id,
      framework_id: a.frameworkId,
      authority_code: a.authorityCode,
      status: a.status,
      edition: a.edition,
      supersedes: a.supersedes,
      version: a.version,
      origin: a.origin,
      letter_date: a.dates.letter,
      published_date: a.dates.published,
      inspection_end_date: a.dates.inspectionEnd,
      details: JSON.stringify(details(a)),
      created_by: a.createdBy,
      created_at: a.createdAt,
      updated_at: a.updatedAt,
    }
  }

  /** The judgements and recommendations of the assessments given, each table in multi-row inserts. */
  private async insertChildren(as: readonly Assessment[]): Promise<void> {
    const judgements = as.flatMap(a =>
      a.judgements.map((j, position) => ({
        assessment_id: a.id,
        area_id: j.areaId,
        position,
        grade: j.grade,
        level: j.level,
        narrative: j.narrative,
        strengths: JSON.stringify(j.strengths),
        areas_for_development: JSON.stringify(j.areasForDevelopment),
        override: JSON.stringify(j.overrides),
        readings: JSON.stringify(j.readings),
        source: JSON.stringify(j.source),
      })),
    )
    const recommendations = as.flatMap(a =>
      a.recommendations.map((r, position) => ({
        assessment_id: a.id,
        id: r.id,
        position,
        area_id: r.areaId,
        text: r.text,
        timescale_id: r.timescaleId,
        due_date: r.dueDate,
        progress: r.progress,
        source: JSON.stringify(r.source),
      })),
    )
    await insertInSlices(judgements, 11, rows => this.db.insertInto('judgements').values(rows).execute())
    await insertInSlices(recommendations, 9, rows => this.db.insertInto('recommendations').values(rows).execute())
  }

  private async writeChildren(a: Assessment): Promise<void> {
    await this.db.deleteFrom('judgements').where('assessment_id', '=', a.id).execute()
    await this.db.deleteFrom('recommendations').where('assessment_id', '=', a.id).execute()
    await this.insertChildren([a])
  }

  /** Stores a new assessment as given (its version included). Call inside a transaction. */
  async insert(a: Assessment): Promise<void> {
    await this.db.insertInto('assessments').values(this.row(a)).execute()
    await this.writeChildren(a)
  }

  /** Stores new assessments as given, each table in multi-row inserts (loading many at once). Call inside a transaction. */
  async insertMany(as: readonly Assessment[]): Promise<void> {
    await insertInSlices(
      as.map(a => this.row(a)),
      15,
      rows => this.db.insertInto('assessments').values(rows).execute(),
    )
    await this.insertChildren(as)
  }

  /**
   * Replaces a stored assessment if, and only if, it is still at the version the caller read; the stored
   * version becomes one more. A stale write is refused with a ConflictError. Call inside a transaction.
   */
  async update(a: Assessment, expectedVersion: number): Promise<Assessment> {
    const next = { ...a, version: expectedVersion + 1 }
    const { id: _id, ...changes } = this.row(next)
    const updated = await this.db
      .updateTable('assessments')
      .set(changes)
      .where('id', '=', a.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) {
      const current = await this.db
        .selectFrom('assessments')
        .select('version')
        .where('id', '=', a.id)
        .executeTakeFirst()
      if (!current) throw new NotFoundError(`No assessment ${a.id}`)
      throw new ConflictError(
        `Assessment ${a.id} was changed by someone else: it is at version ${current.version}, the change was made to version ${expectedVersion}. Reload it and try again.`,
      )
    }
    await this.writeChildren(next)
    return next
  }

  /** What deciding who may read an assessment needs, in one small query; undefined for an id that is not held. */
  async visibility(id: string): Promise<Pick<Assessment, 'status' | 'authorityCode'> | undefined> {
    if (!isUuid(id)) return undefined
    const row = await this.db
      .selectFrom('assessments')
      .select(['status', 'authority_code'])
      .where('id', '=', id)
      .executeTakeFirst()
    return row ? { status: row.status as Status, authorityCode: row.authority_code } : undefined
  }

  async find(id: string): Promise<Assessment | undefined> {
    if (!isUuid(id)) return undefined
    return (await this.load(this.db.selectFrom('assessments').selectAll().where('id', '=', id).execute()))[0]
  }

  async get(id: string): Promise<Assessment> {
    const a = await this.find(id)
    if (!a) throw new NotFoundError(`No assessment ${id}`)
    return a
  }

  async list(filter: AssessmentFilter = {}): Promise<Assessment[]> {
    let q = this.db.selectFrom('assessments').selectAll()
    if (filter.authorityCode) q = q.where('authority_code', '=', filter.authorityCode)
    if (filter.frameworkId) q = q.where('framework_id', '=', filter.frameworkId)
    if (filter.status) q = q.where('status', '=', filter.status)
    if (filter.current) q = q.where(current)
    return this.load(q.orderBy('created_at').orderBy('id').execute())
  }

  /** One page of the assessments that match, most recent first, and how many match in all. */
  async search(q: SearchQuery): Promise<{ total: number; items: AssessmentSummary[] }> {
    let where = this.db
      .selectFrom('assessments')
      .where('status', 'in', [...q.statuses])
      .where(current)
    if (q.authorityCode) where = where.where('authority_code', '=', q.authorityCode)
    if (q.frameworkId) where = where.where('framework_id', '=', q.frameworkId)
    if (q.year) where = where.where(sql<string>`substr(${recordDate}, 1, 4)`, '=', String(q.year))
    const level = q.level
    if (level && q.headlineAreas.length > 0)
      where = where.where(eb =>
        eb.exists(
          eb
            .selectFrom('judgements')
            .select('judgements.area_id')
            .whereRef('judgements.assessment_id', '=', 'assessments.id')
            .where('judgements.area_id', 'in', [...q.headlineAreas])
            .where('judgements.level', '=', level),
        ),
      )
    const counted = await where.select(eb => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const rows = await where
      .select(SUMMARY_COLUMNS)
      .orderBy(sql`${recordDate} desc nulls last`)
      .orderBy('authority_code')
      .orderBy('id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute()
    const items = await this.summaries(rows, q.headlineAreas)
    return { total: Number(counted.n), items }
  }

  /** The authority's most recent published assessment that made recommendations. */
  async latestWithRecommendations(authorityCode: string): Promise<Assessment | undefined> {
    const row = await this.db
      .selectFrom('assessments')
      .select('id')
      .where('authority_code', '=', authorityCode)
      .where('status', '=', 'published')
      .where(current)
      .where(eb =>
        eb.exists(
          eb
            .selectFrom('recommendations')
            .select('id')
            .whereRef('recommendations.assessment_id', '=', 'assessments.id')
            // The inspectorates' aspects for focus are not recommendations to the council.
            .where('timescale_id', 'not in', INSPECTORATES_TIMESCALES),
        ),
      )
      .orderBy(sql`${recordDate} desc nulls last`)
      .orderBy('edition', 'desc')
      .limit(1)
      .executeTakeFirst()
    return row ? this.find(row.id) : undefined
  }

  /** The most recent published assessment of each of the authorities under one framework, as summaries. */
  async latestPublished(
    authorityCodes: readonly string[],
    frameworkId: string,
    headlineAreas: readonly string[],
  ): Promise<AssessmentSummary[]> {
    if (authorityCodes.length === 0) return []
    const rows = await this.db
      .selectFrom('assessments')
      .select(SUMMARY_COLUMNS)
      .distinctOn('authority_code')
      .where('authority_code', 'in', [...authorityCodes])
      .where('framework_id', '=', frameworkId)
      .where('status', '=', 'published')
      .where(current)
      .orderBy('authority_code')
      .orderBy(sql`${recordDate} desc nulls last`)
      .orderBy('edition', 'desc')
      .execute()
    return this.summaries(rows, headlineAreas)
  }

  /** Summaries of the rows given, with the judgements of the headline areas only. */
  private async summaries(
    rows: Pick<Selectable<AssessmentsTable>, (typeof SUMMARY_COLUMNS)[number]>[],
    headlineAreas: readonly string[],
  ): Promise<AssessmentSummary[]> {
    const judgements =
      rows.length && headlineAreas.length
        ? await this.db
            .selectFrom('judgements')
            .select(['assessment_id', 'area_id', 'grade', 'level'])
            .where(
              'assessment_id',
              'in',
              rows.map(r => r.id),
            )
            .where('area_id', 'in', [...headlineAreas])
            .orderBy('position')
            .execute()
        : []
    return rows.map(r => ({
      id: r.id,
      frameworkId: r.framework_id,
      authorityCode: r.authority_code,
      status: r.status as Status,
      edition: r.edition,
      version: r.version,
      dates: { letter: r.letter_date, published: r.published_date, inspectionEnd: r.inspection_end_date },
      updatedAt: r.updated_at.toISOString(),
      judgements: judgements
        .filter(j => j.assessment_id === r.id)
        .map(j => ({ areaId: j.area_id, grade: j.grade, level: j.level as Level | null })),
    }))
  }

  /** The level of one published judgement in every assessment under a framework whose date of record falls in the year. */
  async judgementsInYear(
    frameworkId: string,
    areaId: string,
    year: number,
  ): Promise<{ assessmentId: string; authorityCode: string; date: string; level: string | null }[]> {
    const rows = await this.db
      .selectFrom('assessments')
      .innerJoin('judgements', 'judgements.assessment_id', 'assessments.id')
      .select([
        'assessments.id',
        'assessments.authority_code',
        sql<string>`${recordDate}`.as('date'),
        'judgements.level',
      ])
      .where('assessments.framework_id', '=', frameworkId)
      .where('assessments.status', '=', 'published')
      .where(current)
      .where('judgements.area_id', '=', areaId)
      .where(sql<string>`substr(${recordDate}, 1, 4)`, '=', String(year))
      .execute()
    return rows.map(r => ({ assessmentId: r.id, authorityCode: r.authority_code, date: r.date, level: r.level }))
  }

  /** Open data of the assessments given: each one's dates and every judgement, in report order (no narrative). */
  async openData(ids: readonly string[]): Promise<
    {
      id: string
      dates: Assessment['dates']
      judgements: Pick<Assessment['judgements'][number], 'areaId' | 'grade' | 'level'>[]
    }[]
  > {
    if (ids.length === 0) return []
    const [rows, judgements] = await Promise.all([
      this.db
        .selectFrom('assessments')
        .select(['id', sql<Assessment['dates']>`details->'dates'`.as('dates')])
        .where('id', 'in', [...ids])
        .execute(),
      this.db
        .selectFrom('judgements')
        .select(['assessment_id', 'area_id', 'grade', 'level'])
        .where('assessment_id', 'in', [...ids])
        .orderBy('position')
        .execute(),
    ])
    const byId = new Map(rows.map(r => [r.id, r.dates]))
    const judged = new Map<string, { areaId: string; grade: number | null; level: Level | null }[]>()
    for (const j of judgements)
      judged.set(j.assessment_id, [
        ...(judged.get(j.assessment_id) ?? []),
        { areaId: j.area_id, grade: j.grade, level: j.level as Level | null },
      ])
    return ids.flatMap(id => {
      const dates = byId.get(id)
      return dates ? [{ id, dates, judgements: judged.get(id) ?? [] }] : []
    })
  }

  /** Every edition of the report an assessment belongs to, without their contents, first to last. */
  async editions(id: string): Promise<Pick<Assessment, 'id' | 'edition' | 'status' | 'supersedes' | 'updatedAt'>[]> {
    const rows = await sql<{
      id: string
      edition: number
      status: Status
      supersedes: string | null
      updated_at: Date
    }>`
      with recursive back as (
        select id, supersedes from assessments where id = ${id}
        union select a.id, a.supersedes from assessments a join back on a.id = back.supersedes
      ), first as (select id from back where supersedes is null limit 1),
      chain as (
        select a.* from assessments a join first on a.id = first.id
        union select a.* from assessments a join chain on a.supersedes = chain.id
      )
      select id, edition, status, supersedes, updated_at from chain order by edition`.execute(this.db)
    return rows.rows.map(r => ({
      id: r.id,
      edition: r.edition,
      status: r.status,
      supersedes: r.supersedes,
      updatedAt: new Date(r.updated_at).toISOString(),
    }))
  }

  /**
   * How many published judgements of each headline area fell at each level, by framework and year; for one
   * framework and area only when they are given.
   */
  async levelCounts(
    headlineAreas: readonly string[],
    only?: { frameworkId: string; areaId: string },
  ): Promise<LevelCount[]> {
    if (headlineAreas.length === 0) return []
    let q = this.db
      .selectFrom('assessments')
      .innerJoin('judgements', 'judgements.assessment_id', 'assessments.id')
      .select([
        'assessments.framework_id as frameworkId',
        sql<string | null>`substr(${recordDate}, 1, 4)`.as('year'),
        'judgements.area_id as areaId',
        'judgements.level as level',
        eb => eb.fn.countAll<number>().as('count'),
      ])
      .where('assessments.status', '=', 'published')
      .where(current)
      .where('judgements.area_id', 'in', [...headlineAreas])
      .where('judgements.level', 'is not', null)
    if (only)
      q = q.where('assessments.framework_id', '=', only.frameworkId).where('judgements.area_id', '=', only.areaId)
    const rows = await q
      .groupBy(['assessments.framework_id', sql`substr(${recordDate}, 1, 4)`, 'judgements.area_id', 'judgements.level'])
      .execute()
    return rows.map(r => ({
      frameworkId: r.frameworkId,
      year: r.year ? Number(r.year) : null,
      areaId: r.areaId,
      level: r.level as string,
      count: Number(r.count),
    }))
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('assessments')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  private async load(rowsPromise: Promise<Selectable<AssessmentsTable>[]>): Promise<Assessment[]> {
    const rows = await rowsPromise
    if (rows.length === 0) return []
    const ids = rows.map(r => r.id)
    const [judgements, recommendations] = await Promise.all([
      this.db.selectFrom('judgements').selectAll().where('assessment_id', 'in', ids).orderBy('position').execute(),
      this.db.selectFrom('recommendations').selectAll().where('assessment_id', 'in', ids).orderBy('position').execute(),
    ])
    return rows.map(r =>
      assemble(
        r,
        judgements.filter(j => j.assessment_id === r.id),
        recommendations.filter(x => x.assessment_id === r.id),
      ),
    )
  }
}
