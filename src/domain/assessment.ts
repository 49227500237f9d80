import { z } from 'zod'
import type { Actor } from './actor.js'
import { isIsoDate, today } from './dates.js'
import { ForbiddenError, ImmutableError, ValidationError } from './errors.js'
import {
  type Area,
  areasOf,
  areaTitle,
  editionFor,
  type Framework,
  fieldworkDays,
  fitsFieldwork,
  getArea,
  type InspectionType,
  isAreaOrPart,
  ruleIds,
} from './framework.js'
import { LEVELS } from './levels.js'
import { isStaff, mayIngest, mayPublishOnImport, maySign } from './policy.js'

import { framingsOfArea, printsOf, printsOfArea, printsProgress } from './prints.js'
import { RatingSuggestionSchema } from './profile.js'
import { describeScale, pointFor } from './scale.js'
import { dueDate, getTimescale } from './timescale.js'

/** The actor's role, for a refusal's message (read apart, since a refused actor's type is narrowed away). */
const roleOf = (actor: Actor): string => actor.role

export const STATUSES = ['draft', 'quality-assurance', 'factual-accuracy-check', 'published'] as const
export type Status = (typeof STATUSES)[number]
export const STATUS_LABELS: Record<Status, string> = {
  draft: 'Draft',
  'quality-assurance': 'Quality assurance',
  'factual-accuracy-check': 'Factual accuracy check',
  published: 'Published',
}

export const IsoDate = z.string().refine(isIsoDate, { message: 'must be a calendar date written YYYY-MM-DD' })
const Timestamp = z.string().datetime({ offset: true })

/** Where a value came from: typed by a person, read from a document, or produced by a rule. */
export const SourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('entered'), by: z.string().min(1), at: Timestamp }),
  z.strictObject({
    kind: z.literal('ingested'),
    documentHash: z.string().regex(/^[0-9a-f]{64}$/),
    start: z.int().min(0),
    end: z.int().min(0),
    /** The grade was read from the narrative's words, not from a printed number. */
    fromNarrative: z.boolean().optional(),
  }),
  z.strictObject({ kind: z.literal('derived'), rule: z.string().min(1) }),
  /** Not printed in the document: taken from the name its file was given (as Ofsted's listing names it). */
  z.strictObject({ kind: z.literal('file-name'), fileName: z.string().min(1) }),
])
export type Source = z.infer<typeof SourceSchema>

export const PersonSchema = z.strictObject({
  name: z.string().trim().min(1),
  title: z.string().trim().min(1).nullable(),
  organisation: z.string().trim().min(1).nullable(),
})
export type Person = z.infer<typeof PersonSchema>

/** One place a document gave a grade for an area. Several readings that disagree are all kept. */
export const GradeReadingSchema = z.strictObject({
  value: z.int().nullable(),
  printed: z.string(),
  level: z.enum(LEVELS).nullable(),
  source: SourceSchema,
})
export type GradeReading = z.infer<typeof GradeReadingSchema>

export const JudgementSchema = z.strictObject({
  areaId: z.string().min(1),
  /** The grade on the framework's own scale; null where none is recorded (missing, never guessed). */
  grade: z.int().nullable(),
  level: z.enum(LEVELS).nullable(),
  narrative: z.string(),
  strengths: z.array(z.string().min(1)),
  areasForDevelopment: z.array(z.string().min(1)),
  /** A professional judgement that departs from what a rule suggests, with its written rationale. */
  overrides: z.array(
    z.strictObject({ rule: z.string().min(1), rationale: z.string().trim().min(1), by: z.string(), at: Timestamp }),
  ),
  readings: z.array(GradeReadingSchema),
  source: SourceSchema.nullable(),
})
export type Judgement = z.infer<typeof JudgementSchema>

export const RecommendationSchema = z.strictObject({
  id: z.string().min(1),
  areaId: z.string().nullable(),
  text: z.string().trim().min(1),
  timescaleId: z.string().min(1),
  dueDate: IsoDate.nullable(),
  /** What a later assessment said of progress on it. */
  progress: z.string().nullable(),
  source: SourceSchema.nullable(),
})
export type Recommendation = z.infer<typeof RecommendationSchema>

/** A figure a report states, such as the number of looked after children. */
export const FigureSchema = z.strictObject({
  key: z.string().min(1),
  label: z.string().min(1),
  value: z.number(),
  unit: z.string().nullable(),
  source: SourceSchema.nullable(),
})
export type Figure = z.infer<typeof FigureSchema>

export const DatesSchema = z.strictObject({
  letter: IsoDate.nullable(),
  published: IsoDate.nullable(),
  inspectionStart: IsoDate.nullable(),
  inspectionEnd: IsoDate.nullable(),
  periodStart: IsoDate.nullable(),
  periodEnd: IsoDate.nullable(),
})
export type Dates = z.infer<typeof DatesSchema>

const At = { start: z.int().min(0), end: z.int().min(0) }
/**
 * One block of a document as it was printed, with its place in the document's text (the span every value read from
 * it points into). A report read from a document keeps all of them, in order.
 */
export const ContentBlockSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    text: z.string(),
    ...At,
  }),
  /** A paragraph, with its number as printed ("12.") where it has one. */
  z.strictObject({ kind: z.literal('paragraph'), number: z.string().nullable(), text: z.string(), ...At }),
  /** Lines that stand alone: a letterhead, an address, a signature, front matter. */
  z.strictObject({ kind: z.literal('lines'), lines: z.array(z.string()), ...At }),
  z.strictObject({ kind: z.literal('table'), rows: z.array(z.array(z.string())), ...At }),
  z.strictObject({ kind: z.literal('list'), items: z.array(z.string()), ...At }),
])
export type ContentBlock = z.infer<typeof ContentBlockSchema>

export const AssessmentSchema = z.strictObject({
  id: z.uuid(),
  frameworkId: z.string().min(1),
  authorityCode: z.string().regex(/^E\d{8}$/, 'must be a GSS code such as E09000020'),
  status: z.enum(STATUSES),
  /** 1 for the first publication; a correction of a published assessment is the next edition. */
  edition: z.int().min(1),
  supersedes: z.uuid().nullable(),
  /** Incremented by every change; a write must carry the version it read. */
  version: z.int().min(1),
  origin: z.enum(['entered', 'ingested']),
  dates: DatesSchema,
  addressee: PersonSchema.nullable(),
  /** The addressee's address as the letter prints it below the organisation, a line each. */
  addressLines: z.array(z.string().trim().min(1)).default([]),
  /** The letter's salutation as written ("Dear Ms Carrie"); none is printed where none was written. */
  salutation: z.string().default(''),
  signatories: z.array(PersonSchema),
  reportingInspector: PersonSchema.nullable(),
  /** The kind of inspection, where the framework tells kinds apart and the report says which ("reinspection"). */
  inspectionType: z.string().nullable().default(null),
  /** The earlier inspection the report refers to, and its grade as the report words it: not a grade of this one. */
  previousInspection: z
    .strictObject({ year: z.int(), printed: z.string(), level: z.enum(LEVELS).nullable(), source: SourceSchema })
    .nullable()
    .default(null),
  /**
   * The earlier inspection whose recommendations this report follows up (the joint area review a 2007 letter
   * reports progress on): its name and when it was published, as far as printed ("2007-02": a month).
   */
  followsUp: z
    .strictObject({
      inspection: z.string().min(1),
      published: z
        .string()
        .regex(/^\d{4}-\d{2}(?:-\d{2})?$/)
        .nullable(),
      source: SourceSchema.nullable(),
    })
    .nullable()
    .default(null),
  summary: z.string(),
  /** "About this inspection", as written: paragraphs separated by blank lines. */
  about: z.string().default(''),
  /** "Service information", as written: the report prints it, never sentences of its own made from the figures. */
  serviceInformation: z.string().default(''),
  /** The report numbers its paragraphs 1., 2., … through the document, as the 2012 reports did. */
  numberedParagraphs: z.boolean().default(false),
  /**
   * The inspector's own wording in place of a framing paragraph of the layout (a fixed sentence of the framework's
   * that frames what they wrote), keyed by the paragraph's id and the area or part it stands in
   * ("opening:being-healthy"): printed instead of the framework's.
   */
  framing: z.record(z.string().min(1), z.string().trim().min(1)).default({}),
  judgements: z.array(JudgementSchema),
  recommendations: z.array(RecommendationSchema),
  figures: z.array(FigureSchema),
  /** Where each field outside judgements and recommendations came from, keyed by its path ("dates.letter"). */
  provenance: z.record(z.string(), SourceSchema),
  /** A report read from a document: the document as printed, every block in order (empty for one written here). */
  content: z.array(ContentBlockSchema).default([]),
  /** The rating the performance profile suggests, with its reasons; the inspector's grade may differ with a rationale. */
  ratingSuggestion: RatingSuggestionSchema.nullable().default(null),
  createdBy: z.string().min(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Assessment = z.infer<typeof AssessmentSchema>
export type Origin = Assessment['origin']

export const EMPTY_DATES: Dates = {
  letter: null,
  published: null,
  inspectionStart: null,
  inspectionEnd: null,
  periodStart: null,
  periodEnd: null,
}

const EDITORS: Record<Status, readonly string[]> = {
  draft: ['inspector', 'quality-assurer'],
  'quality-assurance': ['quality-assurer'],
  'factual-accuracy-check': [],
  published: [],
}

export function canEdit(assessment: Assessment, actor: Actor): boolean {
  return EDITORS[assessment.status].includes(actor.role)
}

/** Throws unless the actor may change the assessment's content in its present state. */
export function assertEditable(assessment: Assessment, actor: Actor): void {
  if (assessment.status === 'published')
    throw new ImmutableError(
      'A published assessment cannot be changed; start a correction, which creates a new edition',
    )
  if (!canEdit(assessment, actor))
    throw new ForbiddenError(`A ${actor.role} may not change an assessment at ${assessment.status}`)
}

/** Where a kind of inspection was told from the length of its fieldwork, and the source that says so. */
export function toldFromDates(t: InspectionType, dates: Dates): Source {
  return {
    kind: 'derived',
    rule: `told from the inspection dates: ${fieldworkDays(dates)} days from the first to the last${t.source ? ` (${t.source})` : ''}`,
  }
}

/**
 * The kind of inspection kept current with the dates, where the framework tells kinds by the length of fieldwork
 * alone: the same rule as reading a report, so that a report written here reads back as it was written. A kind told
 * by the report's words (a re-inspection) is kept.
 */
function withInspectionType(a: Assessment, framework: Framework): Assessment {
  const byDates = (framework.recognition.inspectionTypes ?? []).filter(t => t.fieldworkDays && !t.pattern)
  if (byDates.length === 0 || (a.inspectionType && !byDates.some(t => t.id === a.inspectionType))) return a
  const t = byDates.find(x => fitsFieldwork(x, a.dates))
  const provenance = { ...a.provenance }
  if (t) provenance.inspectionType = toldFromDates(t, a.dates)
  else delete provenance.inspectionType
  return { ...a, inspectionType: t?.id ?? null, provenance }
}

export interface NewAssessment {
  id: string
  framework: Framework
  authorityCode: string
  dates?: Partial<Dates>
}

/** Opens a draft assessment of an authority under a framework. */
export function createAssessment(input: NewAssessment, actor: Actor, now: Date): Assessment {
  if (!isStaff(actor)) throw new ForbiddenError(`A ${roleOf(actor)} may not create assessments`)
  refuseDetailsProblems(datesProblems({ ...EMPTY_DATES, ...input.dates }, today(now)))
  const at = now.toISOString()
  const draft = AssessmentSchema.parse({
    id: input.id,
    frameworkId: input.framework.id,
    authorityCode: input.authorityCode,
    status: 'draft',
    edition: 1,
    supersedes: null,
    version: 1,
    origin: 'entered',
    dates: { ...EMPTY_DATES, ...input.dates },
    addressee: null,
    signatories: [],
    reportingInspector: null,
    summary: '',
    judgements: [],
    recommendations: [],
    figures: [],
    provenance: {},
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  })
  return withInspectionType(draft, input.framework)
}

export interface JudgementInput {
  areaId: string
  /** A value on the framework's scale, or null to clear it. Omitted: unchanged. */
  grade?: number | null
  narrative?: string
  strengths?: string[]
  areasForDevelopment?: string[]
  /**
   * Professional overrides, each answering one rule's finding: a rationale records it, null (or blank) removes it.
   * Overrides of rules not named are kept.
   */
  overrides?: { rule: string; rationale: string | null }[]
  /**
   * The inspector's own wording for framing paragraphs printed around the area's words, by key (framingsOfArea):
   * text replaces the framework's paragraph, an empty one brings it back. Keys not named are kept.
   */
  framing?: Record<string, string>
}

/** Checks a grade against the framework's scale and returns its normalised level. */
export function gradeLevel(framework: Framework, areaId: string, grade: number | null) {
  const area = getArea(framework, areaId)
  if (!area)
    throw new ValidationError(
      `"${areaId}" is not a judgement area of ${framework.id}. Its areas are: ${framework.areas.map(a => a.id).join(', ')}`,
    )
  if (grade === null) return null
  if (area.grade === 'none') throw new ValidationError(`${area.label} (${framework.id}) carries no grade`)
  const point = pointFor(framework.scale, grade)
  if (!point)
    throw new ValidationError(
      `Grade ${grade} is not on the ${framework.id} scale (${describeScale(framework.scale)}) for ${area.label}`,
    )
  return point.level
}

function emptyJudgement(areaId: string): Judgement {
  return {
    areaId,
    grade: null,
    level: null,
    narrative: '',
    strengths: [],
    areasForDevelopment: [],
    overrides: [],
    readings: [],
    source: null,
  }
}

function touched(assessment: Assessment, now: Date): Assessment {
  return { ...assessment, updatedAt: now.toISOString() }
}

/** Records or changes an inspector's judgement of one area; the level is derived from the scale, never typed. */
export function recordJudgement(
  assessment: Assessment,
  framework: Framework,
  input: JudgementInput,
  actor: Actor,
  now: Date,
): Assessment {
  assertEditable(assessment, actor)
  const area = getArea(framework, input.areaId) ? `"${areaTitle(framework, input.areaId)}"` : undefined
  const prints = area === undefined ? undefined : printsOfArea(framework, input.areaId)
  const what = `The ${framework.name} (${framework.id}) prints no`
  if (!prints) return applyJudgement(assessment, framework, input, actor, now)
  if (input.narrative?.trim() && !prints.narrative)
    throw new ValidationError(`${what} narrative for ${area}, so none can be entered`)
  if (input.strengths?.length && !prints.strengths)
    throw new ValidationError(`${what} strengths for ${area}, so none can be entered`)
  if (input.areasForDevelopment?.length && !prints.areasForDevelopment)
    throw new ValidationError(`${what} areas for development for ${area}, so none can be entered`)
  return withFraming(applyJudgement(assessment, framework, input, actor, now), framework, input, actor, now)
}

/** The inspector's own wording of the framing paragraphs around an area, where the layout prints them. */
function withFraming(
  assessment: Assessment,
  framework: Framework,
  input: JudgementInput,
  actor: Actor,
  now: Date,
): Assessment {
  const entries = Object.entries(input.framing ?? {})
  if (!entries.length) return assessment
  const places = framingsOfArea(framework, input.areaId)
  const framing = { ...assessment.framing }
  const provenance = { ...assessment.provenance }
  for (const [key, text] of entries) {
    if (!places.some(p => p.key === key))
      throw new ValidationError(
        `The ${framework.name} (${framework.id}) prints no framing paragraph "${key}" around ${areaTitle(framework, input.areaId)}${places.length ? `; it prints ${places.map(p => `"${p.key}"`).join(', ')}` : ''}`,
      )
    if (text.trim() && assessment.content.length)
      throw new ValidationError('This assessment is printed as the document it was read from, which cannot be added to')
    if (text.trim()) framing[key] = text.trim()
    else delete framing[key]
    provenance[`framing.${key}`] = { kind: 'entered', by: actor.id, at: now.toISOString() }
  }
  return { ...assessment, framing, provenance }
}

/**
 * Corrects how a judgement was read from a published document: the document is unchanged, the transcription is
 * fixed, and the value is marked as a person's so that reading the document again never overwrites it.
 */
export function correctReading(
  assessment: Assessment,
  framework: Framework,
  input: JudgementInput,
  actor: Actor,
  now: Date,
): Assessment {
  if (assessment.origin !== 'ingested')
    throw new ValidationError('Only an assessment read from a document has readings to correct')
  if (!isStaff(actor)) throw new ForbiddenError(`A ${roleOf(actor)} may not correct readings`)
  const corrected = applyJudgement(assessment, framework, input, actor, now)
  return {
    ...corrected,
    judgements: corrected.judgements.map(j =>
      j.areaId === input.areaId ? { ...j, source: { kind: 'entered', by: actor.id, at: now.toISOString() } } : j,
    ),
  }
}

function applyJudgement(
  assessment: Assessment,
  framework: Framework,
  input: JudgementInput,
  actor: Actor,
  now: Date,
): Assessment {
  const previous = assessment.judgements.find(j => j.areaId === input.areaId) ?? emptyJudgement(input.areaId)
  const grade = input.grade === undefined ? previous.grade : input.grade
  const level = gradeLevel(framework, input.areaId, grade)
  const entered: Source = { kind: 'entered', by: actor.id, at: now.toISOString() }
  const gradeChanged = grade !== previous.grade
  let overrides = previous.overrides
  for (const o of input.overrides ?? []) {
    if (!ruleIds(framework).includes(o.rule))
      throw new ValidationError(
        `An override answers one rule's finding: "${o.rule}" is not a rule of the ${framework.name} (${ruleIds(framework).join(', ')})`,
      )
    const rationale = o.rationale?.trim()
    overrides = [
      ...overrides.filter(x => x.rule !== o.rule),
      ...(rationale ? [{ rule: o.rule, rationale, by: actor.id, at: now.toISOString() }] : []),
    ]
  }
  const judgement: Judgement = JudgementSchema.parse({
    ...previous,
    grade,
    level,
    narrative: input.narrative ?? previous.narrative,
    strengths: input.strengths ?? previous.strengths,
    areasForDevelopment: input.areasForDevelopment ?? previous.areasForDevelopment,
    overrides,
    source: gradeChanged || previous.source === null ? entered : previous.source,
  })
  const order = framework.areas.map(a => a.id)
  const judgements = [...assessment.judgements.filter(j => j.areaId !== input.areaId), judgement].sort(
    (a, b) => order.indexOf(a.areaId) - order.indexOf(b.areaId),
  )
  return touched({ ...assessment, judgements }, now)
}

/** The date recommendations count from: the framework says whether that is the letter's or the publication's. */
export function dateOfRecord(assessment: Assessment, framework: Framework): string | null {
  return framework.dateOfRecord === 'letter' ? assessment.dates.letter : assessment.dates.published
}

export interface RecommendationInput {
  id: string
  areaId: string | null
  text: string
  timescaleId: string
  progress?: string | null
}

/** Adds a recommendation; its due date follows from the timescale and the date of record. */
export function addRecommendation(
  assessment: Assessment,
  framework: Framework,
  input: RecommendationInput,
  actor: Actor,
  now: Date,
): Assessment {
  assertEditable(assessment, actor)
  const timescale = framework.timescales.find(t => t.id === input.timescaleId)
  if (!timescale)
    throw new ValidationError(
      `Timescale "${input.timescaleId}" is not used by ${framework.id}; use one of: ${framework.timescales.map(t => t.id).join(', ')}`,
    )
  if (input.areaId !== null && !isAreaOrPart(framework, input.areaId))
    throw new ValidationError(`"${input.areaId}" is not a judgement area or part of ${framework.id}`)
  if (input.progress?.trim() && !printsProgress(framework, timescale.id))
    throw new ValidationError(
      `The ${framework.name} (${framework.id}) prints no progress under "${timescale.label}", so none can be entered`,
    )
  const recommendation = RecommendationSchema.parse({
    id: input.id,
    areaId: input.areaId,
    text: input.text,
    timescaleId: timescale.id,
    dueDate: null,
    progress: input.progress?.trim() || null,
    source: { kind: 'entered', by: actor.id, at: now.toISOString() },
  })
  return touched(
    withDueDates({ ...assessment, recommendations: [...assessment.recommendations, recommendation] }, framework),
    now,
  )
}

export function removeRecommendation(assessment: Assessment, id: string, actor: Actor, now: Date): Assessment {
  assertEditable(assessment, actor)
  if (!assessment.recommendations.some(r => r.id === id))
    throw new ValidationError(`The assessment has no recommendation ${id}`)
  return touched({ ...assessment, recommendations: assessment.recommendations.filter(r => r.id !== id) }, now)
}

/** Due dates are derived: recompute them whenever the date of record changes. */
export function withDueDates(assessment: Assessment, framework: Framework): Assessment {
  const base = dateOfRecord(assessment, framework)
  // An earlier inspection's recommendation is due from that inspection, where the day it was published is known.
  const earlier = assessment.followsUp?.published
  const followedUp = earlier && isIsoDate(earlier) ? earlier : null
  return {
    ...assessment,
    recommendations: assessment.recommendations.map(r => {
      const t = getTimescale(r.timescaleId)
      const from = t?.madeBy === 'earlier-inspection' ? followedUp : base
      return { ...r, dueDate: t ? dueDate(t, from) : null }
    }),
  }
}

export interface DetailsInput {
  dates?: Partial<Dates>
  addressee?: Person | null
  addressLines?: string[]
  salutation?: string
  signatories?: Person[]
  reportingInspector?: Person | null
  summary?: string
  about?: string
  serviceInformation?: string
  numberedParagraphs?: boolean
}

/** The details a person writes, as the provenance keys them. */
const WRITTEN_DETAILS = [
  'addressee',
  'addressLines',
  'salutation',
  'signatories',
  'reportingInspector',
  'summary',
  'about',
  'serviceInformation',
  'numberedParagraphs',
] as const

/** One problem with details entered: the field it is in (and the date, for a date), and what is wrong. */
export interface DetailsProblem {
  field: keyof DetailsInput
  date?: keyof Dates
  message: string
}

/** Each date as GOV.UK's error messages name it: "The date the inspection ended must be a real date". */
export const DATE_NAMES: Record<keyof Dates, string> = {
  letter: 'the date of the letter',
  published: 'the date of publication',
  inspectionStart: 'the date the inspection started',
  inspectionEnd: 'the date the inspection ended',
  periodStart: 'the start of the period assessed',
  periodEnd: 'the end of the period assessed',
}

/** Dates that cannot be later than the day they are entered: a letter, a publication, an inspection's days. */
const NOT_IN_THE_FUTURE = ['letter', 'published', 'inspectionStart', 'inspectionEnd'] as const

/** Each range's last day and first day, with what is said when the last is before the first. */
const RANGES = [
  {
    from: 'inspectionStart',
    to: 'inspectionEnd',
    message: 'The last day of the inspection must be the same as or after the first day',
  },
  {
    from: 'periodStart',
    to: 'periodEnd',
    message: 'The end of the period assessed must be the same as or after its start',
  },
] as const

/**
 * What is wrong with an assessment's dates as they would stand: a range that ends before it starts, and (given
 * today) a letter, publication or inspection day in the future. In the dates' order.
 */
export function datesProblems(dates: Dates, todayIso: string | null): DetailsProblem[] {
  const problems: DetailsProblem[] = []
  for (const date of Object.keys(DATE_NAMES) as (keyof Dates)[]) {
    const value = dates[date]
    if (!value) continue
    const name = DATE_NAMES[date]
    const range = RANGES.find(r => r.to === date)
    const start = range ? dates[range.from] : null
    if (range && start && value < start) problems.push({ field: 'dates', date, message: range.message })
    else if (todayIso && value > todayIso && (NOT_IN_THE_FUTURE as readonly string[]).includes(date))
      problems.push({
        field: 'dates',
        date,
        message: `${name.charAt(0).toUpperCase()}${name.slice(1)} must be today or in the past`,
      })
  }
  return problems
}

/** Problems with details as one ValidationError, each naming its field ("dates.letter: ..."). */
function refuseDetailsProblems(problems: DetailsProblem[]): void {
  if (problems.length)
    throw new ValidationError(
      problems.map(p => p.message).join('; '),
      problems.map(p => `${p.date ? `dates.${p.date}` : p.field}: ${p.message}`),
    )
}

/** Whether a framework's signatures print a title and an organisation under each name. */
export function signaturePrints(framework: Framework): { title: boolean; organisation: boolean } {
  const lines = signatureLines(framework)
  return {
    title: lines.some(l => l.includes('{title}')),
    organisation: lines.some(l => l.includes('{organisation}')),
  }
}

/** The lines a framework's layout prints under each signature: "{name}", "{title}", "{organisation}". */
function signatureLines(framework: Framework): string[] {
  const lines: string[] = []
  // The signature block may stand anywhere in the layout's nesting: every object of the layout is looked at.
  JSON.stringify(framework.documentStructure, (_key, value) => {
    if (value?.block === 'people' && value.of === 'signatories')
      lines.push(...(value.lines as unknown[]).filter((l): l is string => typeof l === 'string'))
    return value
  })
  return lines
}

/**
 * What is wrong with details entered for an assessment under a framework: a value its layout never prints (so none
 * may be entered), a salutation its letters would not print, address lines with no organisation above them. Values
 * left empty are never a problem.
 */
export function detailsProblems(
  assessment: Pick<Assessment, 'addressee' | 'content' | 'dates'>,
  framework: Framework,
  input: DetailsInput,
  todayIso: string | null = null,
): DetailsProblem[] {
  const prints = printsOf(framework)
  const what = `The ${framework.name} (${framework.year})`
  const problems: DetailsProblem[] = input.dates ? datesProblems({ ...assessment.dates, ...input.dates }, todayIso) : []
  if (signaturePrints(framework).title)
    for (const p of input.signatories ?? [])
      if (!p.title?.trim())
        problems.push({ field: 'signatories', message: `Enter the title printed under the signature of ${p.name}` })
  const refuse = (field: keyof DetailsInput, printed: boolean, words: string) => {
    if (!printed) problems.push({ field, message: `${what} prints no ${words}, so none can be entered` })
  }
  const has = (v: string | undefined) => v !== undefined && v.trim() !== ''
  if (input.addressee)
    refuse('addressee', prints.addressee || [...prints.values].some(v => v.startsWith('addressee.')), 'addressee')
  if (input.reportingInspector)
    refuse(
      'reportingInspector',
      [...prints.values].some(v => v.startsWith('inspector.')),
      'reporting inspector',
    )
  if (has(input.summary)) refuse('summary', prints.values.has('summary'), 'summary')
  if (has(input.about)) refuse('about', prints.values.has('about'), '"About this inspection"')
  if (has(input.serviceInformation))
    refuse('serviceInformation', prints.values.has('serviceInformation'), 'service information')
  if (input.numberedParagraphs) refuse('numberedParagraphs', prints.numbered, 'numbered paragraphs')
  if (input.addressLines?.length) {
    refuse('addressLines', prints.addressLines, 'address lines')
    const addressee = input.addressee === undefined ? assessment.addressee : input.addressee
    if (prints.addressLines && !addressee?.organisation)
      problems.push({
        field: 'addressLines',
        message: 'The address is printed below the addressee’s organisation: enter the organisation too',
      })
  }
  if (has(input.salutation)) {
    refuse('salutation', prints.values.has('salutation'), 'salutation')
    const opening = framework.reading.letter?.salutation
    if (prints.values.has('salutation') && opening && !new RegExp(opening, 'i').test(input.salutation?.trim() ?? ''))
      problems.push({
        field: 'salutation',
        message: 'A salutation is written as the letter prints it, such as "Dear Ms Carrie"',
      })
  }
  // A report read from a document is printed as that document was: what only a layout prints cannot be added to it.
  if (assessment.content.length)
    for (const field of ['about', 'serviceInformation', 'numberedParagraphs'] as const)
      if (input[field])
        problems.push({
          field,
          message: `This assessment is printed as the document it was read from, which cannot be added to`,
        })
  return problems
}

/** Changes the letter's or report's details: dates, addressee and address, salutation, people, the written sections. */
export function updateDetails(
  assessment: Assessment,
  framework: Framework,
  input: DetailsInput,
  actor: Actor,
  now: Date,
): Assessment {
  assertEditable(assessment, actor)
  refuseDetailsProblems(detailsProblems(assessment, framework, input, today(now)))
  const entered: Source = { kind: 'entered', by: actor.id, at: now.toISOString() }
  const provenance = { ...assessment.provenance }
  for (const key of Object.keys(input.dates ?? {})) provenance[`dates.${key}`] = entered
  for (const key of WRITTEN_DETAILS) if (input[key] !== undefined) provenance[key] = entered
  const next = AssessmentSchema.parse({
    ...assessment,
    dates: { ...assessment.dates, ...input.dates },
    addressee: input.addressee === undefined ? assessment.addressee : input.addressee,
    addressLines: input.addressLines ?? assessment.addressLines,
    salutation: input.salutation?.trim() ?? assessment.salutation,
    signatories: input.signatories ?? assessment.signatories,
    reportingInspector:
      input.reportingInspector === undefined ? assessment.reportingInspector : input.reportingInspector,
    summary: input.summary ?? assessment.summary,
    about: input.about ?? assessment.about,
    serviceInformation: input.serviceInformation ?? assessment.serviceInformation,
    numberedParagraphs: input.numberedParagraphs ?? assessment.numberedParagraphs,
    provenance,
  })
  return touched(withInspectionType(withDueDates(next, framework), framework), now)
}

/**
 * A quality assurer signs the letter or report: they are added to its signatories (once), with the title the
 * framework prints under each signature.
 */
export function sign(
  assessment: Assessment,
  framework: Framework,
  signatory: Person,
  actor: Actor,
  now: Date,
): Assessment {
  assertEditable(assessment, actor)
  if (!maySign(actor)) throw new ForbiddenError(`A ${actor.role} may not sign an assessment`)
  const person = PersonSchema.parse(signatory)
  if (signaturePrints(framework).title && !person.title?.trim())
    throw new ValidationError(`Enter the title printed under the signature of ${person.name}`)
  if (assessment.signatories.some(p => p.name === person.name))
    throw new ValidationError(`${person.name} has signed this assessment already`)
  const entered: Source = { kind: 'entered', by: actor.id, at: now.toISOString() }
  return touched(
    {
      ...assessment,
      signatories: [...assessment.signatories, person],
      provenance: { ...assessment.provenance, signatories: entered },
    },
    now,
  )
}

/** A published assessment is never changed: a correction is a new draft edition that supersedes it when published. */
export function startCorrection(published: Assessment, newId: string, actor: Actor, now: Date): Assessment {
  if (published.status !== 'published') throw new ValidationError('Only a published assessment can be corrected')
  if (!isStaff(actor)) throw new ForbiddenError(`A ${roleOf(actor)} may not start a correction`)
  return nextEdition(published, published, { id: newId, status: 'draft', origin: 'entered' }, actor, now)
}

/** The edition after a published one, with the given content: it supersedes it once it is published itself. */
function nextEdition(
  published: Assessment,
  content: Assessment,
  as: Pick<Assessment, 'id' | 'status' | 'origin'>,
  actor: Actor,
  now: Date,
): Assessment {
  const at = now.toISOString()
  return AssessmentSchema.parse({
    ...content,
    ...as,
    edition: published.edition + 1,
    supersedes: published.id,
    version: 1,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  })
}

export interface DocumentRecord {
  id: string
  framework: Framework
  authorityCode: string
  dates: Dates
  addressee: Person | null
  addressLines?: string[]
  salutation?: string
  signatories: Person[]
  reportingInspector: Person | null
  inspectionType?: string | null
  previousInspection?: Assessment['previousInspection']
  followsUp?: Assessment['followsUp']
  judgements: Judgement[]
  recommendations: Omit<Recommendation, 'dueDate'>[]
  figures: Figure[]
  provenance: Record<string, Source>
  content?: ContentBlock[]
}

/**
 * A report read from a published document, as an assessment awaiting verification by a second person; only an
 * administrator's trusted import (`publish`) records it as published at once.
 */
export function recordDocument(
  input: DocumentRecord,
  actor: Actor,
  now: Date,
  options: { publish?: boolean } = {},
): Assessment {
  if (!mayIngest(actor)) throw new ForbiddenError(`A ${actor.role} may not ingest published reports`)
  if (options.publish && !mayPublishOnImport(actor))
    throw new ForbiddenError(
      `A ${actor.role} may not publish on import: a quality assurer verifies each report, or an administrator runs a trusted import`,
    )
  const at = now.toISOString()
  const a = AssessmentSchema.parse({
    id: input.id,
    frameworkId: input.framework.id,
    authorityCode: input.authorityCode,
    status: options.publish ? 'published' : 'draft',
    edition: 1,
    supersedes: null,
    version: 1,
    origin: 'ingested',
    dates: input.dates,
    addressee: input.addressee,
    addressLines: input.addressLines ?? [],
    salutation: input.salutation ?? '',
    signatories: input.signatories,
    reportingInspector: input.reportingInspector,
    inspectionType: input.inspectionType ?? null,
    previousInspection: input.previousInspection ?? null,
    followsUp: input.followsUp ?? null,
    summary: '',
    judgements: input.judgements,
    recommendations: input.recommendations.map(r => ({ ...r, dueDate: null })),
    figures: input.figures,
    provenance: input.provenance,
    content: input.content ?? [],
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  })
  return withDueDates(a, input.framework)
}

/**
 * A document read again that differs from the published assessment never changes it: the difference becomes the
 * next edition, awaiting verification (or published at once by a trusted import), and the published one stays
 * public until that edition is published.
 */
export function correctionFromDocument(
  published: Assessment,
  reading: Assessment,
  newId: string,
  actor: Actor,
  now: Date,
  options: { publish?: boolean } = {},
): Assessment {
  if (published.status !== 'published') throw new ValidationError('Only a published assessment can be corrected')
  if (options.publish && !mayPublishOnImport(actor))
    throw new ForbiddenError(`A ${actor.role} may not publish on import`)
  const status = options.publish ? 'published' : 'draft'
  return nextEdition(published, reading, { id: newId, status, origin: 'ingested' }, actor, now)
}

const byPerson = (s: Source | null | undefined) => s?.kind === 'entered'

/**
 * Reading the same document again (after the reader improved) refreshes what was read from it, and keeps every
 * value a person entered or corrected.
 */
export function refreshFromDocument(
  existing: Assessment,
  fresh: Assessment,
  framework: Framework,
  now: Date,
): Assessment {
  if (existing.origin !== 'ingested')
    throw new ValidationError('Only an assessment read from a document can be refreshed from it')
  const provenance: Record<string, Source> = { ...fresh.provenance }
  const keep = <
    K extends 'addressee' | 'addressLines' | 'salutation' | 'signatories' | 'reportingInspector' | 'summary',
  >(
    key: K,
  ): Assessment[K] => {
    const mine = existing.provenance[key]
    if (byPerson(mine) && mine) {
      provenance[key] = mine
      return existing[key]
    }
    return fresh[key]
  }
  const dates = { ...fresh.dates }
  for (const key of Object.keys(dates) as (keyof Dates)[]) {
    const mine = existing.provenance[`dates.${key}`]
    if (byPerson(mine) && mine) {
      dates[key] = existing.dates[key]
      provenance[`dates.${key}`] = mine
    }
  }
  const kept = existing.judgements.filter(j => byPerson(j.source))
  const freshHash = Object.values(fresh.provenance).find(x => x.kind === 'ingested')
  const hash = freshHash?.kind === 'ingested' ? freshHash.documentHash : ''
  const read = fresh.judgements
    .filter(j => !kept.some(k => k.areaId === j.areaId))
    .map(j => {
      const before = existing.judgements.find(e => e.areaId === j.areaId)
      return before ? combineReadings(framework, before, j, hash) : j
    })
  const judgements = [...kept, ...read].sort(
    (a, b) => framework.areas.findIndex(x => x.id === a.areaId) - framework.areas.findIndex(x => x.id === b.areaId),
  )
  const refreshed: Assessment = {
    ...existing,
    dates,
    addressee: keep('addressee'),
    addressLines: keep('addressLines'),
    salutation: keep('salutation'),
    signatories: keep('signatories'),
    reportingInspector: keep('reportingInspector'),
    inspectionType: fresh.inspectionType,
    previousInspection: fresh.previousInspection,
    followsUp: fresh.followsUp,
    summary: keep('summary'),
    judgements,
    recommendations: [...existing.recommendations.filter(r => byPerson(r.source)), ...fresh.recommendations],
    figures: [
      ...existing.figures.filter(f => byPerson(f.source)),
      ...fresh.figures.filter(f => !existing.figures.some(e => byPerson(e.source) && e.key === f.key)),
    ],
    provenance,
    content: fresh.content,
    updatedAt: now.toISOString(),
  }
  return withDueDates(refreshed, framework)
}

const fromNarrative = (r: GradeReading) => r.source.kind === 'ingested' && r.source.fromNarrative === true

/**
 * The grade a set of readings supports. An area whose grade is printed takes it from printed readings only (the
 * narrative's words are kept beside them as evidence); an area judged in words takes the narrative's. Any
 * disagreement among the readings leaves the grade missing: both are shown, none is chosen.
 */
export function resolveGrade(
  area: Area,
  readings: readonly GradeReading[],
): Pick<Judgement, 'grade' | 'level' | 'source'> {
  const usable = area.grade === 'number' ? readings.filter(r => !fromNarrative(r)) : readings
  const values = new Set(readings.map(r => r.value))
  const chosen = usable[0]
  if (!chosen || chosen.value === null || values.size !== 1)
    return { grade: null, level: null, source: chosen?.source ?? null }
  return { grade: chosen.value, level: chosen.level, source: chosen.source }
}

/** Readings of the same area from several documents (a PDF and a text of one letter): all kept, the grade re-resolved. */
export function combineReadings(
  framework: Framework,
  existing: Judgement,
  fresh: Judgement,
  freshHash: string,
): Judgement {
  const others = existing.readings.filter(r => r.source.kind !== 'ingested' || r.source.documentHash !== freshHash)
  const readings = [...fresh.readings, ...others]
  const area = getArea(framework, fresh.areaId)
  return area ? { ...fresh, readings, ...resolveGrade(area, readings) } : fresh
}

/** The areas an assessment judges: its edition's (by its dates), narrowed to its kind of inspection's. */
export function areasFor(framework: Framework, a: Pick<Assessment, 'dates' | 'inspectionType'>): Area[] {
  const type = framework.recognition.inspectionTypes?.find(t => t.id === a.inspectionType)
  return areasOf(framework, editionFor(framework, a.dates)).filter(area => !type?.areas || type.areas.includes(area.id))
}
