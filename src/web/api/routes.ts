import { Router } from 'express'
import { commentsApi } from './assessments/comments/routes.js'
import { assessmentsApi } from './assessments/routes.js'
import { authoritiesApi } from './authorities/routes.js'
import { evidenceApi } from './evidence/routes.js'
import { frameworksApi } from './frameworks/routes.js'
import { ingestApi } from './ingest/routes.js'
import { jobsApi } from './jobs/routes.js'
import { meApi } from './me/routes.js'
import { nationalApi } from './national/routes.js'
import { openDataApi } from './open-data/routes.js'
import { profileApi } from './profile/routes.js'
import { Api } from './registry.js'
import { usersApi } from './users/routes.js'

/**
 * Every action of the web pages, for programs, under /api/v1: a folder per resource, each registering its
 * operations. The order is the order of the OpenAPI document's paths.
 */
export function apiRoutes(): { router: Router; api: Api } {
  const router = Router()
  const api = new Api(router, '/api/v1')
  for (const resource of [
    meApi,
    frameworksApi,
    assessmentsApi,
    commentsApi,
    ingestApi,
    authoritiesApi,
    nationalApi,
    usersApi,
    profileApi,
    evidenceApi,
    jobsApi,
    openDataApi,
  ])
    resource(api)
  return { router, api }
}
