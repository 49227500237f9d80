import { type Kysely, sql } from 'kysely'

/** People and programs who use the web service, their sessions, and authorities' factual accuracy comments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('email', 'text', c => c.notNull().unique())
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('role', 'text', c => c.notNull())
    .addColumn('authority_code', 'text', c => c.references('authorities.code'))
    .addColumn('password_hash', 'text', c => c.notNull())
    .addColumn('active', 'boolean', c => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .addCheckConstraint('users_authority_officer', sql`(role = 'authority-officer') = (authority_code is not null)`)
    .execute()
  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', c => c.primaryKey())
    .addColumn('user_id', 'uuid', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', c => c.notNull())
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .addColumn('expires_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute()
  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('user_id', 'uuid', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', c => c.notNull())
    .addColumn('token_hash', 'text', c => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .execute()
  await db.schema
    .createTable('comments')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('assessment_id', 'uuid', c => c.notNull().references('assessments.id'))
    .addColumn('section', 'text', c => c.notNull())
    .addColumn('text', 'text', c => c.notNull())
    .addColumn('author_id', 'text', c => c.notNull())
    .addColumn('author_name', 'text', c => c.notNull())
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('comments_assessment').on('comments').column('assessment_id').execute()
  await db.schema
    .createTable('uploads')
    .addColumn('id', 'uuid', c => c.primaryKey())
    .addColumn('user_id', 'uuid', c => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('file_name', 'text', c => c.notNull())
    .addColumn('content', 'bytea', c => c.notNull())
    .addColumn('created_at', 'timestamptz', c => c.notNull())
    .execute()
  await db.schema.createIndex('assessments_framework').on('assessments').columns(['framework_id', 'status']).execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['uploads', 'comments', 'api_tokens', 'sessions', 'users']) await db.schema.dropTable(t).execute()
  await db.schema.dropIndex('assessments_framework').execute()
}
