import { type Kysely, sql } from 'kysely'

/** The performance profile's data: indicators and their values, settings and their outcomes, other inspections. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('datasets')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('kind', 'text', c => c.notNull())
    .addColumn('file_name', 'text', c => c.notNull())
    .addColumn('synthetic', 'boolean', c => c.notNull())
    .addColumn('rows', 'integer', c => c.notNull())
    .addColumn('imported_by', 'text', c => c.notNull())
    .addColumn('imported_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema
    .createTable('indicators')
    .addColumn('code', 'text', c => c.primaryKey())
    .addColumn('definition', 'jsonb', c => c.notNull())
    .addColumn('synthetic', 'boolean', c => c.notNull())
    .execute()
  await db.schema
    .createTable('indicator_values')
    .addColumn('code', 'text', c => c.notNull().references('indicators.code'))
    .addColumn('year', 'integer', c => c.notNull())
    // An authority's GSS code, or England's (E92000001) for a published national figure.
    .addColumn('area_code', 'text', c => c.notNull())
    .addColumn('period', 'text', c => c.notNull())
    .addColumn('value', 'double precision', c => c.notNull())
    .addColumn('denominator', 'double precision')
    .addColumn('dataset_id', 'uuid', c => c.notNull().references('datasets.id'))
    .addPrimaryKeyConstraint('indicator_values_pk', ['code', 'year', 'area_code'])
    .execute()
  await db.schema.createIndex('indicator_values_year').on('indicator_values').columns(['year', 'area_code']).execute()
  await db.schema
    .createTable('setting_outcomes')
    .addColumn('urn', 'text', c => c.notNull())
    .addColumn('year', 'integer', c => c.notNull())
    .addColumn('setting_type', 'text', c => c.notNull())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('authority_code', 'text', c => c.notNull().references('authorities.code'))
    .addColumn('inspection_date', 'text', c => c.notNull())
    .addColumn('grade', 'integer', c => c.notNull().check(sql`grade between 1 and 4`))
    .addColumn('dataset_id', 'uuid', c => c.notNull().references('datasets.id'))
    .addPrimaryKeyConstraint('setting_outcomes_pk', ['year', 'urn'])
    .execute()
  await db.schema
    .createIndex('setting_outcomes_authority')
    .on('setting_outcomes')
    .columns(['year', 'authority_code'])
    .execute()
  await db.schema
    .createTable('unannounced_inspections')
    .addColumn('authority_code', 'text', c => c.notNull().references('authorities.code'))
    .addColumn('date', 'text', c => c.notNull())
    .addColumn('year', 'integer', c => c.notNull())
    .addColumn('priority_actions', 'integer', c => c.notNull())
    .addColumn('dataset_id', 'uuid', c => c.notNull().references('datasets.id'))
    .addPrimaryKeyConstraint('unannounced_inspections_pk', ['authority_code', 'date'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['unannounced_inspections', 'setting_outcomes', 'indicator_values', 'indicators', 'datasets'])
    await db.schema.dropTable(t).execute()
}
