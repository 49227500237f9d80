import type { Kysely, Selectable } from 'kysely'
import { type RecommendationStatus, RecommendationStatusSchema, type RecommendationUpdate } from '../domain/index.js'
import type { Database, RecommendationUpdatesTable } from './schema.js'

function toUpdate(r: Selectable<RecommendationUpdatesTable>): RecommendationUpdate {
  return {
    assessmentId: r.assessment_id,
    recommendationId: r.recommendation_id,
    at: r.at.toISOString(),
    by: r.by,
    byName: r.by_name,
    role: r.role,
    status: RecommendationStatusSchema.parse(r.status),
    note: r.note,
    laterAssessmentId: r.later_assessment_id,
  }
}

/** Progress on recommendations: only ever appended (the table's triggers refuse anything else). */
export class RecommendationUpdateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async append(u: RecommendationUpdate): Promise<void> {
    await this.db
      .insertInto('recommendation_updates')
      .values({
        assessment_id: u.assessmentId,
        recommendation_id: u.recommendationId,
        at: u.at,
        by: u.by,
        by_name: u.byName,
        role: u.role,
        status: u.status,
        note: u.note,
        later_assessment_id: u.laterAssessmentId,
      })
      .execute()
  }

  /** Every update on the assessments' recommendations, oldest first (in the order they were appended). */
  forAssessments(assessmentIds: readonly string[]): Promise<RecommendationUpdate[]> {
    return this.whereIn('assessment_id', assessmentIds)
  }

  /** The updates that link a recommendation to one of these later reports, in the order appended. */
  linkedTo(laterAssessmentIds: readonly string[]): Promise<RecommendationUpdate[]> {
    return this.whereIn('later_assessment_id', laterAssessmentIds)
  }

  private async whereIn(
    column: 'assessment_id' | 'later_assessment_id',
    ids: readonly string[],
  ): Promise<RecommendationUpdate[]> {
    if (ids.length === 0) return []
    const rows = await this.db
      .selectFrom('recommendation_updates')
      .selectAll()
      .where(column, 'in', ids)
      .orderBy('id')
      .execute()
    return rows.map(toUpdate)
  }

  /** Every update, in the order appended (for export). */
  async all(): Promise<RecommendationUpdate[]> {
    return (await this.db.selectFrom('recommendation_updates').selectAll().orderBy('id').execute()).map(toUpdate)
  }

  /** One recommendation's history, oldest first. */
  async history(assessmentId: string, recommendationId: string): Promise<RecommendationUpdate[]> {
    const rows = await this.db
      .selectFrom('recommendation_updates')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .where('recommendation_id', '=', recommendationId)
      .orderBy('id')
      .execute()
    return rows.map(toUpdate)
  }

  /** The current status: the latest update's, or open. */
  async status(assessmentId: string, recommendationId: string): Promise<RecommendationStatus> {
    const r = await this.db
      .selectFrom('recommendation_updates')
      .select('status')
      .where('assessment_id', '=', assessmentId)
      .where('recommendation_id', '=', recommendationId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
    return r ? RecommendationStatusSchema.parse(r.status) : 'open'
  }
}
