import { describe, expect, it } from 'vitest'
import {
  currentStatus,
  isOverdue,
  mayConfirm,
  mayRecordProgress,
  maySeeProgressNotes,
  maySetRecommendationStatus,
  RECOMMENDATION_STATUSES,
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
