import type { Kysely, Selectable } from 'kysely'
import { type User, UserSchema } from '../domain/index.js'
import { isUuid } from './connection.js'
import type { Database, UsersTable } from './schema.js'

function toUser(r: Selectable<UsersTable>): User {
  return UserSchema.parse({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    authorityCode: r.authority_code,
    active: r.active,
    service: r.service,
    createdAt: r.created_at.toISOString(),
  })
}

export interface ApiToken {
  id: string
  userId: string
  name: string
  createdAt: string
  revokedAt: string | null
}

/** Users, their sessions and their API tokens. Secrets arrive already hashed; none is stored in the clear. */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A person with their password's hash, or a service account (no password: it never signs in). */
  async insert(user: User, passwordHash: string | null): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        authority_code: user.authorityCode,
        password_hash: passwordHash,
        service: user.service,
        active: user.active,
        created_at: user.createdAt,
      })
      .execute()
  }

  async update(user: User): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ name: user.name, role: user.role, authority_code: user.authorityCode, active: user.active })
      .where('id', '=', user.id)
      .execute()
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute()
  }

  async find(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
    return row ? toUser(row) : undefined
  }

  /** The user and the password hash to check, by email. */
  async withPasswordHash(email: string): Promise<{ user: User; passwordHash: string | null } | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined
  }

  async list(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('email').execute()).map(toUser)
  }

  async names(ids: readonly string[]): Promise<Map<string, string>> {
    const uuids = ids.filter(isUuid)
    if (uuids.length === 0) return new Map()
    const rows = await this.db.selectFrom('users').select(['id', 'name']).where('id', 'in', uuids).execute()
    return new Map(rows.map(r => [r.id, r.name]))
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }

  async insertSession(s: { idHash: string; userId: string; csrfToken: string; createdAt: string; expiresAt: string }) {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: s.idHash,
        user_id: s.userId,
        csrf_token: s.csrfToken,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
      })
      .execute()
  }

  /** The active user of an unexpired session, with the session's CSRF token. */
  async session(idHash: string, now: Date): Promise<{ user: User; csrfToken: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select('sessions.csrf_token')
      .where('sessions.id_hash', '=', idHash)
      .where('sessions.expires_at', '>', now)
      .where('users.active', '=', true)
      .executeTakeFirst()
    if (!row) return undefined
    const { csrf_token, ...user } = row
    return { user: toUser(user), csrfToken: csrf_token }
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute()
  }

  async deleteSessionsOf(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute()
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now).execute()
  }

  async insertToken(t: ApiToken, tokenHash: string): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        user_id: t.userId,
        name: t.name,
        token_hash: tokenHash,
        created_at: t.createdAt,
        revoked_at: t.revokedAt,
      })
      .execute()
  }

  async tokens(): Promise<ApiToken[]> {
    const rows = await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at').execute()
    return rows.map(r => ({
      id: r.id,
      userId: r.user_id,
      name: r.name,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
    }))
  }

  async token(id: string): Promise<ApiToken | undefined> {
    if (!isUuid(id)) return undefined
    return (await this.tokens()).find(t => t.id === id)
  }

  async revokeToken(id: string, at: Date): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at.toISOString() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  }

  /** The active user an unrevoked token belongs to. */
  async byToken(tokenHash: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .where('api_tokens.token_hash', '=', tokenHash)
      .where('api_tokens.revoked_at', 'is', null)
      .where('users.active', '=', true)
      .executeTakeFirst()
    return row ? toUser(row) : undefined
  }
}
