import { describe, expect, it } from 'vitest'
import {
  createAssessment,
  detailsProblems,
  EMPTY_DATES,
  getFramework,
  isoFromParts,
  partsOf,
  updateDetails,
  ValidationError,
} from '../../src/domain/index.js'
import { draftWith, inspector, NOW } from './support.js'

const parts = (day: string, month: string, year: string) => ({ day, month, year })
const ended = 'the date the inspection ended'

describe('a date from the three boxes of a GOV.UK date input', () => {
  it('takes a day, month and year as people type them', () => {
    expect(isoFromParts(parts('29', '5', '2012'), ended)).toEqual({ ok: true, iso: '2012-05-29' })
    expect(isoFromParts(parts(' 03 ', '09', '2008'), ended)).toEqual({ ok: true, iso: '2008-09-03' })
    expect(isoFromParts(parts('29', 'May', '2012'), ended)).toEqual({ ok: true, iso: '2012-05-29' })
    expect(isoFromParts(parts('1', 'sept', '2009'), ended)).toEqual({ ok: true, iso: '2009-09-01' })
    expect(isoFromParts(parts('', '', ''), ended)).toEqual({ ok: true, iso: null })
  })

  it('says in GOV.UK’s words what is missing or wrong, and in which box', () => {
    expect(isoFromParts(parts('29', '5', ''), ended)).toEqual({
      ok: false,
      message: 'The date the inspection ended must include a year',
      parts: ['year'],
    })
    expect(isoFromParts(parts('', '', '2012'), ended)).toMatchObject({
      message: 'The date the inspection ended must include a day and a month',
      parts: ['day', 'month'],
    })
    expect(isoFromParts(parts('30', '2', '2009'), ended)).toMatchObject({
      message: 'The date the inspection ended must be a real date',
      parts: ['day', 'month', 'year'],
    })
    expect(isoFromParts(parts('29', '13', '2012'), ended)).toMatchObject({ parts: ['month'] })
    expect(isoFromParts(parts('29', '5', '12'), ended)).toMatchObject({ parts: ['year'] })
    expect(isoFromParts(parts('2012-05-29', '', ''), ended)).toMatchObject({ ok: false })
  })

  it('shows a stored date in the boxes without leading zeros', () => {
    expect(partsOf('2012-05-09')).toEqual(parts('9', '5', '2012'))
    expect(partsOf(null)).toEqual(parts('', '', ''))
  })
})

describe('the dates of an assessment, checked against each other and today', () => {
  const f = getFramework('slac-2012')
  const a = draftWith('slac-2012', {})
  const today = '2012-05-29'

  it('refuses a last day before the first, and a letter, publication or inspection day in the future', () => {
    expect(
      detailsProblems(
        a,
        f,
        { dates: { letter: '2012-05-30', inspectionStart: '2012-05-14', inspectionEnd: '2012-05-11' } },
        today,
      ),
    ).toEqual([
      { field: 'dates', date: 'letter', message: 'The date of the letter must be today or in the past' },
      {
        field: 'dates',
        date: 'inspectionEnd',
        message: 'The last day of the inspection must be the same as or after the first day',
      },
    ])
    expect(
      detailsProblems(
        a,
        f,
        { dates: { published: '2031-01-01', periodStart: '2012-04-01', periodEnd: '2011-04-01' } },
        today,
      ),
    ).toEqual([
      { field: 'dates', date: 'published', message: 'The date of publication must be today or in the past' },
      {
        field: 'dates',
        date: 'periodEnd',
        message: 'The end of the period assessed must be the same as or after its start',
      },
    ])
    // Today itself, a one-day inspection and a period still running are fine.
    expect(
      detailsProblems(
        a,
        f,
        {
          dates: {
            letter: today,
            inspectionStart: '2012-05-14',
            inspectionEnd: '2012-05-14',
            periodEnd: '2013-03-31',
          },
        },
        today,
      ),
    ).toEqual([])
  })

  it('checks a date against the one already recorded, and refuses the same through updateDetails and creation', () => {
    const started = updateDetails(a, f, { dates: { inspectionStart: '2012-05-14' } }, inspector, NOW)
    expect(() => updateDetails(started, f, { dates: { inspectionEnd: '2012-05-01' } }, inspector, NOW)).toThrow(
      ValidationError,
    )
    try {
      updateDetails(started, f, { dates: { inspectionEnd: '2012-05-01' } }, inspector, NOW)
    } catch (e) {
      expect((e as ValidationError).problems).toEqual([
        'dates.inspectionEnd: The last day of the inspection must be the same as or after the first day',
      ])
    }
    expect(() =>
      createAssessment(
        { id: 'x', framework: f, authorityCode: 'E09000020', dates: { ...EMPTY_DATES, letter: '2012-06-01' } },
        inspector,
        NOW,
      ),
    ).toThrow('The date of the letter must be today or in the past')
  })

  it('requires the title a framework prints under each signature', () => {
    const letter = getFramework('apa-2007')
    expect(
      detailsProblems(draftWith('apa-2007', {}), letter, {
        signatories: [{ name: 'Juliet Winstanley', title: ' ', organisation: null }],
      }),
    ).toEqual([{ field: 'signatories', message: 'Enter the title printed under the signature of Juliet Winstanley' }])
  })
})
