import { describe, expect, it } from 'vitest'
import { AUTHORITIES, AuthorityIndex } from '../../src/domain/index.js'
import { extract } from '../../src/ingest/extract.js'

const index = new AuthorityIndex(AUTHORITIES)

/** An ILACS report's opening, then one sentence of its summary. */
function previousOf(sentence: string) {
  const text = [
    'Inspection of Surrey local authority children’s services',
    'Inspection dates: 12 to 23 May 2025',
    'Lead inspector: Alex Person, His Majesty’s Inspector',
    '',
    'Overall effectiveness\tGood',
    '',
    `Services for children in Surrey are good. ${sentence} Leaders know their services well.`,
  ].join('\n')
  const e = extract(text, '0'.repeat(64), index)
  expect(e.framework?.id).toBe('ilacs-2018')
  const p = e.previousInspection
  return p ? { year: p.year, level: p.level } : null
}

describe('the previous inspection a report refers to', () => {
  it('is read where the sentence says what was judged of the whole service, in the ways reports say it', () => {
    for (const [sentence, year, level] of [
      [
        'Following the last inspection in 2015, when the local authority was judged good overall, managers moved on.',
        2015,
        'good',
      ],
      [
        'Practice is stronger since the inspection in 2017, when they were judged to require improvement overall.',
        2017,
        'requires-improvement',
      ],
      [
        'Much has changed since the last inspection in 2014, when Surrey children’s social care was found to be inadequate overall.',
        2014,
        'inadequate',
      ],
      [
        'Children’s services were last inspected in May 2018 and judged to be requires improvement to be good.',
        2018,
        'requires-improvement',
      ],
      ['At the last full inspection in 2020, children’s services were found to be good.', 2020, 'good'],
      ['In late 2019, inspectors judged Surrey children’s services to be inadequate.', 2019, 'inadequate'],
    ] as const)
      expect(previousOf(sentence), sentence).toEqual({ year, level })
  })

  it('is not read from what was said of one service, or from "they" that may be one', () => {
    for (const sentence of [
      'Care leavers are better supported since the last inspection in 2017, when they were judged inadequate.',
      'Since the last inspection in 2017, when services for care leavers were judged inadequate, much has changed.',
      'Since the last inspection in 2021, practice has improved.',
      'Since the last inspection in 2019, when services were judged inadequate for care leavers, staff have stayed.',
      'Since the last inspection in 2019, when the local authority was judged inadequate in help and protection, it has grown.',
    ])
      expect(previousOf(sentence), sentence).toBeNull()
  })
})
