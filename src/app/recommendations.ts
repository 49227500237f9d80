import {
  type Actor,
  type Assessment,
  currentStatus,
  isForTheCouncil,
  isOutstanding,
  isOverdue,
  laterReportCandidates,
  laterReportsLinked,
  mayConfirm,
  maySeeProgressNotes,
  maySetRecommendationStatus,
  NotFoundError,
  type Recommendation,
  type RecommendationStatus,
  type RecommendationUpdate,
  sameRecommendation,
  ValidationError,
} from '../domain/index.js'
import type { Store } from '../store/store.js'
import type { Context } from './assessments.js'
import { dateOf } from './queries.js'

export const MAX_NOTE_LENGTH = 5_000

/** Progress recorded on an edition that a published correction replaced, shown with the correction (never copied). */
export type CarriedUpdate = RecommendationUpdate & { edition: number }

/** A recommendation made to an authority in a published report, with where it stands. */
export interface TrackedRecommendation {
  assessment: Assessment
  recommendation: Recommendation
  status: RecommendationStatus
  overdue: boolean
  /** Every update, oldest first; notes left out (null) for those who may not see them. */
  history: RecommendationUpdate[]
  /** The history of the same recommendation in the editions this correction replaced, oldest first (the status counts it). */
  earlier: CarriedUpdate[]
  /** The later published reports a person linked it to, in the order linked. */
  followedUpIn: Assessment[]
  /** While it is outstanding: the authority's later published reports, for a person to read and perhaps link. */
  candidates: Assessment[]
}

/** The published editions a correction replaced, oldest first (none for a first edition). */
async function replacedEditions(store: Store, a: Assessment): Promise<Assessment[]> {
  if (!a.supersedes) return []
  const chain = await store.assessments.editions(a.id)
  const ids = chain.filter(e => e.edition < a.edition && e.status === 'published').map(e => e.id)
  return Promise.all(ids.map(id => store.assessments.get(id)))
}

/** The updates of the recommendation in the editions it came from: matched by id, or else by text. */
function carried(editions: readonly Assessment[], updates: readonly RecommendationUpdate[], r: Recommendation) {
  return editions.flatMap(e => {
    const same = sameRecommendation(e.recommendations, r)
    return same
      ? updates
          .filter(u => u.assessmentId === e.id && u.recommendationId === same.id)
          .map(u => ({ ...u, edition: e.edition }))
      : []
  })
}

/**
 * Every recommendation ever made to the authority in its published reports (not the inspectorates' own focus),
 * newest report first, each with its current status; `status` keeps only those with that status. A correction's
 * recommendation carries the history of the editions it replaced. The public sees statuses and when they changed;
 * the notes only staff and the authority's own officers.
 */
export async function trackedRecommendations(
  ctx: Context,
  actor: Actor | null,
  authorityCode: string,
  filter: { status?: RecommendationStatus } = {},
): Promise<TrackedRecommendation[]> {
  const published = await ctx.store.assessments.list({ authorityCode, status: 'published', current: true })
  const replaced = new Map(
    await Promise.all(published.map(async a => [a.id, await replacedEditions(ctx.store, a)] as const)),
  )
  const ids = [...published, ...[...replaced.values()].flat()].map(a => a.id)
  const updates = await ctx.store.recommendationUpdates.forAssessments(ids)
  const notes = maySeeProgressNotes(actor, authorityCode)
  const hide = <T extends RecommendationUpdate>(u: T): T => (notes ? u : { ...u, note: null })
  // A link names the edition it was made to; a published correction of that report stands for it now.
  const byId = new Map(published.flatMap(a => [a, ...(replaced.get(a.id) ?? [])].map(e => [e.id, a] as const)))
  const dated = published.map(a => ({ id: a.id, date: dateOf(a), a }))
  const today = ctx.now().toISOString().slice(0, 10)
  const out: TrackedRecommendation[] = []
  for (const a of published)
    for (const r of a.recommendations.filter(isForTheCouncil)) {
      const history = updates.filter(u => u.assessmentId === a.id && u.recommendationId === r.id).map(hide)
      const earlier = carried(replaced.get(a.id) ?? [], updates, r).map(hide)
      const status = currentStatus([...earlier, ...history])
      if (filter.status && filter.status !== status) continue
      const followedUpIn = laterReportsLinked([...earlier, ...history]).flatMap(id => byId.get(id) ?? [])
      const candidates = isOutstanding(status)
        ? laterReportCandidates({ id: a.id, date: dateOf(a) }, dated).map(d => d.a)
        : []
      out.push({
        assessment: a,
        recommendation: r,
        status,
        overdue: isOverdue(status, r.dueDate, today),
        history,
        earlier,
        followedUpIn,
        candidates,
      })
    }
  return out
}

/**
 * How many recommendations of earlier reports each of these reports was linked to as following them up, counting
 * links to the editions a published correction of it replaced.
 */
export async function followUpCounts(ctx: Context, assessmentIds: readonly string[]): Promise<Map<string, number>> {
  const owner = new Map<string, string>()
  for (const id of assessmentIds) {
    owner.set(id, id)
    for (const e of await ctx.store.assessments.editions(id)) if (e.status === 'published') owner.set(e.id, id)
  }
  const seen = new Map<string, Set<string>>()
  for (const u of await ctx.store.recommendationUpdates.linkedTo([...owner.keys()])) {
    const id = owner.get(u.laterAssessmentId ?? '')
    if (id) seen.set(id, (seen.get(id) ?? new Set()).add(`${u.assessmentId}/${u.recommendationId}`))
  }
  return new Map([...seen].map(([id, recs]) => [id, recs.size]))
}

/**
 * The later report a staff member links a recommendation to: another published, current report of the same
 * authority, dated after the one that made it. Anything else is refused in words.
 */
async function laterReport(store: Store, made: Assessment, laterId: string): Promise<Assessment> {
  const refused = new ValidationError('Choose a later published report of this authority that speaks to it')
  const seen = await store.assessments.visibility(laterId)
  if (!seen || seen.status !== 'published' || seen.authorityCode !== made.authorityCode) throw refused
  const later = await store.assessments.get(laterId)
  if (laterReportCandidates({ id: made.id, date: dateOf(made) }, [{ id: later.id, date: dateOf(later) }]).length === 0)
    throw refused
  if ((await store.assessments.editions(later.id)).some(e => e.edition > later.edition && e.status === 'published'))
    throw new ValidationError('That report has been replaced by a correction: link the correction')
  return later
}

/**
 * Records progress on a recommendation of a published report: an authority officer of that authority adds a note
 * (the status stays as it is when none is given) and may mark it in progress; inspectors and quality assurers confirm
 * it met, not met or superseded, or open it again, and may link it to the later report that speaks to it (with a note
 * of what it says), which may close it. The published assessment is not touched: the update is appended beside it,
 * with its audit entry, in one transaction. A recommendation the actor may not act on is not found, as one that does
 * not exist; one of an edition a correction replaced takes its updates on the correction.
 */
export async function recordRecommendationUpdate(
  ctx: Context,
  actor: Actor,
  byName: string,
  assessmentId: string,
  recommendationId: string,
  input: {
    status?: RecommendationStatus | undefined
    note?: string | null | undefined
    laterAssessmentId?: string | null | undefined
  },
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
    const newer = (await tx.assessments.editions(a.id)).find(e => e.edition > a.edition && e.status === 'published')
    if (newer)
      throw new ValidationError(
        `This report has been replaced by its edition ${newer.edition}: record progress on the correction`,
      )
    const replaced = await replacedEditions(tx, a)
    const earlier = carried(replaced, await tx.recommendationUpdates.forAssessments(replaced.map(e => e.id)), r)
    const before = currentStatus([
      ...earlier,
      ...(await tx.recommendationUpdates.history(assessmentId, recommendationId)),
    ])
    const status = input.status ?? before
    if (!maySetRecommendationStatus(actor, a.authorityCode, status, before))
      throw new ValidationError(
        'You can add a note and mark a recommendation in progress; an inspector or quality assurer confirms it met, not met or superseded',
      )
    let laterAssessmentId: string | null = null
    if (input.laterAssessmentId) {
      if (!mayConfirm(actor))
        throw new ValidationError('An inspector or quality assurer links a recommendation to the later report')
      laterAssessmentId = (await laterReport(tx, a, input.laterAssessmentId)).id
      if (!note) throw new ValidationError('Enter what the later report says about the recommendation')
    } else if (before === status && !note) throw new ValidationError('Enter a note, or choose a different status')
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
      laterAssessmentId,
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
