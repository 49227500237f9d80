import { Router } from 'express'
import { requireRole } from '../../security.js'
import { areaRoutes } from './area/routes.js'
import { commentsRoutes } from './comments/routes.js'
import { dashboardRoutes } from './dashboard/routes.js'
import { detailsRoutes } from './details/routes.js'
import { itemRoutes } from './evidence/item/routes.js'
import { logRoutes } from './evidence/log/routes.js'
import { newEvidenceRoutes } from './evidence/new/routes.js'
import { newRoutes } from './new/routes.js'
import { publishRoutes } from './publish/routes.js'
import { ratingRoutes } from './rating/routes.js'
import { reviewRoutes } from './review/routes.js'
import { uploadRoutes } from './upload/routes.js'
import { whatIfRoutes } from './what-if/routes.js'
import { workRoutes } from './work/routes.js'

/**
 * Inspectors' and quality assurers' pages, every one under /staff: create, edit, move on, sign and publish an
 * assessment; its evidence, rating and factual accuracy comments; upload a published report; what if.
 */
export function staffRoutes(): Router {
  const router = Router()
  router.use('/staff', requireRole('inspector', 'quality-assurer'))
  router.use(dashboardRoutes())
  router.use(whatIfRoutes())
  // The new assessment's page before the work page, whose /staff/assessments/:id would take "new" as an id.
  router.use(newRoutes())
  router.use(workRoutes())
  router.use(areaRoutes())
  router.use(detailsRoutes())
  router.use(ratingRoutes())
  router.use(commentsRoutes())
  router.use(publishRoutes())
  router.use(uploadRoutes())
  router.use(reviewRoutes())
  router.use(logRoutes())
  // Recording new evidence before an item's page, whose …/evidence/:evidenceId would take "new" as an id.
  router.use(newEvidenceRoutes())
  router.use(itemRoutes())
  return router
}
