import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Request, Response } from 'express'
import nunjucks from 'nunjucks'
import { isAdministrator, isAuthorityOfficer, isStaff, longDate, ROLE_LABELS } from '../domain/index.js'

/**
 * The views and static files stay in src/web: the same path from the source and from the built dist/web. Each page's
 * view is in its folder under routes ('<area>/<page>/view.njk'); the frame they share (layout, error page, macros)
 * in views.
 */
const WEB = fileURLToPath(new URL('../../src/web/', import.meta.url))
export const PUBLIC_DIR = join(WEB, 'public')
const GOVUK_DIST = dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json'))
export const GOVUK_DIR = join(GOVUK_DIST, 'dist', 'govuk')
export const AUTOCOMPLETE_DIR = join(
  dirname(createRequire(import.meta.url).resolve('accessible-autocomplete/package.json')),
  'dist',
)

const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([join(WEB, 'routes'), join(WEB, 'views'), join(GOVUK_DIST, 'dist')], {
    noCache: false,
  }),
  { autoescape: true },
)
/** Dates on pages as GOV.UK writes them: "29 May 2012" (the API and the files keep ISO dates). */
env.addFilter('longDate', (iso: unknown) => (typeof iso === 'string' && iso ? longDate(iso) : iso))

function navigation(req: Request) {
  const items: { href: string; text: string }[] = [
    { href: '/', text: 'Search' },
    { href: '/national', text: 'National overview' },
  ]
  if (isStaff(req.actor))
    items.push({ href: '/staff', text: 'Assessments in progress' }, { href: '/staff/what-if', text: 'What if' })
  if (isAuthorityOfficer(req.actor)) items.push({ href: '/la', text: 'Your authority' })
  if (isAdministrator(req.actor))
    items.push(
      { href: '/admin/users', text: 'Users' },
      { href: '/admin/authorities', text: 'Authorities' },
      { href: '/admin/data', text: 'Profile data' },
    )
  if (req.user) items.push({ href: '/account/tokens', text: 'API tokens' })
  items.push(req.user ? { href: '/sign-out', text: 'Sign out' } : { href: '/sign-in', text: 'Sign in' })
  return items.map(i => ({
    ...i,
    active: i.href === '/' ? req.path === '/' : req.path.startsWith(i.href),
  }))
}

/** Renders a page with what every page needs: the user, the navigation, the form token and the CSP nonce. */
export function renderPage(req: Request, res: Response, view: string, locals: Record<string, unknown>): void {
  const html = env.render(view, {
    user: req.user,
    roleLabel: req.user ? ROLE_LABELS[req.user.role] : null,
    navigation: navigation(req),
    csrfToken: req.csrfToken,
    errors: [],
    fieldErrors: {},
    values: {},
    cspNonce: res.locals.cspNonce,
    ...locals,
  })
  res.type('html').send(html)
}

/** GOV.UK error summary items and per-field messages from field → message pairs. */
export function formErrors(fields: Record<string, string>) {
  return {
    errors: Object.entries(fields).map(([field, text]) => ({ text, href: `#${field}` })),
    fieldErrors: fields,
  }
}
