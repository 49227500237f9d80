import { type Kysely, sql } from 'kysely'

/** Every table a performance profile is built from: any change to one of them changes the profile data's version. */
const PROFILE_TABLES = [
  'datasets',
  'indicators',
  'indicator_values',
  'setting_outcomes',
  'unannounced_inspections',
  'authorities',
  'statistical_neighbours',
]

/**
 * A counter of changes to the profile's data, moved by the database itself on every statement that writes one of
 * its tables (an import, a restore, a hand-written fix alike), so that profiles computed from it can be kept until
 * it moves: a change to assessments or users leaves it as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table profile_data_version (
    only_row boolean primary key default true check (only_row),
    version bigint not null
  )`.execute(db)
  await sql`insert into profile_data_version (version) values (0)`.execute(db)
  await sql`create function bump_profile_data_version() returns trigger language plpgsql as $$
    begin
      update profile_data_version set version = version + 1;
      return null;
    end $$`.execute(db)
  for (const table of PROFILE_TABLES)
    await sql`create trigger ${sql.id(`${table}_profile_data_version`)}
      after insert or update or delete or truncate on ${sql.id(table)}
      for each statement execute function bump_profile_data_version()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of PROFILE_TABLES)
    await sql`drop trigger ${sql.id(`${table}_profile_data_version`)} on ${sql.id(table)}`.execute(db)
  await sql`drop function bump_profile_data_version()`.execute(db)
  await sql`drop table profile_data_version`.execute(db)
}
