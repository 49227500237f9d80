import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, describe, expect, it, vi } from 'vitest'
import {
  createAssessment,
  moveAssessment,
  readAssessment,
  recordJudgement,
  startCorrection,
} from '../../src/app/assessments.js'
import { importNeighbours } from '../../src/app/neighbours.js'
import { recordRecommendationUpdate } from '../../src/app/recommendations.js'
import { exportStore, importStore, parseExport } from '../../src/app/transfer.js'
import { ConflictError, ImmutableError, NotFoundError, ValidationError } from '../../src/domain/index.js'
import { admin, inspector, officer, qa } from '../domain/support.js'
import { APA_GOOD, publishedApa } from '../support/apa.js'
import { LA_LOOKUP, sharedAvailable } from '../support/shared.js'
import { BACKENDS, dropTestDatabases, storePerTest, testContext } from '../support/stores.js'

afterAll(dropTestDatabases)

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`storage on ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('migrates and holds the reference list of authorities', async () => {
      const authorities = await t.store.authorities.list()
      expect(authorities.filter(a => a.validTo === null)).toHaveLength(153)
      expect((await t.store.authorities.get('E09000020'))?.aliases).toContain('Royal Borough of Kensington and Chelsea')
    })

    it('stores an assessment and reads back exactly what was written', async () => {
      const a = await publishedApa(t.ctx)
      expect(await t.store.assessments.get(a.id)).toEqual(a)
      expect(a.status).toBe('published')
      // The joint area review's recommendation, whose publication is not recorded: its due date is missing.
      expect(a.recommendations[0]).toMatchObject({ timescaleId: 'in-the-next-six-months', dueDate: null })
      expect(a.judgements.map(j => j.level)).toEqual(Array(7).fill('good'))
    })

    it('refuses a stale write with a conflict and leaves the stored assessment as it was', async () => {
      const a = await createAssessment(t.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
      const first = await recordJudgement(t.ctx, inspector, a.id, a.version, { areaId: 'being-healthy', grade: 3 })
      await expect(recordJudgement(t.ctx, qa, a.id, a.version, { areaId: 'being-healthy', grade: 4 })).rejects.toThrow(
        ConflictError,
      )
      expect(await t.store.assessments.get(a.id)).toEqual(first)
      await expect(t.store.assessments.update({ ...first, summary: 'x' }, 99)).rejects.toThrow(
        /at version 2, the change was made to version 99/,
      )
    })

    it('writes the audit entry in the same transaction as the change: who, when, what, before and after', async () => {
      const a = await createAssessment(t.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
      const b = await recordJudgement(t.ctx, inspector, a.id, a.version, { areaId: 'staying-safe', grade: 3 })
      await recordJudgement(t.ctx, qa, a.id, b.version, { areaId: 'staying-safe', grade: 4 })
      const trail = await t.store.audit.forEntity('judgement', `${a.id}/staying-safe`)
      expect(
        trail.map(e => [
          e.actor,
          e.action,
          (e.before as { grade?: number } | null)?.grade ?? null,
          (e.after as { grade: number }).grade,
        ]),
      ).toEqual([
        [inspector.id, 'judgement.record', null, 3],
        [qa.id, 'judgement.record', 3, 4],
      ])
      const count = (await t.store.audit.all()).length
      await expect(recordJudgement(t.ctx, qa, a.id, 3, { areaId: 'staying-safe', grade: 9 })).rejects.toThrow(
        ValidationError,
      )
      expect((await t.store.audit.all()).length).toBe(count)
      expect((await t.store.assessments.get(a.id)).version).toBe(3)
    })

    it('keeps the audit log append-only at the database', async () => {
      await createAssessment(t.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
      await expect(sql`update audit_log set actor = 'someone else'`.execute(t.store.db)).rejects.toThrow(/append-only/)
      await expect(sql`delete from audit_log`.execute(t.store.db)).rejects.toThrow(/append-only/)
      expect((await t.store.audit.all())[0]?.actor).toBe(inspector.id)
    })

    it('never changes a published assessment; a correction is a new edition beside it', async () => {
      const p = await publishedApa(t.ctx)
      await expect(recordJudgement(t.ctx, qa, p.id, p.version, { areaId: 'being-healthy', grade: 4 })).rejects.toThrow(
        ImmutableError,
      )
      const c = await startCorrection(t.ctx, qa, p.id)
      const fixed = await recordJudgement(t.ctx, qa, c.id, c.version, {
        areaId: 'being-healthy',
        grade: 3,
        narrative: 'Corrected.',
      })
      expect([fixed.edition, fixed.supersedes, fixed.status]).toEqual([2, p.id, 'draft'])
      expect(await t.store.assessments.get(p.id)).toEqual(p)
      await expect(startCorrection(t.ctx, qa, p.id)).rejects.toThrow(/already been started/)
    })

    it('a published correction retires the edition it corrects from lists and figures; the old one stays readable', async () => {
      const p = await publishedApa(t.ctx)
      const query = {
        authorityCode: 'E09000020',
        statuses: ['published'] as const,
        headlineAreas: ['overall-effectiveness'],
        page: 1,
        pageSize: 10,
      }
      let c = await startCorrection(t.ctx, qa, p.id)
      c = await recordJudgement(t.ctx, qa, c.id, c.version, {
        areaId: 'being-healthy',
        grade: 2,
        narrative: 'Corrected.',
      })
      // While the correction is a draft, the published edition is the one counted.
      expect((await t.store.assessments.search(query)).items.map(a => a.id)).toEqual([p.id])
      c = await moveAssessment(t.ctx, qa, c.id, c.version, 'quality-assurance')
      c = await moveAssessment(t.ctx, qa, c.id, c.version, 'factual-accuracy-check')
      // Published by a second quality assurer: nobody publishes what they created.
      await expect(moveAssessment(t.ctx, qa, c.id, c.version, 'published')).rejects.toThrow(/second person/)
      c = await moveAssessment(t.ctx, { id: 'qa-2', role: 'quality-assurer' }, c.id, c.version, 'published')
      expect((await t.store.assessments.search(query)).items.map(a => a.id)).toEqual([c.id])
      const counts = await t.store.assessments.levelCounts(['overall-effectiveness'])
      expect(counts.reduce((n, x) => n + x.count, 0)).toBe(1)
      expect((await t.store.assessments.latestWithRecommendations('E09000020'))?.id).toBe(c.id)
      expect((await t.store.assessments.get(p.id)).status).toBe('published')
    })

    it('shows an authority officer only its own authority’s assessment at factual accuracy check', async () => {
      let a = await createAssessment(t.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
      for (const areaId of APA_GOOD) a = await recordJudgement(t.ctx, inspector, a.id, a.version, { areaId, grade: 3 })
      await expect(readAssessment(t.ctx, officer, a.id)).rejects.toThrow(NotFoundError)
      a = await moveAssessment(t.ctx, inspector, a.id, a.version, 'quality-assurance')
      a = await moveAssessment(t.ctx, qa, a.id, a.version, 'factual-accuracy-check')
      expect((await readAssessment(t.ctx, officer, a.id)).id).toBe(a.id)
      const other = { ...officer, authorityCode: 'E10000016' }
      await expect(readAssessment(t.ctx, other, a.id)).rejects.toThrow(`No assessment ${a.id}`)
      await expect(readAssessment(t.ctx, null, a.id)).rejects.toThrow(NotFoundError)
      await expect(readAssessment(t.ctx, admin, a.id)).rejects.toThrow(NotFoundError)
    })

    it('answers an assessment hidden from the reader with the same work as one not held', async () => {
      const draft = await createAssessment(t.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E09000020' })
      const visibility = vi.spyOn(t.store.assessments, 'visibility')
      const find = vi.spyOn(t.store.assessments, 'find')
      for (const id of [draft.id, '00000000-0000-4000-8000-000000000000']) {
        await expect(readAssessment(t.ctx, null, id)).rejects.toThrow(`No assessment ${id}`)
        await expect(readAssessment(t.ctx, officer, id)).rejects.toThrow(`No assessment ${id}`)
      }
      expect(visibility).toHaveBeenCalledTimes(4)
      expect(find).not.toHaveBeenCalled()
      expect((await readAssessment(t.ctx, inspector, draft.id)).id).toBe(draft.id)
    })

    it('refuses an unknown framework and an unknown authority, writing nothing', async () => {
      await expect(
        createAssessment(t.ctx, inspector, { frameworkId: 'apa-1999', authorityCode: 'E09000020' }),
      ).rejects.toThrow(/Unknown framework "apa-1999"/)
      await expect(
        createAssessment(t.ctx, inspector, { frameworkId: 'apa-2007', authorityCode: 'E99999999' }),
      ).rejects.toThrow(/No authority with GSS code E99999999/)
      expect(await t.store.assessments.count()).toBe(0)
      expect(await t.store.audit.all()).toEqual([])
    })

    it('round-trips the whole store through export and import, identically', async () => {
      const pub = await publishedApa(t.ctx)
      await recordRecommendationUpdate(t.ctx, officer, 'Ann Officer', pub.id, pub.recommendations[0]?.id ?? '', {
        status: 'in-progress',
        note: 'Under way.',
      })
      const draft = await createAssessment(t.ctx, inspector, { frameworkId: 'slac-2012', authorityCode: 'E09000020' })
      await recordJudgement(t.ctx, inspector, draft.id, draft.version, {
        areaId: 'safeguarding.overall-effectiveness',
        grade: 2,
        narrative: 'The overall effectiveness of safeguarding services is good.',
        strengths: ['Strong partnerships'],
      })
      await t.store.authorities.replaceNeighbours(new Map([['E09000020', ['E09000033', 'E09000013']]]))
      const first = await exportStore(t.store)
      const target = await backend.open()
      try {
        await importStore(target, parseExport(JSON.stringify(first)))
        expect(JSON.stringify(await exportStore(target))).toBe(JSON.stringify(first))
        expect(first.recommendationUpdates.map(u => [u.status, u.note])).toEqual([['in-progress', 'Under way.']])
        // The restored audit sequence continues after the imported entries.
        const ctx2 = testContext(target, new Date('2013-01-01T00:00:00Z'))
        await createAssessment(ctx2, inspector, { frameworkId: 'apa-2008', authorityCode: 'E09000021' })
        const ids = (await target.audit.all()).map(e => e.id)
        expect(new Set(ids).size).toBe(ids.length)
        await expect(importStore(target, first)).rejects.toThrow(/Import needs an empty store/)
      } finally {
        await target.close()
      }
    })

    it('refuses a malformed import file, naming the problem, and writes nothing', async () => {
      expect(() => parseExport('{"format":')).toThrow(/not JSON/)
      expect(() => parseExport('{"format":"something-else"}')).toThrow(/not an Inspectorate export/)
      const good = await exportStore(t.store)
      const bad = structuredClone(good) as unknown as { assessments: unknown[] }
      bad.assessments.push({ id: 'not-a-uuid' })
      expect(() => parseExport(JSON.stringify(bad))).toThrow(/assessments\.0\.id/)
      expect(await t.store.assessments.count()).toBe(0)
    })

    it.runIf(sharedAvailable(LA_LOOKUP, 'statistical neighbour import from la-lookup.csv'))(
      'imports the real statistical neighbours: ten per authority, old codes resolved and said so',
      async () => {
        const result = await importNeighbours(t.ctx, admin, readFileSync(LA_LOOKUP, 'utf8'))
        expect(result.errors).toEqual([])
        expect(result.imported).toBe(153)
        expect(result.empty).toHaveLength(3)
        expect(result.notes.some(n => /E08000016.*Barnsley \(E08000038\)/.test(n))).toBe(true)
        const kc = await t.store.authorities.neighbours('E09000020')
        expect(kc).toHaveLength(10)
        expect(kc).not.toContain('E09000020')
        expect((await t.store.audit.all()).at(-1)?.action).toBe('neighbours.import')
      },
    )

    it('refuses a neighbours file with bad rows unless asked to skip them', async () => {
      const csv = [
        'la_code_new,stat_neighbours_la_code',
        'E09000020,"E09000033, E09000013"',
        `E10000016,"${['E10000030', 'E10000014', 'E10000012', 'E10000015', 'E10000025', 'E10000032', 'E10000011', 'E10000029', 'E10000031', 'E10000034'].join(', ')}"`,
        'E99999999,"E09000033"',
      ].join('\n')
      await expect(importNeighbours(t.ctx, admin, csv)).rejects.toThrow(/2 bad row\(s\); nothing was imported/)
      expect(await t.store.authorities.allNeighbours()).toEqual([])
      const skipped = await importNeighbours(t.ctx, admin, csv, { skipBadRows: true })
      expect(skipped.imported).toBe(1)
      expect(skipped.errors).toEqual([
        'line 2 (Kensington and Chelsea): 2 neighbours listed, 10 expected',
        'line 4: unknown authority GSS code "E99999999"',
      ])
      expect(await t.store.authorities.neighbours('E10000016')).toHaveLength(10)
      await expect(importNeighbours(t.ctx, admin, 'code,neighbours\nx,y')).rejects.toThrow(/no column "la_code_new"/)
    })
  })
}
