import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import helmet from 'helmet'
import { sessionOf, userOfToken } from '../app/users.js'
import { type Actor, actorOf, ForbiddenError, type Role, type User } from '../domain/index.js'
import { sendError } from './errors.js'

export const SESSION_COOKIE = 'inspectorate_session'
/** Protects the sign-in form, before there is a session to hold a token. */
const VISITOR_CSRF_COOKIE = 'inspectorate_csrf'

/** helmet's headers, with a Content-Security-Policy that allows only this service's scripts and a per-request nonce. */
export function securityHeaders(): RequestHandler[] {
  return [
    (_req, res, next) => {
      res.locals.cspNonce = randomBytes(16).toString('base64')
      next()
    },
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
    }),
  ]
}

const isApi = (req: Request) => req.path.startsWith('/api/')

/**
 * Who is asking: the owner of a bearer token, the user of a session cookie, or the public. A bad token is refused
 * outright (a program should know); a stale cookie is dropped and the visitor treated as the public.
 */
export function authenticate(secureCookies: boolean): RequestHandler {
  return async (req, res, next) => {
    req.user = null
    req.actor = null
    req.viaToken = false
    req.csrfToken = ''
    const header = req.get('authorization')
    if (header) {
      const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1]
      const user = token ? await userOfToken(req.ctx, token) : undefined
      if (!user) return sendError(req, res, 401, 'Not signed in', 'The API token is missing, malformed or revoked')
      req.user = user
      req.actor = actorOf(user)
      req.viaToken = true
      return next()
    }
    const sessionToken = req.cookies?.[SESSION_COOKIE] as string | undefined
    if (sessionToken) {
      const session = await sessionOf(req.ctx, sessionToken)
      if (session) {
        req.user = session.user
        req.actor = actorOf(session.user)
        req.csrfToken = session.csrfToken
      } else res.clearCookie(SESSION_COOKIE, cookieOptions(secureCookies))
    }
    if (!req.user) req.csrfToken = (req.cookies?.[VISITOR_CSRF_COOKIE] as string | undefined) ?? ''
    next()
  }
}

export function cookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' }
}

/** Gives a visitor who is not signed in a token for the sign-in form. */
export function visitorCsrfToken(req: Request, res: Response, secure: boolean): string {
  if (!req.csrfToken) {
    req.csrfToken = randomBytes(24).toString('base64url')
    res.cookie(VISITOR_CSRF_COOKIE, req.csrfToken, { ...cookieOptions(secure), sameSite: 'strict' })
  }
  return req.csrfToken
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * The forms that send a file. Their body is read by the route (multer), so the route checks their token once it is
 * read (`checkCsrf` after the upload): the token stays in the form, never in the address bar.
 */
const UPLOAD_FORMS = [
  /^\/staff\/upload$/,
  /^\/admin\/data$/,
  /^\/staff\/assessments\/[^/]+\/evidence(?:\/[^/]+\/files)?$/,
]

/** Every request's check, before the routes: an upload form's multipart body is left to its route's check. */
export const checkCsrfFirst: RequestHandler = (req, res, next) =>
  req.is('multipart/form-data') && UPLOAD_FORMS.some(p => p.test(req.path)) ? next() : checkCsrf(req, res, next)

/**
 * Every state-changing request made with a cookie must carry the token of its session (or, before signing in, of
 * the visitor's cookie): in the form's `_csrf` field or an `X-CSRF-Token` header. Requests with an API token carry
 * no cookie and need none.
 */
export const checkCsrf: RequestHandler = (req, res, next) => {
  if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || req.viaToken) return next()
  // An API call with neither token nor session acts as the public: nothing for a forged request to borrow.
  if (isApi(req) && !req.user) return next()
  const given = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token') ?? ''
  if (typeof given !== 'string' || !req.csrfToken || !same(given, req.csrfToken))
    return sendError(
      req,
      res,
      403,
      'The form could not be sent',
      'The form has expired or did not come from this service. Go back, reload the page and try again.',
    )
  next()
}

/**
 * A role gate: the public is sent to sign in (pages) or told to authenticate (API); a signed-in user without one
 * of the roles is refused.
 */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) {
      if (!isApi(req) && req.method === 'GET')
        return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`)
      return sendError(req, res, 401, 'Not signed in', 'Sign in, or send an API token, to do this')
    }
    if (!roles.includes(req.user.role))
      return sendError(req, res, 403, 'You cannot do this', 'Your role does not allow you to do this')
    next()
  }
}

/** The user and actor of a request that has passed a role gate. */
export function signedIn(req: Request): { user: User; actor: Actor } {
  if (!req.user || !req.actor) throw new ForbiddenError('Sign in to do this')
  return { user: req.user, actor: req.actor }
}
