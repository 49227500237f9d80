import { type Kysely, sql } from 'kysely'

/**
 * What the queue (pg-boss, installed beside these tables by its own migrations) does not keep of a job: who asked
 * for it, its progress and log while it runs, and the files it works on, stored so that a worker on any machine
 * can read them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('job_runs')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('title', 'text', c => c.notNull())
    .addColumn('submitted_by', 'text', c => c.notNull())
    .addColumn('submitted_role', 'text', c => c.notNull())
    .addColumn('submitted_at', 'timestamptz', c => c.notNull())
    .addColumn('done', 'integer', c => c.notNull().defaultTo(0))
    .addColumn('total', 'integer')
    .addColumn('log', 'jsonb', c => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('workers', 'jsonb', c => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('updated_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('job_runs_submitted').on('job_runs').columns(['submitted_at']).execute()
  await db.schema
    .createTable('job_files')
    .addColumn('job_id', 'uuid', c => c.notNull().references('job_runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('bytes', 'bytea', c => c.notNull())
    .addColumn('source_url', 'text')
    .addPrimaryKeyConstraint('job_files_pk', ['job_id', 'seq'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('job_files').execute()
  await db.schema.dropTable('job_runs').execute()
}
