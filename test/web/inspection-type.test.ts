import { describe, expect, it } from 'vitest'
import { getFramework } from '../../src/domain/index.js'
import { inspectionTypeOf } from '../../src/web/presenters.js'

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
