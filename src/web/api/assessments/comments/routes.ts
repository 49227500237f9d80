import { readAssessment } from '../../../../app/assessments.js'
import { addComment, answerComment, endComments, factualCheckOf } from '../../../../app/comments.js'
import { NotFoundError, visibleComments } from '../../../../domain/index.js'
import { signedIn } from '../../../security.js'
import type { Api } from '../../registry.js'
import { Id, STAFF } from '../../shared.js'
import { AnswerBody, AnswerParams, CommentBody } from './schemas.js'

/** The factual accuracy check under /api/v1: an authority officer's comments on a draft, and the team's answers. */
export function commentsApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/assessments/:id/comments',
    summary: 'Factual accuracy comments (the inspection team sees all; an authority officer, their own)',
    tag: 'Factual accuracy',
    access: [...STAFF, 'authority-officer'],
    params: Id,
    responses: { 200: { description: 'The comments' } },
    handler: async (req, res, { params }) => {
      const a = await readAssessment(req.ctx, req.actor, params.id)
      const comments = visibleComments(a, req.actor, await req.ctx.store.comments.forAssessment(a.id))
      if (!comments) throw new NotFoundError(`No assessment ${params.id}`)
      const answers = await req.ctx.store.commentAnswers.forAssessment(a.id)
      const check = await factualCheckOf(req.ctx, a)
      res.json({
        comments: comments.map(c => ({ ...c, answer: answers.find(x => x.commentId === c.id) ?? null })),
        check: { deadline: check.deadline, open: check.open, ended: check.ended, unanswered: check.unanswered.length },
      })
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/comments/:commentId/answers',
    summary:
      'Answer a factual accuracy comment: accepted (with the change made) or not accepted (with the reason); appended, once',
    tag: 'Factual accuracy',
    access: STAFF,
    params: AnswerParams,
    body: AnswerBody,
    responses: { 201: { description: 'The answer' } },
    handler: async (req, res, { params, body }) => {
      const { actor, user } = signedIn(req)
      res.status(201).json(await answerComment(req.ctx, actor, user.name, params.id, params.commentId, body))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/comments/done',
    summary: 'Say your authority has no more factual accuracy comments on the report: its comments close',
    tag: 'Factual accuracy',
    access: ['authority-officer'],
    params: Id,
    responses: { 201: { description: 'Recorded' } },
    handler: async (req, res, { params }) => {
      const { actor, user } = signedIn(req)
      res.status(201).json(await endComments(req.ctx, actor, user.name, params.id))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/comments',
    summary: 'Comment on a section of your authority’s report at the factual accuracy check',
    tag: 'Factual accuracy',
    access: ['authority-officer'],
    params: Id,
    body: CommentBody,
    responses: { 201: { description: 'The comment' } },
    handler: async (req, res, { params, body }) => {
      const { actor, user } = signedIn(req)
      res.status(201).json(await addComment(req.ctx, actor, user.name, params.id, body))
    },
  })
}
