import type { Kysely, Selectable } from 'kysely'
import {
  type EvidenceCounts,
  EvidenceCountsSchema,
  type EvidenceFile,
  type EvidenceItem,
  EvidenceItemSchema,
  type SelfAssessment,
  SelfAssessmentSchema,
} from '../domain/index.js'
import { bytea } from './documents.js'
import type { Database, EvidenceItemsTable } from './schema.js'

/** What an export carries of a file: its description and its bytes. */
export interface HeldFile extends EvidenceFile {
  evidenceId: string
  content: Uint8Array
}

export interface KeptSummary {
  assessmentId: string
  counts: EvidenceCounts
  purgedAt: string
  purgedBy: string
}

const FILE_COLUMNS = ['id', 'evidence_id', 'file_name', 'media_type', 'bytes', 'sha256'] as const

function toItem(r: Selectable<EvidenceItemsTable>, files: EvidenceFile[]): EvidenceItem {
  return EvidenceItemSchema.parse({
    id: r.id,
    assessmentId: r.assessment_id,
    kind: r.kind,
    title: r.title,
    caseReference: r.case_reference,
    findings: r.findings,
    participants: r.participants,
    respondents: r.respondents,
    notes: r.notes,
    areaIds: r.area_ids,
    files,
    recordedBy: r.recorded_by,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at.toISOString(),
  })
}

/** The inspection's evidence: items, their files, the counts kept after deletion, and councils' self-assessments. */
export class EvidenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(item: EvidenceItem): Promise<void> {
    await this.db
      .insertInto('evidence_items')
      .values({
        id: item.id,
        assessment_id: item.assessmentId,
        kind: item.kind,
        title: item.title,
        case_reference: item.caseReference,
        findings: JSON.stringify(item.findings),
        participants: JSON.stringify(item.participants),
        respondents: item.respondents,
        notes: item.notes,
        area_ids: JSON.stringify(item.areaIds),
        recorded_by: item.recordedBy,
        recorded_by_name: item.recordedByName,
        recorded_at: item.recordedAt,
      })
      .execute()
  }

  async setAreas(id: string, areaIds: readonly string[]): Promise<void> {
    await this.db
      .updateTable('evidence_items')
      .set({ area_ids: JSON.stringify(areaIds) })
      .where('id', '=', id)
      .execute()
  }

  /** Refused by the database if the bytes' SHA-256 or length is not the one described. */
  async attach(evidenceId: string, file: EvidenceFile, content: Uint8Array): Promise<void> {
    await this.db
      .insertInto('evidence_files')
      .values({
        id: file.id,
        evidence_id: evidenceId,
        file_name: file.fileName,
        media_type: file.mediaType,
        bytes: file.bytes,
        sha256: file.sha256,
        content: bytea(content),
      })
      .execute()
  }

  /** One item of an assessment, with its files' descriptions. */
  async get(assessmentId: string, id: string): Promise<EvidenceItem | undefined> {
    return (await this.forAssessment(assessmentId, id))[0]
  }

  /** An assessment's evidence, in the order recorded. */
  async forAssessment(assessmentId: string, only?: string): Promise<EvidenceItem[]> {
    let q = this.db.selectFrom('evidence_items').selectAll().where('assessment_id', '=', assessmentId)
    if (only) q = q.where('id', '=', only)
    const rows = await q.orderBy('recorded_at').orderBy('id').execute()
    return this.withFiles(rows)
  }

  private async withFiles(rows: Selectable<EvidenceItemsTable>[]): Promise<EvidenceItem[]> {
    if (rows.length === 0) return []
    const files = await this.db
      .selectFrom('evidence_files')
      .select(FILE_COLUMNS)
      .where(
        'evidence_id',
        'in',
        rows.map(r => r.id),
      )
      .orderBy('file_name')
      .orderBy('id')
      .execute()
    return rows.map(r =>
      toItem(
        r,
        files
          .filter(f => f.evidence_id === r.id)
          .map(f => ({ id: f.id, fileName: f.file_name, mediaType: f.media_type, bytes: f.bytes, sha256: f.sha256 })),
      ),
    )
  }

  /** A file's bytes, where it belongs to that item of that assessment. */
  async file(
    assessmentId: string,
    evidenceId: string,
    fileId: string,
  ): Promise<{ fileName: string; mediaType: string; content: Uint8Array } | undefined> {
    const row = await this.db
      .selectFrom('evidence_files')
      .innerJoin('evidence_items', 'evidence_items.id', 'evidence_files.evidence_id')
      .select(['evidence_files.file_name', 'evidence_files.media_type', 'evidence_files.content'])
      .where('evidence_items.assessment_id', '=', assessmentId)
      .where('evidence_files.evidence_id', '=', evidenceId)
      .where('evidence_files.id', '=', fileId)
      .executeTakeFirst()
    return row
      ? { fileName: row.file_name, mediaType: row.media_type, content: new Uint8Array(row.content) }
      : undefined
  }

  /** Deletes an assessment's items and their files; returns how many items went. */
  async deleteForAssessment(assessmentId: string): Promise<number> {
    const r = await this.db.deleteFrom('evidence_items').where('assessment_id', '=', assessmentId).executeTakeFirst()
    return Number(r.numDeletedRows)
  }

  /** The assessments holding evidence items. */
  async assessmentsWithEvidence(): Promise<string[]> {
    const rows = await this.db.selectFrom('evidence_items').select('assessment_id').distinct().execute()
    return rows.map(r => r.assessment_id)
  }

  async keepSummary(s: KeptSummary): Promise<void> {
    await this.db
      .insertInto('evidence_summaries')
      .values({
        assessment_id: s.assessmentId,
        counts: JSON.stringify(s.counts),
        purged_at: s.purgedAt,
        purged_by: s.purgedBy,
      })
      .onConflict(oc =>
        oc
          .column('assessment_id')
          .doUpdateSet({ counts: JSON.stringify(s.counts), purged_at: s.purgedAt, purged_by: s.purgedBy }),
      )
      .execute()
  }

  async keptSummary(assessmentId: string): Promise<KeptSummary | undefined> {
    const r = await this.db
      .selectFrom('evidence_summaries')
      .selectAll()
      .where('assessment_id', '=', assessmentId)
      .executeTakeFirst()
    return r
      ? {
          assessmentId: r.assessment_id,
          counts: EvidenceCountsSchema.parse(r.counts),
          purgedAt: r.purged_at.toISOString(),
          purgedBy: r.purged_by,
        }
      : undefined
  }

  async putSelfAssessment(s: SelfAssessment): Promise<void> {
    const row = {
      authority_code: s.authorityCode,
      framework_id: s.frameworkId,
      year: s.year,
      areas: JSON.stringify(s.areas),
      submitted_by: s.submittedBy,
      submitted_by_name: s.submittedByName,
      submitted_at: s.submittedAt,
    }
    await this.db
      .insertInto('self_assessments')
      .values(row)
      .onConflict(oc =>
        oc.columns(['authority_code', 'framework_id', 'year']).doUpdateSet({
          areas: row.areas,
          submitted_by: row.submitted_by,
          submitted_by_name: row.submitted_by_name,
          submitted_at: row.submitted_at,
        }),
      )
      .execute()
  }

  async selfAssessment(authorityCode: string, frameworkId: string, year: number): Promise<SelfAssessment | undefined> {
    const r = await this.db
      .selectFrom('self_assessments')
      .selectAll()
      .where('authority_code', '=', authorityCode)
      .where('framework_id', '=', frameworkId)
      .where('year', '=', year)
      .executeTakeFirst()
    return r ? toSelfAssessment(r) : undefined
  }

  /** Everything, for an export: items with their files' bytes, kept summaries and self-assessments. */
  async all(): Promise<{
    items: EvidenceItem[]
    files: HeldFile[]
    summaries: KeptSummary[]
    selfAssessments: SelfAssessment[]
  }> {
    const rows = await this.db.selectFrom('evidence_items').selectAll().orderBy('recorded_at').orderBy('id').execute()
    const files = await this.db.selectFrom('evidence_files').selectAll().orderBy('id').execute()
    const summaries = await this.db
      .selectFrom('evidence_summaries')
      .select('assessment_id')
      .orderBy('assessment_id')
      .execute()
    const selves = await this.db
      .selectFrom('self_assessments')
      .selectAll()
      .orderBy('authority_code')
      .orderBy('framework_id')
      .orderBy('year')
      .execute()
    return {
      items: await this.withFiles(rows),
      files: files.map(f => ({
        id: f.id,
        evidenceId: f.evidence_id,
        fileName: f.file_name,
        mediaType: f.media_type,
        bytes: f.bytes,
        sha256: f.sha256,
        content: new Uint8Array(f.content),
      })),
      summaries: (await Promise.all(summaries.map(s => this.keptSummary(s.assessment_id)))).filter(
        (s): s is KeptSummary => s !== undefined,
      ),
      selfAssessments: selves.map(toSelfAssessment),
    }
  }
}

function toSelfAssessment(r: Selectable<Database['self_assessments']>): SelfAssessment {
  return SelfAssessmentSchema.parse({
    authorityCode: r.authority_code,
    frameworkId: r.framework_id,
    year: r.year,
    areas: r.areas,
    submittedBy: r.submitted_by,
    submittedByName: r.submitted_by_name,
    submittedAt: r.submitted_at.toISOString(),
  })
}
