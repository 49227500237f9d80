import { Router } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'
import { z } from 'zod'
import { checkPassword, endSession, SESSION_HOURS, startSession } from '../../app/users.js'
import type { Role } from '../../domain/index.js'
import type { Logger } from '../../lib/logger.js'
import { sendError } from '../errors.js'
import { cookieOptions, SESSION_COOKIE, visitorCsrfToken } from '../security.js'
import { formErrors, renderPage } from '../views.js'

const HOME: Record<Role, string> = {
  inspector: '/staff',
  'quality-assurer': '/staff',
  'authority-officer': '/la',
  administrator: '/admin/users',
}

/** Only a path on this site: never another site ("//example.org", "https://…"), so sign-in cannot redirect away. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : null

export function authRoutes(options: { secureCookies: boolean; signInLimit: number; logger: Logger }) {
  const router = Router()
  const { secureCookies } = options

  router.get('/sign-in', (req, res) => {
    if (req.user) return res.redirect(303, safeNext(req.query.next) ?? HOME[req.user.role])
    visitorCsrfToken(req, res, secureCookies)
    renderPage(req, res, 'sign-in.njk', { title: 'Sign in', next: safeNext(req.query.next) ?? '' })
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
    const body = z
      .object({ email: z.string().default(''), password: z.string().default(''), next: z.string().default('') })
      .parse(req.body ?? {})
    const fields: Record<string, string> = {}
    if (!body.email.trim()) fields.email = 'Enter your email address'
    if (!body.password) fields.password = 'Enter your password'
    const user = Object.keys(fields).length ? undefined : await checkPassword(req.ctx, body.email, body.password)
    if (!user) {
      if (Object.keys(fields).length === 0) fields.email = 'Enter a correct email address and password'
      res.status(400)
      return renderPage(req, res, 'sign-in.njk', {
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

  router.get('/sign-out', (req, res) => {
    if (!req.user) return res.redirect(303, '/')
    renderPage(req, res, 'error.njk', {
      title: 'Sign out',
      paragraphs: [],
      signOut: true,
    })
  })

  router.post('/sign-out', async (req, res) => {
    const token = req.cookies?.[SESSION_COOKIE] as string | undefined
    if (token) await endSession(req.ctx, token)
    res.clearCookie(SESSION_COOKIE, cookieOptions(secureCookies))
    res.redirect(303, '/')
  })

  return router
}
