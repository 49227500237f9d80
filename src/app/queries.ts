import {
  type Actor,
  type Assessment,
  type Authority,
  allHeadlineAreaIds,
  editionOn,
  FRAMEWORKS,
  type Framework,
  getFramework,
  gradeLabel,
  headlineAreas,
  isForTheCouncil,
  isStaff,
  LEVELS,
  type Level,
  NotFoundError,
  type Recommendation,
  STATUSES,
  type Status,
  ValidationError,
} from '../domain/index.js'
import type { AssessmentSummary, LevelCount } from '../store/assessments.js'
import type { Context } from './assessments.js'

const HEADLINE_AREAS = allHeadlineAreaIds(FRAMEWORKS)

export interface Search {
  authorityCode?: string | undefined
  frameworkId?: string | undefined
  year?: number | undefined
  level?: Level | undefined
  status?: Status | undefined
  page: number
  pageSize: number
}

/** Inspectors and quality assurers search every assessment; everybody else, what is published. */
export function visibleStatuses(actor: Actor | null, wanted?: Status): Status[] {
  const allowed: readonly Status[] = isStaff(actor) ? STATUSES : ['published']
  if (wanted && !allowed.includes(wanted))
    throw new ValidationError(
      `Only published assessments can be searched without signing in as staff, not ${wanted} ones`,
    )
  return wanted ? [wanted] : [...allowed]
}

export async function searchAssessments(ctx: Context, actor: Actor | null, q: Search) {
  const { total, items } = await ctx.store.assessments.search({
    authorityCode: q.authorityCode,
    frameworkId: q.frameworkId,
    year: q.year,
    level: q.level,
    headlineAreas: HEADLINE_AREAS,
    statuses: visibleStatuses(actor, q.status),
    page: q.page,
    pageSize: q.pageSize,
  })
  return { total, items, page: q.page, pageSize: q.pageSize, pages: Math.max(1, Math.ceil(total / q.pageSize)) }
}

/** The date an assessment is known by: its letter's, its publication's, or else (ILACS prints no publication date) its inspection's last day. */
export const dateOf = (a: Pick<AssessmentSummary, 'dates'>) =>
  a.dates.letter ?? a.dates.published ?? a.dates.inspectionEnd ?? null

/** Its headline judgements, as printed and as levels; a missing grade stays missing. */
export function headlines(
  a: Pick<AssessmentSummary, 'frameworkId' | 'judgements'> & Partial<Pick<AssessmentSummary, 'dates'>>,
) {
  const framework = getFramework(a.frameworkId)
  // The edition is the inspection's (a summary holds its last day), not the publication's: a report published
  // after an edition began may be of an inspection before it.
  const dates = 'dates' in a ? (a as Pick<AssessmentSummary, 'dates'>).dates : undefined
  const edition = dates ? editionOn(framework, dates.inspectionEnd ?? dateOf({ dates })) : undefined
  return headlineAreas(framework, edition).map(area => {
    const j = a.judgements.find(x => x.areaId === area.id)
    const point = j?.grade == null ? undefined : framework.scale.points.find(p => p.value === j.grade)
    return {
      areaId: area.id,
      label: area.label,
      part: framework.parts.find(p => p.id === area.part)?.label ?? null,
      grade: j?.grade ?? null,
      printed: point ? gradeLabel(framework.scale, point.value) : null,
      level: j?.level ?? null,
    }
  })
}

export interface TimelinePoint {
  date: string
  assessmentId: string
  framework: Framework
  label: string
  printed: string | null
  level: Level | null
}

export interface AuthorityOverview {
  authority: Authority
  /** Its published assessments, newest first. */
  assessments: AssessmentSummary[]
  timeline: TimelinePoint[]
  /** The recommendations of the most recent published report that made any, with their due dates. */
  recommendations: { assessment: Assessment; items: Recommendation[] } | null
  neighbours: { authority: Authority; latest: AssessmentSummary | null }[]
  /** England's spread of the same headline judgement, under the framework of the authority's latest assessment. */
  england: Distribution | null
}

/** How many of an authority's assessments are read at a time for its overview. */
export const OVERVIEW_PAGE = 1000

export async function authorityOverview(ctx: Context, code: string): Promise<AuthorityOverview> {
  const authority = await ctx.store.authorities.get(code)
  if (!authority) throw new NotFoundError(`No authority ${code}`)
  // Every one, a thousand at a time: an authority's history is never cut short. A report published between two
  // pages moves the rest down one: what the next page repeats is left out.
  const newestFirst: AssessmentSummary[] = []
  const seen = new Set<string>()
  for (let page = 1; ; page++) {
    const { total, items } = await ctx.store.assessments.search({
      authorityCode: code,
      statuses: ['published'],
      headlineAreas: HEADLINE_AREAS,
      page,
      pageSize: OVERVIEW_PAGE,
    })
    for (const a of items) {
      if (seen.has(a.id)) continue
      seen.add(a.id)
      newestFirst.push(a)
    }
    if (items.length < OVERVIEW_PAGE || newestFirst.length >= total) break
  }
  const oldestFirst = [...newestFirst].reverse()
  const timeline = oldestFirst.flatMap(a =>
    headlines(a).map(h => ({
      date: dateOf(a) ?? '',
      assessmentId: a.id,
      framework: getFramework(a.frameworkId),
      label: h.part ? `${h.part}: ${h.label}` : h.label,
      printed: h.printed,
      level: h.level,
    })),
  )
  const latest = newestFirst[0]
  const neighbourCodes = await ctx.store.authorities.neighbours(code)
  const [withRecommendations, all, theirs, england] = await Promise.all([
    ctx.store.assessments.latestWithRecommendations(code),
    ctx.store.authorities.list(),
    latest ? ctx.store.assessments.latestPublished(neighbourCodes, latest.frameworkId, HEADLINE_AREAS) : [],
    latest ? englandFor(ctx, latest) : null,
  ])
  const neighbours = neighbourCodes.map(c => ({
    authority: all.find(a => a.code === c) as Authority,
    latest: theirs.find(a => a.authorityCode === c) ?? null,
  }))
  return {
    authority,
    assessments: newestFirst,
    timeline,
    recommendations: withRecommendations
      ? { assessment: withRecommendations, items: withRecommendations.recommendations.filter(isForTheCouncil) }
      : null,
    neighbours,
    england,
  }
}

/** All published judgements of the assessment's first headline area, under its framework, in every year. */
async function englandFor(ctx: Context, a: AssessmentSummary): Promise<Distribution | null> {
  const area = headlineAreas(getFramework(a.frameworkId))[0]
  if (!area) return null
  const groups = distributions(
    await ctx.store.assessments.levelCounts(HEADLINE_AREAS, { frameworkId: a.frameworkId, areaId: area.id }),
  )
  if (groups.length === 0) return null
  const first = groups[0] as Distribution
  const total: Distribution = { ...first, year: null, counts: { ...first.counts }, total: first.total }
  for (const g of groups.slice(1)) {
    for (const l of Object.keys(total.counts) as (keyof Distribution['counts'])[]) total.counts[l] += g.counts[l]
    total.total += g.total
  }
  return total
}

export interface Distribution {
  framework: Framework
  year: number | null
  areaId: string
  label: string
  counts: Record<Level, number>
  total: number
}

/** How the published headline judgements are spread over the levels, per framework, year and area. */
export async function nationalOverview(ctx: Context): Promise<Distribution[]> {
  return distributions(await ctx.store.assessments.levelCounts(HEADLINE_AREAS))
}

function distributions(rows: LevelCount[]): Distribution[] {
  const groups = new Map<string, Distribution>()
  for (const r of rows) {
    const framework = getFramework(r.frameworkId)
    const key = `${r.frameworkId}|${r.year}|${r.areaId}`
    let d = groups.get(key)
    if (!d) {
      const area = framework.areas.find(a => a.id === r.areaId)
      const part = framework.parts.find(p => p.id === area?.part)
      d = {
        framework,
        year: r.year,
        areaId: r.areaId,
        label: part ? `${part.label}: ${area?.label}` : (area?.label ?? r.areaId),
        counts: Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<Level, number>,
        total: 0,
      }
      groups.set(key, d)
    }
    d.counts[r.level as Level] += r.count
    d.total += r.count
  }
  const order = (d: Distribution) =>
    `${d.year ?? 0}|${FRAMEWORKS.indexOf(d.framework)}|${d.framework.areas.findIndex(a => a.id === d.areaId)}`
  return [...groups.values()].sort((a, b) => order(a).localeCompare(order(b), 'en', { numeric: true }))
}
