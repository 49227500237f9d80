import { describe, expect, it } from 'vitest'
import { readContent } from '../../src/ingest/content.js'
import { Text } from '../../src/ingest/text.js'
import { wordsOf } from '../../src/render/fidelity.js'

const blocksOf = (value: string) => readContent(new Text(value))

describe('a document read as it is printed', () => {
  it('keeps headings, address lines, numbered paragraphs, lists and tables, each at its place in the text', () => {
    const value = [
      '# Annual review of the moon',
      '',
      'Ms A Person',
      'Director of Children’s Services',
      'Moon Borough Council',
      '',
      '12. The council has improved its services for children in need of help, and the inspectors saw this in',
      'every team they visited.',
      '',
      '- first point on one line',
      '- second point that wraps',
      '  onto a second line',
      '',
      'Area\tGrade',
      'Help and protection\tGood',
    ].join('\n')
    const blocks = blocksOf(value)
    expect(blocks.map(b => b.kind)).toEqual(['heading', 'lines', 'paragraph', 'list', 'table'])
    expect(blocks[0]).toMatchObject({ level: 1, text: 'Annual review of the moon' })
    expect(blocks[1]).toMatchObject({
      lines: ['Ms A Person', 'Director of Children’s Services', 'Moon Borough Council'],
    })
    expect(blocks[2]).toMatchObject({
      number: '12.',
      text: expect.stringMatching(/^The council .* in every team they visited\.$/),
    })
    expect(blocks[3]).toMatchObject({
      items: ['first point on one line', 'second point that wraps onto a second line'],
    })
    expect(blocks[4]).toMatchObject({
      rows: [
        ['Area', 'Grade'],
        ['Help and protection', 'Good'],
      ],
    })
    for (const b of blocks) expect(value.slice(b.start, b.end).length).toBeGreaterThan(0)
    expect(value.slice(blocks[2]?.start, blocks[2]?.end)).toMatch(/^12\. The council[\s\S]*visited\.$/)
  })

  it('joins a paragraph a page break cut, and parts paragraphs a line ended before the page did', () => {
    const wrapped = 'This paragraph is long enough to be wrapped across the width of the page, and'
    const blocks = blocksOf(
      [
        wrapped,
        'so it goes on and on and on until the page it is on comes to its end at the foot',
        '',
        'of it, and it carries on here after the page break and ends.',
        'The overall judgement is good',
        'The local authority leads effective services that meet the requirements for good and more.',
      ].join('\n'),
    )
    expect(blocks.map(b => (b.kind === 'paragraph' ? b.text : b.kind))).toEqual([
      `${wrapped} so it goes on and on and on until the page it is on comes to its end at the foot of it, and it carries on here after the page break and ends.`,
      'The overall judgement is good',
      'The local authority leads effective services that meet the requirements for good and more.',
    ])
  })

  it('loses no word: every word of the text is in one block, in order', () => {
    const value = 'One line\n\n- a\n- b\n\nx\ty\n\nA paragraph. Another sentence\nwith more.\n\n3. Numbered'
    const printed = blocksOf(value).flatMap(b =>
      b.kind === 'table'
        ? b.rows.flat()
        : b.kind === 'list'
          ? b.items
          : b.kind === 'lines'
            ? b.lines
            : [b.kind === 'paragraph' && b.number ? `${b.number} ${b.text}` : b.text],
    )
    expect(wordsOf(printed.join('\n'))).toEqual(wordsOf(value))
  })
})
