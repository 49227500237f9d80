import { type Kysely, sql } from 'kysely'

/**
 * A professional override answers one rule's finding: the judgement's one override becomes a list, each naming
 * its rule. An override written before this named none: it is kept as "unspecified", and answers no finding.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update judgements set override = jsonb_build_array(override || '{"rule": "unspecified"}'::jsonb)
    where jsonb_typeof(override) = 'object'`.execute(db)
  await sql`update judgements set override = '[]'::jsonb where override is null or jsonb_typeof(override) = 'null'`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update judgements set override = case when jsonb_array_length(override) = 0 then 'null'::jsonb
    else (override -> 0) - 'rule' end where jsonb_typeof(override) = 'array'`.execute(db)
}
