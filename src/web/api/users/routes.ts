import { addServiceAccount, addUser, createToken, revokeToken, updateUser } from '../../../app/users.js'
import { ROLES, UserSchema } from '../../../domain/index.js'
import { signedIn } from '../../security.js'
import type { Api } from '../registry.js'
import { definedOnly } from '../shared.js'
import { ServiceAccountBody, TokenBody, TokenCreated, UserBody, UserChangeBody, UserList, UuidId } from './schemas.js'

/** Users, service accounts and API tokens, under /api/v1. */
export function usersApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/users',
    summary: 'The users',
    tag: 'Users',
    access: ['administrator'],
    responses: { 200: { description: 'Every user', schema: UserList } },
    handler: async (req, res) => {
      res.json(await req.ctx.store.users.list())
    },
  })

  api.add({
    method: 'post',
    path: '/users',
    summary: 'Add a user',
    tag: 'Users',
    access: ['administrator'],
    body: UserBody,
    responses: { 201: { description: 'Added', schema: UserSchema } },
    handler: async (req, res, { body }) => {
      res.status(201).json(await addUser(req.ctx, req.actor, body))
    },
  })

  api.add({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change a user’s role, authority, or whether they may sign in',
    tag: 'Users',
    access: ['administrator'],
    params: UuidId,
    body: UserChangeBody,
    responses: { 200: { description: 'Changed', schema: UserSchema } },
    handler: async (req, res, { params, body }) => {
      res.json(await updateUser(req.ctx, signedIn(req).actor, params.id, definedOnly(body)))
    },
  })

  api.add({
    method: 'post',
    path: '/tokens',
    summary:
      'Create an API token that acts as you (or, for an administrator, as a service account named by userId); returned once, stored only as a hash',
    tag: 'Users',
    access: [...ROLES],
    body: TokenBody,
    responses: { 201: { description: 'The token', schema: TokenCreated } },
    handler: async (req, res, { body }) => {
      res
        .status(201)
        .set('Cache-Control', 'no-store')
        .json(await createToken(req.ctx, signedIn(req).actor, body))
    },
  })

  api.add({
    method: 'post',
    path: '/service-accounts',
    summary: 'Add an account for a program (inspector or authority officer, no password); its tokens act as itself',
    tag: 'Users',
    access: ['administrator'],
    body: ServiceAccountBody,
    responses: { 201: { description: 'Added', schema: UserSchema } },
    handler: async (req, res, { body }) => {
      res.status(201).json(await addServiceAccount(req.ctx, signedIn(req).actor, body))
    },
  })

  api.add({
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke an API token: your own, or any as an administrator',
    tag: 'Users',
    access: [...ROLES],
    params: UuidId,
    responses: { 204: { description: 'Revoked' } },
    handler: async (req, res, { params }) => {
      await revokeToken(req.ctx, signedIn(req).actor, params.id)
      res.status(204).end()
    },
  })
}
