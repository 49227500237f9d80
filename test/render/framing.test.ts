import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  type Assessment,
  addRecommendation,
  areasFor,
  createAssessment,
  FRAMEWORKS,
  type Framework,
  framingKeys,
  framingsOfArea,
  printsOfArea,
  recordJudgement,
  updateDetails,
} from '../../src/domain/index.js'
import { renderText } from '../../src/render/render.js'
import { framingsOf } from '../../src/render/structures.js'
import { inspector } from '../domain/support.js'
import { WRITTEN_AT } from './support.js'

const AUTHORITY = 'Kensington and Chelsea'

/** The frameworks whose layouts print a fixed framing paragraph of their own around what the inspector writes. */
const FRAMED = FRAMEWORKS.filter(f => framingKeys(f).size > 0)

/** A report written from scratch: every area graded, a narrative that states no grade, a recommendation per part. */
function written(f: Framework): Assessment {
  let a = createAssessment({ id: randomUUID(), framework: f, authorityCode: 'E09000020' }, inspector, WRITTEN_AT)
  const day = `${f.year}-06-10`
  a = updateDetails(
    a,
    f,
    f.dateOfRecord === 'letter'
      ? { dates: { letter: day } }
      : { dates: { inspectionStart: `${f.year}-04-10`, inspectionEnd: `${f.year}-04-20`, published: day } },
    inspector,
    WRITTEN_AT,
  )
  for (const area of areasFor(f, a))
    a = recordJudgement(
      a,
      f,
      {
        areaId: area.id,
        ...(area.grade === 'none' ? {} : { grade: f.scale.points[1]?.value ?? 2 }),
        ...(printsOfArea(f, area.id).narrative ? { narrative: 'Plans are reviewed with families and schools.' } : {}),
      },
      inspector,
      WRITTEN_AT,
    )
  const timescale = f.timescales[0]?.id as string
  for (const [i, owner] of [...f.parts.map(p => p.id), null].entries())
    if (!f.parts.length || owner !== null)
      a = addRecommendation(
        a,
        f,
        { id: String(i), areaId: owner, text: 'Review plans.', timescaleId: timescale },
        inspector,
        WRITTEN_AT,
      )
  return a
}

describe('the fixed paragraphs that frame what the inspector wrote', () => {
  it('are marked as such in the layouts that print them (the 2006, 2012 and 2013 reports)', () => {
    expect(FRAMED.map(f => f.id).sort()).toEqual(['apa-2006', 'lac-2013', 'slac-2012'])
  })

  for (const f of FRAMED)
    it(`${f.id}: the framework’s paragraph is printed only where the inspector wrote none of their own`, () => {
      const a = written(f)
      const fixed = framingsOf({ a, f, authorityName: AUTHORITY })
      expect(fixed.length).toBeGreaterThan(0)
      const text = renderText(a, f, AUTHORITY)
      for (const x of fixed) {
        expect(x.own).toBeUndefined()
        expect(x.printed, x.key).toBe(x.fixed)
        expect(text, x.key).toContain(x.fixed as string)
      }
      // The inspector writes their own in every place: each is printed, the framework's nowhere.
      let own = a
      for (const area of areasFor(f, a)) {
        const keys = framingsOfArea(f, area.id).map(p => p.key)
        const framing = Object.fromEntries(keys.map(k => [k, `Inspectors wrote this for ${k.replace(/\W/g, ' ')}.`]))
        if (keys.length) own = recordJudgement(own, f, { areaId: area.id, framing }, inspector, WRITTEN_AT)
      }
      const mine = renderText(own, f, AUTHORITY)
      for (const x of fixed) {
        expect(mine, x.key).toContain(`Inspectors wrote this for ${x.key.replace(/\W/g, ' ')}.`)
        expect(mine, x.key).not.toContain(x.fixed as string)
      }
      // Wiped, the framework's comes back.
      let wiped = own
      for (const area of areasFor(f, a)) {
        const keys = framingsOfArea(f, area.id).map(p => p.key)
        if (keys.length)
          wiped = recordJudgement(
            wiped,
            f,
            { areaId: area.id, framing: Object.fromEntries(keys.map(k => [k, ''])) },
            inspector,
            WRITTEN_AT,
          )
      }
      expect(renderText(wiped, f, AUTHORITY)).toBe(text)
    })

  it('2006: the inspector’s opening is printed even where their narrative states the grade itself', () => {
    const f = FRAMED.find(x => x.id === 'apa-2006') as Framework
    const a = written(f)
    const area = areasFor(f, a).find(x => framingsOfArea(f, x.id).length) as { id: string }
    const stated = recordJudgement(
      a,
      f,
      { areaId: area.id, narrative: 'The council makes a good contribution towards this. Plans are reviewed.' },
      inspector,
      WRITTEN_AT,
    )
    const [key] = framingsOfArea(f, area.id).map(p => p.key)
    expect(framingsOf({ a: stated, f, authorityName: AUTHORITY }).find(x => x.key === key)?.printed).toBeUndefined()
    const own = recordJudgement(
      stated,
      f,
      { areaId: area.id, framing: { [key as string]: 'Our own words.' } },
      inspector,
      WRITTEN_AT,
    )
    expect(renderText(own, f, AUTHORITY)).toContain('Our own words.')
  })

  it('refuses wording for a place the layout has no framing paragraph in, naming the places it has', () => {
    const f = FRAMED.find(x => x.id === 'apa-2006') as Framework
    const a = written(f)
    const area = areasFor(f, a).find(x => framingsOfArea(f, x.id).length) as { id: string }
    expect(() =>
      recordJudgement(a, f, { areaId: area.id, framing: { 'opening:elsewhere': 'x' } }, inspector, WRITTEN_AT),
    ).toThrow(/prints no framing paragraph "opening:elsewhere".*it prints "opening:/)
    const other = FRAMEWORKS.find(x => x.id === 'rating-2009') as Framework
    const b = createAssessment(
      { id: randomUUID(), framework: other, authorityCode: 'E09000020' },
      inspector,
      WRITTEN_AT,
    )
    expect(() =>
      recordJudgement(
        b,
        other,
        { areaId: other.areas[0]?.id as string, framing: { opening: 'x' } },
        inspector,
        WRITTEN_AT,
      ),
    ).toThrow(/prints no framing paragraph/)
  })
})
