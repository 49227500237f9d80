import { type Request, type Response, Router } from 'express'
import { moveAssessment, readAssessment } from '../../../../app/assessments.js'
import { factualCheckOf } from '../../../../app/comments.js'
import {
  type Assessment,
  areasFor,
  areaTitle,
  availableTransitions,
  getFramework,
  NotFoundError,
  ValidationError,
} from '../../../../domain/index.js'
import { authorityNames, gradeDisplay, summary } from '../../../presenters.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { Version } from '../form.js'
import { commentCounts } from './presenter.js'

/**
 * /staff/assessments/:id/publish: the check of what becomes public, and publishing; refused (by the domain, for the
 * API too) while a factual accuracy comment is unanswered.
 */
export function publishRoutes(): Router {
  const router = Router()

  /** What publishing makes public, for the check-your-answers page. */
  async function publishPage(req: Request, res: Response, a: Assessment, error?: string) {
    const f = getFramework(a.frameworkId)
    const names = authorityNames(await req.ctx.store.authorities.list())
    const move = availableTransitions(a, signedIn(req).actor).find(t => t.to === 'published')
    if (!move) throw new NotFoundError('This assessment cannot be published by you now')
    const check = a.status === 'factual-accuracy-check' ? await factualCheckOf(req.ctx, a) : null
    const answers = check ? await req.ctx.store.commentAnswers.forAssessment(a.id) : []
    const dateOfRecord = a.dates[f.dateOfRecord]
    renderPage(req, res, 'staff/publish/view.njk', {
      ...summary(a, names),
      title: `Check before publishing – ${f.name}`,
      moveLabel: move.label,
      dateOfRecord,
      dateOfRecordLabel: f.dateOfRecord === 'letter' ? 'Date of the letter' : 'Date of publication',
      judgements: areasFor(f, a)
        .filter(area => area.grade !== 'none')
        .map(area => ({
          title: areaTitle(f, area.id),
          display: gradeDisplay(f, a.judgements.find(j => j.areaId === area.id)?.grade ?? null),
        })),
      recommendations: a.recommendations.length,
      signatories: a.signatories.map(p => p.name),
      comments: commentCounts(check, answers),
      errors: error ? [{ text: error, href: '#publish' }] : [],
    })
  }

  router.get('/staff/assessments/:id/publish', async (req, res) => {
    await publishPage(req, res, await readAssessment(req.ctx, req.actor, req.params.id as string))
  })

  router.post('/staff/assessments/:id/publish', async (req, res) => {
    const id = req.params.id as string
    const version = Version.safeParse((req.body as Record<string, unknown> | undefined)?.version)
    if (!version.success) throw new ValidationError('The form did not say which version you checked')
    try {
      const a = await moveAssessment(req.ctx, signedIn(req).actor, id, version.data, 'published')
      res.redirect(303, `/staff/assessments/${a.id}?done=moved`)
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await publishPage(req, res, await readAssessment(req.ctx, req.actor, id), e.message)
    }
  })

  return router
}
