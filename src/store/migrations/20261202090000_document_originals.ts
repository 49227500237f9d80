import { type Kysely, sql } from 'kysely'

/**
 * The original of every document read: its bytes, which the database holds only if their SHA-256 is the document's
 * hash, and where it came from as the person who gave it said (a URL), beside the file's name. A name stored with
 * the path it was read from keeps only the name: a server's paths are nobody's business.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('original', 'bytea').execute()
  await db.schema.alterTable('documents').addColumn('source_url', 'text').execute()
  await sql`alter table documents add constraint documents_original_hash
    check (original is null or encode(sha256(original), 'hex') = hash)`.execute(db)
  await sql`update documents set file_name = regexp_replace(file_name, '^.*[/\\\\]', '') where file_name ~ '[/\\\\]'`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents drop constraint documents_original_hash`.execute(db)
  await db.schema.alterTable('documents').dropColumn('source_url').execute()
  await db.schema.alterTable('documents').dropColumn('original').execute()
}
