import {
  type Actor,
  type Assessment,
  currentStatus,
  isForTheCouncil,
  isOverdue,
  maySeeProgressNotes,
  maySetRecommendationStatus,
  NotFoundError,
  type Recommendation,
  type RecommendationStatus,
  type RecommendationUpdate,
  ValidationError,
} from '../domain/index.js'
import type { Context } from './assessments.js'

export const MAX_NOTE_LENGTH = 5_000

/** A recommendation made to an authority in a published report, with where it stands. */
export interface TrackedRecommendation {
  assessment: Assessment
  recommendation: Recommendation
  status: RecommendationStatus
  overdue: boolean
  /** Every update, oldest first; notes left out (null) for those who may not see them. */
  history: RecommendationUpdate[]
}

/**
 * Every recommendation ever made to the authority in its published reports (not the inspectorates' own focus),
 * newest report first, each with its current status; `status` keeps only those with that status. The public sees
 * statuses and when they changed; the notes only staff and the authority's own officers.
 */
export async function trackedRecommendations(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  filter: { status?: RecommendationStatus } = {},
): Promise<TrackedRecommendation[]> {
  const published = await ctx.store.assessments.list({ authorityCode, status: 'published', current: true })
  const updates = await ctx.store.recommendationUpdates.forAssessments(published.map(a => a.id))
  const notes = maySeeProgressNotes(actor, authorityCode)
  const today = ctx.now().toISOString().slice(0, 10)
  const out: TrackedRecommendation[] = []
  for (const a of published)
    for (const r of a.recommendations.filter(isForTheCouncil)) {
      const history = updates
        .filter(u => u.assessmentId === a.id && u.recommendationId === r.id)
        .map(u => (notes ? u : { ...u, note: null }))
      const status = currentStatus(history)
      if (filter.status && filter.status !== status) continue
      out.push({ assessment: a, recommendation: r, status, overdue: isOverdue(status, r.dueDate, today), history })
    }
  return out
}

/**
 * Records progress on a recommendation of a published report: an authority officer of that authority adds a note
 * (the status stays as it is when none is given) and may mark it in progress; inspectors and quality assurers confirm it met, not met or superseded, or open it
 * again. The published assessment is not touched: the update is appended beside it, with its audit entry, in one
 * transaction. A recommendation the actor may not act on is not found, as one that does not exist.
 */
export async function recordRecommendationUpdate(
  ctx: Context,
  actor: Actor,
  byName: string,
  assessmentId: string,
  recommendationId: string,
  input: { status?: RecommendationStatus | undefined; note?: string | null | undefined },
): Promise<RecommendationUpdate> {
  const note = input.note?.trim() || null
  if (note && note.length > MAX_NOTE_LENGTH)
    throw new ValidationError(`The note must be ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer`)
  return ctx.store.transaction(async tx => {
    const seen = await tx.assessments.visibility(assessmentId)
    const notFound = new NotFoundError(`No recommendation ${recommendationId} in assessment ${assessmentId}`)
    if (!seen || seen.status !== 'published') throw notFound
    const staff = maySetRecommendationStatus(actor, seen.authorityCode, 'met')
    if (!staff && !maySetRecommendationStatus(actor, seen.authorityCode, 'in-progress')) throw notFound
    const a = await tx.assessments.get(assessmentId)
    const r = a.recommendations.find(x => x.id === recommendationId)
    if (!r || !isForTheCouncil(r)) throw notFound
    const before = await tx.recommendationUpdates.status(assessmentId, recommendationId)
    const status = input.status ?? before
    if (!maySetRecommendationStatus(actor, a.authorityCode, status, before))
      throw new ValidationError(
        'You can add a note and mark a recommendation in progress; an inspector or quality assurer confirms it met, not met or superseded',
      )
    if (before === status && !note) throw new ValidationError('Enter a note, or choose a different status')
    const now = ctx.now()
    const update: RecommendationUpdate = {
      assessmentId,
      recommendationId,
      at: now.toISOString(),
      by: actor.id,
      byName,
      role: actor.role,
      status,
      note,
    }
    await tx.recommendationUpdates.append(update)
    await tx.audit.append(actor, now, {
      action: 'recommendation.update',
      entity: 'recommendation',
      entityId: `${assessmentId}/${recommendationId}`,
      before: { status: before },
      after: update,
    })
    return update
  })
}
