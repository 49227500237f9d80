import { Router } from 'express'
import { ROLES } from '../../../domain/index.js'
import { requireRole } from '../../security.js'
import { tokensRoutes } from './tokens/routes.js'

/** Anyone signed in: their own account's pages. */
export function accountRoutes(): Router {
  const router = Router()
  router.use('/account', requireRole(...ROLES))
  router.use(tokensRoutes())
  return router
}
