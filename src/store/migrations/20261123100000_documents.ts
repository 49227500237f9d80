import type { Kysely } from 'kysely'

/** Published documents read into assessments: the text that was read (provenance spans point into it). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('documents')
    .addColumn('hash', 'text', c => c.primaryKey())
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('file_name', 'text', c => c.notNull())
    .addColumn('format', 'text', c => c.notNull())
    .addColumn('bytes', 'integer', c => c.notNull())
    .addColumn('text', 'text', c => c.notNull())
    .addColumn('first_read_at', 'timestamptz', c => c.notNull())
    .addColumn('last_read_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('documents_assessment').on('documents').column('assessment_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('documents').execute()
}
