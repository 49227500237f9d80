import { GENERAL_SECTION } from '../app/comments.js'
import { dateOf, headlines } from '../app/queries.js'
import type { TrackedRecommendation } from '../app/recommendations.js'
import {
  ANSWER_OUTCOME_LABELS,
  type Assessment,
  type Authority,
  areaTitle,
  type CommentAnswer,
  type FactualCheck,
  type Framework,
  getFramework,
  getTimescale,
  gradeLabel,
  isOutstanding,
  isOverdue,
  type Level,
  levelLabel,
  longDate,
  pointFor,
  RECOMMENDATION_STATUS_LABELS,
  type Recommendation,
  type RecommendationStatus,
  type RecommendationUpdate,
  ROLE_LABELS,
  type Role,
  STATUS_LABELS,
  type Status,
} from '../domain/index.js'
import type { AssessmentSummary } from '../store/assessments.js'
import type { Comment } from '../store/comments.js'

/** A stored timestamp as pages show it: "29 May 2012 at 09:00" (UTC, as stored). */
export const minute = (iso: string) => `${longDate(iso.slice(0, 10))} at ${iso.slice(11, 16)}`

/** A date as pages show it, "29 May 2012", or null: the ISO form stays in the API, the files and `<time datetime>`. */
export const pageDate = (iso: string | null | undefined): string | null => (iso ? longDate(iso) : null)

/** "1 judgement", "2 judgements"; the plural given where adding an s is wrong. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "Ms A Director, Director of Children's Services"; null where nobody is recorded. */
export const personLine = (p: { name: string; title: string | null } | null) =>
  p ? [p.name, p.title].filter(Boolean).join(', ') : null

/** A comment as its page shows it: the section it is on, who wrote it and when, and its answer (appended beside it). */
export function commentView(f: Framework, c: Comment, answers: readonly CommentAnswer[]) {
  const answer = answers.find(a => a.commentId === c.id)
  return {
    id: c.id,
    text: c.text,
    section: c.section,
    sectionTitle: c.section === GENERAL_SECTION ? 'The report as a whole' : areaTitle(f, c.section),
    authorName: c.authorName,
    createdAt: minute(c.createdAt),
    answer: answer
      ? {
          outcome: ANSWER_OUTCOME_LABELS[answer.outcome],
          accepted: answer.outcome === 'accepted',
          text: answer.text,
          authorName: answer.authorName,
          createdAt: minute(answer.createdAt),
        }
      : null,
  }
}

/** Where the factual accuracy check stands, in words: its deadline, whether it is closed and why, what waits. */
export function checkView(check: FactualCheck) {
  return {
    deadline: check.deadline,
    open: check.open,
    ended: check.ended ? { authorName: check.ended.authorName, at: minute(check.ended.at) } : null,
    unanswered: check.unanswered.length,
  }
}

/** Factual accuracy comments as pages list them: the section they are on, who, when. */
export function commentRows(f: Framework, comments: readonly Comment[]) {
  return comments.map(c => ({
    ...c,
    sectionTitle: c.section === GENERAL_SECTION ? 'The report as a whole' : areaTitle(f, c.section),
    createdAt: minute(c.createdAt),
  }))
}

export const STATUS_CLASSES: Record<Status, string> = {
  draft: 'govuk-tag--grey',
  'quality-assurance': 'govuk-tag--blue',
  'factual-accuracy-check': 'govuk-tag--yellow',
  published: 'govuk-tag--green',
}

/** A grade as its framework printed it: "2 (Good)"; null where none is recorded. */
export function printedGrade(framework: Framework, grade: number | null): string | null {
  if (grade === null) return null
  return gradeLabel(framework.scale, grade)
}

/**
 * The GOV.UK tag colour of each level: an extra cue only, the level's word is always written in the tag. Adequate
 * and requires improvement share the third place on the one series, and so a colour.
 */
export const LEVEL_TAG_CLASSES: Record<Level, string> = {
  outstanding: 'govuk-tag--green',
  good: 'govuk-tag--turquoise',
  adequate: 'govuk-tag--yellow',
  'requires-improvement': 'govuk-tag--yellow',
  inadequate: 'govuk-tag--red',
}

export interface LevelTag {
  level: Level
  /** The level's word: "Outstanding", "Good", "Adequate", "Requires improvement", "Inadequate". */
  levelWord: string
  tagClass: string
}

export interface GradeDisplay {
  /** As the framework prints it: "2 (Good)", "Performs excellently (4)", "Requires improvement to be good"; null if none. */
  printed: string | null
  /** Its level on the one series, as a tag; null where no grade is recorded. */
  tag: LevelTag | null
}

export function levelTag(level: Level | null | undefined): LevelTag | null {
  return level ? { level, levelWord: levelLabel(level), tagClass: LEVEL_TAG_CLASSES[level] } : null
}

/** A grade as its framework prints it and, beside it, its level: what every page shows where a grade appears. */
export function gradeDisplay(framework: Framework, grade: number | null | undefined): GradeDisplay {
  if (grade == null) return { printed: null, tag: null }
  return { printed: gradeLabel(framework.scale, grade), tag: levelTag(pointFor(framework.scale, grade)?.level) }
}

/** A grade already printed, with its level (as the queries give headlines and timeline points). */
export const printedWithLevel = (g: { printed: string | null; level: Level | null }): GradeDisplay => ({
  printed: g.printed,
  tag: g.printed === null ? null : levelTag(g.level),
})

/** The note for a list whose grades come from more than one framework; null where they are all of one. */
export function mixedFrameworksNote(frameworkIds: readonly string[]): string | null {
  return new Set(frameworkIds).size > 1
    ? 'Grades are shown as each framework prints them; the tag gives the level on one series for comparison.'
    : null
}

export function summary(a: AssessmentSummary, names: ReadonlyMap<string, string>) {
  const f = getFramework(a.frameworkId)
  return {
    id: a.id,
    authorityCode: a.authorityCode,
    authorityName: names.get(a.authorityCode) ?? a.authorityCode,
    frameworkId: f.id,
    frameworkName: f.name,
    status: a.status,
    statusLabel: STATUS_LABELS[a.status],
    statusClass: STATUS_CLASSES[a.status],
    edition: a.edition,
    version: a.version,
    /** ISO, for `<time datetime>`; `dateText` is what the page shows. */
    date: dateOf(a),
    dateText: pageDate(dateOf(a)),
    updatedAt: minute(a.updatedAt),
    headlines: headlines(a).map(h => ({ ...h, display: printedWithLevel(h) })),
  }
}

/** Who made a recommendation, where it was not this inspection: "the joint area review published in February 2007". */
export function madeBy(r: Recommendation, followsUp: Assessment['followsUp']): string | null {
  const t = getTimescale(r.timescaleId)
  if (t?.madeBy === 'inspectorates')
    return 'The inspectorates’ focus for a future inspection, not an action for the council'
  if (t?.madeBy !== 'earlier-inspection') return null
  const when = followsUp?.published ? ` published in ${longDate(followsUp.published)}` : ''
  return `Made by the ${followsUp?.inspection ?? 'earlier inspection'}${when}; this report follows it up`
}

export function recommendationRow(
  f: Framework,
  r: Recommendation,
  today: string,
  followsUp: Assessment['followsUp'] = null,
  status: RecommendationStatus = 'open',
) {
  return {
    madeBy: madeBy(r, followsUp),
    id: r.id,
    area: r.areaId ? areaTitle(f, r.areaId) : null,
    text: r.text,
    timescale: f.timescales.find(t => t.id === r.timescaleId)?.label ?? r.timescaleId,
    dueDate: r.dueDate,
    overdue: isOverdue(status, r.dueDate, today),
    progress: r.progress,
  }
}

export const RECOMMENDATION_STATUS_TAGS: Record<RecommendationStatus, string> = {
  open: 'govuk-tag--grey',
  'in-progress': 'govuk-tag--blue',
  met: 'govuk-tag--green',
  'not-met': 'govuk-tag--red',
  superseded: 'govuk-tag--yellow',
}

/** A report as a recommendation names it: its framework and date. */
function reportLabel(a: Pick<AssessmentSummary, 'frameworkId' | 'dates'>): string {
  return `${getFramework(a.frameworkId).name} (${pageDate(dateOf(a)) ?? 'not dated'})`
}

function historyRow(u: RecommendationUpdate) {
  return {
    at: minute(u.at),
    byName: u.byName,
    role: ROLE_LABELS[u.role as Role] ?? u.role,
    statusLabel: RECOMMENDATION_STATUS_LABELS[u.status],
    note: u.note,
  }
}

/** Where a tracked recommendation stands, and its history of updates (notes only where the reader may see them). */
export function trackingRow(t: TrackedRecommendation) {
  return {
    status: t.status,
    statusLabel: RECOMMENDATION_STATUS_LABELS[t.status],
    statusTag: RECOMMENDATION_STATUS_TAGS[t.status],
    overdue: t.overdue,
    outstanding: isOutstanding(t.status),
    history: t.history.map(historyRow),
    /** Progress recorded on the editions this correction replaced: shown with it, saying so. */
    earlier: t.earlier.map(u => ({ ...historyRow(u), edition: u.edition })),
    followedUpIn: t.followedUpIn.map(a => ({ id: a.id, text: reportLabel(a) })),
    candidates: t.candidates.map(a => ({ value: a.id, text: reportLabel(a) })),
  }
}

export const authorityNames = (authorities: readonly Authority[]) => new Map(authorities.map(a => [a.code, a.name]))

/**
 * An authority as a list names it: its name, and where another authority has the same name (the old county and
 * the new unitary), what tells them apart, from the list's dates: "Dorset County Council (until 2019)", "Dorset
 * (from 2019)".
 */
export function authorityLabel(a: Authority, all: readonly Authority[]): string {
  if (!all.some(o => o.code !== a.code && o.name === a.name)) return a.name
  const name = a.type === 'county' ? `${a.name} County Council` : a.name
  const from = a.validFrom?.slice(0, 4)
  const to = a.validTo?.slice(0, 4)
  const when = from && to ? `${from} to ${to}` : to ? `until ${to}` : from ? `from ${from}` : a.code
  return `${name} (${when})`
}

/** Authorities to choose from, in name order, each named so that two of one name are told apart. */
export function authorityChoices(authorities: readonly Authority[]): { value: string; text: string }[] {
  return authorities
    .map(a => ({ value: a.code, text: authorityLabel(a, authorities) }))
    .sort((x, y) => x.text.localeCompare(y.text, 'en') || x.value.localeCompare(y.value))
}

/** What a later report does for earlier ones: "follows up 2 recommendations of earlier reports"; null for none. */
export const followsUpText = (n: number | undefined) =>
  n ? `follows up ${plural(n, 'recommendation')} of earlier reports` : null

/** One page of a list: its items, which page it is (a page past the end is the last) and how many there are. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number) {
  const pages = Math.max(1, Math.ceil(items.length / pageSize))
  const shown = Math.min(page, pages)
  return { items: items.slice((shown - 1) * pageSize, shown * pageSize), page: shown, pages, total: items.length }
}

/**
 * The GOV.UK pagination component's parameters for page `page` of `pages`: previous and next, the first and last
 * pages and those beside this one, with ellipses between; null when there is one page. `label` names the list, so
 * that two paginations on one page are told apart.
 */
export function paginationFor(page: number, pages: number, href: (page: number) => string, label = 'Pagination') {
  if (pages <= 1) return null
  const numbers = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter(n => n >= 1 && n <= pages)
    .sort((a, b) => a - b)
  return {
    landmarkLabel: label,
    ...(page > 1 ? { previous: { href: href(page - 1) } } : {}),
    ...(page < pages ? { next: { href: href(page + 1) } } : {}),
    items: numbers.flatMap((n, i) => [
      ...(i > 0 && n - (numbers[i - 1] as number) > 1 ? [{ ellipsis: true }] : []),
      { number: n, href: href(n), current: n === page },
    ]),
  }
}
