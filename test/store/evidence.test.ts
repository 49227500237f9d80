import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { createAssessment, moveAssessment, recordJudgement } from '../../src/app/assessments.js'
import {
  addEvidence,
  addSummaryToAbout,
  attachEvidenceFile,
  evidenceFile,
  evidenceLog,
  linkEvidenceItem,
  purgeEvidence,
  readSelfAssessment,
  submitSelfAssessment,
} from '../../src/app/evidence.js'
import { exportStore, importStore, parseExport } from '../../src/app/transfer.js'
import {
  ForbiddenError,
  ImmutableError,
  MAX_EVIDENCE_FILE_BYTES,
  NotFoundError,
  ValidationError,
} from '../../src/domain/index.js'
import { admin, inspector, officer, qa } from '../domain/support.js'
import { publishedApa } from '../support/apa.js'
import { BACKENDS, dropTestDatabases, storePerTest, testContext } from '../support/stores.js'

afterAll(dropTestDatabases)

const audit = (ref: string, areaIds: string[] = []) => ({
  kind: 'case-audit' as const,
  title: `Case file ${ref}`,
  caseReference: ref,
  findings: [{ aspect: 'planning', rating: 'good' }],
  areaIds,
})

for (const backend of BACKENDS) {
  describe.skipIf(!backend.available)(`the inspection's evidence, on ${backend.name}`, () => {
    const t = storePerTest(backend)

    const slac = async () => {
      let a = await createAssessment(t.ctx, inspector, { frameworkId: 'slac-2012', authorityCode: 'E09000020' })
      a = await recordJudgement(t.ctx, inspector, a.id, a.version, {
        areaId: 'safeguarding.overall-effectiveness',
        grade: 2,
      })
      return a
    }

    it('records, links and attaches, each change audited in its transaction; the log filters by area and kind', async () => {
      const a = await slac()
      const bytes = new TextEncoder().encode('audit notes')
      const one = await addEvidence(
        t.ctx,
        inspector,
        'Ivy',
        a.id,
        audit('4471', ['safeguarding.overall-effectiveness']),
        [{ fileName: 'notes.txt', mediaType: 'text/plain', bytes }],
      )
      expect(one.files.map(f => [f.fileName, f.bytes, f.sha256])).toEqual([
        ['notes.txt', bytes.length, createHash('sha256').update(bytes).digest('hex')],
      ])
      const two = await addEvidence(t.ctx, qa, 'Quinn', a.id, {
        kind: 'meeting',
        title: 'Team managers',
        participants: [{ role: 'Team manager', count: 4 }],
      })
      await linkEvidenceItem(t.ctx, inspector, a.id, two.id, ['safeguarding.safe-and-feel-safe'])
      const file = await evidenceFile(t.ctx, qa, a.id, one.id, one.files[0]?.id as string)
      expect(new TextDecoder().decode(file.content)).toBe('audit notes')

      const log = await evidenceLog(t.ctx, inspector, a.id)
      expect(log.summary).toBe('1 case file and 1 meeting or interview')
      expect(log.about).toBe('Inspectors drew on 1 case file and 1 meeting or interview.')
      expect(log.findings).toEqual([])
      expect((await evidenceLog(t.ctx, inspector, a.id, { kind: 'meeting' })).shown.map(i => i.id)).toEqual([two.id])
      expect(
        (await evidenceLog(t.ctx, inspector, a.id, { areaId: 'safeguarding.overall-effectiveness' })).shown.map(
          i => i.id,
        ),
      ).toEqual([one.id])

      const trail = (await t.store.audit.forAssessment(a.id)).filter(e => e.action.startsWith('evidence.'))
      expect(trail.map(e => [e.action, e.actor])).toEqual([
        ['evidence.add', inspector.id],
        ['evidence.attach', inspector.id],
        ['evidence.add', qa.id],
        ['evidence.link', inspector.id],
      ])
      expect((await t.store.audit.verify()).firstBad).toBeNull()

      // The summary is offered to About this inspection, once.
      const withAbout = await addSummaryToAbout(t.ctx, inspector, a.id, (await t.store.assessments.get(a.id)).version)
      expect(withAbout.about).toBe('Inspectors drew on 1 case file and 1 meeting or interview.')
      await expect(addSummaryToAbout(t.ctx, inspector, a.id, withAbout.version)).rejects.toThrow(/already says so/)
    })

    it('refuses bad input and those outside the team, storing nothing', async () => {
      const a = await slac()
      await expect(addEvidence(t.ctx, inspector, 'Ivy', a.id, audit('Jane Smith'))).rejects.toThrow(ValidationError)
      await expect(
        addEvidence(t.ctx, inspector, 'Ivy', a.id, audit('4471'), [
          { fileName: 'big.bin', mediaType: '', bytes: new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 1) },
        ]),
      ).rejects.toThrow(/larger than 10 MB/)
      for (const who of [officer, admin])
        await expect(addEvidence(t.ctx, who, 'X', a.id, audit('4471'))).rejects.toThrow(NotFoundError)
      await expect(evidenceLog(t.ctx, null, a.id)).rejects.toThrow(NotFoundError)
      expect(await t.store.evidence.forAssessment(a.id)).toEqual([])
      // The database itself refuses a file whose bytes are not its SHA-256, and a name as a case reference.
      const item = await addEvidence(t.ctx, inspector, 'Ivy', a.id, audit('4471'))
      await expect(
        attachEvidenceFile(t.ctx, inspector, a.id, item.id, {
          fileName: '../etc/x',
          mediaType: '',
          bytes: new Uint8Array([1]),
        }),
      ).rejects.toThrow(/without a path/)
      const attached = await attachEvidenceFile(t.ctx, inspector, a.id, item.id, {
        fileName: 'x.bin',
        mediaType: '',
        bytes: new Uint8Array([1]),
      })
      expect(attached.files.map(f => [f.fileName, f.mediaType])).toEqual([['x.bin', 'application/octet-stream']])
      await expect(
        t.store.evidence.attach(
          item.id,
          { id: t.ctx.newId(), fileName: 'x', mediaType: 'text/plain', bytes: 1, sha256: '0'.repeat(64) },
          new Uint8Array([1]),
        ),
      ).rejects.toThrow(/evidence_files_hash/)
      await expect(
        sql`update evidence_items set case_reference = 'Jane Smith' where id = ${item.id}`.execute(t.store.db),
      ).rejects.toThrow(/evidence_items_case_reference/)
    })

    it('after the retention period, deletes the evidence, keeps the counts and audits the deletion', async () => {
      const a = await publishedApaWithEvidence()
      const early = testContext(t.store, new Date('2008-11-25T12:00:00Z'))
      expect(await purgeEvidence(early, admin)).toEqual([])
      await expect(purgeEvidence(t.ctx, inspector)).rejects.toThrow(ForbiddenError)
      const late = testContext(t.store, new Date('2008-11-26T12:00:00Z'))
      expect((await purgeEvidence(late, admin, { dryRun: true })).map(p => p.assessmentId)).toEqual([a.id])
      expect(await t.store.evidence.forAssessment(a.id)).toHaveLength(3)
      const purged = await purgeEvidence(late, admin)
      expect(purged).toEqual([
        {
          assessmentId: a.id,
          retentionEnded: '2008-11-26',
          counts: { 'case-audit': 2, meeting: 1, document: 0, survey: 0, observation: 0 },
        },
      ])
      expect(await t.store.evidence.forAssessment(a.id)).toEqual([])
      expect(await sql`select count(*)::int as n from evidence_files`.execute(t.store.db)).toMatchObject({
        rows: [{ n: 0 }],
      })
      const log = await evidenceLog(late, inspector, a.id)
      expect([log.summary, log.purged !== null, log.items]).toEqual([
        '2 case files and 1 meeting or interview',
        true,
        [],
      ])
      const entries = (await t.store.audit.forAssessment(a.id)).filter(e => e.action === 'evidence.purge')
      expect(entries.map(e => [e.actor, (e.after as { counts: unknown }).counts])).toEqual([
        [admin.id, { 'case-audit': 2, meeting: 1, document: 0, survey: 0, observation: 0 }],
      ])
      expect((await t.store.audit.verify()).firstBad).toBeNull()
    })

    it('is not changed once the assessment is published', async () => {
      const a = await publishedApaWithEvidence()
      const [item] = await t.store.evidence.forAssessment(a.id)
      await expect(addEvidence(t.ctx, inspector, 'Ivy', a.id, audit('9'))).rejects.toThrow(ImmutableError)
      await expect(linkEvidenceItem(t.ctx, inspector, a.id, item?.id as string, [])).rejects.toThrow(ImmutableError)
    })

    it('export carries evidence and files unless their retention has passed; import restores them', async () => {
      const a = await publishedApaWithEvidence()
      const b = await slac()
      await addEvidence(t.ctx, inspector, 'Ivy', b.id, audit('77'), [
        { fileName: 'a.txt', mediaType: 'text/plain', bytes: new Uint8Array([65]) },
      ])
      await submitSelfAssessment(t.ctx, officer, 'Ann', {
        authorityCode: 'E09000020',
        frameworkId: 'apa-2007',
        year: 2007,
        areas: [{ areaId: 'staying-safe', grade: 3, narrative: 'Sound.' }],
      })
      const within = await exportStore(t.store, '2008-11-25')
      expect(within.evidence.map(i => i.assessmentId).sort()).toEqual([a.id, a.id, a.id, b.id].sort())
      const past = await exportStore(t.store, '2008-11-26')
      expect(past.evidence.map(i => i.assessmentId)).toEqual([b.id])
      expect(past.evidenceFiles).toHaveLength(1)
      expect(past.evidenceSummaries.map(s => s.assessmentId)).toEqual([a.id])
      const target = await backend.open()
      try {
        await importStore(target, parseExport(JSON.stringify(past)))
        const ctx = testContext(target)
        expect((await evidenceLog(ctx, inspector, b.id)).items.map(i => i.files.length)).toEqual([1])
        expect((await evidenceLog(ctx, inspector, a.id)).summary).toBe('2 case files and 1 meeting or interview')
        expect((await readSelfAssessment(ctx, inspector, 'E09000020', 'apa-2007', 2007)).areas).toHaveLength(1)
      } finally {
        await target.close()
      }
      // A file whose bytes are not its SHA-256 is refused before anything is written.
      const bad = { ...past, evidenceFiles: past.evidenceFiles.map(f => ({ ...f, base64: 'QkFE' })) }
      expect(() => parseExport(JSON.stringify(bad))).toThrow(/SHA-256/)
    })

    it('takes the council’s self-assessment from its officer, shown beside the judgements, hidden from others', async () => {
      const a = await slac()
      const year = Number(a.createdAt.slice(0, 4))
      const input = {
        authorityCode: 'E09000020',
        frameworkId: 'slac-2012',
        year,
        areas: [{ areaId: 'safeguarding.overall-effectiveness', grade: 1, narrative: 'Outstanding, we say.' }],
      }
      await expect(submitSelfAssessment(t.ctx, inspector, 'Ivy', input)).rejects.toThrow(ForbiddenError)
      await expect(
        submitSelfAssessment(t.ctx, { ...officer, authorityCode: 'E09000007' }, 'Other', input),
      ).rejects.toThrow(ForbiddenError)
      await submitSelfAssessment(t.ctx, officer, 'Ann', input)
      const log = await evidenceLog(t.ctx, inspector, a.id)
      expect(log.selfAssessment?.areas.map(x => [x.areaId, x.council, x.inspectors, x.agreement])).toEqual([
        ['safeguarding.overall-effectiveness', 1, 2, 'inspectors-lower'],
      ])
      expect((await readSelfAssessment(t.ctx, officer, 'E09000020', 'slac-2012', year)).submittedByName).toBe('Ann')
      for (const who of [null, admin, { ...officer, authorityCode: 'E09000007' }])
        await expect(readSelfAssessment(t.ctx, who, 'E09000020', 'slac-2012', year)).rejects.toThrow(NotFoundError)
      const entries = await t.store.audit.forEntity('self-assessment', `E09000020/slac-2012/${year}`)
      expect(entries.map(e => e.action)).toEqual(['self-assessment.submit'])
    })

    /** An APA 2007 letter of 26 November 2007 with three items of evidence, then published. */
    async function publishedApaWithEvidence() {
      const draft = await publishedApa(t.ctx, 'factual-accuracy-check')
      await addEvidence(t.ctx, inspector, 'Ivy', draft.id, audit('1', ['staying-safe']))
      await addEvidence(t.ctx, inspector, 'Ivy', draft.id, audit('2', ['staying-safe']), [
        { fileName: 'f.txt', mediaType: 'text/plain', bytes: new Uint8Array([1, 2]) },
      ])
      await addEvidence(t.ctx, inspector, 'Ivy', draft.id, { kind: 'meeting', title: 'Managers' })
      const a = await t.store.assessments.get(draft.id)
      return moveAssessment(t.ctx, qa, a.id, a.version, 'published')
    }
  })
}
