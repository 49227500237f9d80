import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createAssessment, recordJudgement } from '../../src/app/assessments.js'
import type { Actor } from '../../src/domain/index.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'

afterAll(dropTestDatabases)
const inspector: Actor = { id: 'ins', role: 'inspector' }

/** Each audit entry carries the hash of the one before: a change made behind the triggers shows (issue 11, point 8). */
for (const backend of BACKENDS) {
  describe.runIf(backend.available)(`the audit log's hash chain on ${backend.name}`, () => {
    const t = storePerTest(backend)

    const threeEntries = async () => {
      const a = await createAssessment(t.ctx, inspector, { frameworkId: 'rating-2009', authorityCode: 'E08000025' })
      const b = await recordJudgement(t.ctx, inspector, a.id, a.version, {
        areaId: 'childrens-services-rating',
        grade: 3,
      })
      await recordJudgement(t.ctx, inspector, b.id, b.version, { areaId: 'childrens-services-rating', grade: 2 })
      const entries = await t.store.audit.all()
      expect(entries).toHaveLength(3)
      return entries
    }

    it('verifies an untouched log, and every entry names the hash of the one before', async () => {
      const entries = await threeEntries()
      expect(entries.map(e => e.prevHash)).toEqual([null, entries[0]?.hash, entries[1]?.hash])
      expect(await t.store.audit.verify()).toEqual({ entries: 3, chained: 3, firstBad: null })
    })

    it('refuses, in the database, an entry that does not extend the chain', async () => {
      const entries = await threeEntries()
      const forged = (prev: string | null, hash: string | null) =>
        sql`insert into audit_log (at, actor, actor_role, action, entity, entity_id, prev_hash, hash)
            values ('2001-01-01T00:00:00Z', 'forger', 'quality-assurer', 'assessment.published', 'assessment', 'x', ${prev}, ${hash})`.execute(
          t.store.db,
        )
      // A back-dated entry slipped in after the first, without a hash, or with a hash of its own making.
      await expect(forged(entries[0]?.hash ?? null, 'f'.repeat(64))).rejects.toThrow(/extend the chain/)
      await expect(forged(entries[2]?.hash ?? null, null)).rejects.toThrow(/extend the chain/)
      expect(await t.store.audit.all()).toEqual(entries)
    })

    it('names the first entry changed or removed behind the triggers', async () => {
      const entries = await threeEntries()
      const second = entries[1]?.id as number
      // What a role able to bypass the triggers could do: change what an entry records.
      await sql`alter table audit_log disable trigger user`.execute(t.store.db)
      await sql`update audit_log set actor = 'someone-else' where id = ${String(second)}`.execute(t.store.db)
      expect((await t.store.audit.verify()).firstBad).toEqual({
        id: second,
        reason: 'what it records was changed after it was written',
      })
      await sql`delete from audit_log where id = ${String(second)}`.execute(t.store.db)
      await sql`alter table audit_log enable trigger user`.execute(t.store.db)
      expect((await t.store.audit.verify()).firstBad).toEqual({
        id: entries[2]?.id,
        reason: 'it does not follow the entry before it (one was removed or inserted)',
      })
    })
  })
}
