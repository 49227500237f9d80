import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { correctIngestedJudgement, moveAssessment } from '../../src/app/assessments.js'
import { ingestFile, outcomeJson } from '../../src/app/ingest.js'
import { authorityOverview, searchAssessments } from '../../src/app/queries.js'
import { exportStore, parseExport } from '../../src/app/transfer.js'
import { type Actor, ForbiddenError } from '../../src/domain/index.js'
import type { StoredDocument } from '../../src/store/documents.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { BACKENDS, dropTestDatabases, storePerTest } from '../support/stores.js'

afterAll(dropTestDatabases)

const admin: Actor = { id: 'loader', role: 'administrator' }
const inspector: Actor = { id: 'ins-7', role: 'inspector' }
const qa: Actor = { id: 'qa-1', role: 'quality-assurer' }
const otherQa: Actor = { id: 'qa-2', role: 'quality-assurer' }
const everything = { page: 1, pageSize: 50 }
const file = (prefix: string) => ({ name: `${prefix}.txt`, bytes: seed(prefix) })

for (const backend of BACKENDS) {
  describe.runIf(backend.available && SEEDS_PRESENT)(`ingesting into ${backend.name}`, () => {
    const t = storePerTest(backend)

    it('stores each seed as an assessment awaiting verification with its document; reading it again changes nothing', async () => {
      for (const prefix of ['000', '001', '002', '003', '004']) {
        const first = await ingestFile(t.ctx, admin, file(prefix))
        expect(first).toMatchObject({ ok: true, status: 'created' })
        const again = await ingestFile(t.ctx, admin, file(prefix))
        expect(again).toMatchObject({ ok: true, status: 'unchanged' })
      }
      const all = await t.store.assessments.list()
      expect(all).toHaveLength(5)
      expect(all.every(a => a.status === 'draft' && a.origin === 'ingested')).toBe(true)
      const slac = all.find(a => a.frameworkId === 'slac-2012')
      expect(slac?.recommendations.filter(r => r.timescaleId === 'within-three-months').map(r => r.dueDate)).toEqual(
        Array(8).fill('2012-08-29'),
      )
      const [document] = await t.store.documents.forAssessment(slac?.id ?? '')
      expect(document?.text).toBe(seed('002').toString('utf8'))
      expect((await t.store.audit.all()).filter(e => e.action === 'assessment.ingest')).toHaveLength(5)
    })

    it('keeps the original bytes with their SHA-256, under the name given (never a path), and its content in order', async () => {
      const bytes = seed('002')
      const read = await ingestFile(t.ctx, admin, {
        name: '/srv/private/uploads/002.txt',
        bytes,
        sourceUrl: 'https://www.ofsted.gov.uk/report.txt',
      })
      if (!read.ok) throw new Error(read.error)
      const [document] = await t.store.documents.forAssessment(read.assessment.id)
      expect(document).toMatchObject({ fileName: '002.txt', sourceUrl: 'https://www.ofsted.gov.uk/report.txt' })
      expect(Buffer.from((await t.store.documents.original(read.extraction.documentHash)) ?? [])).toEqual(bytes)
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(document?.hash)
      // The database holds no bytes that are not the document's.
      await expect(
        t.store.documents.insert({ ...(document as StoredDocument), hash: 'f'.repeat(64) }, new Uint8Array([1, 2, 3])),
      ).rejects.toThrow(/documents_original_hash|check constraint/)
      // Its content is the document, block by block, each pointing into the text.
      const stored = await t.store.assessments.get(read.assessment.id)
      expect(stored.content.length).toBeGreaterThan(100)
      const text = document?.text ?? ''
      for (const b of stored.content.slice(0, 20)) expect(b.end).toBeLessThanOrEqual(text.length)
      // An export carries the originals, and an import refuses bytes that are not the document's.
      const exported = await exportStore(t.store)
      expect(exported.originals.map(o => o.hash)).toEqual([document?.hash])
      const forged = {
        ...exported,
        originals: [{ hash: document?.hash ?? '', base64: Buffer.from('x').toString('base64') }],
      }
      expect(() => parseExport(JSON.stringify(forged))).toThrow(/SHA-256 differs/)
    })

    it('holds originals and printed PDFs as they are, without compressing compressed bytes again', async () => {
      const { rows } = await sql<{
        column: string
        storage: string
      }>`select attrelid::regclass::text || '.' || attname as column, attstorage as storage
        from pg_attribute where (attrelid, attname) in (('documents'::regclass, 'original'), ('report_pdfs'::regclass, 'pdf'))
        order by 1`.execute(t.store.db)
      expect(rows).toEqual([
        { column: 'documents.original', storage: 'e' },
        { column: 'report_pdfs.pdf', storage: 'e' },
      ])
    })

    it("keeps the inspectorates' aspects for focus as such, never as recommendations to the council", async () => {
      const kent = await ingestFile(t.ctx, admin, file('004'), { publish: true })
      if (!kent.ok) throw new Error(kent.error)
      expect(kent.assessment.recommendations.map(r => r.timescaleId)).toEqual(Array(5).fill('aspect-for-focus'))
      expect((await authorityOverview(t.ctx, kent.assessment.authorityCode)).recommendations).toBeNull()
      const rbkc = await ingestFile(t.ctx, admin, file('000'), { publish: true })
      if (!rbkc.ok) throw new Error(rbkc.error)
      const overview = await authorityOverview(t.ctx, rbkc.assessment.authorityCode)
      expect(overview.recommendations?.items.map(r => [r.timescaleId, r.dueDate])).toEqual(
        Array(3).fill(['in-the-next-six-months', null]),
      )
      expect(overview.recommendations?.assessment.followsUp?.inspection).toBe('joint area review')
    })

    it('nothing read is public until a second person publishes it (issue 11, point 1)', async () => {
      // A forged letter: every grade the best the scale has.
      const forged = seed('003')
        .toString('utf8')
        .replace(/\b[1-3]\b(?=\s*$)/gm, '4')
      const read = await ingestFile(t.ctx, qa, { name: 'forged.txt', bytes: Buffer.from(forged) })
      if (!read.ok) throw new Error(read.error)
      expect(read.assessment).toMatchObject({ status: 'draft', origin: 'ingested', createdBy: qa.id })
      expect((await searchAssessments(t.ctx, null, everything)).total).toBe(0)
      // The person who read it cannot publish it …
      await expect(moveAssessment(t.ctx, qa, read.assessment.id, 1, 'published')).rejects.toThrow(ForbiddenError)
      await expect(moveAssessment(t.ctx, inspector, read.assessment.id, 1, 'published')).rejects.toThrow(ForbiddenError)
      // … a second quality assurer, having checked it against the document, does; the printed dates stay as read.
      const published = await moveAssessment(t.ctx, otherQa, read.assessment.id, 1, 'published')
      expect(published.status).toBe('published')
      expect(published.dates).toEqual(read.assessment.dates)
      expect((await searchAssessments(t.ctx, null, everything)).total).toBe(1)
      const audit = await t.store.audit.forAssessment(published.id)
      expect(audit.map(e => [e.action, e.actor])).toEqual([
        ['assessment.ingest', qa.id],
        ['assessment.published', otherQa.id],
      ])
    })

    it('only an administrator publishes on import, and the audit log says it was a trusted import', async () => {
      await expect(ingestFile(t.ctx, qa, file('003'), { publish: true })).rejects.toThrow(ForbiddenError)
      expect(await t.store.assessments.count()).toBe(0)
      const trusted = await ingestFile(t.ctx, admin, file('003'), { publish: true })
      expect(trusted).toMatchObject({ ok: true, status: 'created', assessment: { status: 'published' } })
      expect((await t.store.audit.all()).map(e => e.action)).toEqual(['assessment.import-published'])
    })

    it('a changed copy of a published letter becomes a correction awaiting verification, never an edit in place', async () => {
      const first = await ingestFile(t.ctx, admin, file('003'), { publish: true })
      if (!first.ok) throw new Error(first.error)
      const original = first.assessment
      const tampered = (to: string) => Buffer.from(seed('003').toString('utf8').replaceAll('Leeson', to))
      const copy = await ingestFile(t.ctx, inspector, { name: 'copy.txt', bytes: tampered('Forger') })
      if (!copy.ok) throw new Error(copy.error)
      expect(copy.status).toBe('correction')
      expect(copy.assessment).toMatchObject({ status: 'draft', edition: 2, supersedes: original.id })
      expect(copy.assessment.addressee?.name).toMatch(/Forger/)
      // The published edition is exactly as it was, and still the one the public sees.
      expect(await t.store.assessments.get(original.id)).toEqual(original)
      const seen = await searchAssessments(t.ctx, null, everything)
      expect(seen.items.map(i => i.id)).toEqual([original.id])
      // Another changed copy refreshes the open correction; it does not open a second one.
      const again = await ingestFile(t.ctx, inspector, { name: 'copy2.txt', bytes: tampered('Impostor') })
      expect(again).toMatchObject({ ok: true, status: 'updated', assessment: { id: copy.assessment.id } })
      expect(await t.store.assessments.count()).toBe(2)
      // Published by a second person, the correction replaces the edition it corrects in what the public sees.
      await moveAssessment(t.ctx, qa, copy.assessment.id, 2, 'published')
      const after = await searchAssessments(t.ctx, null, everything)
      expect(after.items.map(i => i.id)).toEqual([copy.assessment.id])
      expect(await t.store.assessments.get(original.id)).toEqual(original)
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

    it('says a page saved under a .pdf name is one, even when it names a kind of report', async () => {
      const listing =
        "<!doctype html><html><head><title>Ofsted | Lancashire</title></head><body><h1>Lancashire</h1><ul><li>Inspection of Lancashire local authority children's services</li></ul></body></html>"
      const o = await ingestFile(t.ctx, admin, { name: 'report.pdf', bytes: Buffer.from(listing) })
      expect(o.ok ? o.status : o.error).toMatch(
        /^the file is named \.pdf but is an HTML page \(a saved web or error page, not the report\); it reads as unsupported document: an inspection of local authority children's services \(ILACS\) report \(year not found\)/,
      )
      expect(await t.store.assessments.count()).toBe(0)
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
