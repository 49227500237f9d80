import { describe, expect, it } from 'vitest'
import { downloadQuery } from './presenter.js'

describe('the search page’s links to download its results', () => {
  it('a download keeps the search’s choices, not its page or status', () => {
    expect(downloadQuery({ authority: 'E09000020', year: '2009', page: '3', status: 'draft', level: '' })).toBe(
      '?authority=E09000020&year=2009',
    )
    expect(downloadQuery({})).toBe('')
  })
})
