import { describe, expect, it } from 'vitest'
import { AUTHORITIES, FRAMEWORKS, getFramework, LEVELS, longDate, pointsBestFirst } from '../../src/domain/index.js'
import { inspectionChanges, timelineChart } from '../../src/web/charts.js'
import {
  authorityChoices,
  gradeDisplay,
  LEVEL_TAG_CLASSES,
  levelTag,
  minute,
  mixedFrameworksNote,
  pageDate,
  plural,
  printedWithLevel,
} from '../../src/web/presenters.js'

describe('a grade as printed, with its level beside it', () => {
  it('the APA counts 4 as best: "4 (outstanding/excellent)", outstanding', () => {
    expect(gradeDisplay(getFramework('apa-2007'), 4)).toEqual({
      printed: '4 (outstanding/excellent)',
      tag: { level: 'outstanding', levelWord: 'Outstanding', tagClass: 'govuk-tag--green' },
    })
    expect(gradeDisplay(getFramework('apa-2006'), 4).printed).toBe('4 (Excellent / outstanding)')
    expect(gradeDisplay(getFramework('apa-2008'), 1).tag?.level).toBe('inadequate')
    expect(gradeDisplay(getFramework('apa-2007'), 2).tag?.levelWord).toBe('Adequate')
  })

  it('the 2012 inspection counts 1 as best: "1 (Outstanding)", outstanding; its 3 is adequate', () => {
    const slac = getFramework('slac-2012')
    expect(gradeDisplay(slac, 1)).toMatchObject({ printed: '1 (Outstanding)', tag: { level: 'outstanding' } })
    expect(gradeDisplay(slac, 3)).toMatchObject({ printed: '3 (Adequate)', tag: { levelWord: 'Adequate' } })
    expect(gradeDisplay(slac, 4).tag).toMatchObject({ level: 'inadequate', tagClass: 'govuk-tag--red' })
    expect(gradeDisplay(getFramework('lac-2013'), 2).printed).toBe('2 (Good)')
  })

  it('the 2009 rating prints the word first: "Performs excellently (4)"', () => {
    const rating = getFramework('rating-2009')
    expect(gradeDisplay(rating, 4)).toMatchObject({
      printed: 'Performs excellently (4)',
      tag: { level: 'outstanding' },
    })
    expect(gradeDisplay(rating, 1)).toMatchObject({ printed: 'Performs poorly (1)', tag: { level: 'inadequate' } })
  })

  it('SIF and ILACS print words only: the word alone, never a number', () => {
    const sif = getFramework('sif-2013')
    const ilacs = getFramework('ilacs-2018')
    expect(gradeDisplay(sif, 3)).toMatchObject({
      printed: 'Requires improvement',
      tag: { level: 'requires-improvement', levelWord: 'Requires improvement' },
    })
    expect(gradeDisplay(ilacs, 3).printed).toBe('Requires improvement to be good')
    expect(gradeDisplay(ilacs, 1).printed).toBe('Outstanding')
    for (const f of [sif, ilacs])
      for (const p of f.scale.points) expect(gradeDisplay(f, p.value).printed).not.toMatch(/\d/)
  })

  it('every point of every framework has a printed grade and a tag whose word is its level’s', () => {
    for (const f of FRAMEWORKS)
      for (const p of pointsBestFirst(f.scale)) {
        const d = gradeDisplay(f, p.value)
        expect(d.printed, `${f.id} ${p.value}`).toContain(p.label)
        expect(d.tag?.level).toBe(p.level)
        expect(d.tag?.levelWord).toMatch(/^(Outstanding|Good|Adequate|Requires improvement|Inadequate)$/)
      }
  })

  it('no grade: nothing printed and no tag', () => {
    expect(gradeDisplay(getFramework('slac-2012'), null)).toEqual({ printed: null, tag: null })
    expect(printedWithLevel({ printed: null, level: null })).toEqual({ printed: null, tag: null })
    expect(levelTag(null)).toBeNull()
  })

  it('colour is never the only cue: every level has a tag class and a word', () => {
    for (const l of LEVELS) {
      expect(LEVEL_TAG_CLASSES[l]).toMatch(/^govuk-tag--/)
      expect(levelTag(l)?.levelWord).toBeTruthy()
    }
    // Requires improvement is not adequate, though they share the third place (and a colour).
    expect(levelTag('requires-improvement')?.levelWord).not.toBe(levelTag('adequate')?.levelWord)
  })

  it('a note only where a list mixes frameworks', () => {
    expect(mixedFrameworksNote(['rating-2009', 'rating-2009'])).toBeNull()
    expect(mixedFrameworksNote([])).toBeNull()
    expect(mixedFrameworksNote(['rating-2009', 'slac-2012'])).toBe(
      'Grades are shown as each framework prints them; the tag gives the level on one series for comparison.',
    )
  })
})

describe('dates as GOV.UK writes them', () => {
  it('a day, a month, a timestamp', () => {
    expect(longDate('2012-05-29')).toBe('29 May 2012')
    expect(longDate('2007-02')).toBe('February 2007')
    expect(pageDate('2009-12-09')).toBe('9 December 2009')
    expect(pageDate(null)).toBeNull()
    expect(minute('2012-05-29T09:05:00.000Z')).toBe('29 May 2012 at 09:05')
  })
})

describe('plurals', () => {
  it('1 judgement, 2 judgements, 0 judgements', () => {
    expect(plural(1, 'judgement')).toBe('1 judgement')
    expect(plural(2, 'judgement')).toBe('2 judgements')
    expect(plural(0, 'judgement')).toBe('0 judgements')
    expect(plural(1, 'published judgement')).toBe('1 published judgement')
    expect(plural(3, 'child', 'children')).toBe('3 children')
  })

  it('the chart says "1 judgement plotted"', () => {
    expect(timelineChart([{ date: '2009-12-09', level: 'good', label: 'Rating' }], 'T')).toContain(
      '1 judgement plotted.',
    )
    expect(
      timelineChart(
        [
          { date: '2009-12-09', level: 'good', label: 'Rating' },
          { date: '2010-12-09', level: null, label: 'Rating' },
        ],
        'T',
      ),
    ).toContain('1 judgement plotted; 1 with no grade is not plotted.')
  })
})

describe('the timeline across inspections', () => {
  const rating = "Children's services annual rating"
  const slac = 'Inspection of safeguarding and looked after children services'
  const apa = 'Annual performance assessment of services for children and young people'
  const points = [
    { date: '2007-11-26', level: 'good' as const, label: 'Overall', inspection: apa },
    { date: '2008-12-10', level: 'good' as const, label: 'Overall', inspection: apa },
    { date: '2009-12-09', level: 'outstanding' as const, label: 'Rating', inspection: rating },
    { date: '2012-05-29', level: 'adequate' as const, label: 'Safeguarding', inspection: slac },
  ]

  it('says where consecutive points are different inspections of different scope, not a rise or fall', () => {
    const changes = inspectionChanges(points)
    expect(changes).toHaveLength(2)
    expect(changes[1]).toBe(
      `From the ${rating} (2009) to the ${slac} (2012): different inspections of different scope, so the line between them is not a rise or a fall.`,
    )
    // The 2007 and 2008 APA are one kind of inspection: no note between them.
    expect(changes[0]).toContain(`From the ${apa} (2008)`)
  })

  it('says it in the chart’s text alternative, and draws the line between them dashed', () => {
    const svg = timelineChart(points, 'Headline judgements')
    const desc = svg.match(/<desc[^>]*>([^<]*)<\/desc>/)?.[1] ?? ''
    expect(desc).toContain('different inspections of different scope')
    expect(svg).toContain('class="line line--across"')
    expect(svg).toContain('>Requires improvement<')
    expect(svg).toContain(`<title>${longDate('2012-05-29')}: Safeguarding: Adequate</title>`)
  })

  it('one kind of inspection only: no such note', () => {
    expect(inspectionChanges(points.slice(0, 2))).toEqual([])
    expect(timelineChart(points.slice(0, 2), 'T')).not.toContain('line--across')
  })
})

describe('finding an authority', () => {
  it('lists authorities in name order, telling apart councils of one name by the list’s dates', () => {
    const choices = authorityChoices(AUTHORITIES)
    const texts = choices.map(c => c.text)
    expect(texts).toEqual([...texts].sort((a, b) => a.localeCompare(b, 'en')))
    expect(new Set(texts).size).toBe(texts.length)
    const dorset = choices.filter(c => c.text.startsWith('Dorset'))
    expect(dorset).toEqual([
      { value: 'E06000059', text: 'Dorset (from 2019)' },
      { value: 'E10000009', text: 'Dorset County Council (until 2019)' },
    ])
    expect(choices.find(c => c.value === 'E10000023')?.text).toBe('North Yorkshire County Council (until 2023)')
    // A name no other authority has is left as it is.
    expect(choices.find(c => c.value === 'E09000020')?.text).toBe('Kensington and Chelsea')
  })
})
