import type { Kysely } from 'kysely'
import { bytea } from './documents.js'
import type { Database } from './schema.js'

/** PDFs of published editions, kept once printed. */
export class ReportPdfRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(assessmentId: string, version: number): Promise<Buffer | undefined> {
    const r = await this.db
      .selectFrom('report_pdfs')
      .select('pdf')
      .where('assessment_id', '=', assessmentId)
      .where('version', '=', version)
      .executeTakeFirst()
    return r ? Buffer.from(r.pdf) : undefined
  }

  /** Which of these editions have a PDF kept. */
  async held(assessmentIds: readonly string[]): Promise<Set<string>> {
    if (assessmentIds.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('report_pdfs')
      .select(['assessment_id', 'version'])
      .where('assessment_id', 'in', assessmentIds)
      .execute()
    return new Set(rows.map(r => `${r.assessment_id}:${r.version}`))
  }

  /** Keeps a PDF; a second printing of the same edition (two workers at once) leaves the first. */
  async keep(assessmentId: string, version: number, pdf: Uint8Array, at: Date): Promise<void> {
    await this.db
      .insertInto('report_pdfs')
      .values({ assessment_id: assessmentId, version, pdf: bytea(pdf), printed_at: at.toISOString() })
      .onConflict(oc => oc.columns(['assessment_id', 'version']).doNothing())
      .execute()
  }
}
