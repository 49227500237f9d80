import { type Kysely, sql } from 'kysely'

/**
 * The inspection's evidence: items (case file audits, meetings, documents and data, surveys, observations) with the
 * judgements each informs, files attached to them (held only if their SHA-256 is the one recorded, and no larger than
 * 10 MB), the counts kept of an assessment's evidence once its retention has passed and the items are deleted, and
 * the councils' self-assessments.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('kind', 'text', c =>
      c.notNull().check(sql`kind in ('case-audit', 'meeting', 'document', 'survey', 'observation')`),
    )
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('case_reference', 'text')
    .addColumn('findings', 'jsonb', c => c.notNull())
    .addColumn('participants', 'jsonb', c => c.notNull())
    .addColumn('respondents', 'integer', c => c.check(sql`respondents is null or respondents >= 0`))
    .addColumn('notes', 'text', c => c.notNull())
    .addColumn('area_ids', 'jsonb', c => c.notNull())
    .addColumn('recorded_by', 'text', c => c.notNull())
    .addColumn('recorded_by_name', 'text', c => c.notNull())
    .addColumn('recorded_at', 'timestamptz', c => c.notNull())
    .execute()
  // A case reference is a reference, never a name: no spaces, at least one digit, and only on a case file audit.
  await sql`alter table evidence_items add constraint evidence_items_case_reference
    check (case_reference is null or (kind = 'case-audit' and case_reference !~ '\\s' and case_reference ~ '[0-9]'))`.execute(
    db,
  )
  await db.schema
    .createIndex('evidence_items_assessment')
    .on('evidence_items')
    .columns(['assessment_id', 'recorded_at'])
    .execute()

  await db.schema
    .createTable('evidence_files')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('evidence_id', 'uuid', c => c.notNull().references('evidence_items.id').onDelete('cascade'))
    .addColumn('file_name', 'text', c => c.notNull())
    .addColumn('media_type', 'text', c => c.notNull())
    .addColumn('bytes', 'integer', c => c.notNull().check(sql`bytes between 1 and 10485760`))
    .addColumn('sha256', 'text', c => c.notNull())
    .addColumn('content', 'bytea', c => c.notNull())
    .execute()
  await sql`alter table evidence_files add constraint evidence_files_hash
    check (encode(sha256(content), 'hex') = sha256 and length(content) = bytes)`.execute(db)
  await db.schema.createIndex('evidence_files_item').on('evidence_files').column('evidence_id').execute()

  await db.schema
    .createTable('evidence_summaries')
    .addColumn('assessment_id', 'uuid', c => c.primaryKey().references('assessments.id'))
    .addColumn('counts', 'jsonb', c => c.notNull())
    .addColumn('purged_at', 'timestamptz', c => c.notNull())
    .addColumn('purged_by', 'text', c => c.notNull())
    .execute()

  await db.schema
    .createTable('self_assessments')
    .addColumn('authority_code', 'text', c => c.notNull().references('authorities.code'))
    .addColumn('framework_id', 'text', c => c.notNull())
    .addColumn('year', 'integer', c => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('areas', 'jsonb', c => c.notNull())
    .addColumn('submitted_by', 'text', c => c.notNull())
    .addColumn('submitted_by_name', 'text', c => c.notNull())
    .addColumn('submitted_at', 'timestamptz', c => c.notNull())
    .addPrimaryKeyConstraint('self_assessments_pk', ['authority_code', 'framework_id', 'year'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('self_assessments').execute()
  await db.schema.dropTable('evidence_summaries').execute()
  await db.schema.dropTable('evidence_files').execute()
  await db.schema.dropTable('evidence_items').execute()
}
