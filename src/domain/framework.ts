import { z } from 'zod'
import scaleData from './data/scales.json' with { type: 'json' }
import { NotFoundError } from './errors.js'
import apa2006 from './frameworks/apa-2006.json' with { type: 'json' }
import apa2007 from './frameworks/apa-2007.json' with { type: 'json' }
import apa2008 from './frameworks/apa-2008.json' with { type: 'json' }
import rating2009 from './frameworks/rating-2009.json' with { type: 'json' }
import slac2012 from './frameworks/slac-2012.json' with { type: 'json' }
import { LEVELS } from './levels.js'
import { type Scale, ScaleSchema } from './scale.js'
import { getTimescale, type Timescale } from './timescale.js'

const Id = z.string().regex(/^[a-z0-9.-]+$/)
const RuleStatus = z.enum(['stated', 'inferred', 'proposed'])

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

export const FrameworkSchema = z.strictObject({
  id: Id,
  name: z.string().min(1),
  year: z.int().min(2000).max(2100),
  kind: z.enum(['annual performance assessment', 'annual rating', 'inspection']),
  inspectorates: z.array(z.string()).min(1),
  scale: Id,
  /** Which report structure renders it. */
  documentStructure: Id,
  /** The date recommendations' due dates count from. */
  dateOfRecord: z.enum(['letter', 'published']),
  parts: z.array(z.strictObject({ id: Id, label: z.string().min(1) })),
  groups: z.array(z.strictObject({ id: Id, part: Id, label: z.string().min(1) })),
  areas: z.array(AreaSchema).min(1),
  timescales: z.array(Id),
  rules: z.array(RuleSchema),
})

export type Area = z.infer<typeof AreaSchema>
export type Rule = z.infer<typeof RuleSchema>
export type BestFitRule = z.infer<typeof BestFitRuleSchema>
export type LimitRule = z.infer<typeof LimitRuleSchema>
type FrameworkData = z.infer<typeof FrameworkSchema>

/** A framework with its scale and timescales resolved. */
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

export const FRAMEWORKS: readonly Framework[] = [apa2006, apa2007, apa2008, rating2009, slac2012].map(f =>
  defineFramework(f),
)

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

/** The judgements a report leads with: its overall effectiveness or rating (both parts' in a two-part report). */
export function headlineAreas(framework: Framework): Area[] {
  return framework.areas.filter(a => a.role === 'overall' || a.role === 'rating')
}
