import { type Kysely, sql } from 'kysely'

/**
 * A service account is a user that a program acts as, created by an administrator: it has no password and never
 * signs in; its tokens are audited as itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('service', 'boolean', c => c.notNull().defaultTo(false))
    .execute()
  await db.schema
    .alterTable('users')
    .alterColumn('password_hash', c => c.dropNotNull())
    .execute()
  await sql`alter table users add constraint users_password_or_service check (service = (password_hash is null))`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop constraint if exists users_password_or_service`.execute(db)
  await sql`delete from users where service`.execute(db)
  await db.schema
    .alterTable('users')
    .alterColumn('password_hash', c => c.setNotNull())
    .execute()
  await db.schema.alterTable('users').dropColumn('service').execute()
}
