import { Router } from 'express'
import type { Logger } from '../../../lib/logger.js'
import { signInRoutes } from './sign-in/routes.js'
import { signOutRoutes } from './sign-out/routes.js'

/** Signing in and out: open to everyone. */
export function authRoutes(options: { secureCookies: boolean; signInLimit: number; logger: Logger }): Router {
  const router = Router()
  router.use(signInRoutes(options))
  router.use(signOutRoutes(options))
  return router
}
