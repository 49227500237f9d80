import { type Kysely, sql } from 'kysely'

/** "Requires improvement" (SIF and ILACS) is a level of its own, not adequate by another name. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table judgements drop constraint if exists judgements_level_check`.execute(db)
  await sql`alter table judgements add constraint judgements_level_known check (level is null or level in ('outstanding', 'good', 'adequate', 'requires-improvement', 'inadequate'))`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table judgements drop constraint if exists judgements_level_known`.execute(db)
  await sql`alter table judgements add constraint judgements_level_check check (level is null or level in ('outstanding', 'good', 'adequate', 'inadequate'))`.execute(
    db,
  )
}
