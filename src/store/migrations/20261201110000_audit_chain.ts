import type { Kysely } from 'kysely'

/**
 * Each audit entry carries the hash of the one before it and its own, so that an entry changed or removed behind the
 * database's triggers shows (`inspectorate audit verify`). Entries written before this migration have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute()
  await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('hash').execute()
  await db.schema.alterTable('audit_log').dropColumn('prev_hash').execute()
}
