import { describe, expect, it } from 'vitest'
import { getFramework, LEVELS } from '../../../../domain/index.js'
import { nationalTables } from './presenter.js'

describe('national tables', () => {
  it('national figures per framework and year: counts at each level of the scale, and the share good or better', () => {
    const f = getFramework('rating-2009')
    const counts = Object.fromEntries(LEVELS.map(l => [l, 0])) as Record<(typeof LEVELS)[number], number>
    const [t] = nationalTables([
      {
        framework: f,
        year: 2009,
        areaId: 'childrens-services-rating',
        label: 'Rating',
        counts: { ...counts, outstanding: 1, good: 2, inadequate: 1 },
        total: 4,
      },
    ])
    expect(t?.rows[0]).toMatchObject({ year: '2009', total: 4, goodOrBetter: 3, share: '75%' })
    // The levels of the rating's scale, no "requires improvement".
    expect(t?.rows[0]?.counts).toEqual([
      { level: 'Outstanding', count: 1 },
      { level: 'Good', count: 2 },
      { level: 'Adequate', count: 0 },
      { level: 'Inadequate', count: 1 },
    ])
    expect(t?.chart).toContain('75% (3 of 4)')
  })
})
