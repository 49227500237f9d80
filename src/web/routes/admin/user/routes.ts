import { type Request, type Response, Router } from 'express'
import { updateUser } from '../../../../app/users.js'
import { NotFoundError, ROLES, ValidationError } from '../../../../domain/index.js'
import { signedIn } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { authorityItems, roleItems } from '../presenter.js'
import { Active } from './schemas.js'

/** /admin/users/:id: a person's role and authority, and whether their account is active. */
export function userRoutes(): Router {
  const router = Router()

  async function userPage(req: Request, res: Response, id: string, extra: Record<string, unknown> = {}) {
    const person = await req.ctx.store.users.find(id)
    if (!person) throw new NotFoundError(`No user ${id}`)
    const values = (extra.values as Record<string, string> | undefined) ?? {
      role: person.role,
      authorityCode: person.authorityCode ?? '',
    }
    const authorities = await req.ctx.store.authorities.list()
    renderPage(req, res, 'admin/user/view.njk', {
      title: `${person.name}: role and access`,
      person,
      roleItems: roleItems(ROLES, values.role),
      authorityItems: authorityItems(authorities, 'None', values.authorityCode),
      ...extra,
    })
  }

  router.get('/admin/users/:id', (req, res) => userPage(req, res, req.params.id))

  router.post('/admin/users/:id', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>
    try {
      await updateUser(req.ctx, signedIn(req).actor, req.params.id, {
        role: body.role ?? '',
        authorityCode: body.authorityCode || null,
        active: body.active !== 'false',
      })
      res.redirect(303, '/admin/users?done=changed')
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      await userPage(req, res, req.params.id, { ...formErrors({ authorityCode: e.message }), values: body })
    }
  })

  router.post('/admin/users/:id/active', async (req, res) => {
    const active = Active.parse((req.body as Record<string, unknown>).active) === 'true'
    await updateUser(req.ctx, signedIn(req).actor, req.params.id, { active })
    res.redirect(303, '/admin/users?done=changed')
  })

  return router
}
