import { randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Assessment,
  AUTHORITIES,
  areasFor,
  EMPTY_DATES,
  FRAMEWORKS,
  type Framework,
  type Judgement,
  type LayoutBlock,
  pointFor,
  printsOf,
  recordDocument,
} from '../../src/domain/index.js'
import { htmlToText } from '../../src/ingest/read.js'
import { renderHtml, renderText } from '../../src/render/render.js'
import { read } from '../ingest/support.js'
import { registerFixtureFramework } from '../support/fixture-framework.js'
import { structured } from './support.js'

// Words with no judgement in them, so that a generated narrative never states a grade of its own.
const WORDS = [
  'services',
  'partners',
  'children',
  'plans',
  'families',
  'schools',
  'council',
  'reviews',
  'support',
  'teams',
  'care',
  'leaders',
]
const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 4, maxLength: 12 })
  .map(w => `${w.join(' ').replace(/^./, c => c.toUpperCase())}.`)
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map(s => s.join(' '))
/** A section written as paragraphs, or nothing. */
const section = fc.option(
  fc.array(paragraph, { minLength: 1, maxLength: 3 }).map(p => p.join('\n\n')),
  { nil: '' },
)
const ADDRESS = ['Town Hall', 'Hornton Street', 'County Hall', 'London W8 7NX', 'Maidstone', 'ME14 1XQ']
const person = fc.record({
  first: fc.constantFrom('Anne', 'Patrick', 'Graham', 'Juliet', 'Stephen', 'Ruth'),
  last: fc.constantFrom('Carrie', 'Leeson', 'Badman', 'Winstanley', 'Hart', 'Okafor'),
})
const date = (from: number, to: number) =>
  fc
    .record({
      y: fc.integer({ min: from, max: to }),
      m: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
    })
    .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
/** Authorities that existed through all the seed years, so that the name identifies one of them. */
const authority = fc.constantFrom(...AUTHORITIES.filter(a => a.validFrom === null && a.validTo === null))

type Slot = { timescaleId: string; areaId: string | null }

/** Which recommendations each framework's layout prints, and where: those of each area or part it prints them in. */
function recommendationSlots(f: Framework): Slot[] {
  const slots = new Map<string, Slot>()
  // An area id pattern narrows the areas: a loop's (its `areas`) and the block's own (its `when`).
  const ids = (pattern: unknown) =>
    f.areas.filter(a => typeof pattern !== 'string' || new RegExp(pattern, 'i').test(a.id)).map(a => a.id)
  const visit = (blocks: readonly LayoutBlock[], owners: (string | null)[] | 'parts' | null) => {
    for (const b of blocks) {
      if (b.block === 'forEachArea') visit(b.blocks, ids(b.areas?.id))
      else if (b.block === 'forEachPart') visit(b.blocks, 'parts')
      else if (b.block === 'forEachGroup') visit(b.blocks, owners)
      else if (b.block === 'recommendations') {
        const mine = ids(b.when?.id)
        const areaIds =
          owners === 'parts'
            ? f.parts.map(p => p.id)
            : owners
              ? owners.filter(id => id && mine.includes(id))
              : b.eachArea
                ? mine
                : [null]
        for (const areaId of areaIds.filter(id => !id || !b.except?.includes(id)))
          for (const t of f.timescales)
            if (!b.timescales || b.timescales.includes(t.id))
              slots.set(`${areaId} ${t.id}`, { timescaleId: t.id, areaId })
      }
    }
  }
  visit(f.documentStructure.blocks, null)
  return [...slots.values()]
}

/** The two-column table of strengths the letters end with (its rows name their areas); or lists in each section. */
const printsStrengths = (f: Framework) => JSON.stringify(f.documentStructure).includes('"block":"strengths"')
const printsLists = (f: Framework) => JSON.stringify(f.documentStructure).includes('"block":"items"')

function assessment(f: Framework) {
  // The areas of the edition the generated date falls in.
  const areas = areasFor(f, { dates: { ...EMPTY_DATES, published: `${f.year}-01-01` }, inspectionType: null })
  const tables = printsStrengths(f)
  const lists = printsLists(f)
  const prints = printsOf(f)
  // The inspection's days, where the layout prints them; not where they tell the kind of inspection (ILACS: short or
  // standard, each with its own areas), which these assessments leave unset.
  const datesPrinted =
    prints.values.has('inspectionDates') && !f.recognition.inspectionTypes?.some(t => t.fieldworkDays !== undefined)
  return fc
    .record({
      authority,
      grades: fc.tuple(...areas.map(() => fc.constantFrom(...f.scale.points.map(p => p.value)))),
      narratives: fc.tuple(...areas.map(() => paragraph)),
      strengths: fc.tuple(...areas.map(() => fc.array(sentence, { maxLength: 3 }))),
      weaknesses: fc.tuple(...areas.map(() => fc.array(sentence, { maxLength: 2 }))),
      recommendations: fc.array(fc.record({ slot: fc.constantFrom(...recommendationSlots(f)), text: sentence }), {
        maxLength: 6,
      }),
      date: date(f.year, f.year).map(d => (d < `${f.year}-01-01` ? `${f.year}-01-01` : d)),
      // Two days of the inspection, where the layout prints them (datesPrinted).
      inspection: fc.tuple(date(f.year, f.year), date(f.year, f.year)),
      addressee: person,
      signatory: person,
      // What a person writes beside the judgements, where the layout prints it.
      address: fc.subarray(ADDRESS),
      salutation: fc.boolean(),
      about: section,
      serviceInformation: section,
      summary: section,
      numbered: fc.boolean(),
    })
    .map(g => {
      const judgements: Judgement[] = areas.map((area, i) => {
        const value = g.grades[i] ?? 1
        const tabled =
          (tables && area.role !== 'overall' && area.grade !== 'none' && area.id !== 'social-care') || lists
        return {
          areaId: area.id,
          grade: value,
          level: pointFor(f.scale, value)?.level ?? null,
          // A letter prints no narrative for an aspect judged only in its tables.
          narrative: f.dateOfRecord === 'published' || area.role !== 'aspect' ? (g.narratives[i] ?? '') : '',
          strengths: tabled ? (g.strengths[i] ?? []) : [],
          areasForDevelopment: tabled ? (g.weaknesses[i] ?? []) : [],
          overrides: [],
          readings: [],
          source: null,
        }
      })
      // The inspection's first and last days, then the report's.
      const inspected = datesPrinted ? ([...g.inspection, g.date].sort() as [string, string, string]) : null
      // The 2006 letter prints the children's services grade in its table only; its narrative is the summary's.
      const sorted = [...g.recommendations].sort(
        (a, b) => recommendationSlots(f).indexOf(a.slot) - recommendationSlots(f).indexOf(b.slot),
      )
      const recorded: Assessment = recordDocument(
        {
          id: randomUUID(),
          framework: f,
          authorityCode: g.authority.code,
          dates: {
            letter: f.dateOfRecord === 'letter' ? g.date : null,
            published: f.dateOfRecord === 'published' ? (inspected ? inspected[2] : g.date) : null,
            inspectionStart: inspected ? inspected[0] : null,
            inspectionEnd: inspected ? inspected[1] : null,
            periodStart: null,
            periodEnd: null,
          },
          addressee:
            f.dateOfRecord === 'letter'
              ? {
                  name: `Ms ${g.addressee.first} ${g.addressee.last}`,
                  title: "Director of Children's Services",
                  organisation: g.authority.name,
                }
              : null,
          addressLines: f.dateOfRecord === 'letter' && prints.addressLines ? g.address : [],
          salutation:
            f.dateOfRecord === 'letter' && prints.values.has('salutation') && g.salutation
              ? `Dear Ms ${g.addressee.last}`
              : '',
          signatories:
            f.dateOfRecord === 'letter'
              ? [
                  {
                    name: `${g.signatory.first} ${g.signatory.last}`,
                    title: 'Divisional Manager',
                    organisation: 'Local Services Inspection',
                  },
                ]
              : [],
          reportingInspector:
            f.dateOfRecord === 'published'
              ? { name: `${g.signatory.first} ${g.signatory.last}`, title: 'HMI', organisation: null }
              : null,
          judgements,
          recommendations: sorted.map((r, i) => ({
            id: String(i),
            areaId: r.slot.areaId,
            timescaleId: r.slot.timescaleId,
            text: r.text,
            progress: null,
            source: null,
          })),
          figures: [],
          provenance: {},
        },
        { id: 'gen', role: 'administrator' },
        new Date('2020-01-01T00:00:00Z'),
        { publish: true },
      )
      const a: Assessment = {
        ...recorded,
        about: prints.values.has('about') ? g.about : '',
        serviceInformation: prints.values.has('serviceInformation') ? g.serviceInformation : '',
        summary: prints.values.has('summary') ? g.summary : '',
        numberedParagraphs: prints.numbered && g.numbered,
      }
      return { a, name: g.authority.name }
    })
}

// Every framework, the fixture's too, whichever files ran before this one.
registerFixtureFramework()

describe('round trip over generated assessments: ingest(render(a)) gives back a', () => {
  for (const f of FRAMEWORKS)
    it(`${f.id}, as text and as HTML`, () => {
      fc.assert(
        fc.property(assessment(f), ({ a, name }) => {
          expect(structured(read(renderText(a, f, name))), 'text').toEqual(structured(a))
          expect(structured(read(htmlToText(renderHtml(a, f, name)))), 'HTML').toEqual(structured(a))
        }),
        { numRuns: 25 },
      )
    })
})
