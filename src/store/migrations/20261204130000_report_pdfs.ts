import type { Kysely } from 'kysely'

/**
 * A published edition's PDF, printed once (by a print job, or at the first request) and kept: an edition never
 * changes, so neither does its PDF. A correction is a new edition with a PDF of its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('report_pdfs')
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('version', 'integer', c => c.notNull())
    .addColumn('pdf', 'bytea', c => c.notNull())
    .addColumn('printed_at', 'timestamptz', c => c.notNull())
    .addPrimaryKeyConstraint('report_pdfs_pk', ['assessment_id', 'version'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_pdfs').execute()
}
