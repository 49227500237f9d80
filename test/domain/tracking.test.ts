import { describe, expect, it } from 'vitest'
import {
  currentStatus,
  isOverdue,
  laterReportCandidates,
  laterReportsLinked,
  mayConfirm,
  mayRecordProgress,
  maySeeProgressNotes,
  maySetRecommendationStatus,
  RECOMMENDATION_STATUSES,
  sameRecommendation,
} from '../../src/domain/index.js'
import { admin, inspector, officer, qa } from './support.js'

const otherOfficer = { id: 'la-2', role: 'authority-officer', authorityCode: 'E09000007' } as const

describe('recommendations tracked to closure', () => {
  it('an authority’s officers record progress; only they, and only in progress', () => {
    expect(mayRecordProgress(officer, 'E09000020')).toBe(true)
    expect(mayRecordProgress(otherOfficer, 'E09000020')).toBe(false)
    expect(mayRecordProgress(inspector, 'E09000020')).toBe(false)
    expect(mayRecordProgress(null, 'E09000020')).toBe(false)
    for (const s of RECOMMENDATION_STATUSES)
      expect(maySetRecommendationStatus(officer, 'E09000020', s, 'met'), s).toBe(s === 'in-progress')
    // A note alone leaves an open or in-progress recommendation as it is; it never reopens a confirmed one.
    expect(maySetRecommendationStatus(officer, 'E09000020', 'open', 'open')).toBe(true)
    expect(maySetRecommendationStatus(officer, 'E09000020', 'in-progress', 'in-progress')).toBe(true)
    expect(maySetRecommendationStatus(officer, 'E09000020', 'met', 'met')).toBe(false)
    for (const s of RECOMMENDATION_STATUSES)
      expect(maySetRecommendationStatus(otherOfficer, 'E09000020', s), s).toBe(false)
  })

  it('inspectors and quality assurers confirm, or open again; administrators and the public do nothing', () => {
    for (const actor of [inspector, qa]) {
      expect(mayConfirm(actor)).toBe(true)
      for (const s of RECOMMENDATION_STATUSES) expect(maySetRecommendationStatus(actor, 'E09000020', s)).toBe(true)
    }
    for (const actor of [admin, null]) {
      expect(mayConfirm(actor)).toBe(false)
      for (const s of RECOMMENDATION_STATUSES) expect(maySetRecommendationStatus(actor, 'E09000020', s)).toBe(false)
    }
  })

  it('notes are seen by staff and the authority’s own officers only', () => {
    expect(maySeeProgressNotes(inspector, 'E09000020')).toBe(true)
    expect(maySeeProgressNotes(qa, 'E09000020')).toBe(true)
    expect(maySeeProgressNotes(officer, 'E09000020')).toBe(true)
    expect(maySeeProgressNotes(otherOfficer, 'E09000020')).toBe(false)
    expect(maySeeProgressNotes(admin, 'E09000020')).toBe(false)
    expect(maySeeProgressNotes(null, 'E09000020')).toBe(false)
  })

  it('is overdue only while open or in progress and past its due date', () => {
    expect(isOverdue('open', '2008-01-01', '2012-05-29')).toBe(true)
    expect(isOverdue('in-progress', '2008-01-01', '2012-05-29')).toBe(true)
    for (const s of ['met', 'not-met', 'superseded'] as const)
      expect(isOverdue(s, '2008-01-01', '2012-05-29')).toBe(false)
    expect(isOverdue('open', '2012-05-29', '2012-05-29')).toBe(false)
    expect(isOverdue('open', null, '2012-05-29')).toBe(false)
  })

  it('the latest update is the status; none is open', () => {
    expect(currentStatus([])).toBe('open')
    expect(
      currentStatus([
        { at: '2010-01-01T00:00:00Z', status: 'in-progress' },
        { at: '2011-01-01T00:00:00Z', status: 'met' },
        { at: '2012-01-01T00:00:00Z', status: 'open' },
      ]),
    ).toBe('open')
  })
})

describe('recommendations linked to later reports and carried to corrections', () => {
  it('suggests the authority’s reports dated after the one that made it, oldest first; never itself or the undated', () => {
    const reports = [
      { id: 'r2015', date: '2015-03-01' },
      { id: 'r2009', date: '2009-12-09' },
      { id: 'r2012', date: '2012-05-29' },
      { id: 'undated', date: null },
    ]
    expect(laterReportCandidates({ id: 'r2009', date: '2009-12-09' }, reports).map(r => r.id)).toEqual([
      'r2012',
      'r2015',
    ])
    expect(laterReportCandidates({ id: 'r2015', date: '2015-03-01' }, reports)).toEqual([])
    // A report of the same day is not later; nor is anything later than an undated report known to be.
    expect(laterReportCandidates({ id: 'x', date: '2012-05-29' }, reports).map(r => r.id)).toEqual(['r2015'])
    expect(laterReportCandidates({ id: 'undated', date: null }, reports)).toEqual([])
  })

  it('lists each linked report once, in the order linked', () => {
    expect(
      laterReportsLinked([
        { laterAssessmentId: null },
        { laterAssessmentId: 'b' },
        { laterAssessmentId: 'a' },
        { laterAssessmentId: 'b' },
      ]),
    ).toEqual(['b', 'a'])
  })

  it('matches a correction’s recommendation to the earlier edition’s by id, or else by its words', () => {
    const earlier = [
      { id: 'r1', text: 'Improve the timeliness of initial assessments.' },
      { id: 'r2', text: 'Evaluate joint services' },
    ]
    expect(sameRecommendation(earlier, { id: 'r2', text: 'Reworded entirely' })?.id).toBe('r2')
    expect(sameRecommendation(earlier, { id: 'new', text: '  evaluate   JOINT services ' })?.id).toBe('r2')
    expect(sameRecommendation(earlier, { id: 'new', text: 'Something else' })).toBeUndefined()
  })
})
