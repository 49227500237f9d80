import { createHash } from 'node:crypto'
import {
  type Actor,
  type Assessment,
  aboutSentence,
  agreement,
  countEvidence,
  describeCounts,
  type EvidenceCounts,
  type EvidenceInput,
  type EvidenceItem,
  type EvidenceKind,
  evidenceFindings,
  evidenceSettings,
  type Finding,
  ForbiddenError,
  type Framework,
  getFramework,
  ImmutableError,
  isPastRetention,
  linkEvidence,
  MAX_EVIDENCE_FILE_BYTES,
  makeEvidence,
  makeSelfAssessment,
  mayPurgeEvidence,
  maySeeEvidence,
  maySeeSelfAssessment,
  maySubmitSelfAssessment,
  NotFoundError,
  printsOf,
  retentionEnds,
  type SelfAssessment,
  selfAssessmentYear,
  ValidationError,
} from '../domain/index.js'
import type { Store } from '../store/store.js'
import { type Context, readAssessment, updateDetails } from './assessments.js'

/** The audit log's name for an item: under its assessment, so that the assessment's trail lists it. */
const entityId = (assessmentId: string, evidenceId: string) => `${assessmentId}/evidence/${evidenceId}`

/**
 * The assessment whose evidence the actor asks for: only the inspection team sees evidence, and to anyone else an
 * assessment's evidence is not found, exactly as an assessment that does not exist.
 */
async function teamAssessment(ctx: Context | { store: Store }, actor: Actor | null, id: string): Promise<Assessment> {
  if (!maySeeEvidence(actor)) throw new NotFoundError(`No assessment ${id}`)
  return readAssessment(ctx as Context, actor, id)
}

/** Evidence is the inspection's record before publication; the published report's evidence is not changed. */
function refuseIfPublished(a: Assessment): void {
  if (a.status === 'published')
    throw new ImmutableError('The assessment is published: its evidence is kept as it was and is not changed')
}

export interface EvidenceLog {
  assessment: Assessment
  framework: Framework
  /** Every item held (the filter applied to `shown`). */
  items: EvidenceItem[]
  shown: EvidenceItem[]
  counts: EvidenceCounts
  /** "3 case files and 1 meeting or interview"; empty when there is none. */
  summary: string
  /** Once retention has passed, the items are gone and only their counts are kept. */
  purged: { at: string } | null
  retentionEnds: string | null
  findings: Finding[]
  /** The sentence offered to "About this inspection", where the framework's report prints that section. */
  about: string | null
  selfAssessment: SelfAssessmentView | null
}

export interface SelfAssessmentView {
  selfAssessment: SelfAssessment
  areas: {
    areaId: string
    council: number | null
    inspectors: number | null
    narrative: string
    agreement: ReturnType<typeof agreement>
  }[]
}

/** An assessment's evidence log, filtered by area and kind; the team only. */
export async function evidenceLog(
  ctx: Context,
  actor: Actor | null,
  assessmentId: string,
  filter: { areaId?: string | undefined; kind?: EvidenceKind | undefined } = {},
): Promise<EvidenceLog> {
  const a = await teamAssessment(ctx, actor, assessmentId)
  const framework = getFramework(a.frameworkId)
  const items = await ctx.store.evidence.forAssessment(a.id)
  const kept = await ctx.store.evidence.keptSummary(a.id)
  const counts = kept?.counts ?? countEvidence(items)
  const shown = items.filter(
    i => (!filter.areaId || i.areaIds.includes(filter.areaId)) && (!filter.kind || i.kind === filter.kind),
  )
  return {
    assessment: a,
    framework,
    items,
    shown,
    counts,
    summary: describeCounts(counts),
    purged: kept ? { at: kept.purgedAt } : null,
    retentionEnds: retentionEnds(framework, a),
    findings: evidenceFindings(framework, a, items, kept !== undefined),
    about: printsOf(framework).values.has('about') ? aboutSentence(counts) : null,
    selfAssessment: await selfAssessmentBeside(ctx.store, a, framework),
  }
}

/** The rules panel's evidence advice for an assessment the caller already may read (the work page). */
export async function evidenceAdvice(ctx: Context, a: Assessment): Promise<Finding[]> {
  const framework = getFramework(a.frameworkId)
  const kept = await ctx.store.evidence.keptSummary(a.id)
  return evidenceFindings(framework, a, await ctx.store.evidence.forAssessment(a.id), kept !== undefined)
}

/** The council's self-assessment for the assessment's year, beside the inspectors' grades. */
async function selfAssessmentBeside(
  store: Store,
  a: Assessment,
  framework: Framework,
): Promise<SelfAssessmentView | null> {
  if (!framework.evidence) return null
  const s = await store.evidence.selfAssessment(a.authorityCode, a.frameworkId, selfAssessmentYear(a, a.createdAt))
  if (!s) return null
  return {
    selfAssessment: s,
    areas: s.areas.map(x => {
      const inspectors = a.judgements.find(j => j.areaId === x.areaId)?.grade ?? null
      return {
        areaId: x.areaId,
        council: x.grade,
        inspectors,
        narrative: x.narrative,
        agreement: agreement(framework, inspectors, x.grade),
      }
    }),
  }
}

/** One item of an assessment's evidence; the team only. */
export async function readEvidence(
  ctx: Context,
  actor: Actor | null,
  assessmentId: string,
  evidenceId: string,
): Promise<{ assessment: Assessment; framework: Framework; item: EvidenceItem }> {
  const a = await teamAssessment(ctx, actor, assessmentId)
  const item = await ctx.store.evidence.get(a.id, evidenceId)
  if (!item) throw new NotFoundError(`No evidence ${evidenceId} in assessment ${assessmentId}`)
  return { assessment: a, framework: getFramework(a.frameworkId), item }
}

export interface FileInput {
  fileName: string
  mediaType: string
  bytes: Uint8Array
}

function checkFile(file: FileInput): void {
  if (file.bytes.length === 0) throw new ValidationError(`The file ${file.fileName} is empty`)
  if (file.bytes.length > MAX_EVIDENCE_FILE_BYTES)
    throw new ValidationError(
      `The file ${file.fileName} is larger than ${MAX_EVIDENCE_FILE_BYTES / 1024 / 1024} MB: attach a smaller file`,
    )
  if (!file.fileName.trim() || /[/\\]/.test(file.fileName) || file.fileName.length > 255)
    throw new ValidationError('Give the file a name of up to 255 characters, without a path')
}

/** Records an item of evidence (with any files), audited, in one transaction. */
export async function addEvidence(
  ctx: Context,
  actor: Actor,
  byName: string,
  assessmentId: string,
  input: EvidenceInput,
  files: readonly FileInput[] = [],
): Promise<EvidenceItem> {
  for (const f of files) checkFile(f)
  return ctx.store.transaction(async tx => {
    const tctx = { ...ctx, store: tx }
    const a = await teamAssessment(tctx, actor, assessmentId)
    refuseIfPublished(a)
    const now = ctx.now()
    const item = makeEvidence(getFramework(a.frameworkId), a, input, {
      id: ctx.newId(),
      by: actor.id,
      byName,
      at: now,
    })
    await tx.evidence.insert(item)
    await tx.audit.append(actor, now, {
      action: 'evidence.add',
      entity: 'evidence',
      entityId: entityId(a.id, item.id),
      before: null,
      after: item,
    })
    for (const f of files) await attach(tctx, actor, a, item, f)
    return (await tx.evidence.get(a.id, item.id)) as EvidenceItem
  })
}

async function attach(ctx: Context, actor: Actor, a: Assessment, item: EvidenceItem, f: FileInput) {
  const file = {
    id: ctx.newId(),
    fileName: f.fileName.trim(),
    mediaType: f.mediaType || 'application/octet-stream',
    bytes: f.bytes.length,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
  }
  await ctx.store.evidence.attach(item.id, file, f.bytes)
  await ctx.store.audit.append(actor, ctx.now(), {
    action: 'evidence.attach',
    entity: 'evidence',
    entityId: entityId(a.id, item.id),
    before: null,
    after: file,
  })
  return file
}

/** Attaches a file to an item, with its SHA-256, audited. */
export async function attachEvidenceFile(
  ctx: Context,
  actor: Actor,
  assessmentId: string,
  evidenceId: string,
  file: FileInput,
): Promise<EvidenceItem> {
  checkFile(file)
  return ctx.store.transaction(async tx => {
    const tctx = { ...ctx, store: tx }
    const { assessment, item } = await readEvidence(tctx, actor, assessmentId, evidenceId)
    refuseIfPublished(assessment)
    await attach(tctx, actor, assessment, item, file)
    return (await tx.evidence.get(assessmentId, evidenceId)) as EvidenceItem
  })
}

/** Links an item to exactly these judgements (none unlinks it), audited with what it was linked to before. */
export async function linkEvidenceItem(
  ctx: Context,
  actor: Actor,
  assessmentId: string,
  evidenceId: string,
  areaIds: readonly string[],
): Promise<EvidenceItem> {
  return ctx.store.transaction(async tx => {
    const { assessment, framework, item } = await readEvidence({ ...ctx, store: tx }, actor, assessmentId, evidenceId)
    refuseIfPublished(assessment)
    const linked = linkEvidence(framework, assessment, item, areaIds)
    await tx.evidence.setAreas(item.id, linked.areaIds)
    await tx.audit.append(actor, ctx.now(), {
      action: 'evidence.link',
      entity: 'evidence',
      entityId: entityId(assessmentId, evidenceId),
      before: { areaIds: item.areaIds },
      after: { areaIds: linked.areaIds },
    })
    return linked
  })
}

/** A file's bytes; the team only. */
export async function evidenceFile(
  ctx: Context,
  actor: Actor | null,
  assessmentId: string,
  evidenceId: string,
  fileId: string,
) {
  await teamAssessment(ctx, actor, assessmentId)
  const f = await ctx.store.evidence.file(assessmentId, evidenceId, fileId)
  if (!f) throw new NotFoundError(`No file ${fileId} of evidence ${evidenceId}`)
  return f
}

/** Adds the evidence summary to "About this inspection" as its last paragraph (once). */
export async function addSummaryToAbout(
  ctx: Context,
  actor: Actor,
  assessmentId: string,
  version: number,
): Promise<Assessment> {
  const log = await evidenceLog(ctx, actor, assessmentId)
  if (!log.about)
    throw new ValidationError(
      printsOf(log.framework).values.has('about')
        ? 'There is no evidence to summarise yet'
        : `The ${log.framework.name} report has no "About this inspection" section`,
    )
  const about = log.assessment.about.trim()
  if (about.split(/\n{2,}/).includes(log.about)) throw new ValidationError('"About this inspection" already says so')
  return updateDetails(ctx, actor, assessmentId, version, { about: about ? `${about}\n\n${log.about}` : log.about })
}

export interface Purged {
  assessmentId: string
  retentionEnded: string
  counts: EvidenceCounts
}

/**
 * Deletes the evidence of every published assessment whose retention period (the framework's) has passed, keeping
 * its counts, each deletion in the audit log, one transaction per assessment. A dry run says what would go.
 */
export async function purgeEvidence(ctx: Context, actor: Actor, options: { dryRun?: boolean } = {}): Promise<Purged[]> {
  if (!mayPurgeEvidence(actor)) throw new ForbiddenError('Only an administrator deletes evidence past its retention')
  const today = ctx.now().toISOString().slice(0, 10)
  const out: Purged[] = []
  for (const id of await ctx.store.evidence.assessmentsWithEvidence()) {
    const a = await ctx.store.assessments.get(id)
    const framework = getFramework(a.frameworkId)
    if (!isPastRetention(framework, a, today)) continue
    const items = await ctx.store.evidence.forAssessment(id)
    const kept = await ctx.store.evidence.keptSummary(id)
    const counts = countEvidence(items)
    const total = kept ? addCounts(kept.counts, counts) : counts
    out.push({ assessmentId: id, retentionEnded: retentionEnds(framework, a) as string, counts: total })
    if (options.dryRun) continue
    await ctx.store.transaction(async tx => {
      const now = ctx.now()
      await tx.evidence.keepSummary({
        assessmentId: id,
        counts: total,
        purgedAt: now.toISOString(),
        purgedBy: actor.id,
      })
      await tx.evidence.deleteForAssessment(id)
      await tx.audit.append(actor, now, {
        action: 'evidence.purge',
        entity: 'evidence',
        entityId: `${id}/evidence`,
        before: { items: items.map(i => ({ id: i.id, kind: i.kind, files: i.files.map(f => f.sha256) })) },
        after: { counts: total, retention: `${evidenceSettings(framework).retention.months} months after publication` },
      })
    })
  }
  return out
}

function addCounts(a: EvidenceCounts, b: EvidenceCounts): EvidenceCounts {
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v + b[k as EvidenceKind]])) as EvidenceCounts
}

/** A council's self-assessment for a framework and year, submitted (or submitted again) by its officer, audited. */
export async function submitSelfAssessment(
  ctx: Context,
  actor: Actor,
  byName: string,
  input: {
    authorityCode: string
    frameworkId: string
    year: number
    areas: readonly { areaId: string; grade: number | null; narrative: string }[]
  },
): Promise<SelfAssessment> {
  if (!maySubmitSelfAssessment(actor, input.authorityCode))
    throw new ForbiddenError('Only an officer of the authority submits its self-assessment')
  const framework = getFramework(input.frameworkId)
  const now = ctx.now()
  const s = makeSelfAssessment(framework, input, { by: actor.id, byName, at: now })
  return ctx.store.transaction(async tx => {
    const before = await tx.evidence.selfAssessment(s.authorityCode, s.frameworkId, s.year)
    await tx.evidence.putSelfAssessment(s)
    await tx.audit.append(actor, now, {
      action: 'self-assessment.submit',
      entity: 'self-assessment',
      entityId: `${s.authorityCode}/${s.frameworkId}/${s.year}`,
      before: before ?? null,
      after: s,
    })
    return s
  })
}

/**
 * A council's self-assessment: the team and its own officers see it; anyone else only where the framework publishes
 * it and an assessment of that year is published. Otherwise not found.
 */
export async function readSelfAssessment(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  frameworkId: string,
  year: number,
): Promise<SelfAssessment> {
  const framework = getFramework(frameworkId)
  const notFound = new NotFoundError(`No self-assessment of ${authorityCode} under ${frameworkId} for ${year}`)
  const published = framework.evidence?.selfAssessment.published
    ? (await ctx.store.assessments.list({ authorityCode, status: 'published', current: true })).some(
        a => a.frameworkId === frameworkId && selfAssessmentYear(a, a.createdAt) === year,
      )
    : false
  if (
    !maySeeSelfAssessment(actor, authorityCode, {
      byFramework: framework.evidence?.selfAssessment.published ?? false,
      assessment: published,
    })
  )
    throw notFound
  const s = await ctx.store.evidence.selfAssessment(authorityCode, frameworkId, year)
  if (!s) throw notFound
  return s
}
