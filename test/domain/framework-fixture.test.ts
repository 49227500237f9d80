import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  AUTHORITIES,
  AuthorityIndex,
  EMPTY_DATES,
  FRAMEWORKS,
  getFramework,
  recordDocument,
} from '../../src/domain/index.js'
import { detect } from '../../src/ingest/detect.js'
import { extract } from '../../src/ingest/extract.js'
import { Text } from '../../src/ingest/text.js'
import { renderHtml, renderText } from '../../src/render/render.js'
import { structured } from '../render/support.js'
import { registerFixtureFramework } from '../support/fixture-framework.js'

// A framework that exists only as a folder in this test: detecting, reading and rendering it needs no code.
const moon = registerFixtureFramework()
const index = new AuthorityIndex(AUTHORITIES)

function report() {
  const values = { whole: 3, 'front-door': 2, homes: 4 } as Record<string, number>
  return recordDocument(
    {
      id: randomUUID(),
      framework: moon,
      authorityCode: 'E06000001',
      dates: { ...EMPTY_DATES, inspectionStart: '2031-03-03', inspectionEnd: '2031-03-14', published: '2031-05-01' },
      addressee: null,
      signatories: [],
      reportingInspector: { name: 'Ruth Okafor', title: null, organisation: null },
      judgements: moon.areas.map(a => ({
        areaId: a.id,
        grade: values[a.id] ?? null,
        level: moon.scale.points.find(p => p.value === values[a.id])?.level ?? null,
        narrative: 'Plans are reviewed with families.',
        strengths: [],
        areasForDevelopment: [],
        overrides: [],
        readings: [],
        source: null,
      })),
      recommendations: [
        {
          id: '1',
          areaId: null,
          timescaleId: 'recommendation',
          text: 'Review every plan.',
          progress: null,
          source: null,
        },
      ],
      figures: [],
      provenance: {},
    },
    { id: 'test', role: 'administrator' },
    new Date('2031-05-01T00:00:00Z'),
    { publish: true },
  )
}

describe('a framework is a folder of data', () => {
  it('is loaded from its folder with its own scale, beside the shipped ones', () => {
    expect(getFramework('moon-2031').scale.points.map(p => p.label)).toEqual([
      'Exemplary',
      'Sound',
      'Not yet sound',
      'Failing',
    ])
    expect(FRAMEWORKS.map(f => f.id)).toContain('sif-2013')
  })

  it('renders the fixture in its declared structure, then detects and reads it back unchanged', () => {
    const a = report()
    const text = renderText(a, moon, 'Hartlepool')
    expect(text).toMatch(/^Lunar review of children's services in Hartlepool$/m)
    expect(text).toMatch(/^The whole service\tSound$/m)
    expect(text).toMatch(/^On the whole, the service is sound\.$/m)
    expect(detect(new Text(text), 2031)).toMatchObject({ kind: 'supported', frameworkId: 'moon-2031' })
    const read = extract(text, 'f'.repeat(64), index)
    expect(read.findings).toEqual([])
    expect(structured(read)).toEqual(structured(a))
    // Each grade was read from both places the structure prints it, and "whole" from its sentence too.
    expect(read.judgements.find(j => j.areaId === 'whole')?.readings).toHaveLength(3)
    expect(read.judgements.find(j => j.areaId === 'homes')?.readings).toHaveLength(2)
    expect(read.reportingInspector?.name).toBe('Ruth Okafor')
    expect(read.dates).toMatchObject({
      inspectionStart: '2031-03-03',
      inspectionEnd: '2031-03-14',
      published: '2031-05-01',
    })
  })

  it('renders as HTML too, and a year outside the framework is named, not guessed', () => {
    expect(renderHtml(report(), moon, 'Hartlepool')).toContain('Help at the front door')
    expect(detect(new Text("Lunar review of children's services in Hartlepool"), 2040)).toEqual({
      kind: 'unsupported',
      recognised: "a lunar review of children's services for 2040; supported years: 2031–2033",
    })
  })
})
