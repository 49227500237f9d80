import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import type { Database, DocumentsTable } from './schema.js'

export const StoredDocumentSchema = z.strictObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  assessmentId: z.uuid(),
  fileName: z.string().min(1),
  format: z.enum(['text', 'pdf', 'html']),
  bytes: z.int().min(1),
  text: z.string(),
  firstReadAt: z.string().datetime({ offset: true }),
  lastReadAt: z.string().datetime({ offset: true }),
})
export type StoredDocument = z.infer<typeof StoredDocumentSchema>

function toDocument(r: Selectable<DocumentsTable>): StoredDocument {
  return StoredDocumentSchema.parse({
    hash: r.hash,
    assessmentId: r.assessment_id,
    fileName: r.file_name,
    format: r.format,
    bytes: r.bytes,
    text: r.text,
    firstReadAt: r.first_read_at.toISOString(),
    lastReadAt: r.last_read_at.toISOString(),
  })
}

/** The documents read into assessments, keyed by the hash of their bytes. */
export class DocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(hash: string): Promise<StoredDocument | undefined> {
    const row = await this.db.selectFrom('documents').selectAll().where('hash', '=', hash).executeTakeFirst()
    return row ? toDocument(row) : undefined
  }

  async forAssessment(assessmentId: string): Promise<StoredDocument[]> {
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .orderBy('hash')
      .execute()
    return rows.map(toDocument)
  }

  /** A document read for the first time: refused by the database if another request stored it meanwhile. */
  async insert(d: StoredDocument): Promise<void> {
    await this.db.insertInto('documents').values(toRow(d)).execute()
  }

  async put(d: StoredDocument): Promise<void> {
    const row = toRow(d)
    await this.db
      .insertInto('documents')
      .values(row)
      .onConflict(oc =>
        oc.column('hash').doUpdateSet({ text: row.text, file_name: row.file_name, last_read_at: row.last_read_at }),
      )
      .execute()
  }

  async all(): Promise<StoredDocument[]> {
    return (await this.db.selectFrom('documents').selectAll().orderBy('hash').execute()).map(toDocument)
  }
}

function toRow(d: StoredDocument) {
  return {
    hash: d.hash,
    assessment_id: d.assessmentId,
    file_name: d.fileName,
    format: d.format,
    bytes: d.bytes,
    text: d.text,
    first_read_at: d.firstReadAt,
    last_read_at: d.lastReadAt,
  }
}
