import { describe, expect, it } from 'vitest'
import { getFramework } from '../../../../domain/index.js'
import { gradeDisplay } from '../../../presenters.js'
import { comparisonRows } from './presenter.js'

describe('comparing authorities', () => {
  it('puts authorities side by side: a row per framework and judgement, oldest first, each authority’s points in its column', () => {
    const rating = getFramework('rating-2009')
    const ilacs = getFramework('ilacs-2018')
    const point = (framework: typeof rating, date: string, grade: number, label = 'Overall effectiveness') => ({
      date,
      assessmentId: date,
      framework,
      label,
      display: gradeDisplay(framework, grade),
    })
    const rows = comparisonRows([
      {
        code: 'A',
        timeline: [
          point(rating, '2009-12-09', 3, 'Rating'),
          point(ilacs, '2019-05-17', 2),
          point(ilacs, '2023-02-01', 1),
        ],
      },
      { code: 'B', timeline: [point(ilacs, '2018-03-01', 4)] },
    ])
    expect(rows.map(r => r.framework)).toEqual([rating.name, ilacs.name])
    expect(rows[0]?.cells.map(c => c.length)).toEqual([1, 0])
    expect(rows[1]?.cells.map(c => c.map(p => p.display.tag?.level))).toEqual([['good', 'outstanding'], ['inadequate']])
  })
})
