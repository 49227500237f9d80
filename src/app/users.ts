import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import {
  type Actor,
  ForbiddenError,
  isAdministrator,
  mayCreateTokenFor,
  mayRevokeToken,
  NewServiceAccountSchema,
  type NewUser,
  NewUserSchema,
  NotFoundError,
  RoleSchema,
  SERVICE_ROLES,
  type User,
  UserSchema,
  ValidationError,
} from '../domain/index.js'
import type { Context } from './assessments.js'

export const SESSION_HOURS = 8

/** Session ids and API tokens are long random secrets: a fast hash is enough to store them safely. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex')
const newSecret = () => randomBytes(32).toString('base64url')

function assertAdministrator(actor: Actor): void {
  if (!isAdministrator(actor)) throw new ForbiddenError('Only an administrator may manage users and tokens')
}

function problemsOf(error: { issues: { path: PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map(i => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
}

/**
 * Adds a user with an argon2-hashed password. `actor` null is the operator creating the first administrator
 * (from the environment or the command line), allowed only while the store has no users.
 */
export async function addUser(ctx: Context, actor: Actor | null, input: unknown): Promise<User> {
  const parsed = NewUserSchema.safeParse(input)
  if (!parsed.success) throw new ValidationError('The user could not be added', problemsOf(parsed.error))
  const data: NewUser = parsed.data
  if (actor) assertAdministrator(actor)
  else if (data.role !== 'administrator') throw new ValidationError('The first user must be an administrator')
  const passwordHash = await hash(data.password)
  return ctx.store.transaction(async tx => {
    if (!actor && (await tx.users.count()) > 0)
      throw new ForbiddenError('Users exist already: an administrator must add further users')
    if (data.authorityCode && !(await tx.authorities.get(data.authorityCode)))
      throw new ValidationError(`No authority with GSS code ${data.authorityCode}`)
    if (await tx.users.withPasswordHash(data.email))
      throw new ValidationError(`A user with the email address ${data.email} exists already`)
    const now = ctx.now()
    const user = UserSchema.parse({
      id: ctx.newId(),
      email: data.email,
      name: data.name,
      role: data.role,
      authorityCode: data.authorityCode,
      active: true,
      service: false,
      createdAt: now.toISOString(),
    })
    await tx.users.insert(user, passwordHash)
    await tx.audit.append(actor ?? { id: 'operator', role: 'administrator' }, now, {
      action: 'user.add',
      entity: 'user',
      entityId: user.id,
      before: null,
      after: user,
    })
    return user
  })
}

/**
 * An administrator adds an account for a program: no password (it never signs in), a role that cannot publish or
 * administer, and tokens that an administrator creates and that act, and are audited, as the account itself.
 */
export async function addServiceAccount(ctx: Context, actor: Actor, input: unknown): Promise<User> {
  assertAdministrator(actor)
  const parsed = NewServiceAccountSchema.safeParse(input)
  if (!parsed.success) throw new ValidationError('The service account could not be added', problemsOf(parsed.error))
  const data = parsed.data
  return ctx.store.transaction(async tx => {
    if (data.authorityCode && !(await tx.authorities.get(data.authorityCode)))
      throw new ValidationError(`No authority with GSS code ${data.authorityCode}`)
    const now = ctx.now()
    const id = ctx.newId()
    const user = UserSchema.parse({
      id,
      // A reserved domain: the address is the account's unique name, never a mailbox.
      email: `service-${id}@service-account.invalid`,
      name: data.name,
      role: data.role,
      authorityCode: data.authorityCode,
      active: true,
      service: true,
      createdAt: now.toISOString(),
    })
    await tx.users.insert(user, null)
    await tx.audit.append(actor, now, {
      action: 'user.add-service',
      entity: 'user',
      entityId: id,
      before: null,
      after: user,
    })
    return user
  })
}

/** Changes a user's role, authority or whether they may sign in; deactivating ends their sessions. */
export async function updateUser(
  ctx: Context,
  actor: Actor,
  id: string,
  input: { role?: string; authorityCode?: string | null; active?: boolean },
): Promise<User> {
  assertAdministrator(actor)
  return ctx.store.transaction(async tx => {
    const before = await tx.users.find(id)
    if (!before) throw new NotFoundError(`No user ${id}`)
    const role = input.role === undefined ? before.role : RoleSchema.safeParse(input.role).data
    if (!role) throw new ValidationError(`"${input.role}" is not a role`)
    if (before.service && !(SERVICE_ROLES as readonly string[]).includes(role))
      throw new ValidationError(
        'A service account may not publish or administer: choose inspector or authority officer',
      )
    const authorityCode = input.authorityCode === undefined ? before.authorityCode : input.authorityCode
    if ((role === 'authority-officer') !== (authorityCode !== null))
      throw new ValidationError('An authority officer needs an authority; other roles must not have one')
    if (authorityCode && !(await tx.authorities.get(authorityCode)))
      throw new ValidationError(`No authority with GSS code ${authorityCode}`)
    if (before.id === actor.id && (role !== 'administrator' || input.active === false))
      throw new ValidationError('You cannot remove your own administrator role or deactivate yourself')
    const after: User = { ...before, role, authorityCode, active: input.active ?? before.active }
    await tx.users.update(after)
    if (!after.active || after.role !== before.role || after.authorityCode !== before.authorityCode)
      await tx.users.deleteSessionsOf(id)
    await tx.audit.append(actor, ctx.now(), { action: 'user.update', entity: 'user', entityId: id, before, after })
    return after
  })
}

/** Checks an email and password; the same answer whether the email is unknown or the password wrong. */
export async function checkPassword(ctx: Context, email: string, password: string): Promise<User | undefined> {
  const found = await ctx.store.users.withPasswordHash(email.trim().toLowerCase())
  if (!found?.passwordHash) {
    // (A service account has no password: it is answered as an unknown email.)
    // Spend the same time as a real check, so that response times do not tell which emails exist.
    await verify(
      '$argon2id$v=19$m=19456,t=2,p=1$miEv29EcaMCOZoYQcCJW1Q$j9XGT8GpuuyS7SdZACJKkVOSapVGkhJbJ0CXPhjULPk',
      password,
    )
    return undefined
  }
  // A deactivated account is checked like any other, so that how long the answer takes tells nothing.
  const matches = await verify(found.passwordHash, password)
  return matches && found.user.active ? found.user : undefined
}

export interface NewSession {
  /** The cookie's value; only its hash is stored. */
  token: string
  csrfToken: string
  expiresAt: Date
}

export async function startSession(ctx: Context, user: User): Promise<NewSession> {
  const now = ctx.now()
  const token = newSecret()
  const csrfToken = newSecret()
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000)
  await ctx.store.users.deleteExpiredSessions(now)
  await ctx.store.users.insertSession({
    idHash: secretHash(token),
    userId: user.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  })
  return { token, csrfToken, expiresAt }
}

export function sessionOf(ctx: Context, token: string) {
  return ctx.store.users.session(secretHash(token), ctx.now())
}

export function endSession(ctx: Context, token: string): Promise<void> {
  return ctx.store.users.deleteSession(secretHash(token))
}

/**
 * Creates an API token, shown once (only its hash is kept). It acts for the user who creates it, or, created by an
 * administrator, for a service account; never for another person.
 */
export async function createToken(
  ctx: Context,
  actor: Actor,
  input: { userId?: string | undefined; name: string },
): Promise<{ id: string; token: string }> {
  const name = input.name.trim()
  if (!name) throw new ValidationError('Enter a name for the token, saying which program uses it')
  return ctx.store.transaction(async tx => {
    const user = await tx.users.find(input.userId ?? actor.id)
    if (!user) throw new ValidationError(`No user ${input.userId}`)
    if (!mayCreateTokenFor(actor, user))
      throw new ForbiddenError(
        'A token acts only for the person who creates it: an administrator may create tokens for service accounts, not for other people',
      )
    if (!user.active) throw new ValidationError(`${user.name}'s account is deactivated`)
    const now = ctx.now()
    const token = `insp_${newSecret()}`
    const record = { id: ctx.newId(), userId: user.id, name, createdAt: now.toISOString(), revokedAt: null }
    await tx.users.insertToken(record, secretHash(token))
    await tx.audit.append(actor, now, {
      action: 'token.create',
      entity: 'api-token',
      entityId: record.id,
      before: null,
      after: record,
    })
    return { id: record.id, token }
  })
}

export async function revokeToken(ctx: Context, actor: Actor, id: string): Promise<void> {
  await ctx.store.transaction(async tx => {
    const now = ctx.now()
    const token = await tx.users.token(id)
    // Someone else's token is answered as one that does not exist.
    if (!token || !mayRevokeToken(actor, token.userId)) throw new NotFoundError(`No active token ${id}`)
    if (!(await tx.users.revokeToken(id, now))) throw new NotFoundError(`No active token ${id}`)
    await tx.audit.append(actor, now, {
      action: 'token.revoke',
      entity: 'api-token',
      entityId: id,
      before: null,
      after: { revokedAt: now.toISOString() },
    })
  })
}

export function userOfToken(ctx: Context, token: string): Promise<User | undefined> {
  return ctx.store.users.byToken(secretHash(token))
}
