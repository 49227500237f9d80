import { type Request, type Response, Router } from 'express'
import { readAssessment } from '../../../../app/assessments.js'
import { answerComment, factualCheckOf } from '../../../../app/comments.js'
import {
  ANSWER_OUTCOME_LABELS,
  ANSWER_OUTCOMES,
  type Assessment,
  getFramework,
  mayAnswerComments,
  ValidationError,
} from '../../../../domain/index.js'
import { type FieldProblem, summaryOf, textFields } from '../../../form.js'
import { authorityNames, checkView, commentView, summary } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { answerProblems } from './schemas.js'

/** /staff/assessments/:id/comments: the authority's factual accuracy comments, each answered by the team. */
export function commentsRoutes(): Router {
  const router = Router()

  async function commentsPage(
    req: Request,
    res: Response,
    a: Assessment,
    failed?: { commentId: string; outcome: string; text: string; problems: readonly FieldProblem[] },
  ) {
    const f = getFramework(a.frameworkId)
    const names = authorityNames(await req.ctx.store.authorities.list())
    const check = await factualCheckOf(req.ctx, a)
    const answers = await req.ctx.store.commentAnswers.forAssessment(a.id)
    const answerErrors = summaryOf(failed?.problems ?? [], [
      `outcome-${failed?.commentId}`,
      `text-${failed?.commentId}`,
    ])
    const comments = (await req.ctx.store.comments.forAssessment(a.id)).map(c => {
      const view = commentView(f, c, answers)
      const mine = failed?.commentId === c.id ? failed : null
      return {
        ...view,
        outcomeItems: ANSWER_OUTCOMES.map(o => ({
          value: o,
          text: ANSWER_OUTCOME_LABELS[o],
          checked: mine?.outcome === o,
        })),
        value: mine?.text ?? '',
        error: mine ? (answerErrors.fieldErrors[`outcome-${c.id}`] ?? null) : null,
        textError: mine ? (answerErrors.fieldErrors[`text-${c.id}`] ?? null) : null,
      }
    })
    renderPage(req, res, 'staff/comments/view.njk', {
      ...summary(a, names),
      title: `Factual accuracy comments – ${f.name}`,
      check: checkView(check),
      comments,
      answering: mayAnswerComments(a, req.actor),
      errors: answerErrors.errors,
      notice: req.query.done === 'answer' ? 'Your answer has been recorded beside the comment.' : null,
    })
  }

  router.get('/staff/assessments/:id/comments', async (req, res) => {
    await commentsPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id as string))
  })

  router.post('/staff/assessments/:id/comments/:commentId/answer', async (req, res) => {
    const { id, commentId } = req.params as { id: string; commentId: string }
    const { outcome = '', text = '' } = textFields(req.body)
    const body = { outcome, text }
    try {
      await answerComment(req.ctx, signedIn(req).actor, signedIn(req).user.name, id, commentId, body)
      res.redirect(303, `/staff/assessments/${id}/comments?done=answer`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      const problems = answerProblems(e.problems, commentId)
      await commentsPage(req, res, await readAssessment(req.ctx, req.actor, id), { commentId, ...body, problems })
    }
  })

  return router
}
