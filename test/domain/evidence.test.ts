import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  aboutSentence,
  agreement,
  countEvidence,
  describeCounts,
  type EvidenceInput,
  evidenceFindings,
  evidenceFor,
  FRAMEWORKS,
  getFramework,
  isPastRetention,
  linkEvidence,
  makeEvidence,
  makeSelfAssessment,
  maySeeEvidence,
  maySeeSelfAssessment,
  retentionEnds,
  ValidationError,
} from '../../src/domain/index.js'
import { APA_ALL_GOOD, admin, draftWith, inspector, NOW, officer, qa } from './support.js'

const apa = getFramework('apa-2007')
const meta = () => ({ id: randomUUID(), by: inspector.id, byName: 'Ivy Inspector', at: NOW })
const caseAudit = (ref: string, extra: Partial<EvidenceInput> = {}): EvidenceInput => ({
  kind: 'case-audit',
  title: `Case file ${ref}`,
  caseReference: ref,
  findings: [
    { aspect: 'planning', rating: 'adequate' },
    { aspect: 'assessment', rating: 'good' },
  ],
  ...extra,
})

describe('evidence items', () => {
  it('every shipped framework declares its audit aspects, scale, self-assessment and retention, and says whose', () => {
    for (const f of FRAMEWORKS.filter(x => !x.id.startsWith('moon'))) {
      expect(f.evidence, f.id).toBeDefined()
      for (const s of [f.evidence?.caseAudit.source, f.evidence?.selfAssessment.source, f.evidence?.retention.source])
        expect(s, f.id).toMatch(/project's choice|Ofsted’s/)
    }
  })

  it('a case audit grades the framework’s aspects in its scale, in the framework’s order', () => {
    const a = draftWith('apa-2007', APA_ALL_GOOD)
    const item = makeEvidence(apa, a, caseAudit('LA-4471', { areaIds: ['staying-safe', 'being-healthy'] }), meta())
    expect(item.findings.map(f => f.aspect)).toEqual(['assessment', 'planning'])
    expect(item.areaIds).toEqual(['being-healthy', 'staying-safe'])
    expect(item.caseReference).toBe('LA-4471')
    expect(() =>
      makeEvidence(apa, a, caseAudit('4471', { findings: [{ aspect: 'haircut', rating: 'good' }] }), meta()),
    ).toThrow(/grades no aspect "haircut"/)
    expect(() =>
      makeEvidence(
        apa,
        a,
        caseAudit('4471', { findings: [{ aspect: 'planning', rating: 'requires-improvement' }] }),
        meta(),
      ),
    ).toThrow(/not a rating/)
    expect(() => makeEvidence(apa, a, caseAudit('4471', { areaIds: ['help-and-protection'] }), meta())).toThrow(
      /judges no area help-and-protection/,
    )
  })

  it('never takes a name for a case reference', () => {
    const a = draftWith('apa-2007', {})
    for (const name of ['Jane Smith', 'JaneSmith', 'J. Smith', '', 'Tom'])
      expect(() => makeEvidence(apa, a, caseAudit(name), meta()), name).toThrow(/never a child’s name/)
    for (const ref of ['4471', 'CF/2012/0093', 'ABC123', 'k.55_1'])
      expect(makeEvidence(apa, a, caseAudit(ref), meta()).caseReference).toBe(ref)
  })

  it('keeps each kind’s fields to its kind', () => {
    const a = draftWith('apa-2007', {})
    expect(() => makeEvidence(apa, a, { kind: 'meeting', title: '  ' }, meta())).toThrow(/Enter a short description/)
    expect(() => makeEvidence(apa, a, { kind: 'meeting', title: 'Managers', caseReference: '4471' }, meta())).toThrow(
      /belong only to a case file audit/,
    )
    expect(() =>
      makeEvidence(apa, a, { kind: 'survey', title: 'Care4Me', participants: [{ role: 'Carers', count: 3 }] }, meta()),
    ).toThrow(/belong only to a meeting/)
    const m = makeEvidence(
      apa,
      a,
      { kind: 'meeting', title: 'Team managers', participants: [{ role: 'Team manager', count: 4 }] },
      meta(),
    )
    expect([m.caseReference, m.participants]).toEqual([null, [{ role: 'Team manager', count: 4 }]])
  })

  it('links to judgements, lists what each judgement draws on, and advises on graded areas with none', () => {
    const a = draftWith('apa-2007', APA_ALL_GOOD)
    const one = makeEvidence(apa, a, caseAudit('1001', { areaIds: ['staying-safe'] }), meta())
    const two = linkEvidence(apa, a, makeEvidence(apa, a, caseAudit('1002'), meta()), ['staying-safe', 'being-healthy'])
    expect(evidenceFor([one, two], 'staying-safe')).toEqual([one, two])
    expect(evidenceFor([one, two], 'being-healthy')).toEqual([two])
    const advice = evidenceFindings(apa, a, [one, two], false)
    expect(advice.map(f => f.areaId)).toEqual([
      'overall-effectiveness',
      'enjoying-and-achieving',
      'making-a-positive-contribution',
      'achieving-economic-well-being',
      'capacity-to-improve',
    ])
    expect(advice.every(f => f.status === 'house' && !f.blocking && f.severity === 'warning')).toBe(true)
    // An ungraded area needs none; purged evidence and reports read from documents are not advised on.
    expect(evidenceFindings(apa, draftWith('apa-2007', { 'staying-safe': 3 }), [one], false)).toEqual([])
    expect(evidenceFindings(apa, a, [], true)).toEqual([])
    expect(evidenceFindings(apa, { ...a, origin: 'ingested' }, [], false)).toEqual([])
  })

  it('summarises the counts in words, as offered to About this inspection', () => {
    const a = draftWith('apa-2007', {})
    const items = [
      ...Array.from({ length: 86 }, (_, i) => makeEvidence(apa, a, caseAudit(String(1000 + i)), meta())),
      ...Array.from({ length: 32 }, () => makeEvidence(apa, a, { kind: 'meeting', title: 'Meeting' }, meta())),
      makeEvidence(apa, a, { kind: 'survey', title: 'Care4Me', respondents: 40 }, meta()),
    ]
    const counts = countEvidence(items)
    expect(counts).toEqual({ 'case-audit': 86, meeting: 32, document: 0, survey: 1, observation: 0 })
    expect(describeCounts(counts)).toBe('86 case files, 32 meetings and interviews and 1 survey')
    expect(aboutSentence(counts)).toBe('Inspectors drew on 86 case files, 32 meetings and interviews and 1 survey.')
    expect(describeCounts(countEvidence([]))).toBe('')
    expect(aboutSentence(countEvidence([]))).toBeNull()
  })

  it('is kept for the framework’s retention period after publication, and an undated report is never purged', () => {
    const a = draftWith('apa-2007', {})
    const published = { ...a, status: 'published' as const, dates: { ...a.dates, letter: '2007-11-26' } }
    expect(retentionEnds(apa, a)).toBeNull()
    expect(retentionEnds(apa, published)).toBe('2008-11-26')
    expect(isPastRetention(apa, published, '2008-11-25')).toBe(false)
    expect(isPastRetention(apa, published, '2008-11-26')).toBe(true)
    const sif = getFramework('sif-2013')
    const undated = { ...published, dates: { ...a.dates, letter: '2015-01-01', published: null } }
    expect(retentionEnds(sif, undated)).toBeNull()
    expect(isPastRetention(sif, undated, '2099-01-01')).toBe(false)
  })

  it('belongs to the inspection team only', () => {
    expect([inspector, qa, officer, admin, null].map(maySeeEvidence)).toEqual([true, true, false, false, false])
  })
})

describe('the council’s self-assessment', () => {
  const by = { by: officer.id, byName: 'Ann Officer', at: NOW }

  it('takes grades on the framework’s scale for its areas, and says where inspectors agree', () => {
    const s = makeSelfAssessment(
      apa,
      {
        authorityCode: 'E09000020',
        year: 2007,
        areas: [
          { areaId: 'staying-safe', grade: 4, narrative: 'Strong.' },
          { areaId: 'being-healthy', grade: 3, narrative: '' },
          { areaId: 'enjoying-and-achieving', grade: null, narrative: '  ' },
        ],
      },
      by,
    )
    expect(s.areas.map(x => x.areaId)).toEqual(['being-healthy', 'staying-safe'])
    expect(agreement(apa, 3, 3)).toBe('agrees')
    expect(agreement(apa, 3, 4)).toBe('inspectors-lower')
    expect(agreement(apa, 4, 2)).toBe('inspectors-higher')
    // The 2012 scale runs the other way: 1 is outstanding.
    expect(agreement(getFramework('slac-2012'), 1, 2)).toBe('inspectors-higher')
    expect(agreement(apa, null, 3)).toBeNull()
    expect(() =>
      makeSelfAssessment(
        apa,
        { authorityCode: 'E09000020', year: 2007, areas: [{ areaId: 'x', grade: 3, narrative: '' }] },
        by,
      ),
    ).toThrow(/judges no area x/)
    expect(() =>
      makeSelfAssessment(
        apa,
        { authorityCode: 'E09000020', year: 2007, areas: [{ areaId: 'staying-safe', grade: 9, narrative: '' }] },
        by,
      ),
    ).toThrow(ValidationError)
    expect(() => makeSelfAssessment(apa, { authorityCode: 'E09000020', year: 2019, areas: [] }, by)).toThrow(
      /runs from 2007/,
    )
  })

  it('is seen by the team and the council’s officers; by others only where the framework publishes it', () => {
    const unpublished = { byFramework: false, assessment: true }
    expect(maySeeSelfAssessment(inspector, 'E09000020', unpublished)).toBe(true)
    expect(maySeeSelfAssessment(officer, 'E09000020', unpublished)).toBe(true)
    expect(maySeeSelfAssessment({ ...officer, authorityCode: 'E09000007' }, 'E09000020', unpublished)).toBe(false)
    expect(maySeeSelfAssessment(null, 'E09000020', unpublished)).toBe(false)
    expect(maySeeSelfAssessment(admin, 'E09000020', unpublished)).toBe(false)
    expect(maySeeSelfAssessment(null, 'E09000020', { byFramework: true, assessment: true })).toBe(true)
    expect(maySeeSelfAssessment(null, 'E09000020', { byFramework: true, assessment: false })).toBe(false)
  })
})
