import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAssessment, recordJudgement } from '../../src/app/assessments.js'
import type { Actor } from '../../src/domain/index.js'
import { openStore, type Store } from '../../src/store/store.js'
import { dropSchemas, postgresUrl, testContext } from '../support/stores.js'

/** The role `.ci/run` makes and the README describes; made here too if missing, so the test stands alone. */
const APP_ROLE = 'inspectorate_app'
const ownerUrl = postgresUrl()
const inspector: Actor = { id: 'ins', role: 'inspector' }

/**
 * The service runs as a role that does not own the tables: it cannot disable the audit log's triggers, change the
 * replication role, or change or remove an entry (issue 11, point 8).
 */
describe.runIf(ownerUrl)('the service on a least-privilege PostgreSQL role', () => {
  const schema = `role_${randomUUID().replaceAll('-', '').slice(0, 16)}`
  let store: Store
  let owner: pg.Client

  beforeAll(async () => {
    owner = new pg.Client({ connectionString: ownerUrl })
    await owner.connect()
    await owner.query(
      `do $$ begin if not exists (select from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole; end if; end $$`,
    )
    await owner.query(`grant connect on database ${new URL(ownerUrl as string).pathname.slice(1)} to ${APP_ROLE}`)
    const url = new URL(ownerUrl as string)
    url.username = APP_ROLE
    store = await openStore({ kind: 'postgres', url: url.toString(), schema, ownerUrl: ownerUrl as string })
  })
  afterAll(async () => {
    await store?.close()
    await owner.end()
    await dropSchemas([schema])
  })

  it('works as the service: it records, and the audit log is appended and intact', async () => {
    const ctx = testContext(store)
    const a = await createAssessment(ctx, inspector, { frameworkId: 'rating-2009', authorityCode: 'E08000025' })
    await recordJudgement(ctx, inspector, a.id, a.version, { areaId: 'childrens-services-rating', grade: 3 })
    expect((await store.audit.all()).map(e => e.actor)).toEqual(['ins', 'ins'])
    const { rows } = await sql<{ me: string }>`select current_user as me`.execute(store.db)
    expect(rows[0]?.me).toBe(APP_ROLE)
  })

  it('cannot disable triggers, change the replication role, or change, remove or back-date an entry', async () => {
    const attempts = [
      sql`alter table audit_log disable trigger user`,
      sql`alter table audit_log disable trigger all`,
      sql`set session_replication_role = replica`,
      sql`update audit_log set actor = 'someone-else'`,
      sql`delete from audit_log`,
      sql`truncate audit_log`,
      sql`drop trigger audit_log_chain on audit_log`,
      sql`insert into audit_log (at, actor, actor_role, action, entity, entity_id) values ('2001-01-01T00:00:00Z', 'forger', 'quality-assurer', 'assessment.published', 'assessment', 'x')`,
      sql`delete from kysely_migration`,
    ]
    const refused: string[] = []
    for (const attempt of attempts)
      await attempt.execute(store.db).then(
        () => {},
        (e: Error) => refused.push(e.message),
      )
    expect(refused).toHaveLength(attempts.length)
    for (const message of refused) expect(message).toMatch(/must be owner|permission denied|extend the chain/)
    expect(await store.audit.verify()).toMatchObject({ firstBad: null })
  })
})
