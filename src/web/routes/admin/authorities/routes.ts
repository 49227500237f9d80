import { type Request, type Response, Router } from 'express'
import { addAuthorityAlias } from '../../../../app/authorities.js'
import { ValidationError } from '../../../../domain/index.js'
import { signedIn } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { authorityItems } from '../presenter.js'

/** /admin/authorities: the authorities, and the other names reports call them by. */
export function authoritiesRoutes(): Router {
  const router = Router()

  async function authoritiesPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const authorities = await req.ctx.store.authorities.list()
    const values = (extra.values as Record<string, string> | undefined) ?? {}
    renderPage(req, res, 'admin/authorities/view.njk', {
      title: 'Authorities',
      authorities,
      authorityItems: authorityItems(authorities, 'Choose an authority', values.code),
      notice: req.query.done === 'alias' ? 'The name has been added.' : null,
      ...extra,
    })
  }

  router.get('/admin/authorities', (req, res) => authoritiesPage(req, res))

  router.post('/admin/authorities/aliases', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>
    try {
      if (!body.code) throw new ValidationError('Choose the authority')
      await addAuthorityAlias(req.ctx, signedIn(req).actor, body.code, body.alias ?? '')
      res.redirect(303, '/admin/authorities?done=alias')
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await authoritiesPage(req, res, { ...formErrors({ [body.code ? 'alias' : 'code']: e.message }), values: body })
    }
  })

  return router
}
