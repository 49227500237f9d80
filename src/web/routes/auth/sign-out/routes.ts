import { Router } from 'express'
import { endSession } from '../../../../app/users.js'
import { cookieOptions, SESSION_COOKIE } from '../../../security.js'
import { renderPage } from '../../../views.js'

/** /sign-out: a button that ends the session, on the server too. */
export function signOutRoutes(options: { secureCookies: boolean }): Router {
  const router = Router()

  router.get('/sign-out', (req, res) => {
    if (!req.user) return res.redirect(303, '/')
    renderPage(req, res, 'auth/sign-out/view.njk', { title: 'Sign out' })
  })

  router.post('/sign-out', async (req, res) => {
    const token = req.cookies?.[SESSION_COOKIE] as string | undefined
    if (token) await endSession(req.ctx, token)
    res.clearCookie(SESSION_COOKIE, cookieOptions(options.secureCookies))
    res.redirect(303, '/')
  })

  return router
}
