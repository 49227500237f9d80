import { describe, expect, it } from 'vitest'
import { getFramework } from '../../src/domain/index.js'
import { renderText } from '../../src/render/render.js'
import { assessmentOf } from '../render/support.js'
import { SEEDS_PRESENT, seed } from '../support/seeds.js'
import { read } from './support.js'

const text = (prefix: string) => seed(prefix).toString('utf8')

describe.runIf(SEEDS_PRESENT)('a letter’s salutation and address, as printed', () => {
  it('reads the salutation as written, not as the addressee’s name would make it', () => {
    // The 2009 letter is addressed to Mrs Anne Marie Carrie and greets her as Ms Carrie.
    const e = read(text('001'))
    expect(e.addressee?.name).toBe('Mrs Anne Marie Carrie')
    expect(e.salutation).toBe('Dear Ms Carrie')
    expect(read(text('000')).salutation).toBe('Dear Mrs Carrie')
    expect(read(text('003')).salutation).toBe('Dear Mr Leeson')
    expect(read(text('004')).salutation).toBe('Dear Mr Badman')
    // Laid out again from what was read, the letter greets her as the document did.
    const a = assessmentOf(e)
    expect(renderText(a, getFramework(a.frameworkId), 'Kensington and Chelsea')).toMatch(/^Dear Ms Carrie$/m)
  })

  it('reads the address lines printed below the organisation', () => {
    expect(read(text('000')).addressLines).toEqual([
      "Family and Children's Services",
      'Town Hall',
      'Hornton Street',
      'London W8 7NX',
    ])
    expect(read(text('001')).addressLines).toEqual([
      'Room 229',
      'Kensington Town Hall',
      'Hornton Street',
      'London W8 7NX',
    ])
    expect(read(text('003')).addressLines).toEqual(['Guildhall 2', 'High Street', 'Kingston upon Thames', 'KT1 1EU'])
    expect(read(text('004')).addressLines).toEqual(['Sessions House', 'County Hall', 'Maidstone', 'Kent', 'ME14 1XQ'])
    // A report has no addressee, so no address.
    expect(read(text('002')).addressLines).toEqual([])
  })
})
