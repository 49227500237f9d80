import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely'
import { z } from 'zod'
import type { Database, DocumentsTable } from './schema.js'

export const StoredDocumentSchema = z.strictObject({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  assessmentId: z.uuid(),
  fileName: z.string().min(1),
  format: z.enum(['text', 'pdf', 'html']),
  bytes: z.int().min(1),
  text: z.string(),
  /** Where the document came from, as the person who gave it said. */
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  firstReadAt: z.string().datetime({ offset: true }),
  lastReadAt: z.string().datetime({ offset: true }),
})
export type StoredDocument = z.infer<typeof StoredDocumentSchema>

/** Every column but the original's bytes, which are read only when they are asked for. */
const COLUMNS = [
  'hash',
  'assessment_id',
  'file_name',
  'format',
  'bytes',
  'text',
  'source_url',
  'first_read_at',
  'last_read_at',
] as const

function toDocument(r: Omit<Selectable<DocumentsTable>, 'original'>): StoredDocument {
  return StoredDocumentSchema.parse({
    hash: r.hash,
    assessmentId: r.assessment_id,
    fileName: r.file_name,
    format: r.format,
    bytes: r.bytes,
    text: r.text,
    sourceUrl: r.source_url,
    firstReadAt: r.first_read_at.toISOString(),
    lastReadAt: r.last_read_at.toISOString(),
  })
}

/** The documents read into assessments, keyed by the hash of their bytes. */
export class DocumentRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async find(hash: string): Promise<StoredDocument | undefined> {
    const row = await this.db.selectFrom('documents').select(COLUMNS).where('hash', '=', hash).executeTakeFirst()
    return row ? toDocument(row) : undefined
  }

  async forAssessment(assessmentId: string): Promise<StoredDocument[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select(COLUMNS)
      .where('assessment_id', '=', assessmentId)
      .orderBy('hash')
      .execute()
    return rows.map(toDocument)
  }

  /**
   * A document read for the first time, with its original bytes: refused by the database if another request stored
   * it meanwhile, or if the bytes' SHA-256 is not its hash.
   */
  async insert(d: StoredDocument, original: Uint8Array | null): Promise<void> {
    await this.db
      .insertInto('documents')
      .values({ ...toRow(d), original: bytea(original) })
      .execute()
  }

  /** The bytes of a document as it was given, where they are held (documents read before they were kept are not). */
  async original(hash: string): Promise<Uint8Array | undefined> {
    const row = await this.db.selectFrom('documents').select('original').where('hash', '=', hash).executeTakeFirst()
    return row?.original ? new Uint8Array(row.original) : undefined
  }

  /** Which of these documents' originals are held, without reading their bytes. */
  async heldOriginals(hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('documents')
      .select('hash')
      .where('hash', 'in', hashes)
      .where('original', 'is not', null)
      .execute()
    return new Set(rows.map(r => r.hash))
  }

  /** The originals of all documents, for an export. */
  async originals(): Promise<{ hash: string; original: Uint8Array }[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select(['hash', 'original'])
      .where('original', 'is not', null)
      .orderBy('hash')
      .execute()
    return rows.map(r => ({ hash: r.hash, original: new Uint8Array(r.original as Uint8Array) }))
  }

  /** Keeps an original not yet held (an import, or a document read before originals were kept). */
  async keepOriginal(hash: string, original: Uint8Array): Promise<void> {
    await this.db
      .updateTable('documents')
      .set({ original })
      .where('hash', '=', hash)
      .where('original', 'is', null)
      .execute()
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
    return (await this.db.selectFrom('documents').select(COLUMNS).orderBy('hash').execute()).map(toDocument)
  }
}

/** Bytes as a parameter (the embedded store's driver sends them in binary, as PostgreSQL's does). */
export function bytea(bytes: Uint8Array): RawBuilder<Uint8Array>
export function bytea(bytes: Uint8Array | null): RawBuilder<Uint8Array> | null
export function bytea(bytes: Uint8Array | null) {
  return bytes === null ? null : sql<Uint8Array>`${bytes}`
}

function toRow(d: StoredDocument) {
  return {
    hash: d.hash,
    assessment_id: d.assessmentId,
    file_name: d.fileName,
    format: d.format,
    bytes: d.bytes,
    text: d.text,
    source_url: d.sourceUrl,
    first_read_at: d.firstReadAt,
    last_read_at: d.lastReadAt,
  }
}
