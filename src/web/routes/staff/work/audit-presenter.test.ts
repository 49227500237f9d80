import nunjucks from 'nunjucks'
import { describe, expect, it } from 'vitest'
import {
  type Assessment,
  addRecommendation,
  createAssessment,
  getFramework,
  recordJudgement,
  sign,
  updateDetails,
} from '../../../../domain/index.js'
import { auditChanges } from './audit-presenter.js'

const inspector = { id: 'inspector', role: 'inspector' } as const
const qa = { id: 'qa', role: 'quality-assurer' } as const
const NOW = new Date('2012-06-01T10:00:00Z')
const f = getFramework('slac-2012')
const AREA = 'safeguarding.overall-effectiveness'

function draft(): Assessment {
  return createAssessment(
    { id: '00000000-0000-4000-8000-000000000001', framework: f, authorityCode: 'E09000020', dates: {} },
    inspector,
    NOW,
  )
}
const judgement = (a: Assessment) => a.judgements.find(j => j.areaId === AREA) ?? null

describe('the audit trail in words, each value before and after', () => {
  it('gives a judgement’s grade as printed, and says how its texts changed', () => {
    const first = recordJudgement(draft(), f, { areaId: AREA, grade: 3, narrative: 'Help is timely.' }, inspector, NOW)
    const second = recordJudgement(
      first,
      f,
      { areaId: AREA, grade: 2, narrative: 'Help is timely and well planned.', strengths: ['Strong leadership'] },
      inspector,
      NOW,
    )
    const entry = (before: unknown, after: unknown) => ({
      action: 'judgement.record',
      entityId: `${first.id}/${AREA}`,
      before,
      after,
    })
    expect(auditChanges(f, entry(judgement(first), judgement(second)))).toEqual([
      'Grade for Safeguarding services, Overall effectiveness: 3 (Adequate) → 2 (Good)',
      'Narrative for Safeguarding services, Overall effectiveness: 3 words → 6 words',
      'Strengths for Safeguarding services, Overall effectiveness: 0 → 1',
    ])
    expect(auditChanges(f, entry(null, judgement(first)))).toEqual([
      'Grade for Safeguarding services, Overall effectiveness: no grade → 3 (Adequate)',
      'Narrative for Safeguarding services, Overall effectiveness: none → 3 words',
    ])
    // Nothing changed, or an entry in a shape it does not know: no line, never a guess.
    expect(auditChanges(f, entry(judgement(first), judgement(first)))).toEqual([])
    expect(auditChanges(f, entry('garbled', 42))).toEqual([])
  })

  it('gives a move’s stage and dates, the details and a signature, in words and GOV.UK dates', () => {
    const a = draft()
    const dated = updateDetails(a, f, { dates: { ...a.dates, published: '2012-05-29' } }, inspector, NOW)
    const value = (x: Assessment) => ({ dates: x.dates, addressee: x.addressee, summary: x.summary })
    expect(
      auditChanges(f, { action: 'assessment.details', entityId: a.id, before: value(a), after: value(dated) }),
    ).toEqual(['Date of publication: none → 29 May 2012'])
    const signed = sign(a, f, { name: 'Jane Smith', title: 'Divisional Manager', organisation: null }, qa, NOW)
    expect(
      auditChanges(f, {
        action: 'assessment.sign',
        entityId: a.id,
        before: { signatories: a.signatories },
        after: { signatories: signed.signatories },
      }),
    ).toEqual(['Signed by: none → Jane Smith, Divisional Manager'])
    expect(
      auditChanges(f, {
        action: 'assessment.quality-assurance',
        entityId: a.id,
        before: { status: 'draft', dates: a.dates },
        after: { status: 'quality-assurance', dates: a.dates },
      }),
    ).toEqual(['Stage: Draft → Quality assurance'])
    // A report read again holds the whole assessment before and after: its judgements are compared area by area.
    const judged = recordJudgement(a, f, { areaId: AREA, grade: 3 }, inspector, NOW)
    const reread = recordJudgement(judged, f, { areaId: AREA, grade: 4 }, inspector, NOW)
    expect(auditChanges(f, { action: 'assessment.reingest', entityId: a.id, before: judged, after: reread })).toEqual([
      'Grade for Safeguarding services, Overall effectiveness: 3 (Adequate) → 4 (Inadequate)',
    ])
    // The creation holds no before to compare with.
    expect(auditChanges(f, { action: 'assessment.create', entityId: a.id, before: null, after: a })).toEqual([])
  })

  it('gives a recommendation’s text when added, and its status and note when progress is recorded', () => {
    const a = addRecommendation(
      draft(),
      f,
      { id: 'r1', areaId: null, text: 'Improve the timeliness of assessments.', timescaleId: 'within-three-months' },
      inspector,
      NOW,
    )
    const r = a.recommendations[0]
    expect(auditChanges(f, { action: 'recommendation.add', entityId: `${a.id}/r1`, before: null, after: r })).toEqual([
      'Recommendation: none → “Improve the timeliness of assessments.”',
    ])
    expect(
      auditChanges(f, {
        action: 'recommendation.update',
        entityId: `${a.id}/r1`,
        before: { status: 'open' },
        after: { status: 'in-progress', note: 'A new duty team started in March.' },
      }),
    ).toEqual(['Status: Open → In progress', 'Progress note: “A new duty team started in March.”'])
  })

  it('the partial lists each change under what was done, escaped', () => {
    const views = new nunjucks.Environment(new nunjucks.FileSystemLoader('src/web/routes'), { autoescape: true })
    const html = views.render('staff/work/audit-trail.njk', {
      audit: [
        {
          at: '1 June 2012 at 10:00:00',
          who: 'Ann (inspector)',
          what: 'Recorded the judgement',
          changes: ['Grade: 3 (Adequate) → 2 (Good)', '<b>'],
        },
        { at: '1 June 2012 at 10:01:00', who: 'Ann (inspector)', what: 'Created the assessment', changes: [] },
      ],
    })
    expect(html).toContain('<li>Grade: 3 (Adequate) → 2 (Good)</li><li>&lt;b&gt;</li>')
    expect(html.match(/data-qa="audit-changes"/g)).toHaveLength(1)
  })
})
