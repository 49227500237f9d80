import { Router } from 'express'
import { requireRole } from '../../security.js'
import { authoritiesRoutes } from './authorities/routes.js'
import { dataRoutes } from './data/routes.js'
import { userRoutes } from './user/routes.js'
import { usersRoutes } from './users/routes.js'

/** Administrators' pages, every one under /admin: users, roles and API tokens, authorities' names, profile data. */
export function adminRoutes(): Router {
  const router = Router()
  router.use('/admin', requireRole('administrator'))
  router.use(dataRoutes())
  router.use(usersRoutes())
  router.use(userRoutes())
  router.use(authoritiesRoutes())
  return router
}
