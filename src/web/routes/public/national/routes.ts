import { Router } from 'express'
import { nationalOverview } from '../../../../app/queries.js'
import { renderPage } from '../../../views.js'
import { distributionGroup, nationalTables } from './presenter.js'

/** /national: the published judgements of every framework, per year, as tables and charts. */
export function nationalRoutes(): Router {
  const router = Router()
  router.get('/national', async (req, res) => {
    const groups = await nationalOverview(req.ctx)
    renderPage(req, res, 'public/national/view.njk', {
      title: 'National overview',
      tables: nationalTables(groups),
      groups: groups.map(distributionGroup),
    })
  })
  return router
}
