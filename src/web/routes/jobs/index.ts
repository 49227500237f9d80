import { Router } from 'express'
import { requireRole } from '../../security.js'
import { listRoutes } from './list/routes.js'
import { showRoutes } from './show/routes.js'

/** Long work run as jobs, for staff and administrators: gated on each page's own addresses, not all of /jobs. */
export function jobRoutes(): Router {
  const router = Router()
  const gate = requireRole('inspector', 'quality-assurer', 'administrator')
  router.use(listRoutes(gate))
  router.use(showRoutes(gate))
  return router
}
