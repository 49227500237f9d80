import { type Request, type RequestHandler, Router } from 'express'
import { jobsOf } from '../../../../app/jobs.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { jobRow } from '../presenter.js'

/** /jobs/:id: a job's progress, result and log; the page looks again until it is finished. */
export function showRoutes(gate: RequestHandler): Router {
  const router = Router()
  router.get('/jobs/:id', gate, async (req: Request, res) => {
    const { actor } = signedIn(req)
    const job = jobRow(await (await jobsOf(req.ctx)).view(actor, String(req.params.id)))
    renderPage(req, res, 'jobs/show/view.njk', { title: job.title, job, refresh: !job.finished })
  })
  return router
}
