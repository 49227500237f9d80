import { type Kysely, sql } from 'kysely'

/**
 * Originals and printed reports are held as they are, not compressed again: a PDF's streams are compressed already,
 * so PostgreSQL's attempt to compress a 300 KB PDF costs about 4 ms of CPU a document and saves nothing (the odd
 * original that is an HTML page or text is held at its own size).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents alter column original set storage external`.execute(db)
  await sql`alter table report_pdfs alter column pdf set storage external`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table documents alter column original set storage extended`.execute(db)
  await sql`alter table report_pdfs alter column pdf set storage extended`.execute(db)
}
