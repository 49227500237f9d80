import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { addRecommendation, moveAssessment, removeRecommendation, startCorrection } from '../../src/app/assessments.js'
import { followUpCounts, recordRecommendationUpdate, trackedRecommendations } from '../../src/app/recommendations.js'
import { exportStore, parseExport } from '../../src/app/transfer.js'
import { NotFoundError, ValidationError } from '../../src/domain/index.js'
import { admin, inspector, officer, qa } from '../domain/support.js'
import { publishedApa } from '../support/apa.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'
import { ratingAt } from '../support/web.js'

afterAll(dropTestDatabases)

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

    it('links a recommendation to the later report that speaks to it, which may close it; candidates only suggested', async () => {
      const a = await publishedApa(t.ctx)
      const rec = a.recommendations[0]
      if (!rec) throw new Error('no recommendation')
      const later = await ratingAt(t.ctx, 'E09000020', 'published')
      const elsewhere = await ratingAt(t.ctx, 'E09000007', 'published')
      // The later report is suggested, never linked by itself; the later report's own recommendation has no candidate.
      const before = await trackedRecommendations(t.ctx, null, 'E09000020')
      const suggested = new Map(before.map(x => [x.assessment.id, [x.candidates.map(c => c.id), x.followedUpIn]]))
      expect(suggested).toEqual(
        new Map([
          [a.id, [[later.id], []]],
          [later.id, [[], []]],
        ]),
      )
      for (const bad of [elsewhere.id, a.id, 'not-an-id', '00000000-0000-4000-8000-000000000000'])
        await expect(
          recordRecommendationUpdate(t.ctx, qa, 'Q', a.id, rec.id, { laterAssessmentId: bad, note: 'x' }),
        ).rejects.toThrow(/later published report/)
      await expect(
        recordRecommendationUpdate(t.ctx, qa, 'Q', a.id, rec.id, { laterAssessmentId: later.id }),
      ).rejects.toThrow(/what the later report says/)
      await expect(
        recordRecommendationUpdate(t.ctx, officer, 'Ann', a.id, rec.id, { laterAssessmentId: later.id, note: 'x' }),
      ).rejects.toThrow(ValidationError)
      // Nor from the later report back to the earlier one.
      await expect(
        recordRecommendationUpdate(t.ctx, qa, 'Q', later.id, later.recommendations[0]?.id ?? '', {
          laterAssessmentId: a.id,
          note: 'x',
        }),
      ).rejects.toThrow(/later published report/)
      expect(await t.store.recommendationUpdates.forAssessments([a.id, later.id])).toEqual([])
      const u = await recordRecommendationUpdate(t.ctx, inspector, 'Ivy Inspector', a.id, rec.id, {
        status: 'met',
        laterAssessmentId: later.id,
        note: 'The 2009 rating finds joint services evaluated.',
      })
      expect([u.status, u.laterAssessmentId]).toEqual(['met', later.id])
      const [linked] = (await trackedRecommendations(t.ctx, null, 'E09000020')).filter(x => x.assessment.id === a.id)
      expect([linked?.status, linked?.followedUpIn.map(x => x.id), linked?.candidates]).toEqual(['met', [later.id], []])
      expect(await followUpCounts(t.ctx, [later.id, a.id])).toEqual(new Map([[later.id, 1]]))
      // A second link to the same report counts the recommendation once.
      await recordRecommendationUpdate(t.ctx, qa, 'Q', a.id, rec.id, { laterAssessmentId: later.id, note: 'Again.' })
      expect(await followUpCounts(t.ctx, [later.id])).toEqual(new Map([[later.id, 1]]))
      // Once the later report is corrected, the correction stands for it on both sides.
      let fixed = await startCorrection(t.ctx, qa, later.id)
      fixed = await moveAssessment(t.ctx, qa, fixed.id, fixed.version, 'quality-assurance')
      fixed = await moveAssessment(t.ctx, qa, fixed.id, fixed.version, 'factual-accuracy-check')
      fixed = await moveAssessment(t.ctx, { id: 'qa-2', role: 'quality-assurer' }, fixed.id, fixed.version, 'published')
      const [relinked] = (await trackedRecommendations(t.ctx, null, 'E09000020')).filter(x => x.assessment.id === a.id)
      expect(relinked?.followedUpIn.map(x => x.id)).toEqual([fixed.id])
      expect(await followUpCounts(t.ctx, [fixed.id])).toEqual(new Map([[fixed.id, 1]]))
      await expect(
        recordRecommendationUpdate(t.ctx, qa, 'Q', a.id, rec.id, { laterAssessmentId: later.id, note: 'x' }),
      ).rejects.toThrow(/replaced by a correction/)
      // The export carries the link; a file whose later report is missing is refused.
      const file = await exportStore(t.store)
      expect(file.recommendationUpdates.map(x => x.laterAssessmentId)).toEqual([later.id, later.id])
      const stray = '00000000-0000-4000-8000-000000000000'
      const broken = {
        ...file,
        recommendationUpdates: file.recommendationUpdates.map(x => ({ ...x, laterAssessmentId: stray })),
      }
      expect(() => parseExport(JSON.stringify(broken))).toThrow(
        `recommendationUpdates.0: assessment ${stray} is not in the file`,
      )
    })

    it('shows the progress of an edition a published correction replaced with the correction, matched by id or text', async () => {
      let p = await publishedApa(t.ctx)
      const rec = p.recommendations[0]
      if (!rec) throw new Error('no recommendation')
      await recordRecommendationUpdate(t.ctx, officer, 'Ann Officer', p.id, rec.id, {
        status: 'in-progress',
        note: 'Under way.',
      })
      let c = await startCorrection(t.ctx, qa, p.id)
      // The correction makes the same recommendation afresh (a new id, the same words) and one more.
      c = await removeRecommendation(t.ctx, qa, c.id, c.version, rec.id)
      c = await addRecommendation(t.ctx, qa, c.id, c.version, {
        areaId: 'being-healthy',
        text: ' evaluate  joint services',
        timescaleId: 'in-the-next-six-months',
      })
      c = await addRecommendation(t.ctx, qa, c.id, c.version, {
        areaId: 'staying-safe',
        text: 'Something new',
        timescaleId: 'in-the-next-six-months',
      })
      c = await moveAssessment(t.ctx, qa, c.id, c.version, 'quality-assurance')
      c = await moveAssessment(t.ctx, qa, c.id, c.version, 'factual-accuracy-check')
      c = await moveAssessment(t.ctx, { id: 'qa-2', role: 'quality-assurer' }, c.id, c.version, 'published')
      const tracked = await trackedRecommendations(t.ctx, officer, 'E09000020')
      expect(
        tracked.map(x => [x.assessment.id, x.recommendation.text, x.status, x.earlier.map(u => [u.edition, u.note])]),
      ).toEqual([
        [c.id, 'evaluate  joint services', 'in-progress', [[1, 'Under way.']]],
        [c.id, 'Something new', 'open', []],
      ])
      // Carried, never copied: the correction's own history is empty, the replaced edition's is as it was.
      expect(await t.store.recommendationUpdates.forAssessments([c.id])).toEqual([])
      // Progress goes on the correction now, which continues from the carried status.
      const newId = c.recommendations.find(r => r.text.includes('joint'))?.id ?? ''
      await expect(
        recordRecommendationUpdate(t.ctx, officer, 'Ann', p.id, rec.id, { note: 'Late note.' }),
      ).rejects.toThrow(/replaced by its edition 2/)
      const u = await recordRecommendationUpdate(t.ctx, qa, 'Q', c.id, newId, { status: 'met' })
      const audit = await t.store.audit.forEntity('recommendation', `${c.id}/${newId}`)
      const moves = audit.filter(e => e.action === 'recommendation.update')
      expect(moves.map(e => (e.before as { status: string }).status)).toEqual(['in-progress'])
      expect(u.status).toBe('met')
      p = await t.store.assessments.get(p.id)
      expect(p.status).toBe('published')
    })
  })
}
