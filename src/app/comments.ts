import { type Actor, canComment, getArea, getFramework, NotFoundError, ValidationError } from '../domain/index.js'
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
    const a = await tx.assessments.find(assessmentId)
    if (!a || !canComment(a, actor)) throw new NotFoundError(`No assessment ${assessmentId}`)
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
