import { type Kysely, sql } from 'kysely'

/**
 * "Requires improvement" (SIF and ILACS) is a level of its own, not adequate by another name; and an assessment is
 * also known by its inspection's last day, since ILACS reports print no publication date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessments add column inspection_end_date text check (inspection_end_date is null or inspection_end_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')`.execute(
    db,
  )
  await sql`update assessments set inspection_end_date = details->'dates'->>'inspectionEnd'`.execute(db)
  await sql`alter table judgements drop constraint if exists judgements_level_check`.execute(db)
  await sql`alter table judgements add constraint judgements_level_known check (level is null or level in ('outstanding', 'good', 'adequate', 'requires-improvement', 'inadequate'))`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table assessments drop column inspection_end_date`.execute(db)
  await sql`alter table judgements drop constraint if exists judgements_level_known`.execute(db)
  await sql`alter table judgements add constraint judgements_level_check check (level is null or level in ('outstanding', 'good', 'adequate', 'inadequate'))`.execute(
    db,
  )
}
