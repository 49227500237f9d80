import {
  type Actor,
  type Assessment,
  addRecommendation as addRecommendationTo,
  canRead,
  startCorrection as correct,
  correctReading,
  createAssessment as create,
  type DetailsInput,
  type Framework,
  getFramework,
  type JudgementInput,
  NotFoundError,
  type Person,
  type RecommendationInput,
  recordJudgement as record,
  removeRecommendation as remove,
  type Status,
  sign as signAs,
  transition,
  updateDetails as update,
  ValidationError,
} from '../domain/index.js'
import { isUniqueViolation, type Store } from '../store/store.js'
import { assertReadyToPublish } from './comments.js'

/** What every command needs: the store, a clock and an id source, passed in so tests can fix them. */
export interface Context {
  store: Store
  now: () => Date
  newId: () => string
}

/** Reads an assessment the actor may see; one it may not see is reported exactly as one that does not exist. */
export async function readAssessment(ctx: Context, actor: Actor | null, id: string): Promise<Assessment> {
  // One small query decides, the same for an id hidden from the actor as for one not held: neither answers slower.
  const seen = await ctx.store.assessments.visibility(id)
  if (!seen || !canRead(seen, actor)) throw new NotFoundError(`No assessment ${id}`)
  const a = await ctx.store.assessments.get(id)
  if (!canRead(a, actor)) throw new NotFoundError(`No assessment ${id}`)
  return a
}

/** Opens a draft assessment for an authority under a framework. */
export async function createAssessment(
  ctx: Context,
  actor: Actor,
  input: { frameworkId: string; authorityCode: string; dates?: DetailsInput['dates'] },
): Promise<Assessment> {
  const framework = getFramework(input.frameworkId)
  return ctx.store.transaction(async tx => {
    if (!(await tx.authorities.get(input.authorityCode)))
      throw new ValidationError(`No authority with GSS code ${input.authorityCode}`)
    const now = ctx.now()
    const a = create(
      {
        id: ctx.newId(),
        framework,
        authorityCode: input.authorityCode,
        ...(input.dates ? { dates: input.dates } : {}),
      },
      actor,
      now,
    )
    await tx.assessments.insert(a)
    await tx.audit.append(actor, now, {
      action: 'assessment.create',
      entity: 'assessment',
      entityId: a.id,
      before: null,
      after: a,
    })
    return a
  })
}

/**
 * The one way an assessment changes: in a transaction, check the caller read the current version, apply the
 * domain operation, store the result at the next version and record the change in the audit log.
 */
export async function changeAssessment(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
  action: string,
  apply: (a: Assessment, framework: Framework, now: Date) => Assessment,
  subject: (a: Assessment) => { entity: string; entityId: string; value: unknown },
): Promise<Assessment> {
  return ctx.store.transaction(async tx => {
    const before = await tx.assessments.find(id)
    if (!before || !canRead(before, actor)) throw new NotFoundError(`No assessment ${id}`)
    const now = ctx.now()
    const after = apply(before, getFramework(before.frameworkId), now)
    const saved = await tx.assessments.update(after, expectedVersion)
    const was = subject(before)
    const is = subject(saved)
    await tx.audit.append(actor, now, {
      action,
      entity: is.entity,
      entityId: is.entityId,
      before: was.value,
      after: is.value,
    })
    return saved
  })
}

/** The audit subject of a change to one judgement. */
function judgementOf(id: string, areaId: string) {
  return (a: Assessment) => ({
    entity: 'judgement',
    entityId: `${id}/${areaId}`,
    value: a.judgements.find(j => j.areaId === areaId) ?? null,
  })
}

export function recordJudgement(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: JudgementInput,
) {
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'judgement.record',
    (a, f, now) => record(a, f, input, actor, now),
    judgementOf(id, input.areaId),
  )
}

/** A person's correction of how a grade was read from a published document; a later reading of it keeps it. */
export function correctIngestedJudgement(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: JudgementInput,
) {
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'judgement.correct-reading',
    (a, f, now) => correctReading(a, f, input, actor, now),
    judgementOf(id, input.areaId),
  )
}

export function addRecommendation(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
  input: Omit<RecommendationInput, 'id'>,
) {
  const recommendationId = ctx.newId()
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'recommendation.add',
    (a, f, now) => addRecommendationTo(a, f, { ...input, id: recommendationId }, actor, now),
    a => ({
      entity: 'recommendation',
      entityId: `${id}/${recommendationId}`,
      value: a.recommendations.find(r => r.id === recommendationId) ?? null,
    }),
  )
}

export function removeRecommendation(
  ctx: Context,
  actor: Actor,
  id: string,
  expectedVersion: number,
  recommendationId: string,
) {
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'recommendation.remove',
    (a, _f, now) => remove(a, recommendationId, actor, now),
    a => ({
      entity: 'recommendation',
      entityId: `${id}/${recommendationId}`,
      value: a.recommendations.find(r => r.id === recommendationId) ?? null,
    }),
  )
}

export function updateDetails(ctx: Context, actor: Actor, id: string, expectedVersion: number, input: DetailsInput) {
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'assessment.details',
    (a, f, now) => update(a, f, input, actor, now),
    a => ({
      entity: 'assessment',
      entityId: id,
      value: {
        dates: a.dates,
        addressee: a.addressee,
        addressLines: a.addressLines,
        salutation: a.salutation,
        signatories: a.signatories,
        reportingInspector: a.reportingInspector,
        summary: a.summary,
        about: a.about,
        serviceInformation: a.serviceInformation,
        numberedParagraphs: a.numberedParagraphs,
      },
    }),
  )
}

/** A quality assurer signs the letter or report. */
export function signAssessment(ctx: Context, actor: Actor, id: string, expectedVersion: number, signatory: Person) {
  return changeAssessment(
    ctx,
    actor,
    id,
    expectedVersion,
    'assessment.sign',
    (a, f, now) => signAs(a, f, signatory, actor, now),
    a => ({ entity: 'assessment', entityId: id, value: { signatories: a.signatories } }),
  )
}

/** Moves an assessment along its lifecycle; the domain decides which roles may make which move. */
export function moveAssessment(ctx: Context, actor: Actor, id: string, expectedVersion: number, to: Status) {
  return ctx.store.transaction(async tx => {
    const inner = { ...ctx, store: tx }
    // Publishing is refused while a factual accuracy comment is unanswered (the same transaction takes the move).
    const current = to === 'published' ? await tx.assessments.find(id) : undefined
    if (current && canRead(current, actor)) await assertReadyToPublish(inner, current)
    return changeAssessment(
      inner,
      actor,
      id,
      expectedVersion,
      `assessment.${to}`,
      (a, f, now) => transition(a, f, to, actor, now),
      a => ({ entity: 'assessment', entityId: id, value: { status: a.status, dates: a.dates } }),
    )
  })
}

/** Starts a correction of a published assessment: a new draft edition; the published one is left as it was. */
export async function startCorrection(ctx: Context, actor: Actor, id: string): Promise<Assessment> {
  return ctx.store.transaction(async tx => {
    const published = await tx.assessments.get(id)
    const open = await tx.assessments.list({
      authorityCode: published.authorityCode,
      frameworkId: published.frameworkId,
    })
    if (open.some(a => a.supersedes === id))
      throw new ValidationError(`A correction of assessment ${id} has already been started`)
    const now = ctx.now()
    const c = correct(published, ctx.newId(), actor, now)
    await tx.assessments.insert(c).catch(e => {
      // Another request started the correction a moment ago: the database let one of them in.
      throw isUniqueViolation(e) ? new ValidationError(`A correction of assessment ${id} has already been started`) : e
    })
    await tx.audit.append(actor, now, {
      action: 'assessment.correction',
      entity: 'assessment',
      entityId: c.id,
      before: { supersedes: id },
      after: c,
    })
    return c
  })
}
