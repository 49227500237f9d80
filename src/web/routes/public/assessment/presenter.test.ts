import { describe, expect, it } from 'vitest'
import { type Assessment, createAssessment, getFramework, recordJudgement } from '../../../../domain/index.js'
import { inspectionTypeOf, judgementsCsv } from './presenter.js'

const inspector = { id: 'inspector', role: 'inspector' } as const
const NOW = new Date('2012-06-01T09:00:00Z')

describe('the kind of inspection on a report page', () => {
  it('names a kind told from the dates and says the report does not print it', () => {
    const shown = inspectionTypeOf(getFramework('ilacs-2018'), { inspectionType: 'short' })
    expect(shown?.label).toBe('Short inspection')
    expect(shown?.note).toMatch(/does not print it/)
  })

  it('names a kind read from the title without a note', () => {
    expect(inspectionTypeOf(getFramework('sif-2013'), { inspectionType: 'reinspection' })).toEqual({
      label: 'Re-inspection',
      note: null,
    })
  })

  it('shows nothing where the kind is missing', () => {
    expect(inspectionTypeOf(getFramework('ilacs-2018'), { inspectionType: null })).toBeNull()
  })
})

describe('the judgements of a report as CSV', () => {
  it('the CSV keeps ISO dates and carries the grade as printed and the level', () => {
    const f = getFramework('rating-2009')
    let a: Assessment = createAssessment(
      {
        id: '00000000-0000-4000-8000-000000000001',
        framework: f,
        authorityCode: 'E09000020',
        dates: { letter: '2009-12-09' },
      },
      inspector,
      NOW,
    )
    a = recordJudgement(a, f, { areaId: 'childrens-services-rating', grade: 4 }, inspector, NOW)
    const csv = judgementsCsv(a, { code: 'E09000020', name: 'Kensington and Chelsea' } as never)
    const [header, row] = csv.split('\r\n')
    expect(header).toContain('grade_as_printed,level')
    expect(row).toContain(',2009-12-09,')
    expect(row).toContain(',4,Performs excellently (4),outstanding,')
  })
})
