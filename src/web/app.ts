import { randomUUID } from 'node:crypto'
import cookieParser from 'cookie-parser'
import express from 'express'
import { apiRoutes } from './api/routes.js'
import type { Services } from './context.js'
import { errorHandler, notFound, refuseRepeatedFields, refuseUnstorableText } from './errors.js'
import { pageCache } from './page-cache.js'
import { accountRoutes } from './routes/account/index.js'
import { adminRoutes } from './routes/admin/index.js'
import { authRoutes } from './routes/auth/index.js'
import { jobRoutes } from './routes/jobs/index.js'
import { laRoutes } from './routes/la/index.js'
import { publicRoutes } from './routes/public/index.js'
import { staffRoutes } from './routes/staff/index.js'
import { authenticate, checkCsrfFirst, securityHeaders } from './security.js'
import { AUTOCOMPLETE_DIR, GOVUK_DIR, PUBLIC_DIR } from './views.js'

export type { Services } from './context.js'

const API_INFO = {
  title: 'Inspectorate API',
  version: '1',
  description:
    'Assessments and inspections of English local authorities’ children’s services. Grades are given as printed on each framework’s own scale, with the normalised level beside them; a grade that is not recorded is null, never guessed. Changes carry If-Match with the ETag read; a stale change is refused with 409.',
}

/**
 * The web service. Middleware in a fixed order: health, security headers, static files, body parsing, cookies,
 * who is asking, CSRF, routes, 404, errors. `readingWaitMs`: how long the review page waits for an upload's reading
 * before saying it is still being read (5 s unless told; tests that stop the worker tell it less).
 */
export function createApp(services: Services & { readingWaitMs?: number }): express.Express {
  const { store, logger } = services
  const secureCookies = services.secureCookies ?? false
  const app = express()
  app.disable('x-powered-by')
  app.locals.readingWaitMs = services.readingWaitMs
  // X-Forwarded-For is believed only from a proxy the configuration names; else anyone could choose their address.
  app.set('trust proxy', services.trustProxy ?? false)

  // Whether the service is healthy, and nothing about where its store is.
  app.get('/healthz', async (_req, res) => {
    try {
      await store.assessments.count()
      res.json({ status: 'ok' })
    } catch (e) {
      logger.error({ err: e }, 'health check failed')
      res.status(503).json({ status: 'unavailable' })
    }
  })

  app.use(securityHeaders())
  const statics = { index: false, maxAge: '1h' }
  app.use('/assets', express.static(`${GOVUK_DIR}/assets`, statics))
  app.use('/stylesheets', express.static(`${PUBLIC_DIR}/stylesheets`, statics))
  app.get('/stylesheets/govuk-frontend.min.css', (_req, res) => res.sendFile(`${GOVUK_DIR}/govuk-frontend.min.css`))
  app.get('/javascripts/govuk-frontend.min.js', (_req, res) => res.sendFile(`${GOVUK_DIR}/govuk-frontend.min.js`))
  for (const file of ['accessible-autocomplete.min.js', 'accessible-autocomplete.min.css'])
    app.get(`/${file.endsWith('.js') ? 'javascripts' : 'stylesheets'}/${file}`, (_req, res) =>
      res.sendFile(`${AUTOCOMPLETE_DIR}/${file}`),
    )
  app.use('/javascripts', express.static(`${PUBLIC_DIR}/javascripts`, statics))

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 200 }))
  app.use(express.json({ limit: '1mb' }))
  app.use(refuseUnstorableText)
  app.use(refuseRepeatedFields)
  app.use(cookieParser())
  app.use((req, _res, next) => {
    req.ctx = { store, now: services.now ?? (() => new Date()), newId: services.newId ?? randomUUID }
    next()
  })
  app.use(authenticate(secureCookies))
  app.use(checkCsrfFirst)
  app.use(pageCache(store, services.now ?? (() => new Date())))

  const { router: api, api: described } = apiRoutes()
  const openApi = described.openApi(API_INFO)
  app.get('/api/openapi.json', (_req, res) => res.json(openApi))
  app.use(api)
  app.use(authRoutes({ secureCookies, signInLimit: services.signInLimit ?? 10, logger }))
  app.use(publicRoutes(services))
  app.use(staffRoutes())
  app.use(laRoutes())
  app.use(adminRoutes())
  app.use(jobRoutes())
  app.use(accountRoutes())

  app.use(notFound)
  app.use(errorHandler(logger))
  return app
}
