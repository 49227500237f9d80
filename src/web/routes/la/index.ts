import { Router } from 'express'
import { requireRole } from '../../security.js'
import { checkRoutes } from './check/routes.js'
import { homeRoutes } from './home/routes.js'
import { selfAssessmentRoutes } from './self-assessment/routes.js'

/**
 * An authority officer's pages: their authority's recommendations, its drafts at the factual accuracy check, its
 * self-assessment. The role gate guards each page's own addresses, not all of /la: an address there that is no page
 * is a 404 for everyone.
 */
export function laRoutes(): Router {
  const router = Router()
  const officer = requireRole('authority-officer')
  router.use(checkRoutes(officer))
  router.use(selfAssessmentRoutes(officer))
  router.use(homeRoutes(officer))
  return router
}
