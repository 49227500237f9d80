import { type Kysely, sql } from 'kysely'

/**
 * The factual accuracy check as a conversation: the inspection team's answer to each comment, and an officer's "no
 * more comments". Both are appended and never changed (a trigger refuses updates and deletes): a comment is answered,
 * never edited, and what was said stays as it was said.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comment_answers')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('comment_id', 'uuid', c => c.notNull().references('comments.id'))
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('outcome', 'text', c => c.notNull().check(sql`outcome in ('accepted', 'not-accepted')`))
    .addColumn('text', 'text', c => c.notNull().check(sql`length(trim(text)) > 0`))
    .addColumn('author_id', 'text', c => c.notNull())
    .addColumn('author_name', 'text', c => c.notNull())
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('comment_answers_assessment').on('comment_answers').columns(['assessment_id']).execute()
  await db.schema
    .createTable('comments_ended')
    .addColumn('id', 'bigserial', c => c.primaryKey())
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('author_id', 'text', c => c.notNull())
    .addColumn('author_name', 'text', c => c.notNull())
    .addColumn('at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('comments_ended_assessment').on('comments_ended').columns(['assessment_id']).execute()
  await sql`
    create function factual_check_append_only() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name; end $$`.execute(db)
  for (const table of ['comment_answers', 'comments_ended']) {
    await sql`create trigger ${sql.raw(`${table}_no_change`)} before update or delete on ${sql.table(table)}
      for each row execute function factual_check_append_only()`.execute(db)
    await sql`create trigger ${sql.raw(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
      for each statement execute function factual_check_append_only()`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('comments_ended').execute()
  await db.schema.dropTable('comment_answers').execute()
  await sql`drop function if exists factual_check_append_only()`.execute(db)
}
