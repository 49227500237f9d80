import { Router } from 'express'
import type { Services } from '../../context.js'
import { assessmentRoutes } from './assessment/routes.js'
import { authorityRoutes } from './authority/routes.js'
import { compareRoutes } from './compare/routes.js'
import { contactRoutes } from './contact/routes.js'
import { frameworksRoutes } from './frameworks/routes.js'
import { homeRoutes } from './home/routes.js'
import { nationalRoutes } from './national/routes.js'
import { openDataRoutes } from './open-data/routes.js'
import { profileRoutes } from './profile/routes.js'

/**
 * The public side, open to everyone (what each person sees is the domain's to say): search, authorities and their
 * profiles, reports and their downloads, national figures, open data, comparing authorities, the frameworks.
 */
export function publicRoutes(services: Pick<Services, 'printer'>): Router {
  const router = Router()
  router.use(homeRoutes())
  router.use(authorityRoutes())
  router.use(assessmentRoutes(services))
  router.use(nationalRoutes())
  router.use(contactRoutes())
  router.use(frameworksRoutes())
  router.use(openDataRoutes())
  router.use(compareRoutes())
  router.use(profileRoutes())
  return router
}
