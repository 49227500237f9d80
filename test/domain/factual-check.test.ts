import { describe, expect, it } from 'vitest'
import { assertAllAnswered, checkAnswer, FRAMEWORKS, factualCheck, stageNotice } from '../../src/domain/index.js'
import { FIXTURE_ID } from '../support/fixture-framework.js'

const settings = { workingDays: 5, source: 'test' }
const at = (iso: string) => new Date(`${iso}T12:00:00Z`)

describe('the factual accuracy check', () => {
  it('gives every framework a window in working days, saying whose number it is', () => {
    // Every shipped one: not the fixture framework, which a test file may have registered before this one.
    for (const f of FRAMEWORKS.filter(x => x.id !== FIXTURE_ID)) {
      expect(f.factualAccuracyCheck?.workingDays, f.id).toBeGreaterThan(0)
      expect(f.factualAccuracyCheck?.source, f.id).toMatch(/project's choice|Ofsted/)
    }
  })

  it('closes at the end of the window’s last working day, skipping weekends and bank holidays', () => {
    // Sent on Friday 18 December 2026: Christmas Day (Friday 25th) and Boxing Day (observed Monday 28th) are not working days.
    const base = { sentAt: '2026-12-18T10:00:00.000Z', settings, comments: [], answers: [], ended: null }
    const open = factualCheck({ ...base, now: at('2026-12-29') })
    expect(open.deadline).toBe('2026-12-29')
    expect(open.open).toBe(true)
    expect(factualCheck({ ...base, now: at('2026-12-30') }).open).toBe(false)
    // No window, or no date it counts from: open until the officers say they have no more comments.
    expect(factualCheck({ ...base, settings: undefined, now: at('2030-01-01') })).toMatchObject({
      deadline: null,
      open: true,
    })
    const ended = { assessmentId: 'a', authorId: 'o', authorName: 'O', at: '2026-12-21T09:00:00.000Z' }
    expect(factualCheck({ ...base, ended, now: at('2026-12-21') }).open).toBe(false)
  })

  it('refuses to publish while a comment is unanswered', () => {
    const check = factualCheck({
      sentAt: null,
      settings,
      comments: [{ id: 'c1' }, { id: 'c2' }],
      answers: [{ commentId: 'c1' }],
      ended: null,
      now: at('2026-12-01'),
    })
    expect(check.unanswered).toEqual(['c2'])
    expect(() => assertAllAnswered(check)).toThrow(/while a factual accuracy comment is unanswered/)
    expect(() => assertAllAnswered({ unanswered: [] })).not.toThrow()
  })

  it('takes an answer only with its outcome and the change made or the reason', () => {
    expect(checkAnswer({ outcome: 'accepted', text: ' Corrected. ' })).toEqual({
      outcome: 'accepted',
      text: 'Corrected.',
    })
    expect(() => checkAnswer({ outcome: 'not-accepted', text: '' })).toThrow('Enter the reason it is not accepted')
    expect(() => checkAnswer({ outcome: 'maybe', text: 'x' })).toThrow('Select whether the comment is accepted')
  })

  it('names the stage and who acts next', () => {
    expect(stageNotice('quality-assurance', 'Quality assurance')).toMatch(
      /^The assessment is now at: Quality assurance\. Next: A quality assurer/,
    )
  })
})
