import { describe, expect, it } from 'vitest'
import { pageOf, paginationFor } from '../../src/web/presenters.js'

describe('paging a list', () => {
  it('gives one page of the items, a page past the end being the last', () => {
    const items = Array.from({ length: 45 }, (_, i) => i)
    expect(pageOf(items, 1, 20)).toMatchObject({ page: 1, pages: 3, total: 45, items: items.slice(0, 20) })
    expect(pageOf(items, 3, 20).items).toEqual([40, 41, 42, 43, 44])
    expect(pageOf(items, 9, 20)).toMatchObject({ page: 3, items: [40, 41, 42, 43, 44] })
    expect(pageOf([], 2, 20)).toMatchObject({ page: 1, pages: 1, total: 0, items: [] })
  })

  it('offers GOV.UK pagination: first, last and neighbouring pages, ellipses for the gaps, named for its list', () => {
    const href = (n: number) => `/x?page=${n}`
    expect(paginationFor(1, 1, href)).toBeNull()
    const middle = paginationFor(5, 10, href, 'Pages of recommendations')
    expect(middle?.landmarkLabel).toBe('Pages of recommendations')
    expect(middle?.previous).toEqual({ href: '/x?page=4' })
    expect(middle?.next).toEqual({ href: '/x?page=6' })
    expect(middle?.items.map(i => ('ellipsis' in i ? '…' : `${i.number}${i.current ? '*' : ''}`))).toEqual([
      '1',
      '…',
      '4',
      '5*',
      '6',
      '…',
      '10',
    ])
    const first = paginationFor(1, 2, href)
    expect(first?.previous).toBeUndefined()
    expect(first?.items).toEqual([
      { number: 1, href: '/x?page=1', current: true },
      { number: 2, href: '/x?page=2', current: false },
    ])
  })
})
