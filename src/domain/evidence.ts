import { z } from 'zod'
import { type Assessment, areasFor } from './assessment.js'
import { addMonths } from './dates.js'
import { ValidationError } from './errors.js'
import { areaTitle, type EvidenceSettings, type Framework } from './framework.js'
import { isBetter, levelRank } from './levels.js'
import type { Finding } from './rules.js'
import { pointFor } from './scale.js'

/**
 * The evidence an inspection's judgements rest on. It belongs to the inspection team and is never public; a child is
 * never named in it (a case is known by the council's case reference only; a meeting by the roles of who took part,
 * never by what one person said).
 */
export const EVIDENCE_KINDS = ['case-audit', 'meeting', 'document', 'survey', 'observation'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]
export const EvidenceKindSchema = z.enum(EVIDENCE_KINDS)

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  'case-audit': 'Case file audit',
  meeting: 'Meeting or interview',
  document: 'Document or data reviewed',
  survey: 'Survey of children or carers',
  observation: 'Observation of practice',
}

/** How the summary counts each kind: one, and more than one. */
const COUNTED: Record<EvidenceKind, [string, string]> = {
  'case-audit': ['case file', 'case files'],
  meeting: ['meeting or interview', 'meetings and interviews'],
  document: ['document or set of data', 'documents and sets of data'],
  survey: ['survey', 'surveys'],
  observation: ['observation of practice', 'observations of practice'],
}

/** Largest file attached to an evidence item. */
export const MAX_EVIDENCE_FILE_BYTES = 10 * 1024 * 1024

/**
 * A council's case reference: letters and digits with at least one digit, joined by `-`, `/`, `.` or `_`, no spaces.
 * That rules out a name ("Jane Smith", "JSmith"); what is typed elsewhere must not name a child either.
 */
const CASE_REFERENCE = /^(?=.*\d)[A-Za-z0-9]+(?:[-/._][A-Za-z0-9]+)*$/
export const CaseReference = z
  .string()
  .trim()
  .max(40, 'must be 40 characters or fewer')
  .regex(
    CASE_REFERENCE,
    'must be the council’s case reference (letters and digits with at least one digit, no spaces), never a child’s name',
  )

const Timestamp = z.string().datetime({ offset: true })

export const EvidenceFileSchema = z.strictObject({
  id: z.uuid(),
  fileName: z.string().min(1).max(255),
  mediaType: z.string().min(1).max(200),
  bytes: z.int().min(1).max(MAX_EVIDENCE_FILE_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})
export type EvidenceFile = z.infer<typeof EvidenceFileSchema>

export const EvidenceItemSchema = z.strictObject({
  id: z.uuid(),
  assessmentId: z.uuid(),
  kind: EvidenceKindSchema,
  /** A short description: "Case file 4471", "Meeting with team managers". */
  title: z.string().trim().min(1).max(200),
  /** Case file audits only: the council's case reference. */
  caseReference: CaseReference.nullable(),
  /** Case file audits only: the audit's grade per aspect of practice, in the framework's audit scale. */
  findings: z.array(z.strictObject({ aspect: z.string().min(1), rating: z.string().min(1) })),
  /** Meetings and interviews: who took part, by role and how many ("Social workers", 4). */
  participants: z.array(z.strictObject({ role: z.string().trim().min(1).max(200), count: z.int().min(1).max(10_000) })),
  /** Surveys: how many responded. */
  respondents: z.int().min(0).max(1_000_000).nullable(),
  notes: z.string().max(20_000),
  /** The judgements (area ids) it informs. */
  areaIds: z.array(z.string().min(1)),
  files: z.array(EvidenceFileSchema),
  recordedBy: z.string().min(1),
  recordedByName: z.string(),
  recordedAt: Timestamp,
})
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>

export interface EvidenceInput {
  kind: EvidenceKind
  title: string
  caseReference?: string | null | undefined
  findings?: readonly { aspect: string; rating: string }[] | undefined
  participants?: readonly { role: string; count: number }[] | undefined
  respondents?: number | null | undefined
  notes?: string | undefined
  areaIds?: readonly string[] | undefined
}

/** The framework's evidence settings; a framework that declares none records no evidence. */
export function evidenceSettings(framework: Framework): EvidenceSettings {
  if (!framework.evidence)
    throw new ValidationError(`The ${framework.name} declares no evidence settings, so it records no evidence`)
  return framework.evidence
}

/** Checks that each area is one the assessment judges; returns them in report order, once each. */
export function checkAreas(
  framework: Framework,
  a: Pick<Assessment, 'dates' | 'inspectionType'>,
  ids: readonly string[],
) {
  const areas = areasFor(framework, a)
  const unknown = ids.filter(id => !areas.some(x => x.id === id))
  if (unknown.length)
    throw new ValidationError(
      `The ${framework.name} judges no area ${unknown.join(', ')} in this assessment; its areas are: ${areas.map(x => x.id).join(', ')}`,
    )
  return areas.filter(x => ids.includes(x.id)).map(x => x.id)
}

/**
 * A new evidence item, checked against the framework: a case audit has a case reference and grades only the
 * framework's aspects in its audit scale; only meetings list participants, only surveys count respondents.
 */
export function makeEvidence(
  framework: Framework,
  a: Pick<Assessment, 'id' | 'dates' | 'inspectionType'>,
  input: EvidenceInput,
  meta: { id: string; by: string; byName: string; at: Date },
): EvidenceItem {
  const settings = evidenceSettings(framework).caseAudit
  const problems: string[] = []
  const only = (what: string, kind: EvidenceKind, given: boolean) => {
    if (given && input.kind !== kind)
      problems.push(`${what} belong only to a ${EVIDENCE_KIND_LABELS[kind].toLowerCase()}`)
  }
  only('A case reference and findings', 'case-audit', Boolean(input.caseReference) || Boolean(input.findings?.length))
  only('Participants', 'meeting', Boolean(input.participants?.length))
  only('Respondents', 'survey', input.respondents != null)
  if (!input.title.trim()) problems.push('Enter a short description of the evidence, like “Case file 4471”')
  else if (input.title.trim().length > 200) problems.push('The short description must be 200 characters or fewer')
  let caseReference: string | null = null
  if (input.kind === 'case-audit') {
    const ref = CaseReference.safeParse(input.caseReference ?? '')
    if (!ref.success) problems.push(`The case reference ${ref.error.issues[0]?.message ?? 'is not valid'}`)
    else caseReference = ref.data
  }
  const findings = [...(input.findings ?? [])]
  for (const f of findings) {
    if (!settings.aspects.some(x => x.id === f.aspect))
      problems.push(
        `A case file audit under the ${framework.name} grades no aspect "${f.aspect}"; its aspects are: ${settings.aspects.map(x => x.id).join(', ')}`,
      )
    else if (!settings.scale.some(x => x.id === f.rating))
      problems.push(
        `"${f.rating}" is not a rating of a case file audit; they are: ${settings.scale.map(x => x.id).join(', ')}`,
      )
  }
  if (new Set(findings.map(f => f.aspect)).size < findings.length) problems.push('Each aspect is rated once')
  let areaIds: string[] = []
  try {
    areaIds = checkAreas(framework, a, input.areaIds ?? [])
  } catch (e) {
    problems.push((e as Error).message)
  }
  const item = EvidenceItemSchema.safeParse({
    id: meta.id,
    assessmentId: a.id,
    kind: input.kind,
    title: input.title,
    caseReference,
    findings: settings.aspects.flatMap(x => findings.filter(f => f.aspect === x.id)),
    participants: input.participants ?? [],
    respondents: input.respondents ?? null,
    notes: input.notes?.trim() ?? '',
    areaIds,
    files: [],
    recordedBy: meta.by,
    recordedByName: meta.byName,
    recordedAt: meta.at.toISOString(),
  })
  if (!item.success && problems.length === 0)
    problems.push(...item.error.issues.map(i => `${i.path.join('.') || 'evidence'}: ${i.message}`))
  if (problems.length || !item.success) throw new ValidationError(problems[0] ?? 'The evidence is not valid', problems)
  return item.data
}

/** The item linked to exactly these judgements. */
export function linkEvidence(
  framework: Framework,
  a: Pick<Assessment, 'dates' | 'inspectionType'>,
  item: EvidenceItem,
  areaIds: readonly string[],
): EvidenceItem {
  return { ...item, areaIds: checkAreas(framework, a, areaIds) }
}

/** The evidence each judgement draws on. */
export function evidenceFor(items: readonly EvidenceItem[], areaId: string): EvidenceItem[] {
  return items.filter(i => i.areaIds.includes(areaId))
}

/** How many items of each kind: what stays of the evidence once its retention has passed. */
export const EvidenceCountsSchema = z.strictObject(
  Object.fromEntries(EVIDENCE_KINDS.map(k => [k, z.int().min(0)])) as Record<EvidenceKind, z.ZodInt>,
)
export type EvidenceCounts = z.infer<typeof EvidenceCountsSchema>

export function countEvidence(items: readonly Pick<EvidenceItem, 'kind'>[]): EvidenceCounts {
  return Object.fromEntries(EVIDENCE_KINDS.map(k => [k, items.filter(i => i.kind === k).length])) as EvidenceCounts
}

/** "86 case files, 32 meetings and interviews and 1 survey"; empty when there is no evidence. */
export function describeCounts(counts: EvidenceCounts): string {
  const parts = EVIDENCE_KINDS.filter(k => counts[k] > 0).map(
    k => `${counts[k].toLocaleString('en-GB')} ${COUNTED[k][counts[k] === 1 ? 0 : 1]}`,
  )
  if (parts.length < 2) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/** The sentence offered to "About this inspection"; null when there is no evidence to speak of. */
export function aboutSentence(counts: EvidenceCounts): string | null {
  const list = describeCounts(counts)
  return list ? `Inspectors drew on ${list}.` : null
}

/** The date of publication evidence is kept from: the published date, or the letter's where that is the record. */
export function publicationOf(framework: Framework, a: Pick<Assessment, 'status' | 'dates'>): string | null {
  if (a.status !== 'published') return null
  return a.dates.published ?? (framework.dateOfRecord === 'letter' ? a.dates.letter : null)
}

/** The day from which the assessment's evidence may be deleted; null while unpublished or undated (never guessed). */
export function retentionEnds(framework: Framework, a: Pick<Assessment, 'status' | 'dates'>): string | null {
  const published = publicationOf(framework, a)
  if (!published || !framework.evidence) return null
  return addMonths(published, framework.evidence.retention.months)
}

export function isPastRetention(framework: Framework, a: Pick<Assessment, 'status' | 'dates'>, today: string): boolean {
  const ends = retentionEnds(framework, a)
  return ends !== null && ends <= today
}

/**
 * The rules panel's advice: a graded area that rests on no evidence. House advice, never blocking; only for
 * assessments written here whose evidence is still held (a report read from a document brings none).
 */
export function evidenceFindings(
  framework: Framework,
  a: Assessment,
  items: readonly EvidenceItem[],
  purged: boolean,
): Finding[] {
  if (a.origin !== 'entered' || purged || !framework.evidence) return []
  return areasFor(framework, a)
    .filter(area => {
      const j = a.judgements.find(x => x.areaId === area.id)
      return j?.grade != null && evidenceFor(items, area.id).length === 0
    })
    .map(area => ({
      rule: 'evidence-for-judgement',
      kind: 'evidence' as const,
      severity: 'warning' as const,
      areaId: area.id,
      message: `${areaTitle(framework, area.id)} is graded but rests on no evidence in the evidence log. This is advice, a check of this project’s own: it does not stop the assessment moving on.`,
      status: 'house' as const,
      source: 'This project’s own check: each graded judgement should draw on recorded evidence',
      blocking: false,
    }))
}

/** The council's own grades and narrative per area, for a year, as an authority officer submitted them. */
export const SelfAssessmentSchema = z.strictObject({
  authorityCode: z.string().regex(/^E\d{8}$/),
  frameworkId: z.string().min(1),
  year: z.int().min(2000).max(2100),
  areas: z.array(
    z.strictObject({ areaId: z.string().min(1), grade: z.int().nullable(), narrative: z.string().max(20_000) }),
  ),
  submittedBy: z.string().min(1),
  submittedByName: z.string(),
  submittedAt: Timestamp,
})
export type SelfAssessment = z.infer<typeof SelfAssessmentSchema>

/** A self-assessment checked against the framework: its areas, grades on its scale, something said of each. */
export function makeSelfAssessment(
  framework: Framework,
  input: {
    authorityCode: string
    year: number
    areas: readonly { areaId: string; grade: number | null; narrative: string }[]
  },
  meta: { by: string; byName: string; at: Date },
): SelfAssessment {
  evidenceSettings(framework)
  const problems: string[] = []
  if (input.year < framework.years[0] || input.year > framework.years[1])
    problems.push(`The ${framework.name} runs from ${framework.years[0]} to ${framework.years[1]}, not ${input.year}`)
  const areas = input.areas
    .map(x => ({ ...x, narrative: x.narrative.trim() }))
    .filter(x => x.grade !== null || x.narrative !== '')
  for (const x of areas) {
    const area = framework.areas.find(y => y.id === x.areaId)
    if (!area) problems.push(`The ${framework.name} judges no area ${x.areaId}`)
    else if (x.grade !== null && (area.grade === 'none' || !pointFor(framework.scale, x.grade)))
      problems.push(`${areaTitle(framework, x.areaId)}: ${x.grade} is not a grade of the ${framework.name}`)
  }
  if (new Set(areas.map(x => x.areaId)).size < areas.length) problems.push('Each area is assessed once')
  if (areas.length === 0) problems.push('Give a grade or a narrative for at least one area')
  if (problems.length) throw new ValidationError(problems[0] as string, problems)
  return SelfAssessmentSchema.parse({
    authorityCode: input.authorityCode,
    frameworkId: framework.id,
    year: input.year,
    areas: framework.areas.flatMap(area => areas.filter(x => x.areaId === area.id)),
    submittedBy: meta.by,
    submittedByName: meta.byName,
    submittedAt: meta.at.toISOString(),
  })
}

/** The year an assessment's self-assessment is for: the year of its inspection, letter or publication. */
export function selfAssessmentYear(a: Pick<Assessment, 'dates'>, createdAt: string): number {
  const d = a.dates.inspectionStart ?? a.dates.letter ?? a.dates.published ?? a.dates.periodEnd ?? createdAt
  return Number(d.slice(0, 4))
}

/** Whether the inspectors' grade agrees with the council's own: the same level, better, or worse. */
export function agreement(
  framework: Framework,
  inspectors: number | null,
  council: number | null,
): 'agrees' | 'inspectors-higher' | 'inspectors-lower' | null {
  const ours = inspectors === null ? undefined : pointFor(framework.scale, inspectors)?.level
  const theirs = council === null ? undefined : pointFor(framework.scale, council)?.level
  if (!ours || !theirs) return null
  if (levelRank(ours) === levelRank(theirs)) return 'agrees'
  return isBetter(ours, theirs) ? 'inspectors-higher' : 'inspectors-lower'
}
