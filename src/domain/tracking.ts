import { z } from 'zod'
import type { Recommendation } from './assessment.js'

/**
 * Where a recommendation stands. Tracking never changes the published assessment that made it: each change is an
 * update of its own, appended, and the latest one is the recommendation's status (`open` until there is one).
 */
export const RECOMMENDATION_STATUSES = ['open', 'in-progress', 'met', 'not-met', 'superseded'] as const
export const RecommendationStatusSchema = z.enum(RECOMMENDATION_STATUSES)
export type RecommendationStatus = z.infer<typeof RecommendationStatusSchema>

export const RECOMMENDATION_STATUS_LABELS: Record<RecommendationStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  met: 'Met',
  'not-met': 'Not met',
  superseded: 'Superseded',
}

/** What an authority's officers may set: progress is theirs to report, not to confirm. */
export const OFFICER_STATUSES: readonly RecommendationStatus[] = ['in-progress']

/** A recommendation is still to be acted on while it is open or in progress. */
export function isOutstanding(status: RecommendationStatus): boolean {
  return status === 'open' || status === 'in-progress'
}

/** Overdue only while it is still to be acted on and its due date has passed; never once met, not met or superseded. */
export function isOverdue(status: RecommendationStatus, dueDate: string | null, today: string): boolean {
  return isOutstanding(status) && dueDate !== null && dueDate < today
}

export const RecommendationUpdateSchema = z.strictObject({
  assessmentId: z.string().min(1),
  recommendationId: z.string().min(1),
  at: z.string().datetime({ offset: true }),
  /** The user's id, and their name as it was then. */
  by: z.string().min(1),
  byName: z.string(),
  role: z.string().min(1),
  status: RecommendationStatusSchema,
  note: z.string().nullable(),
  /** A later published report of the same authority that a person found speaks to it (null for progress notes). */
  laterAssessmentId: z.uuid().nullable().default(null),
})
export type RecommendationUpdate = z.infer<typeof RecommendationUpdateSchema>

/** The current status: the latest update's, or `open` where there is none. */
export function currentStatus(updates: readonly Pick<RecommendationUpdate, 'at' | 'status'>[]): RecommendationStatus {
  return updates.length === 0 ? 'open' : (updates[updates.length - 1]?.status ?? 'open')
}

/** The later reports a recommendation was linked to, each once, in the order they were linked. */
export function laterReportsLinked(history: readonly Pick<RecommendationUpdate, 'laterAssessmentId'>[]): string[] {
  return [...new Set(history.flatMap(u => (u.laterAssessmentId ? [u.laterAssessmentId] : [])))]
}

/**
 * The reports that might speak to a recommendation: the authority's other published reports dated after the one that
 * made it, oldest first. Only candidates: a person reads them and links the one that does (never matched here).
 */
export function laterReportCandidates<T extends { id: string; date: string | null }>(
  made: { id: string; date: string | null },
  reports: readonly T[],
): T[] {
  const after = made.date
  if (after === null) return []
  return reports
    .filter(r => r.id !== made.id && r.date !== null && r.date > after)
    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
}

const plain = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * The recommendation of an earlier edition that a correction's recommendation is: the one with its id, or else the one
 * with its text (spacing and case aside). None where neither matches: the correction made it afresh.
 */
export function sameRecommendation<T extends Pick<Recommendation, 'id' | 'text'>>(
  earlier: readonly T[],
  r: Pick<Recommendation, 'id' | 'text'>,
): T | undefined {
  return earlier.find(e => e.id === r.id) ?? earlier.find(e => plain(e.text) === plain(r.text))
}
