import { type Kysely, sql } from 'kysely'

/** Each edition is corrected at most once: of simultaneous "start a correction" requests, the database lets one in. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unique index assessments_one_correction on assessments (supersedes) where supersedes is not null`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists assessments_one_correction`.execute(db)
}
