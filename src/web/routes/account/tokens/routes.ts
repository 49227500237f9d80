import { type Request, type Response, Router } from 'express'
import { createToken, revokeToken } from '../../../../app/users.js'
import { signedIn } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { shownOnce, tokenRow } from './presenter.js'
import { TokenName } from './schemas.js'

/** /account/tokens: the API tokens that act as the signed-in person, and only as them. */
export function tokensRoutes(): Router {
  const router = Router()

  async function tokensPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const mine = (await req.ctx.store.users.tokens()).filter(t => t.userId === signedIn(req).user.id)
    renderPage(req, res, 'account/tokens/view.njk', {
      title: 'Your API tokens',
      tokens: mine.map(tokenRow),
      notice: req.query.done === 'revoked' ? 'The token has been revoked.' : null,
      ...extra,
    })
  }

  router.get('/account/tokens', (req, res) => tokensPage(req, res))

  router.post('/account/tokens', async (req, res) => {
    const name = String((req.body as Record<string, unknown> | undefined)?.name ?? '')
    const parsed = TokenName.safeParse(name)
    if (!parsed.success) {
      res.status(400)
      return tokensPage(req, res, formErrors({ tokenName: parsed.error.issues[0]?.message as string }))
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
