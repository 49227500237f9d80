import { type Request, type RequestHandler, Router } from 'express'
import { jobsOf } from '../../../../app/jobs.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { jobRow } from '../presenter.js'

/**
 * /jobs/:id: a job's progress, result and log; the page looks again until it is finished. An address that is not a
 * job's, like a job the person may not see, is not found.
 */
export function showRoutes(gate: RequestHandler): Router {
  const router = Router()
  router.get('/jobs/:id', gate, async (req: Request, res) => {
    const { actor } = signedIn(req)
    const id = String(req.params.id)
    const job = jobRow(await (await jobsOf(req.ctx)).view(actor, id))
    renderPage(req, res, 'jobs/show/view.njk', { title: job.title, job, refresh: !job.finished })
  })
  return router
}
