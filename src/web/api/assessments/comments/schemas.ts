import { z } from 'zod'
import { ANSWER_OUTCOMES } from '../../../../domain/index.js'
import { Id } from '../../shared.js'

export const AnswerParams = Id.extend({ commentId: z.uuid() })

export const AnswerBody = z.strictObject({ outcome: z.enum(ANSWER_OUTCOMES), text: z.string().max(10_000) })

export const CommentBody = z.strictObject({
  section: z.string().min(1).describe('A judgement area’s id, or "general"'),
  text: z.string().min(1),
})
