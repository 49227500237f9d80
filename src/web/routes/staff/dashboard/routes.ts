import { Router } from 'express'
import { STATUSES } from '../../../../domain/index.js'
import { authorityNames, summary } from '../../../presenters.js'
import { renderPage } from '../../../views.js'

/** /staff: the assessments in progress, most recently changed first. */
export function dashboardRoutes(): Router {
  const router = Router()
  router.get('/staff', async (req, res) => {
    const names = authorityNames(await req.ctx.store.authorities.list())
    const open = await req.ctx.store.assessments.search({
      statuses: STATUSES.filter(s => s !== 'published'),
      headlineAreas: [],
      page: 1,
      pageSize: 200,
    })
    renderPage(req, res, 'staff/dashboard/view.njk', {
      title: 'Assessments in progress',
      items: open.items.map(a => summary(a, names)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
    })
  })
  return router
}
