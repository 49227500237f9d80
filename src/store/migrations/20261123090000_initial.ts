import { type Kysely, sql } from 'kysely'

const ISO_DATE_CHECK = (column: string) => sql.raw(`${column} is null or ${column} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`)

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('authorities')
    .addColumn('code', 'text', c => c.primaryKey())
    .addColumn('la_code', 'text', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('aliases', 'jsonb', c => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('type', 'text', c => c.notNull())
    .addColumn('region', 'text', c => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .execute()

  await db.schema
    .createTable('statistical_neighbours')
    .addColumn('authority_code', 'text', c => c.notNull().references('authorities.code'))
    .addColumn('position', 'integer', c => c.notNull().check(sql`position between 1 and 10`))
    .addColumn('neighbour_code', 'text', c => c.notNull().references('authorities.code'))
    .addPrimaryKeyConstraint('statistical_neighbours_pk', ['authority_code', 'position'])
    .addUniqueConstraint('statistical_neighbours_unique', ['authority_code', 'neighbour_code'])
    .execute()

  await db.schema
    .createTable('assessments')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('framework_id', 'text', c => c.notNull())
    .addColumn('authority_code', 'text', c => c.notNull().references('authorities.code'))
    .addColumn('status', 'text', c =>
      c.notNull().check(sql`status in ('draft', 'quality-assurance', 'factual-accuracy-check', 'published')`),
    )
    .addColumn('edition', 'integer', c => c.notNull().check(sql`edition >= 1`))
    .addColumn('supersedes', 'uuid', c => c.references('assessments.id'))
    .addColumn('version', 'integer', c => c.notNull().check(sql`version >= 1`))
    .addColumn('origin', 'text', c => c.notNull().check(sql`origin in ('entered', 'ingested')`))
    .addColumn('letter_date', 'text', c => c.check(ISO_DATE_CHECK('letter_date')))
    .addColumn('published_date', 'text', c => c.check(ISO_DATE_CHECK('published_date')))
    .addColumn('details', 'jsonb', c => c.notNull())
    .addColumn('created_by', 'text', c => c.notNull())
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .addColumn('updated_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema
    .createIndex('assessments_authority')
    .on('assessments')
    .columns(['authority_code', 'framework_id'])
    .execute()
  await db.schema.createIndex('assessments_status').on('assessments').column('status').execute()

  await db.schema
    .createTable('judgements')
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('area_id', 'text', c => c.notNull())
    .addColumn('position', 'integer', c => c.notNull())
    .addColumn('grade', 'integer')
    .addColumn('level', 'text', c =>
      c.check(sql`level is null or level in ('outstanding', 'good', 'adequate', 'inadequate')`),
    )
    .addColumn('narrative', 'text', c => c.notNull())
    .addColumn('strengths', 'jsonb', c => c.notNull())
    .addColumn('areas_for_development', 'jsonb', c => c.notNull())
    .addColumn('override', 'jsonb')
    .addColumn('readings', 'jsonb', c => c.notNull())
    .addColumn('source', 'jsonb')
    .addPrimaryKeyConstraint('judgements_pk', ['assessment_id', 'area_id'])
    .addCheckConstraint('judgements_grade_has_level', sql`(grade is null) = (level is null)`)
    .execute()
  await db.schema.createIndex('judgements_level').on('judgements').columns(['area_id', 'level']).execute()

  await db.schema
    .createTable('recommendations')
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id').onDelete('cascade'))
    .addColumn('id', 'text', c => c.notNull())
    .addColumn('position', 'integer', c => c.notNull())
    .addColumn('area_id', 'text')
    .addColumn('text', 'text', c => c.notNull())
    .addColumn('timescale_id', 'text', c => c.notNull())
    .addColumn('due_date', 'text', c => c.check(ISO_DATE_CHECK('due_date')))
    .addColumn('progress', 'text')
    .addColumn('source', 'jsonb')
    .addPrimaryKeyConstraint('recommendations_pk', ['assessment_id', 'id'])
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', c => c.primaryKey().generatedByDefaultAsIdentity())
    .addColumn('at', 'timestamptz', c => c.notNull())
    .addColumn('actor', 'text', c => c.notNull())
    .addColumn('actor_role', 'text', c => c.notNull())
    .addColumn('action', 'text', c => c.notNull())
    .addColumn('entity', 'text', c => c.notNull())
    .addColumn('entity_id', 'text', c => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute()
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute()

  // The audit log is append-only: the database itself refuses to change or remove an entry.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op;
    end $$`.execute(db)
  await sql`create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db)
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'audit_log',
    'recommendations',
    'judgements',
    'assessments',
    'statistical_neighbours',
    'authorities',
  ])
    await db.schema.dropTable(t).ifExists().execute()
  await sql`drop function if exists audit_log_append_only()`.execute(db)
}
