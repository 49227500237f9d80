import { createHash } from 'node:crypto'
import { z } from 'zod'
import {
  AssessmentSchema,
  AuthoritySchema,
  countEvidence,
  EvidenceCountsSchema,
  EvidenceItemSchema,
  getFramework,
  isPastRetention,
  RecommendationUpdateSchema,
  SelfAssessmentSchema,
  ValidationError,
} from '../domain/index.js'
import { AuditEntrySchema } from '../store/audit.js'
import { StoredDocumentSchema } from '../store/documents.js'
import type { Store } from '../store/store.js'

export const EXPORT_FORMAT = 'inspectorate-export'
export const EXPORT_VERSION = 1

export const ExportSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  authorities: z.array(AuthoritySchema),
  neighbours: z.array(z.strictObject({ authority: z.string(), neighbours: z.array(z.string()) })),
  assessments: z.array(AssessmentSchema),
  documents: z.array(StoredDocumentSchema),
  /** The documents' original bytes, base64; the store refuses any whose SHA-256 is not its document's hash. */
  originals: z.array(z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/), base64: z.base64() })).default([]),
  audit: z.array(AuditEntrySchema),
  /** Progress on recommendations, in the order it was recorded (files exported before it was tracked have none). */
  recommendationUpdates: z.array(RecommendationUpdateSchema).default([]),
  /** The inspection's evidence, except where its retention had passed when exported; files' bytes base64. */
  evidence: z.array(EvidenceItemSchema).default([]),
  evidenceFiles: z
    .array(
      z.strictObject({
        id: z.uuid(),
        evidenceId: z.uuid(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        base64: z.base64(),
      }),
    )
    .default([]),
  /** What is kept of evidence deleted after its retention: the counts. */
  evidenceSummaries: z
    .array(
      z.strictObject({
        assessmentId: z.uuid(),
        counts: EvidenceCountsSchema,
        purgedAt: z.string().datetime({ offset: true }),
        purgedBy: z.string().min(1),
      }),
    )
    .default([]),
  selfAssessments: z.array(SelfAssessmentSchema).default([]),
})
export type StoreExport = z.infer<typeof ExportSchema>

/**
 * Everything in the store, in a stable order, so that two exports of the same data are identical. Evidence whose
 * retention has passed by `today` is left out, and only its counts are carried, as a purge would keep them.
 */
export async function exportStore(store: Store, today = new Date().toISOString().slice(0, 10)): Promise<StoreExport> {
  const assessments = await store.assessments.list()
  const evidence = await store.evidence.all()
  const kept = new Set(assessments.filter(a => !isPastRetention(getFramework(a.frameworkId), a, today)).map(a => a.id))
  const items = evidence.items.filter(i => kept.has(i.assessmentId))
  const itemIds = new Set(items.map(i => i.id))
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    authorities: await store.authorities.list(),
    neighbours: await store.authorities.allNeighbours(),
    assessments,
    documents: await store.documents.all(),
    originals: (await store.documents.originals()).map(o => ({
      hash: o.hash,
      base64: Buffer.from(o.original).toString('base64'),
    })),
    audit: await store.audit.all(),
    recommendationUpdates: await store.recommendationUpdates.all(),
    evidence: items,
    evidenceFiles: evidence.files
      .filter(f => itemIds.has(f.evidenceId))
      .map(f => ({
        id: f.id,
        evidenceId: f.evidenceId,
        sha256: f.sha256,
        base64: Buffer.from(f.content).toString('base64'),
      })),
    // Evidence past its retention but not yet purged leaves only its counts, as a purge would.
    evidenceSummaries: [
      ...evidence.summaries,
      ...[...new Set(evidence.items.filter(i => !kept.has(i.assessmentId)).map(i => i.assessmentId))]
        .filter(id => !evidence.summaries.some(s => s.assessmentId === id))
        .map(id => ({
          assessmentId: id,
          counts: countEvidence(evidence.items.filter(i => i.assessmentId === id)),
          purgedAt: `${today}T00:00:00.000Z`,
          purgedBy: 'export',
        })),
    ].sort((a, b) => a.assessmentId.localeCompare(b.assessmentId)),
    selfAssessments: evidence.selfAssessments,
  }
}

/** Checks an export file completely before anything is written, naming each problem with its place in the file. */
export function parseExport(text: string): StoreExport {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ValidationError(`The import file is not JSON: ${(e as Error).message}`)
  }
  const parsed = ExportSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map(i => `${i.path.join('.') || '(top level)'}: ${i.message}`)
    throw new ValidationError(`The import file is not an Inspectorate export: ${problems[0]}`, problems)
  }
  const data = parsed.data
  const problems: string[] = []
  const codes = new Set(data.authorities.map(a => a.code))
  const ids = new Set(data.assessments.map(a => a.id))
  for (const [i, a] of data.assessments.entries()) {
    try {
      getFramework(a.frameworkId)
    } catch (e) {
      problems.push(`assessments.${i}: ${(e as Error).message}`)
    }
    if (!codes.has(a.authorityCode)) problems.push(`assessments.${i}: authority ${a.authorityCode} is not in the file`)
    if (a.supersedes && !ids.has(a.supersedes))
      problems.push(`assessments.${i}: supersedes ${a.supersedes}, which is not in the file`)
  }
  for (const [i, d] of data.documents.entries())
    if (!ids.has(d.assessmentId)) problems.push(`documents.${i}: assessment ${d.assessmentId} is not in the file`)
  const hashes = new Set(data.documents.map(d => d.hash))
  for (const [i, o] of data.originals.entries()) {
    if (!hashes.has(o.hash)) problems.push(`originals.${i}: document ${o.hash} is not in the file`)
    else if (createHash('sha256').update(Buffer.from(o.base64, 'base64')).digest('hex') !== o.hash)
      problems.push(`originals.${i}: the bytes are not the document ${o.hash} (their SHA-256 differs)`)
  }
  for (const [i, u] of data.recommendationUpdates.entries())
    for (const id of [u.assessmentId, u.laterAssessmentId])
      if (id && !ids.has(id)) problems.push(`recommendationUpdates.${i}: assessment ${id} is not in the file`)
  const items = new Map(data.evidence.map(i => [i.id, i]))
  for (const [i, e] of data.evidence.entries())
    if (!ids.has(e.assessmentId)) problems.push(`evidence.${i}: assessment ${e.assessmentId} is not in the file`)
  const described = new Map(data.evidence.flatMap(e => e.files.map(f => [f.id, f])))
  for (const [i, f] of data.evidenceFiles.entries()) {
    const d = described.get(f.id)
    if (!items.has(f.evidenceId) || !d)
      problems.push(`evidenceFiles.${i}: evidence ${f.evidenceId} does not describe it`)
    else if (createHash('sha256').update(Buffer.from(f.base64, 'base64')).digest('hex') !== d.sha256)
      problems.push(`evidenceFiles.${i}: the bytes are not the file ${d.fileName} (their SHA-256 differs)`)
  }
  for (const [i, e] of data.evidence.entries())
    for (const f of e.files)
      if (!data.evidenceFiles.some(x => x.id === f.id))
        problems.push(`evidence.${i}: the bytes of ${f.fileName} are not in the file`)
  for (const [i, s] of data.evidenceSummaries.entries())
    if (!ids.has(s.assessmentId))
      problems.push(`evidenceSummaries.${i}: assessment ${s.assessmentId} is not in the file`)
  for (const [i, s] of data.selfAssessments.entries())
    if (!codes.has(s.authorityCode))
      problems.push(`selfAssessments.${i}: authority ${s.authorityCode} is not in the file`)
  for (const n of data.neighbours)
    for (const c of [n.authority, ...n.neighbours])
      if (!codes.has(c)) problems.push(`neighbours: unknown authority ${c}`)
  if (problems.length > 0) throw new ValidationError(`The import file is inconsistent: ${problems[0]}`, problems)
  return data
}

/**
 * Loads an export into a store that holds no assessments and no audit entries, in one transaction:
 * all of it, or, on any error, nothing. Progress is reported per assessment.
 */
export async function importStore(store: Store, data: StoreExport, onProgress?: (done: number, total: number) => void) {
  await store.transaction(async tx => {
    const [assessments, audit] = [await tx.assessments.count(), (await tx.audit.all()).length]
    if (assessments > 0 || audit > 0)
      throw new ValidationError(
        `Import needs an empty store; this one holds ${assessments} assessment(s) and ${audit} audit entries`,
      )
    for (const a of data.authorities) await tx.authorities.put(a)
    await tx.authorities.replaceNeighbours(new Map(data.neighbours.map(n => [n.authority, n.neighbours])))
    // Superseded editions first, so that each correction's reference exists when it is written.
    const ordered = [...data.assessments].sort((a, b) => a.edition - b.edition)
    for (const [i, a] of ordered.entries()) {
      await tx.assessments.insert(a)
      onProgress?.(i + 1, ordered.length)
    }
    for (const d of data.documents) await tx.documents.put(d)
    for (const o of data.originals) await tx.documents.keepOriginal(o.hash, Buffer.from(o.base64, 'base64'))
    for (const u of data.recommendationUpdates) await tx.recommendationUpdates.append(u)
    for (const e of data.evidence) await tx.evidence.insert(e)
    for (const f of data.evidenceFiles) {
      const d = data.evidence.flatMap(e => e.files).find(x => x.id === f.id)
      if (d) await tx.evidence.attach(f.evidenceId, d, Buffer.from(f.base64, 'base64'))
    }
    for (const s of data.evidenceSummaries) await tx.evidence.keepSummary(s)
    for (const s of data.selfAssessments) await tx.evidence.putSelfAssessment(s)
    await tx.audit.restore(data.audit)
  })
}
