import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readDocument } from '../../src/ingest/read.js'
import { SEEDS_PRESENT, seed, seedNames } from '../support/seeds.js'
import { grades, gradesNotInText, read } from './support.js'

const PREFIXES = ['000', '001', '002', '003', '004']

/** No grade that differs from the clean reading: a damaged document may lose grades, never change them. */
function noWrongGrade(clean: Record<string, number | null>, damaged: Record<string, number | null>): string[] {
  return Object.entries(damaged)
    .filter(([area, g]) => g !== null && clean[area] !== g)
    .map(([area, g]) => `${area}: ${g} (clean reading: ${clean[area]})`)
}

describe.runIf(SEEDS_PRESENT)('robustness on damaged seeds', () => {
  const seeds = PREFIXES.map(p => ({ prefix: p, text: seed(p).toString('utf8') }))

  it('reads Windows line endings and a byte order mark as the same document', async () => {
    expect(seedNames()).toHaveLength(5)
    for (const { text } of seeds) {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'))])
      const r = await readDocument('x.txt', bytes)
      if (!r.ok) throw new Error(r.error)
      const e = read(r.text)
      const clean = read(text)
      expect(grades(e)).toEqual(grades(clean))
      expect(e.recommendations.map(x => x.text)).toEqual(clean.recommendations.map(x => x.text))
      expect([e.authority?.code, e.dates, e.addressee, e.signatories]).toEqual([
        clean.authority?.code,
        clean.dates,
        clean.addressee,
        clean.signatories,
      ])
    }
  })

  it('reads tables flattened to spaces to the same grades and recommendations', () => {
    for (const { text } of seeds) {
      const flat = text.replace(/\t+/g, ' ')
      const e = read(flat)
      const clean = read(text)
      expect(grades(e)).toEqual(grades(clean))
      expect(e.recommendations.map(x => [x.areaId, x.timescaleId, x.text])).toEqual(
        clean.recommendations.map(x => [x.areaId, x.timescaleId, x.text]),
      )
      expect(gradesNotInText(e, flat)).toEqual([])
    }
  })

  it('page-break debris moved anywhere between lines never changes a grade', () => {
    for (const { text } of seeds) {
      const clean = grades(read(text))
      const lines = text.split('\n')
      fc.assert(
        fc.property(
          fc.array(fc.nat(lines.length - 1), { minLength: 1, maxLength: 8 }),
          fc.constantFrom('\n\n\n\n', '\n\n1\n\n', '\n\nPage 3 of 12\n\n'),
          (at, debris) => {
            const damaged = lines.map((l, i) => (at.includes(i) ? `${l}${debris}` : l)).join('\n')
            const e = read(damaged)
            expect(noWrongGrade(clean, grades(e))).toEqual([])
            expect(gradesNotInText(e, damaged)).toEqual([])
          },
        ),
        { numRuns: 25 },
      )
    }
  })

  it('a document truncated at any point loses grades but never reports a wrong one', () => {
    for (const { text } of seeds) {
      const clean = grades(read(text))
      fc.assert(
        fc.property(fc.nat(text.length), cut => {
          const damaged = text.slice(0, cut)
          const e = read(damaged)
          expect(noWrongGrade(clean, grades(e))).toEqual([])
          expect(gradesNotInText(e, damaged)).toEqual([])
        }),
        { numRuns: 40 },
      )
    }
  })

  it('fuzzed documents never throw and never report a grade that is not printed where its source says', () => {
    const edit = fc.oneof(
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        length: fc.nat(400),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        text: fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom(
            'Grade 9',
            'Grade 2 (Outstanding)',
            '\t7',
            '<b>',
            '**',
            '\n- ',
            '5 (Good)',
            'Immediately:',
            '\u0000',
            '\uFFFD',
          ),
        ),
      }),
    )
    for (const { text } of seeds) {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), edits => {
          let damaged = text
          for (const e of edits) {
            const at = Math.floor(e.at * damaged.length)
            damaged =
              e.kind === 'delete'
                ? damaged.slice(0, at) + damaged.slice(at + e.length)
                : damaged.slice(0, at) + e.text + damaged.slice(at)
          }
          const e = read(damaged)
          for (const j of e.judgements)
            if (j.grade !== null) expect(e.framework?.scale.points.some(p => p.value === j.grade)).toBe(true)
          expect(gradesNotInText(e, damaged)).toEqual([])
        }),
        { numRuns: 30 },
      )
    }
  })

  it('a grade word that contradicts its number keeps both and leaves the grade missing', () => {
    const text = seeds.find(s => s.prefix === '002')?.text ?? ''
    const damaged = text.replace('**Grade 2 (Good)**\n\n11.', '**Grade 2 (Outstanding)**\n\n11.')
    expect(damaged).not.toBe(text)
    const e = read(damaged)
    const overall = e.judgements.find(j => j.areaId === 'safeguarding.overall-effectiveness')
    expect(overall?.grade).toBeNull()
    expect(overall?.readings.map(r => [r.printed, r.value])).toEqual([
      ['Grade 2 (Outstanding)', 2],
      ['Outstanding', 1],
      ['2 (Good)', 2],
      ['is good', 2],
    ])
  })

  it('a record of main findings that disagrees with the heading keeps both and leaves the grade missing', () => {
    const text = seeds.find(s => s.prefix === '002')?.text ?? ''
    const at = text.indexOf('Partnership working\t<b>2 (Good)</b>')
    expect(at).toBeGreaterThan(0)
    const damaged = `${text.slice(0, at)}Partnership working\t<b>3 (Adequate)</b>${text.slice(at + 'Partnership working\t<b>2 (Good)</b>'.length)}`
    const e = read(damaged)
    const j = e.judgements.find(x => x.areaId === 'safeguarding.partnership-working')
    expect(j?.grade).toBeNull()
    expect(j?.readings.map(r => r.printed)).toEqual(['Grade 2 (Good)', '3 (Adequate)', 'is good'])
  })
})
