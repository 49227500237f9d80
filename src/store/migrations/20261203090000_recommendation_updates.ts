import { type Kysely, sql } from 'kysely'

/**
 * Recommendations tracked to closure: each progress note or change of status is a row of its own, appended and never
 * changed (a trigger refuses updates and deletes), so a published assessment's record stays as it was published. The
 * latest row is the recommendation's status; none means open.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recommendation_updates')
    .addColumn('id', 'bigserial', c => c.primaryKey())
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('recommendation_id', 'text', c => c.notNull())
    .addColumn('at', 'timestamptz', c => c.notNull())
    .addColumn('by', 'text', c => c.notNull())
    .addColumn('by_name', 'text', c => c.notNull())
    .addColumn('role', 'text', c => c.notNull())
    .addColumn('status', 'text', c =>
      c.notNull().check(sql`status in ('open', 'in-progress', 'met', 'not-met', 'superseded')`),
    )
    .addColumn('note', 'text')
    .execute()
  await db.schema
    .createIndex('recommendation_updates_recommendation')
    .on('recommendation_updates')
    .columns(['assessment_id', 'recommendation_id', 'id'])
    .execute()
  await sql`
    create function recommendation_updates_append_only() returns trigger language plpgsql as $$
    begin raise exception 'recommendation_updates is append-only'; end $$`.execute(db)
  await sql`create trigger recommendation_updates_no_change before update or delete on recommendation_updates
    for each row execute function recommendation_updates_append_only()`.execute(db)
  await sql`create trigger recommendation_updates_no_truncate before truncate on recommendation_updates
    for each statement execute function recommendation_updates_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recommendation_updates').execute()
  await sql`drop function if exists recommendation_updates_append_only()`.execute(db)
}
