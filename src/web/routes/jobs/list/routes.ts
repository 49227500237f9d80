import { type Request, type RequestHandler, Router } from 'express'
import { isFinished, jobsOf } from '../../../../app/jobs.js'
import { isAdministrator } from '../../../../domain/index.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { jobRow } from '../presenter.js'

/** /jobs: the jobs a person started (an administrator sees everyone's), and a rules check to start. */
export function listRoutes(gate: RequestHandler): Router {
  const router = Router()

  router.get('/jobs', gate, async (req: Request, res) => {
    const { actor } = signedIn(req)
    const jobs = await (await jobsOf(req.ctx)).list(actor)
    renderPage(req, res, 'jobs/list/view.njk', {
      title: 'Jobs',
      everyone: isAdministrator(actor),
      jobs: jobs.map(jobRow),
      refresh: jobs.some(j => !isFinished(j)),
    })
  })

  router.post('/jobs/rules-check', gate, async (req: Request, res) => {
    const { actor } = signedIn(req)
    const run = await (await jobsOf(req.ctx)).submit(actor, { kind: 'rules-check' })
    res.redirect(303, `/jobs/${run.id}`)
  })

  return router
}
