import { type Request, type Response, Router } from 'express'
import { createToken, revokeToken } from '../../app/users.js'
import { ROLES } from '../../domain/index.js'
import { escapeHtml } from '../../lib/html.js'
import { requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

/** A new token's banner: shown once, on this response only, which nothing may keep; only its hash is stored. */
export function shownOnce(res: Response, token: string): string {
  res.set('Cache-Control', 'no-store')
  return `<p class="govuk-notification-banner__heading">Token created. Copy it now: it will not be shown again.</p><p class="govuk-body"><code data-qa="new-token">${escapeHtml(token)}</code></p>`
}

/** Anyone signed in: the API tokens that act as them, and only as them. */
export function accountRoutes() {
  const router = Router()
  router.use('/account', requireRole(...ROLES))

  async function tokensPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const mine = (await req.ctx.store.users.tokens()).filter(t => t.userId === signedIn(req).user.id)
    renderPage(req, res, 'account/tokens.njk', {
      title: 'Your API tokens',
      tokens: mine.map(t => ({
        ...t,
        createdAt: t.createdAt.slice(0, 10),
        revokedAt: t.revokedAt?.slice(0, 10) ?? null,
      })),
      notice: req.query.done === 'revoked' ? 'The token has been revoked.' : null,
      ...extra,
    })
  }

  router.get('/account/tokens', (req, res) => tokensPage(req, res))

  router.post('/account/tokens', async (req, res) => {
    const name = String((req.body as Record<string, unknown> | undefined)?.name ?? '')
    if (!name.trim()) {
      res.status(400)
      return tokensPage(req, res, formErrors({ tokenName: 'Enter a name for the token, saying which program uses it' }))
    }
    const { token } = await createToken(req.ctx, signedIn(req).actor, { name })
    await tokensPage(req, res, { notice: shownOnce(res, token) })
  })

  router.post('/account/tokens/:id/revoke', async (req, res) => {
    await revokeToken(req.ctx, signedIn(req).actor, req.params.id)
    res.redirect(303, '/account/tokens?done=revoked')
  })

  return router
}
