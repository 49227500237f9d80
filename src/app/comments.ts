import {
  type Actor,
  type Assessment,
  assertAllAnswered,
  type CommentAnswer,
  canComment,
  checkAnswer,
  type FactualCheck,
  factualCheck,
  getArea,
  getFramework,
  longDate,
  mayAnswerComments,
  NotFoundError,
  ValidationError,
} from '../domain/index.js'
import type { Comment } from '../store/comments.js'
import type { Context } from './assessments.js'

export const GENERAL_SECTION = 'general'
export const MAX_COMMENT_LENGTH = 10_000

/**
 * An authority officer's factual accuracy comment on one section of their authority's draft. An assessment they
 * may not comment on is reported as not found, exactly like one that does not exist.
 */
export async function addComment(
  ctx: Context,
  actor: Actor,
  authorName: string,
  assessmentId: string,
  input: { section: string; text: string },
): Promise<Comment> {
  const text = input.text.trim()
  if (!text) throw new ValidationError('Enter your comment')
  if (text.length > MAX_COMMENT_LENGTH)
    throw new ValidationError(`The comment must be ${MAX_COMMENT_LENGTH.toLocaleString('en-GB')} characters or fewer`)
  return ctx.store.transaction(async tx => {
    await tx.commentAnswers.lock(assessmentId)
    const a = await tx.assessments.find(assessmentId)
    if (!a || !canComment(a, actor)) throw new NotFoundError(`No assessment ${assessmentId}`)
    assertOpen(await factualCheckOf({ ...ctx, store: tx }, a))
    if (input.section !== GENERAL_SECTION && !getArea(getFramework(a.frameworkId), input.section))
      throw new ValidationError(`"${input.section}" is not a section of this report`)
    const now = ctx.now()
    const comment: Comment = {
      id: ctx.newId(),
      assessmentId,
      section: input.section,
      text,
      authorId: actor.id,
      authorName,
      createdAt: now.toISOString(),
    }
    await tx.comments.insert(comment)
    await tx.audit.append(actor, now, {
      action: 'comment.add',
      entity: 'comment',
      entityId: `${assessmentId}/${comment.id}`,
      before: null,
      after: comment,
    })
    return comment
  })
}

/** The comments of an assessment at its factual accuracy check, their answers, and where the check stands. */
export async function factualCheckOf(ctx: Context, a: Assessment): Promise<FactualCheck> {
  const [comments, answers, ended, audit] = await Promise.all([
    ctx.store.comments.forAssessment(a.id),
    ctx.store.commentAnswers.forAssessment(a.id),
    ctx.store.commentAnswers.ended(a.id),
    ctx.store.audit.forAssessment(a.id),
  ])
  // The check counts from the latest time the draft was sent to the authority; a "no more comments" from an earlier
  // round (before it was taken back into quality assurance) does not end this one.
  const sentAt = audit.filter(e => e.action === 'assessment.factual-accuracy-check').at(-1)?.at ?? null
  return factualCheck({
    sentAt,
    settings: getFramework(a.frameworkId).factualAccuracyCheck,
    comments,
    answers,
    ended: ended && (!sentAt || ended.at >= sentAt) ? ended : null,
    now: ctx.now(),
  })
}

function assertOpen(check: FactualCheck): void {
  if (check.ended) throw new ValidationError('You have said you have no more comments: the comments are closed')
  if (!check.open)
    throw new ValidationError(`The time for comments ended${check.deadline ? ` on ${longDate(check.deadline)}` : ''}`)
}

/** An officer says they have no more comments: the check's comments close, and the inspection team answers them. */
export async function endComments(ctx: Context, actor: Actor, authorName: string, assessmentId: string) {
  return ctx.store.transaction(async tx => {
    await tx.commentAnswers.lock(assessmentId)
    const a = await tx.assessments.find(assessmentId)
    if (!a || !canComment(a, actor)) throw new NotFoundError(`No assessment ${assessmentId}`)
    assertOpen(await factualCheckOf({ ...ctx, store: tx }, a))
    const now = ctx.now()
    const ended = { assessmentId, authorId: actor.id, authorName, at: now.toISOString() }
    await tx.commentAnswers.end(ended)
    await tx.audit.append(actor, now, {
      action: 'comment.end',
      entity: 'assessment',
      entityId: assessmentId,
      before: null,
      after: ended,
    })
    return ended
  })
}

/** The inspection team's answer to a comment: appended beside it, the comment left as it was written. */
export async function answerComment(
  ctx: Context,
  actor: Actor,
  authorName: string,
  assessmentId: string,
  commentId: string,
  input: { outcome: string; text: string },
): Promise<CommentAnswer> {
  return ctx.store.transaction(async tx => {
    await tx.commentAnswers.lock(assessmentId)
    const a = await tx.assessments.find(assessmentId)
    if (!a || !mayAnswerComments(a, actor)) throw new NotFoundError(`No assessment ${assessmentId} to answer at`)
    const comment = (await tx.comments.forAssessment(assessmentId)).find(c => c.id === commentId)
    if (!comment) throw new NotFoundError(`No comment ${commentId} on this assessment`)
    if ((await tx.commentAnswers.forAssessment(assessmentId)).some(x => x.commentId === commentId))
      throw new ValidationError('This comment has been answered already')
    const { outcome, text } = checkAnswer(input)
    const now = ctx.now()
    const answer: CommentAnswer = {
      id: ctx.newId(),
      commentId,
      assessmentId,
      outcome,
      text,
      authorId: actor.id,
      authorName,
      createdAt: now.toISOString(),
    }
    await tx.commentAnswers.insert(answer)
    await tx.audit.append(actor, now, {
      action: 'comment.answer',
      entity: 'comment',
      entityId: `${assessmentId}/${commentId}`,
      before: null,
      after: answer,
    })
    return answer
  })
}

/** Refuses to publish an assessment at its factual accuracy check while any comment is unanswered. */
export async function assertReadyToPublish(ctx: Context, a: Assessment): Promise<void> {
  if (a.status !== 'factual-accuracy-check') return
  await ctx.store.commentAnswers.lock(a.id)
  assertAllAnswered(await factualCheckOf(ctx, a))
}
