import { afterAll, describe, expect, it } from 'vitest'
import {
  createAssessment,
  moveAssessment,
  recordJudgement,
  startCorrection,
  updateDetails,
} from '../../src/app/assessments.js'
import { ingestFile } from '../../src/app/ingest.js'
import type { Actor } from '../../src/domain/index.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'

afterAll(dropTestDatabases)

const admin: Actor = { id: 'loader', role: 'administrator' }
const inspector: Actor = { id: 'ins', role: 'inspector' }
const qa: Actor = { id: 'qa', role: 'quality-assurer' }

/** Database constraints, not checks in code, keep simultaneous requests from duplicating anything (issue 11, point 4). */
for (const backend of BACKENDS) {
  describe.runIf(backend.available && SEEDS_PRESENT)(`simultaneous requests on ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('eight uploads of one new report at once make one assessment, with its document', async () => {
      for (let round = 0; round < 3; round++) {
        const bytes = Buffer.concat([seed('003'), Buffer.from(`\n${round}\n`)])
        const outcomes = await Promise.all(
          Array.from({ length: 8 }, () => ingestFile(t.ctx, admin, { name: `apa-${round}.txt`, bytes })),
        )
        expect(outcomes.filter(o => !o.ok)).toEqual([])
      }
      const all = await t.store.assessments.list()
      expect(all).toHaveLength(1)
      for (const a of all) expect(await t.store.documents.forAssessment(a.id)).toHaveLength(3)
    })

    it('ten corrections of one published assessment started at once make one', async () => {
      let a = await createAssessment(t.ctx, inspector, { frameworkId: 'rating-2009', authorityCode: 'E08000025' })
      a = await recordJudgement(t.ctx, inspector, a.id, a.version, { areaId: 'childrens-services-rating', grade: 3 })
      a = await updateDetails(t.ctx, inspector, a.id, a.version, { dates: { letter: '2009-12-09' } })
      a = await moveAssessment(t.ctx, inspector, a.id, a.version, 'quality-assurance')
      a = await moveAssessment(t.ctx, qa, a.id, a.version, 'factual-accuracy-check')
      a = await moveAssessment(t.ctx, qa, a.id, a.version, 'published')
      const id = a.id
      const tries = await Promise.allSettled(Array.from({ length: 10 }, () => startCorrection(t.ctx, qa, id)))
      expect(tries.filter(r => r.status === 'fulfilled')).toHaveLength(1)
      for (const r of tries) if (r.status === 'rejected') expect(String(r.reason)).toMatch(/already been started/)
      expect((await t.store.assessments.list()).filter(x => x.supersedes === id)).toHaveLength(1)
    })
  })
}
