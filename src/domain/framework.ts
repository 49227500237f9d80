import { readdirSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import scaleData from './data/scales.json' with { type: 'json' }
import { NotFoundError } from './errors.js'
import { LEVELS } from './levels.js'
import { type Scale, ScaleSchema } from './scale.js'
import { getTimescale, type Timescale } from './timescale.js'

const Id = z.string().regex(/^[a-z0-9.-]+$/)
/**
 * How sure a rule's source is: `stated` (a source states it), `inferred` (drawn from named real cases), `proposed`
 * (a source proposed it; its final form unknown), `house` (this project's own check), `hypothesis` (no source).
 * Only stated rules, and the house checks of completeness and of conflicting sources, may block a move.
 */
export const RuleStatus = z.enum(['stated', 'inferred', 'proposed', 'house', 'hypothesis'])
export type RuleStatus = z.infer<typeof RuleStatus>
/** A regular expression over folded text: lower case, straight apostrophes, single spaces, no end punctuation. */
const Pattern = z.string().min(1)
const Year = z.int().min(2000).max(2100)
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

export const AreaSchema = z.strictObject({
  id: Id,
  /** Exactly as the framework's reports print it. */
  label: z.string().min(1),
  /** Other headings the same judgement is printed under in the same kind of report. */
  alsoPrintedAs: z.array(z.string()).optional(),
  part: Id.optional(),
  group: Id.optional(),
  /** number: a grade is printed; narrative: the grade is expressed only in the narrative's words; none: not graded. */
  grade: z.enum(['number', 'narrative', 'none']),
  /** A publishable assessment must carry this grade. */
  required: z.boolean(),
  role: z.enum(['overall', 'capacity', 'outcome', 'aspect', 'rating']),
  descriptorSet: z.string().optional(),
  /** The number the report prints before the label ("2.1"). */
  number: z.string().optional(),
  /** Who the judgement is about when it is not the council ("The Local Safeguarding Children Board"). */
  subject: z.string().optional(),
  /** The theme this area compares with across frameworks (see comparable-areas.json). */
  comparable: Id.optional(),
})

/** A version of a framework from a date: the areas it judges and the labels it prints for them. */
export const EditionSchema = z.strictObject({
  id: Id,
  label: z.string().min(1),
  from: IsoDate,
  areas: z.array(Id).min(1),
  labels: z.record(z.string(), z.string()).optional(),
})

/** How a framework's documents are told apart from others': title phrases, where the year and authority stand. */
export const RecognitionSchema = z.strictObject({
  /** What the document is, for messages ("an annual performance assessment letter"). */
  name: z.string().min(1),
  titles: z.array(z.strictObject({ pattern: Pattern, years: z.tuple([Year, Year]).optional() })).min(1),
  /** A phrase the document prints beside the year it is for; else the document's own dates give the year. */
  yearNear: Pattern.optional(),
  /** Patterns over the folded opening with a group named "authority": where the title names the council. */
  authority: z.array(Pattern),
  /** The council is printed on the lines just below the title (where no `authority` pattern found it). */
  authorityBelowTitle: z.boolean().default(false),
  /**
   * Kinds of inspection, each told by a phrase of the opening, or by how many calendar days its printed fieldwork spans
   * (first to last day), or both; the first that fits is taken. None fits: the kind is missing.
   */
  inspectionTypes: z
    .array(
      z
        .strictObject({
          id: Id,
          label: z.string().min(1),
          pattern: Pattern.optional(),
          fieldworkDays: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
          source: z.string().min(1).optional(),
          areas: z.array(Id).optional(),
        })
        .refine(t => t.pattern !== undefined || t.fieldworkDays !== undefined, {
          message: 'an inspection type needs a pattern or fieldworkDays',
        }),
    )
    .optional(),
})

/** Where a framework's documents print grades, people and recommendations. */
export const ReadingSchema = z.strictObject({
  /** "Grade 2 (Good)" after an area's heading: a pattern (any case) whose first group is the number, second the word. */
  gradeMarker: Pattern.optional(),
  /** Tables of number cells, found by their header line and grade column. */
  numberTables: z.array(z.strictObject({ header: Pattern, column: Pattern, stop: z.array(Pattern) })),
  /** Cells that name their word beside the number: "2 (Good)", "Performs excellently (4)". */
  selfDescribing: z.boolean(),
  /** The heading of a closing table of every grade. */
  recordOfMainFindings: Pattern.optional(),
  /** A paragraph that is an area's label and a grade word, and nothing else: a table row or a section heading. */
  labelAndGrade: z.boolean(),
  /** Sentences that state a grade: {grade} stands for the scale's words, {label} for any area's label. */
  sentences: z.array(z.strictObject({ area: Id.nullable(), pattern: Pattern })),
  /** Sections headed by an area's label alone, whose grade the narrative states. */
  areaHeadings: z.boolean(),
  /** Read the judgement a section's narrative states in its opening sentences as one more reading. */
  narrativeJudgements: z.boolean(),
  structuralHeadings: z.array(Pattern),
  /** Sections (from such a heading to the next structural one) that quote grades but give none of this report's. */
  notGradedIn: z.array(Pattern).default([]),
  subheadings: z.array(Pattern),
  /** Labels before the dates the front page prints ("inspection dates?", "published"). */
  dateLabels: z
    .strictObject({
      inspection: z.array(Pattern),
      published: z.array(Pattern),
      /** Before the period a letter's evidence covers ("covers the period"). */
      period: z.array(Pattern).default([]),
    })
    .default({ inspection: ['inspection dates?'], published: ['published'], period: [] }),
  /** A letter's salutation and sign-off, and what an addressee block never is (the inspectorate's own address). */
  letter: z.strictObject({ salutation: Pattern, signOff: Pattern, notAddressee: z.array(Pattern) }).optional(),
  /** Two-column tables of strengths and areas for improvement, a row per area, found by their heading. */
  strengthsTables: z.strictObject({ headings: z.array(Pattern), headerRow: Pattern }).optional(),
  /** Lists of strengths and of areas for development inside an area's section, each under a line of its own. */
  areaLists: z.strictObject({ strengths: Pattern, areasForDevelopment: Pattern }).optional(),
  /** Figures the report states in words ({n} stands for the number, in figures or words). */
  figures: z.array(z.strictObject({ key: Id, label: z.string().min(1), pattern: Pattern })).default([]),
  /** Sentences naming the previous inspection and its grade: {year} and {grade} stand for what they print. */
  previousInspection: z.array(Pattern).default([]),
  /**
   * The earlier inspection whose recommendations the report follows up: its name, and a sentence giving when it was
   * published ({month} and {year} stand for what it prints).
   */
  followsUp: z.strictObject({ inspection: z.string().min(1), published: z.array(Pattern).min(1) }).optional(),
  /** Labels before the inspector's name ("reporting inspector", "lead inspector"). */
  inspectors: z.array(Pattern),
  /** Words of the job titles its documents print under people's names: a line with one is a title, not a name. */
  jobWords: z.array(z.string().regex(/^[a-z][a-z ]*$/)).default([]),
  /** Headings that say whose recommendations follow: the council's (null) or an area's (the LSCB's). */
  recommendationScopes: z.array(z.strictObject({ pattern: Pattern, area: Id.nullable() })),
})

const RuleBase = { id: Id, status: RuleStatus, source: z.string().min(1) }

/** Suggest the overall grade as the best fit (median level) of other areas' grades. */
export const BestFitRuleSchema = z.strictObject({
  ...RuleBase,
  kind: z.literal('bestFit'),
  target: Id,
  from: z.array(Id).min(1),
})

/** The target may not be better than the cap when the limiting areas are (all or any) at or below the trigger. */
export const LimitRuleSchema = z.strictObject({
  ...RuleBase,
  kind: z.literal('limit'),
  target: Id,
  limitedBy: z.array(Id).min(1),
  combine: z.enum(['any', 'all']),
  trigger: z.enum(LEVELS).optional(),
  cap: z.union([z.literal('limiter'), z.enum(LEVELS)]),
})

export const RuleSchema = z.discriminatedUnion('kind', [BestFitRuleSchema, LimitRuleSchema])

/**
 * A phrase as a framework's documents print it, with {value} placeholders: `{label}`, `{grade:lower}` (filters: lower,
 * upper, thousands). A part in [brackets] is printed only when every value in it exists; the whole is printed only
 * when every value outside brackets exists. Which values there are, and where, is the renderer's to say.
 */
const Template = z
  .string()
  .refine(t => templateProblem(t) === undefined, { error: i => templateProblem(String(i.input)) })
const TEMPLATE_FILTERS = ['lower', 'upper', 'thousands']

function templateProblem(t: string): string | undefined {
  let depth = 0
  for (const m of t.matchAll(/\{([^{}]*)\}|\[|\]/g)) {
    if (m[0] === '[') depth++
    else if (m[0] === ']') depth--
    else if (!/^[A-Za-z][\w.-]*(?::\w+)?$/.test(m[1] ?? '')) return `"${t}": "${m[0]}" is not a placeholder`
    else if (m[1]?.includes(':') && !TEMPLATE_FILTERS.includes(m[1].split(':')[1] ?? ''))
      return `"${t}": unknown filter in ${m[0]} (known: ${TEMPLATE_FILTERS.join(', ')})`
    if (depth < 0 || depth > 1) return `"${t}": brackets must pair, one level deep`
  }
  return depth === 0 ? undefined : `"${t}": an opening bracket is not closed`
}

/** A regular expression tested, ignoring case, on a value. */
const ValuePattern = z.string().refine(
  p => {
    try {
      new RegExp(p, 'i')
      return true
    } catch {
      return false
    }
  },
  { error: 'not a regular expression' },
)
/** Tests on the values in scope: true, the value exists; false, it does not; a pattern, it exists and matches. */
const ConditionsSchema = z.record(z.string(), z.union([z.boolean(), ValuePattern]))
export type LayoutConditions = z.infer<typeof ConditionsSchema>

/**
 * A paragraph of the framework's own that frames what the inspector wrote (the sentence that opens a section with
 * its grade, say): printed only where the inspector wrote none of their own in its place, which is printed instead.
 * Its id, with the area or part it stands in, keys what they wrote; its label names the place on the forms.
 */
export interface Framing {
  id: string
  label: string
}

interface Common {
  /** The block is printed only where these hold. */
  when?: LayoutConditions | undefined
  /** Blocks printed before this one, only when it prints something (a heading above a list, say). */
  before?: LayoutBlock[] | undefined
}
/** One block of a framework's document layout (src/render/structures.ts says what each prints, and its values). */
export type LayoutBlock = Common &
  (
    | { block: 'heading'; level: 1 | 2 | 3; text: string }
    | { block: 'paragraph'; text: string; numbered?: boolean | undefined; framing?: Framing | undefined }
    | { block: 'paragraphs'; text: string; only?: 'first' | 'rest' | undefined; numbered?: boolean | undefined }
    | { block: 'lines'; lines: string[] }
    | { block: 'list'; items: (string | { forEachPart: string } | { when: LayoutConditions; text: string })[] }
    | { block: 'people'; of: 'addressee' | 'signatories'; lines: (string | { forEachAddressLine: string })[] }
    | { block: 'items'; of: 'strengths' | 'areasForDevelopment' }
    | {
        block: 'gradeTable'
        areas?: LayoutConditions | undefined
        header: string[] | null
        row: string[]
        partRow?: string[] | undefined
        groupRow?: string[] | undefined
      }
    | { block: 'scaleTable'; header: string[] | null; row: string[] }
    | { block: 'scaleSentence'; text: string; point: string; separator: string }
    | {
        block: 'strengths'
        areas?: LayoutConditions | undefined
        header: [string, string]
        label: string
        item: string
      }
    | { block: 'figures'; sentences: Record<string, string> }
    | {
        block: 'recommendations'
        timescales?: string[] | undefined
        except?: string[] | undefined
        eachTimescale?: LayoutBlock[] | undefined
        eachArea?: LayoutBlock[] | undefined
        eachItem?: LayoutBlock[] | undefined
      }
    | { block: 'forEachArea'; areas?: LayoutConditions | undefined; blocks: LayoutBlock[] }
    | { block: 'forEachPart'; blocks: LayoutBlock[] }
    | { block: 'forEachGroup'; blocks: LayoutBlock[] }
  )

const Blocks = z.array(z.lazy((): z.ZodType<LayoutBlock> => LayoutBlockSchema))
const Cells = z.array(Template).min(1)
const Level = z.union([z.literal(1), z.literal(2), z.literal(3)])
const common = { when: ConditionsSchema.optional(), before: Blocks.optional() }
const LayoutBlockSchema: z.ZodType<LayoutBlock> = z.discriminatedUnion('block', [
  z.strictObject({ ...common, block: z.literal('heading'), level: Level, text: Template }),
  z.strictObject({
    ...common,
    block: z.literal('paragraph'),
    text: Template,
    numbered: z.boolean().optional(),
    framing: z.strictObject({ id: Id, label: z.string().min(1) }).optional(),
  }),
  z.strictObject({
    ...common,
    block: z.literal('paragraphs'),
    text: Template,
    only: z.enum(['first', 'rest']).optional(),
    numbered: z.boolean().optional(),
  }),
  z.strictObject({ ...common, block: z.literal('lines'), lines: z.array(Template).min(1) }),
  z.strictObject({
    ...common,
    block: z.literal('list'),
    items: z
      .array(
        z.union([
          Template,
          z.strictObject({ forEachPart: Template }),
          z.strictObject({ when: ConditionsSchema, text: Template }),
        ]),
      )
      .min(1),
  }),
  z.strictObject({
    ...common,
    block: z.literal('people'),
    of: z.enum(['addressee', 'signatories']),
    lines: z.array(z.union([Template, z.strictObject({ forEachAddressLine: Template })])).min(1),
  }),
  z.strictObject({ ...common, block: z.literal('items'), of: z.enum(['strengths', 'areasForDevelopment']) }),
  z.strictObject({
    ...common,
    block: z.literal('gradeTable'),
    areas: ConditionsSchema.optional(),
    header: Cells.nullable(),
    row: Cells,
    partRow: Cells.optional(),
    groupRow: Cells.optional(),
  }),
  z.strictObject({ ...common, block: z.literal('scaleTable'), header: Cells.nullable(), row: Cells }),
  z.strictObject({
    ...common,
    block: z.literal('scaleSentence'),
    text: Template,
    point: Template,
    separator: z.string(),
  }),
  z.strictObject({
    ...common,
    block: z.literal('strengths'),
    areas: ConditionsSchema.optional(),
    header: z.tuple([Template, Template]),
    label: Template,
    item: Template,
  }),
  z.strictObject({ ...common, block: z.literal('figures'), sentences: z.record(Id, Template) }),
  z.strictObject({
    ...common,
    block: z.literal('recommendations'),
    timescales: z.array(Id).min(1).optional(),
    except: z.array(Id).min(1).optional(),
    eachTimescale: Blocks.optional(),
    eachArea: Blocks.optional(),
    eachItem: Blocks.optional(),
  }),
  z.strictObject({ ...common, block: z.literal('forEachArea'), areas: ConditionsSchema.optional(), blocks: Blocks }),
  z.strictObject({ ...common, block: z.literal('forEachPart'), blocks: Blocks }),
  z.strictObject({ ...common, block: z.literal('forEachGroup'), blocks: Blocks }),
])

/** A choice of wording: the first alternative whose conditions hold and whose values all exist. */
const PhraseSchema = z.array(z.union([Template, z.strictObject({ when: ConditionsSchema, text: Template })])).min(1)

/**
 * How a framework's documents are laid out, in order, with every word they print: phrases (named choices of
 * wording, used as {name} in any template) and blocks.
 */
export const LayoutSchema = z.strictObject({
  phrases: z.record(z.string().regex(/^[A-Za-z][\w-]*$/), PhraseSchema).default({}),
  blocks: Blocks.min(1),
})

/**
 * What the inspection's evidence records under the framework: the aspects of practice a case file audit grades and
 * the words it grades them in, whether the council's self-assessment is published, and how long evidence is kept
 * after publication. Each says in its `source` whether it is Ofsted's or the project's choice.
 */
export const EvidenceSettingsSchema = z.strictObject({
  caseAudit: z.strictObject({
    aspects: z.array(z.strictObject({ id: Id, label: z.string().min(1) })).min(1),
    scale: z.array(z.strictObject({ id: Id, label: z.string().min(1) })).min(2),
    source: z.string().min(1),
  }),
  selfAssessment: z.strictObject({ published: z.boolean(), source: z.string().min(1) }),
  retention: z.strictObject({ months: z.int().min(1).max(1200), source: z.string().min(1) }),
})
export type EvidenceSettings = z.infer<typeof EvidenceSettingsSchema>

/** The window the framework gives the authority to comment on a draft, in working days from the day it is sent. */
export const FactualCheckSettingsSchema = z.strictObject({
  workingDays: z.int().min(1).max(60),
  /** Whether the number is Ofsted's (with where it says so) or the project's own choice. */
  source: z.string().min(1),
})
export type FactualCheckSettings = z.infer<typeof FactualCheckSettingsSchema>

export const FrameworkSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  year: Year,
  /** The years its documents are dated in, first and last. */
  years: z.tuple([Year, Year]),
  editions: z.array(EditionSchema).optional(),
  kind: z.enum(['annual performance assessment', 'annual rating', 'inspection']),
  inspectorates: z.array(z.string()).min(1),
  scale: Id,
  /** How its documents are laid out: every block, in order, and every word the renderer prints. */
  documentStructure: LayoutSchema,
  /** The date recommendations' due dates count from. */
  dateOfRecord: z.enum(['letter', 'published']),
  parts: z.array(z.strictObject({ id: Id, label: z.string().min(1) })),
  groups: z.array(z.strictObject({ id: Id, part: Id, label: z.string().min(1) })),
  areas: z.array(AreaSchema).min(1),
  timescales: z.array(Id),
  rules: z.array(RuleSchema),
  recognition: RecognitionSchema,
  reading: ReadingSchema,
  /** Where absent, the framework records no evidence (a fixture's, a deployment's own). */
  evidence: EvidenceSettingsSchema.optional(),
  /** Where absent, the authority's comments close only when its officers say they have no more. */
  factualAccuracyCheck: FactualCheckSettingsSchema.optional(),
})

export type Area = z.infer<typeof AreaSchema>
export type Edition = z.infer<typeof EditionSchema>
export type Reading = z.infer<typeof ReadingSchema>
export type Layout = z.infer<typeof LayoutSchema>
export type Rule = z.infer<typeof RuleSchema>
export type BestFitRule = z.infer<typeof BestFitRuleSchema>
export type LimitRule = z.infer<typeof LimitRuleSchema>
type FrameworkData = z.infer<typeof FrameworkSchema>

/** A framework with its scale and timescales resolved. */
export type InspectionType = NonNullable<z.infer<typeof RecognitionSchema>['inspectionTypes']>[number]

/** Calendar days from the first day of fieldwork to the last, where both are known. */
export function fieldworkDays(dates: { inspectionStart: string | null; inspectionEnd: string | null }) {
  if (!dates.inspectionStart || !dates.inspectionEnd) return undefined
  return (Date.parse(dates.inspectionEnd) - Date.parse(dates.inspectionStart)) / 86_400_000
}

/** Whether the dates fit a kind of inspection's length of fieldwork (any dates do, where it sets none). */
export function fitsFieldwork(
  t: InspectionType,
  dates: { inspectionStart: string | null; inspectionEnd: string | null },
): boolean {
  if (!t.fieldworkDays) return true
  const days = fieldworkDays(dates)
  return days !== undefined && days >= t.fieldworkDays[0] && days <= t.fieldworkDays[1]
}

export interface Framework extends Omit<FrameworkData, 'scale' | 'timescales'> {
  scale: Scale
  timescales: Timescale[]
}

export const SCALES: readonly Scale[] = z.array(ScaleSchema).parse(scaleData)

/** Checks a framework file against the schema and its references; throws naming every problem. */
export function defineFramework(data: unknown, scales: readonly Scale[] = SCALES): Framework {
  const f = FrameworkSchema.parse(data)
  const problems: string[] = []
  const scale = scales.find(s => s.id === f.scale)
  if (!scale) problems.push(`unknown scale ${f.scale}`)
  const areaIds = new Set<string>()
  for (const a of f.areas) {
    if (areaIds.has(a.id)) problems.push(`duplicate area ${a.id}`)
    areaIds.add(a.id)
    if (a.part && !f.parts.some(p => p.id === a.part)) problems.push(`area ${a.id}: unknown part ${a.part}`)
    if (a.group && !f.groups.some(g => g.id === a.group && g.part === a.part))
      problems.push(`area ${a.id}: unknown group ${a.group} in part ${a.part}`)
    if (a.descriptorSet && !scale?.descriptorSets.some(s => s.id === a.descriptorSet))
      problems.push(`area ${a.id}: scale has no descriptor set ${a.descriptorSet}`)
    if (a.required && a.grade === 'none') problems.push(`area ${a.id}: required but carries no grade`)
  }
  for (const e of f.editions ?? [])
    for (const id of [...e.areas, ...Object.keys(e.labels ?? {})])
      if (!areaIds.has(id)) problems.push(`edition ${e.id}: unknown area ${id}`)
  for (const t of f.recognition.inspectionTypes ?? [])
    for (const id of t.areas ?? []) if (!areaIds.has(id)) problems.push(`inspection type ${t.id}: unknown area ${id}`)
  for (const s of f.reading.sentences)
    if (s.area && !areaIds.has(s.area)) problems.push(`sentence: unknown area ${s.area}`)
  for (const s of f.reading.recommendationScopes)
    if (s.area && !areaIds.has(s.area)) problems.push(`recommendation scope: unknown area ${s.area}`)
  for (const pattern of patternsOf(f))
    try {
      new RegExp(pattern)
    } catch (e) {
      problems.push(`pattern ${pattern}: ${(e as Error).message}`)
    }
  const timescales = f.timescales.map(id => {
    const t = getTimescale(id)
    if (!t) problems.push(`unknown timescale ${id}`)
    return t
  })
  for (const r of f.rules) {
    const refs = r.kind === 'bestFit' ? [r.target, ...r.from] : [r.target, ...r.limitedBy]
    for (const id of refs) if (!areaIds.has(id)) problems.push(`rule ${r.id}: unknown area ${id}`)
  }
  if (problems.length > 0 || !scale) throw new Error(`Framework ${f.id} is not valid: ${problems.join('; ')}`)
  return { ...f, scale, timescales: timescales.filter(t => t !== undefined) }
}

function patternsOf(f: FrameworkData): string[] {
  const r = f.reading
  return [
    ...f.recognition.titles.map(t => t.pattern),
    ...(f.recognition.yearNear ? [f.recognition.yearNear] : []),
    ...f.recognition.authority,
    ...(f.recognition.inspectionTypes ?? []).flatMap(t => (t.pattern ? [t.pattern] : [])),
    ...r.numberTables.flatMap(t => [t.header, t.column, ...t.stop]),
    ...(r.recordOfMainFindings ? [r.recordOfMainFindings] : []),
    ...r.sentences.map(x => x.pattern.replace(/\{(?:grade|label)\}/g, 'x')),
    ...r.previousInspection.map(x => x.replace(/\{(?:grade|year)\}/g, 'x')),
    ...(r.followsUp?.published ?? []).map(x => x.replace(/\{(?:month|year)\}/g, 'x')),
    ...r.structuralHeadings,
    ...r.notGradedIn,
    ...r.subheadings,
    ...r.inspectors,
    ...(r.letter ? [r.letter.salutation, r.letter.signOff, ...r.letter.notAddressee] : []),
    ...(r.strengthsTables ? [...r.strengthsTables.headings, r.strengthsTables.headerRow] : []),
    ...(r.areaLists ? [r.areaLists.strengths, r.areaLists.areasForDevelopment] : []),
    ...r.figures.map(x => x.pattern.replace('{n}', 'x')),
    ...r.dateLabels.inspection,
    ...r.dateLabels.published,
    ...r.dateLabels.period,
    ...(r.gradeMarker ? [r.gradeMarker] : []),
    ...r.recommendationScopes.map(s => s.pattern),
  ]
}

/**
 * Reads a framework folder: framework.json, and scale.json where the framework brings a scale of its own. The
 * folder is the whole of a framework; nothing about it is written in code.
 */
export function loadFrameworkFolder(dir: string | URL, scales: readonly Scale[] = SCALES): Framework {
  const base = typeof dir === 'string' ? dir.replace(/\/?$/, '/') : dir.href.replace(/\/?$/, '/')
  const read = (name: string) => JSON.parse(readFileSync(new URL(name, toUrl(base)), 'utf8')) as unknown
  const names = readdirSync(toUrl(base))
  const own = names.includes('scale.json') ? [ScaleSchema.parse(read('scale.json'))] : []
  return defineFramework(read('framework.json'), [...own, ...scales])
}

function toUrl(path: string): URL {
  return /^file:/.test(path)
    ? new URL(path)
    : new URL(`file://${path.startsWith('/') ? '' : `${process.cwd()}/`}${path}`)
}

/** Every framework folder below a directory, in the order of the years they begin. */
export function loadFrameworks(dir: string | URL): Framework[] {
  const root = toUrl(typeof dir === 'string' ? dir.replace(/\/?$/, '/') : dir.href.replace(/\/?$/, '/'))
  return readdirSync(root, { withFileTypes: true })
    .filter(d => d.isDirectory())
    .map(d => loadFrameworkFolder(new URL(`${d.name}/`, root)))
    .sort((a, b) => a.years[0] - b.years[0] || a.year - b.year || a.id.localeCompare(b.id))
}

/** The frameworks shipped in ./frameworks, and any registered later (a deployment's own, a test's fixture). */
const registry: Framework[] = loadFrameworks(new URL('../../frameworks/', import.meta.url))
export const FRAMEWORKS: readonly Framework[] = registry

/** Adds a framework (read with loadFrameworkFolder) to the ones every part of the system knows. */
export function registerFramework(framework: Framework): void {
  if (registry.some(f => f.id === framework.id)) throw new Error(`Framework ${framework.id} is already registered`)
  registry.push(framework)
}

/** The scales of every registered framework, with the shared ones. */
export function allScales(): Scale[] {
  return [...new Map([...SCALES, ...registry.map(f => f.scale)].map(s => [s.id, s])).values()]
}

/** The edition of a framework that applies on a date (the inspection's), or the first when there is no date. */
export function editionOn(framework: Framework, date: string | null | undefined): Edition | undefined {
  const editions = framework.editions ?? []
  if (!date) return undefined
  return [...editions].reverse().find(e => e.from <= date)
}

/** The edition an assessment is under: that of its inspection's first day, else of its publication or letter. */
export function editionFor(
  framework: Framework,
  dates: { inspectionStart: string | null; published: string | null; letter: string | null },
): Edition | undefined {
  return editionOn(framework, dates.inspectionStart ?? dates.published ?? dates.letter)
}

/** The areas an edition judges (all of the framework's when it has no editions). */
export function areasOf(framework: Framework, edition: Edition | undefined): Area[] {
  if (!edition) return framework.areas
  return framework.areas.filter(a => edition.areas.includes(a.id))
}

/** The label an edition prints for an area. */
export function labelIn(area: Area, edition: Edition | undefined): string {
  return edition?.labels?.[area.id] ?? area.label
}

export function getFramework(id: string): Framework {
  const f = FRAMEWORKS.find(x => x.id === id)
  if (!f)
    throw new NotFoundError(`Unknown framework "${id}". Known frameworks: ${FRAMEWORKS.map(x => x.id).join(', ')}`)
  return f
}

export function getArea(framework: Framework, areaId: string): Area | undefined {
  return framework.areas.find(a => a.id === areaId)
}

/** Recommendations belong to an area, or to a whole part of a report (its areas for improvement). */
export function isAreaOrPart(framework: Framework, id: string): boolean {
  return getArea(framework, id) !== undefined || framework.parts.some(p => p.id === id)
}

/** "Safeguarding services: Overall effectiveness": the label, with its part where the framework has parts. */
export function areaTitle(framework: Framework, areaId: string): string {
  const area = getArea(framework, areaId)
  if (!area) return framework.parts.find(p => p.id === areaId)?.label ?? areaId
  const part = framework.parts.find(p => p.id === area.part)
  return part ? `${part.label}: ${area.label}` : area.label
}

/**
 * The judgements a report leads with: its overall effectiveness or rating (both parts' in a two-part report); in an
 * edition that gives none (ILACS from April 2026), its key judgements.
 */
export function headlineAreas(framework: Framework, edition?: Edition): Area[] {
  const headline = areasOf(framework, edition).filter(a => a.role === 'overall' || a.role === 'rating')
  return headline.length ? headline : areasOf(framework, edition).filter(a => a.role === 'outcome')
}

/** Every area any framework or edition leads with. */
export function allHeadlineAreaIds(frameworks: readonly Framework[]): string[] {
  return [
    ...new Set(
      frameworks.flatMap(f => [undefined, ...(f.editions ?? [])].flatMap(e => headlineAreas(f, e).map(a => a.id))),
    ),
  ]
}

/** The rules every framework has besides its own: a departure from them may be overridden too. */
export const BUILT_IN_RULES = { narrative: 'grade-narrative-consistency', profile: 'profile-suggestion' } as const

/** The rules whose findings a professional override may answer. */
export function ruleIds(framework: Framework): string[] {
  return [...framework.rules.map(r => r.id), ...Object.values(BUILT_IN_RULES)]
}
