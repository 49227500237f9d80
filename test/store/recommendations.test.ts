import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { recordRecommendationUpdate, trackedRecommendations } from '../../src/app/recommendations.js'
import { NotFoundError, ValidationError } from '../../src/domain/index.js'
import { admin, inspector, officer, qa } from '../domain/support.js'
import { publishedApa } from '../support/apa.js'
import { BACKENDS, dropTestSchemas, storePerTest } from '../support/stores.js'

afterAll(dropTestSchemas)

const otherOfficer = { id: 'la-2', role: 'authority-officer', authorityCode: 'E09000007' } as const

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`recommendations tracked, on ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('appends updates beside the published assessment, the latest wins, each audited', async () => {
      const a = await publishedApa(t.ctx)
      const rec = a.recommendations[0]
      if (!rec) throw new Error('no recommendation')
      // Open until an update says otherwise (overdue as the domain decides: tested there).
      expect((await trackedRecommendations(t.ctx, null, 'E09000020')).map(x => [x.status, x.history])).toEqual([
        ['open', []],
      ])
      await recordRecommendationUpdate(t.ctx, officer, 'Ann Officer', a.id, rec.id, {
        status: 'in-progress',
        note: 'A new duty team since March.',
      })
      await recordRecommendationUpdate(t.ctx, qa, 'Quinn Assurer', a.id, rec.id, { status: 'met', note: 'Seen.' })
      const history = await t.store.recommendationUpdates.history(a.id, rec.id)
      expect(history.map(u => [u.status, u.byName, u.role, u.note])).toEqual([
        ['in-progress', 'Ann Officer', 'authority-officer', 'A new duty team since March.'],
        ['met', 'Quinn Assurer', 'quality-assurer', 'Seen.'],
      ])
      expect(await t.store.recommendationUpdates.status(a.id, rec.id)).toBe('met')
      const [tracked] = await trackedRecommendations(t.ctx, officer, 'E09000020')
      expect([tracked?.status, tracked?.overdue]).toEqual(['met', false])
      // The public sees the statuses, not the notes.
      const [seen] = await trackedRecommendations(t.ctx, null, 'E09000020')
      expect(seen?.history.map(u => [u.status, u.note])).toEqual([
        ['in-progress', null],
        ['met', null],
      ])
      expect(await trackedRecommendations(t.ctx, null, 'E09000020', { status: 'open' })).toEqual([])
      expect(await trackedRecommendations(t.ctx, null, 'E09000020', { status: 'met' })).toHaveLength(1)
      // The published assessment is as it was.
      expect(await t.store.assessments.get(a.id)).toEqual(a)
      const entries = await t.store.audit.forEntity('recommendation', `${a.id}/${rec.id}`)
      const audit = entries
        .filter(e => e.action === 'recommendation.update')
        .map(e => [e.action, e.actor, (e.before as { status: string }).status, (e.after as { status: string }).status])
      expect(audit).toEqual([
        ['recommendation.update', officer.id, 'open', 'in-progress'],
        ['recommendation.update', qa.id, 'in-progress', 'met'],
      ])
      expect((await t.store.audit.verify()).firstBad).toBeNull()
    })

    it('never changes an update once written', async () => {
      const a = await publishedApa(t.ctx)
      const rec = a.recommendations[0]
      if (!rec) throw new Error('no recommendation')
      await recordRecommendationUpdate(t.ctx, inspector, 'Ivy Inspector', a.id, rec.id, { status: 'not-met' })
      await expect(sql`update recommendation_updates set status = 'met'`.execute(t.store.db)).rejects.toThrow(
        /append-only/,
      )
      await expect(sql`delete from recommendation_updates`.execute(t.store.db)).rejects.toThrow(/append-only/)
      expect(await t.store.recommendationUpdates.status(a.id, rec.id)).toBe('not-met')
    })

    it('refuses what the actor may not do, and finds nothing it may not act on', async () => {
      const a = await publishedApa(t.ctx)
      const rec = a.recommendations[0]
      if (!rec) throw new Error('no recommendation')
      await expect(
        recordRecommendationUpdate(t.ctx, officer, 'Ann', a.id, rec.id, { status: 'met', note: 'Done.' }),
      ).rejects.toThrow(ValidationError)
      await expect(
        recordRecommendationUpdate(t.ctx, officer, 'Ann', a.id, rec.id, { status: 'open', note: '' }),
      ).rejects.toThrow(ValidationError)
      for (const actor of [otherOfficer, admin])
        await expect(
          recordRecommendationUpdate(t.ctx, actor, 'X', a.id, rec.id, { status: 'in-progress', note: 'x' }),
        ).rejects.toThrow(NotFoundError)
      // A recommendation the report did not make is not found; nor is one of a report not yet published.
      await expect(
        recordRecommendationUpdate(t.ctx, qa, 'Q', a.id, 'no-such', { status: 'met', note: 'x' }),
      ).rejects.toThrow(NotFoundError)
      const draft = await publishedApa(t.ctx, 'factual-accuracy-check')
      await expect(
        recordRecommendationUpdate(t.ctx, qa, 'Q', draft.id, draft.recommendations[0]?.id ?? '', { status: 'met' }),
      ).rejects.toThrow(NotFoundError)
      expect(await t.store.recommendationUpdates.forAssessments([a.id, draft.id])).toEqual([])
    })
  })
}
