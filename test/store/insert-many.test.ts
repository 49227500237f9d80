import { randomUUID } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { authorityOverview, OVERVIEW_PAGE } from '../../src/app/queries.js'
import { createAssessment, getFramework, recordJudgement } from '../../src/domain/index.js'
import { inspector, NOW } from '../domain/support.js'
import { publishedApa } from '../support/apa.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'

afterAll(dropTestDatabases)

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`many assessments at once on ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('stores each as one insert would, across more rows than one statement takes', async () => {
      const f = getFramework('slac-2012')
      // 700 assessments of 22 judgements: more than one slice of each table's insert.
      const many = Array.from({ length: 700 }, (_, i) =>
        f.areas.reduce(
          (a, area, k) => recordJudgement(a, f, { areaId: area.id, grade: 1 + ((i + k) % 4) }, inspector, NOW),
          createAssessment({ id: randomUUID(), framework: f, authorityCode: 'E09000020' }, inspector, NOW),
        ),
      )
      const withRecommendation = { ...(await publishedApa(t.ctx)), id: randomUUID() }
      await t.store.transaction(tx => tx.assessments.insertMany([...many, withRecommendation]))
      expect(await t.store.assessments.count()).toBe(702)
      for (const a of [many[0], many[699], withRecommendation])
        expect(await t.store.assessments.get(a?.id ?? '')).toEqual(a)
      expect(withRecommendation.recommendations).toHaveLength(1)
    })

    it("gives an authority's overview every one of its published assessments, past the first thousand", async () => {
      const published = await publishedApa(t.ctx)
      const more = Array.from({ length: OVERVIEW_PAGE }, () => ({ ...published, id: randomUUID() }))
      await t.store.transaction(tx => tx.assessments.insertMany(more))
      const overview = await authorityOverview(t.ctx, published.authorityCode)
      expect(overview.assessments).toHaveLength(OVERVIEW_PAGE + 1)
      expect(new Set(overview.assessments.map(a => a.id)).size).toBe(OVERVIEW_PAGE + 1)
    })
  })
}
