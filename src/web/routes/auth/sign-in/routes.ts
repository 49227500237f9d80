import { Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { checkPassword, SESSION_HOURS, startSession } from '../../../../app/users.js'
import type { Role } from '../../../../domain/index.js'
import type { Logger } from '../../../../lib/logger.js'
import { sendError } from '../../../errors.js'
import { cookieOptions, SESSION_COOKIE, visitorCsrfToken } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { missingFields, SignInForm } from './schemas.js'

const HOME: Record<Role, string> = {
  inspector: '/staff',
  'quality-assurer': '/staff',
  'authority-officer': '/la',
  administrator: '/admin/users',
}

/** Only a path on this site: never another site ("//example.org", "https://…"), so sign-in cannot redirect away. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : null

/** /sign-in: a session for a person's email and password, a few failed attempts at a time. */
export function signInRoutes(options: { secureCookies: boolean; signInLimit: number; logger: Logger }): Router {
  const router = Router()
  const { secureCookies } = options

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next) ?? HOME[req.user.role])
    visitorCsrfToken(req, res, secureCookies)
    renderPage(req, res, 'auth/sign-in/view.njk', { title: 'Sign in', next: safeNext(req.query.next) ?? '' })
  })

  const limiter = rateLimit({
    windowMs: 15 * 60_000,
    limit: options.signInLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    // Per address and account: one person's mistakes do not lock out a whole office behind one address.
    keyGenerator: req =>
      `${ipKeyGenerator(req.ip ?? 'unknown')}|${String((req.body as Record<string, unknown> | undefined)?.email ?? '')
        .trim()
        .toLowerCase()}`,
    handler: (req, res) =>
      sendError(req, res, 429, 'Too many attempts', 'Too many failed sign-in attempts. Wait 15 minutes and try again.'),
  })

  router.post('/sign-in', limiter, async (req, res) => {
    const body = SignInForm.parse(req.body ?? {})
    const fields = missingFields(body)
    const user = Object.keys(fields).length ? undefined : await checkPassword(req.ctx, body.email, body.password)
    if (!user) {
      if (Object.keys(fields).length === 0) fields.email = 'Enter a correct email address and password'
      res.status(400)
      return renderPage(req, res, 'auth/sign-in/view.njk', {
        title: 'Sign in',
        next: safeNext(body.next) ?? '',
        values: { email: body.email },
        ...formErrors(fields),
      })
    }
    const session = await startSession(req.ctx, user)
    res.clearCookie('inspectorate_csrf', cookieOptions(secureCookies))
    res.cookie(SESSION_COOKIE, session.token, { ...cookieOptions(secureCookies), maxAge: SESSION_HOURS * 3600_000 })
    options.logger.info({ user: user.id, role: user.role }, 'signed in')
    res.redirect(303, safeNext(body.next) ?? HOME[user.role])
  })

  return router
}
