import { Router } from 'express'
import { renderPage } from '../../../views.js'

/** /contact: how to report a problem with the service. */
export function contactRoutes(): Router {
  const router = Router()
  router.get('/contact', (req, res) => {
    renderPage(req, res, 'public/contact/view.njk', { title: 'Report a problem' })
  })
  return router
}
