import { type Request, type Response, Router } from 'express'
import { addServiceAccount, addUser, createToken, revokeToken } from '../../../../app/users.js'
import { ROLE_LABELS, ROLES, SERVICE_ROLES, ValidationError } from '../../../../domain/index.js'
import { signedIn } from '../../../security.js'
import { formErrors, renderPage } from '../../../views.js'
import { shownOnce, tokenRow } from '../../account/tokens/presenter.js'
import { TokenName } from '../../account/tokens/schemas.js'
import { authorityItems, roleItems } from '../presenter.js'
import { fieldsOf } from './schemas.js'

const NOTICES: Record<string, string> = {
  user: 'The user has been added.',
  changed: 'The user has been changed.',
  revoked: 'The token has been revoked.',
  service: 'The service account has been added. Create a token for it below.',
}

/** /admin/users: the users and their roles, service accounts and the API tokens that act for them. */
export function usersRoutes(): Router {
  const router = Router()

  async function usersPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const [users, tokens, authorities] = await Promise.all([
      req.ctx.store.users.list(),
      req.ctx.store.users.tokens(),
      req.ctx.store.authorities.list(),
    ])
    const values = (extra.values as Record<string, string> | undefined) ?? {}
    renderPage(req, res, 'admin/users/view.njk', {
      title: 'Users and API tokens',
      users: users.map(u => ({ ...u, roleLabel: ROLE_LABELS[u.role] })),
      tokens: tokens.map(t => ({ ...tokenRow(t), userName: users.find(u => u.id === t.userId)?.name ?? t.userId })),
      roleItems: [{ value: '', text: 'Choose a role' }, ...roleItems(ROLES, values.role)],
      authorityItems: authorityItems(authorities, 'None', values.authorityCode),
      serviceRoleItems: [{ value: '', text: 'Choose a role' }, ...roleItems(SERVICE_ROLES, values.serviceRole)],
      // A token acts for a service account, never for another person (people create their own).
      userItems: [
        { value: '', text: 'Choose a service account' },
        ...users
          .filter(u => u.active && u.service)
          .map(u => ({ value: u.id, text: `${u.name} (${ROLE_LABELS[u.role]})` })),
      ],
      notice: typeof req.query.done === 'string' ? NOTICES[req.query.done] : null,
      ...extra,
    })
  }

  router.get('/admin/users', (req, res) => usersPage(req, res))

  router.post('/admin/users', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>
    try {
      await addUser(req.ctx, req.actor, {
        email: body.email ?? '',
        name: body.name ?? '',
        role: body.role ?? '',
        authorityCode: body.authorityCode || null,
        password: body.password ?? '',
      })
      res.redirect(303, '/admin/users?done=user')
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      const { password: _p, ...values } = body
      await usersPage(req, res, {
        ...formErrors(fieldsOf(e, ['email', 'name', 'role', 'authorityCode', 'password'])),
        values,
      })
    }
  })

  router.post('/admin/service-accounts', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>
    try {
      await addServiceAccount(req.ctx, signedIn(req).actor, {
        name: body.serviceName ?? '',
        role: body.serviceRole ?? '',
        authorityCode: body.serviceAuthorityCode || null,
      })
      res.redirect(303, '/admin/users?done=service#tokens')
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      const fields = fieldsOf(e, ['name', 'role', 'authorityCode'])
      await usersPage(req, res, {
        ...formErrors({
          ...(fields.name ? { serviceName: fields.name } : {}),
          ...(fields.role ? { serviceRole: fields.role } : {}),
          ...(fields.authorityCode ? { serviceAuthorityCode: fields.authorityCode } : {}),
        }),
        values: body,
      })
    }
  })

  router.post('/admin/tokens', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>
    const fields: Record<string, string> = {}
    const name = TokenName.safeParse(body.name ?? '')
    if (!name.success) fields.tokenName = name.error.issues[0]?.message as string
    if (!body.userId) fields.userId = 'Choose the service account the program acts as'
    if (Object.keys(fields).length) {
      res.status(400)
      return usersPage(req, res, formErrors(fields))
    }
    const { token } = await createToken(req.ctx, signedIn(req).actor, {
      userId: body.userId ?? '',
      name: body.name ?? '',
    })
    await usersPage(req, res, { notice: shownOnce(res, token) })
  })

  router.post('/admin/tokens/:id/revoke', async (req, res) => {
    await revokeToken(req.ctx, signedIn(req).actor, req.params.id)
    res.redirect(303, '/admin/users?done=revoked#tokens')
  })

  return router
}
