import type { Kysely } from 'kysely'

/**
 * A recommendation linked to the later published report of the same authority that speaks to it: the link is an
 * update like any other (appended, never changed), naming the later assessment, and may close the recommendation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('recommendation_updates')
    .addColumn('later_assessment_id', 'uuid', c => c.references('assessments.id'))
    .execute()
  await db.schema
    .createIndex('recommendation_updates_later_assessment')
    .on('recommendation_updates')
    .column('later_assessment_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('recommendation_updates_later_assessment').execute()
  await db.schema.alterTable('recommendation_updates').dropColumn('later_assessment_id').execute()
}
