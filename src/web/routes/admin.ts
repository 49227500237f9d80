import { type Request, type Response, Router } from 'express'
import { z } from 'zod'
import { addAuthorityAlias } from '../../app/authorities.js'
import { addServiceAccount, addUser, createToken, revokeToken, updateUser } from '../../app/users.js'
import { NotFoundError, ROLE_LABELS, ROLES, SERVICE_ROLES, ValidationError } from '../../domain/index.js'
import { requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'
import { shownOnce } from './account/tokens/presenter.js'

/** Field names in the domain's messages ("authorityCode: …") mapped back to the form's fields. */
function fieldsOf(e: ValidationError, known: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const p of e.problems) {
    const [field, ...rest] = p.split(': ')
    if (field && known.includes(field) && rest.length) fields[field] ??= rest.join(': ')
    else fields[known[0] as string] ??= p
  }
  return fields
}

/** Administrators: users, roles, API tokens and authorities' names. */
export function adminRoutes() {
  const router = Router()
  router.use('/admin', requireRole('administrator'))

  async function usersPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const [users, tokens, authorities] = await Promise.all([
      req.ctx.store.users.list(),
      req.ctx.store.users.tokens(),
      req.ctx.store.authorities.list(),
    ])
    const values = (extra.values as Record<string, string> | undefined) ?? {}
    renderPage(req, res, 'admin/users.njk', {
      title: 'Users and API tokens',
      users: users.map(u => ({ ...u, roleLabel: ROLE_LABELS[u.role] })),
      tokens: tokens.map(t => ({
        ...t,
        userName: users.find(u => u.id === t.userId)?.name ?? t.userId,
        createdAt: t.createdAt.slice(0, 10),
        revokedAt: t.revokedAt?.slice(0, 10) ?? null,
      })),
      roleItems: [
        { value: '', text: 'Choose a role' },
        ...ROLES.map(r => ({ value: r, text: ROLE_LABELS[r], selected: values.role === r })),
      ],
      authorityItems: [
        { value: '', text: 'None' },
        ...authorities.map(a => ({ value: a.code, text: a.name, selected: values.authorityCode === a.code })),
      ],
      serviceRoleItems: [
        { value: '', text: 'Choose a role' },
        ...SERVICE_ROLES.map(r => ({ value: r, text: ROLE_LABELS[r], selected: values.serviceRole === r })),
      ],
      // A token acts for a service account, never for another person (people create their own).
      userItems: [
        { value: '', text: 'Choose a service account' },
        ...users
          .filter(u => u.active && u.service)
          .map(u => ({ value: u.id, text: `${u.name} (${ROLE_LABELS[u.role]})` })),
      ],
      notice:
        typeof req.query.done === 'string'
          ? (
              {
                user: 'The user has been added.',
                changed: 'The user has been changed.',
                revoked: 'The token has been revoked.',
                service: 'The service account has been added. Create a token for it below.',
              } as Record<string, string>
            )[req.query.done]
          : null,
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

  async function userPage(req: Request, res: Response, id: string, extra: Record<string, unknown> = {}) {
    const person = await req.ctx.store.users.find(id)
    if (!person) throw new NotFoundError(`No user ${id}`)
    const values = (extra.values as Record<string, string> | undefined) ?? {
      role: person.role,
      authorityCode: person.authorityCode ?? '',
    }
    const authorities = await req.ctx.store.authorities.list()
    renderPage(req, res, 'admin/user.njk', {
      title: `${person.name}: role and access`,
      person,
      roleItems: ROLES.map(r => ({ value: r, text: ROLE_LABELS[r], selected: values.role === r })),
      authorityItems: [
        { value: '', text: 'None' },
        ...authorities.map(a => ({ value: a.code, text: a.name, selected: values.authorityCode === a.code })),
      ],
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
    const active = z.enum(['true', 'false']).parse((req.body as Record<string, unknown>).active) === 'true'
    await updateUser(req.ctx, signedIn(req).actor, req.params.id, { active })
    res.redirect(303, '/admin/users?done=changed')
  })

  router.post('/admin/tokens', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string>
    const fields: Record<string, string> = {}
    if (!body.name?.trim()) fields.tokenName = 'Enter a name for the token, saying which program uses it'
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

  async function authoritiesPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const authorities = await req.ctx.store.authorities.list()
    const values = (extra.values as Record<string, string> | undefined) ?? {}
    renderPage(req, res, 'admin/authorities.njk', {
      title: 'Authorities',
      authorities,
      authorityItems: [
        { value: '', text: 'Choose an authority' },
        ...authorities.map(a => ({ value: a.code, text: a.name, selected: values.code === a.code })),
      ],
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
