import { existsSync } from 'node:fs'
import { sql } from 'kysely'
import { describe, expect, inject, it } from 'vitest'
import { createAssessment } from '../../src/app/assessments.js'
import { addUser } from '../../src/app/users.js'
import { AUTHORITIES } from '../../src/domain/index.js'
import type { Store } from '../../src/store/store.js'
import { freshPglite, testContext } from '../support/stores.js'

describe('fresh PGlite stores for tests', () => {
  it('are copies of one store migrated for the whole run, each apart from the others', async () => {
    const template = inject('pgliteTemplate')
    expect(template && existsSync(template)).toBe(true)
    const [a, b] = [await freshPglite(), await freshPglite()]
    try {
      expect(a.migrationsApplied).toEqual([])
      expect(await a.authorities.list()).toHaveLength(AUTHORITIES.length)
      await addUser(testContext(a), null, {
        email: 'a@example.org',
        name: 'Ada',
        role: 'administrator',
        authorityCode: null,
        password: 'a long enough password',
      })
      expect(await a.users.count()).toBe(1)
      expect(await b.users.count()).toBe(0)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('given back when closed, are restored to the template before they are used again', async () => {
    const dump = async (s: Store) => {
      const q = (text: string) => sql.raw(text).execute(s.db)
      const tables = await q(
        `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname in ('public', 'pgboss') order by 1`,
      )
      const rows: Record<string, unknown> = {}
      for (const { name } of tables.rows as { name: string }[])
        rows[name] = (await q(`select * from ${name} order by 1`)).rows
      const sequences = (await q(`select sequencename, last_value from pg_sequences order by 1`)).rows
      return { rows, sequences }
    }
    const first = await freshPglite()
    const before = await dump(first)
    const ctx = testContext(first)
    await addUser(ctx, null, {
      email: 'a@example.org',
      name: 'Ada',
      role: 'administrator',
      authorityCode: null,
      password: 'a long enough password',
    })
    await createAssessment(
      ctx,
      { id: 'inspector', role: 'inspector' },
      { frameworkId: 'slac-2012', authorityCode: 'E09000020' },
    )
    await sql`update authorities set name = 'Changed' where code = 'E09000020'`.execute(first.db)
    await sql`create table made_by_a_test (x int)`.execute(first.db)
    await sql`create schema made_by_a_test`.execute(first.db)
    expect(await dump(first)).not.toEqual(before)
    // A setting of the session, which a restore leaves: it shows the next store is this copy, restored.
    await sql`set inspectorate.copy = 'first'`.execute(first.db)
    await first.close()
    const again = await freshPglite()
    try {
      const copy = await sql<{ v: string }>`select current_setting('inspectorate.copy', true) as v`.execute(again.db)
      expect(copy.rows[0]?.v).toBe('first')
      expect(await dump(again)).toEqual(before)
      const schemas = await sql<{
        n: number
      }>`select count(*)::int as n from pg_namespace where nspname = 'made_by_a_test'`.execute(again.db)
      expect(schemas.rows[0]?.n).toBe(0)
    } finally {
      await again.close()
    }
  })
})
