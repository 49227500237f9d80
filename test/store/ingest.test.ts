import { afterAll, describe, expect, it } from 'vitest'
import { correctIngestedJudgement } from '../../src/app/assessments.js'
import { ingestFile, outcomeJson } from '../../src/app/ingest.js'
import type { Actor } from '../../src/domain/index.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { BACKENDS, dropTestSchemas, storePerTest } from '../support/stores.js'

afterAll(dropTestSchemas)

const admin: Actor = { id: 'loader', role: 'administrator' }
const inspector: Actor = { id: 'ins-7', role: 'inspector' }
const file = (prefix: string) => ({ name: `${prefix}.txt`, bytes: seed(prefix) })

for (const backend of BACKENDS) {
  describe.runIf(backend.available && SEEDS_PRESENT)(`ingesting into ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('stores each seed as a published assessment with its document, and reading it again changes nothing', async () => {
      for (const prefix of ['000', '001', '002', '003', '004']) {
        const first = await ingestFile(t.ctx, admin, file(prefix))
        expect(first).toMatchObject({ ok: true, status: 'created' })
        const again = await ingestFile(t.ctx, admin, file(prefix))
        expect(again).toMatchObject({ ok: true, status: 'unchanged' })
      }
      const all = await t.store.assessments.list()
      expect(all).toHaveLength(5)
      expect(all.every(a => a.status === 'published' && a.origin === 'ingested')).toBe(true)
      const slac = all.find(a => a.frameworkId === 'slac-2012')
      expect(slac?.recommendations.filter(r => r.timescaleId === 'within-three-months').map(r => r.dueDate)).toEqual(
        Array(8).fill('2012-08-29'),
      )
      const [document] = await t.store.documents.forAssessment(slac?.id ?? '')
      expect(document?.text).toBe(seed('002').toString('utf8'))
      expect((await t.store.audit.all()).filter(e => e.action === 'assessment.ingest')).toHaveLength(5)
    })

    it('a dry run reads and reports but stores nothing', async () => {
      const outcome = await ingestFile(t.ctx, admin, file('003'), { dryRun: true })
      expect(outcome).toMatchObject({ ok: true, status: 'dry-run' })
      expect(outcomeJson(outcome)).toMatchObject({
        framework: 'apa-2008',
        authority: { code: 'E09000021', name: 'Kingston upon Thames' },
        date: '2008-12-17',
      })
      expect(await t.store.assessments.count()).toBe(0)
      expect(await t.store.documents.all()).toEqual([])
    })

    it('reading again after the reader improved updates what was read, and never what a person corrected', async () => {
      const first = await ingestFile(t.ctx, admin, file('000'))
      if (!first.ok) throw new Error(first.error)
      // A person corrects one reading …
      const corrected = await correctIngestedJudgement(
        t.ctx,
        inspector,
        first.assessment.id,
        first.assessment.version,
        {
          areaId: 'achieving-economic-well-being',
          grade: 4,
          overrideRationale: 'Transcription checked against the signed letter',
        },
      )
      // … and an older reader had missed another grade (as if stored by an earlier version).
      const older = {
        ...corrected,
        judgements: corrected.judgements.map(j =>
          j.areaId === 'being-healthy' ? { ...j, grade: null, level: null, readings: [] } : j,
        ),
      }
      const stale = await t.store.transaction(tx => tx.assessments.update(older, corrected.version))
      const again = await ingestFile(t.ctx, admin, file('000'))
      expect(again).toMatchObject({ ok: true, status: 'updated' })
      const now = await t.store.assessments.get(first.assessment.id)
      expect(now.version).toBe(stale.version + 1)
      expect(now.judgements.find(j => j.areaId === 'being-healthy')?.grade).toBe(4)
      const kept = now.judgements.find(j => j.areaId === 'achieving-economic-well-being')
      expect(kept).toMatchObject({ grade: 4, source: { kind: 'entered', by: inspector.id } })
      expect(await t.store.assessments.count()).toBe(1)
    })

    it('a PDF and a text of the same letter are one assessment with both readings', async () => {
      await ingestFile(t.ctx, admin, file('001'))
      const html = `<html><body><pre>${seed('001').toString('utf8').replace(/&/g, '&amp;').replace(/</g, '&lt;')}</pre></body></html>`
      const copy = await ingestFile(t.ctx, admin, { name: '001.html', bytes: Buffer.from(html) })
      expect(copy).toMatchObject({ ok: true, status: 'updated' })
      const [a] = await t.store.assessments.list()
      expect(a?.judgements[0]?.readings.map(r => r.printed)).toEqual([
        'Performs excellently (4)',
        'perform excellently',
        'Performs excellently (4)',
        'perform excellently',
      ])
      expect(a?.judgements[0]?.grade).toBe(4)
      expect(await t.store.documents.all()).toHaveLength(2)
    })

    it('a bad file gets its own error and the rest of the batch goes on', async () => {
      const outcomes = [
        await ingestFile(t.ctx, admin, { name: 'empty.txt', bytes: Buffer.alloc(0) }),
        await ingestFile(t.ctx, admin, {
          name: 'page.pdf',
          bytes: Buffer.from('<!doctype html><html>Not found</html>'),
        }),
        await ingestFile(t.ctx, admin, { name: 'list.txt', bytes: Buffer.from('eggs\nmilk\n') }),
        await ingestFile(t.ctx, admin, file('004')),
      ]
      expect(outcomes.map(o => (o.ok ? o.status : o.error))).toEqual([
        'the file is empty',
        'the file is named .pdf but is an HTML page (a saved web or error page, not the report)',
        'not a report: no assessment letter or inspection report structure was recognised',
        'created',
      ])
      expect(await t.store.assessments.count()).toBe(1)
    })

    it('refuses a document whose authority it cannot identify, storing nothing', async () => {
      const text = seed('003').toString('utf8').replaceAll('Kingston upon Thames', 'Borsetshire')
      const outcome = await ingestFile(t.ctx, admin, { name: 'x.txt', bytes: Buffer.from(text) })
      expect(outcome).toMatchObject({ ok: false })
      if (!outcome.ok) expect(outcome.error).toMatch(/^the authority could not be identified/)
      expect(await t.store.assessments.count()).toBe(0)
    })
  })
}
