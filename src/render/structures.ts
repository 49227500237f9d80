import {
  type Area,
  type Assessment,
  areasOf,
  editionFor,
  type Framework,
  headlineJudgement,
  type Judgement,
  labelIn,
  type Person,
  pointFor,
  pointForLevel,
  pointsBestFirst,
  ValidationError,
} from '../domain/index.js'
import type { Block } from './document.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "2007-11-26" → "26 November 2007". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`
}

/** "10-20 April 2012", "28 March – 8 April 2011". */
function dateRange(start: string, end: string): string {
  const [a, b] = [longDate(start).split(' '), longDate(end).split(' ')]
  if (a[1] === b[1] && a[2] === b[2]) return `${a[0]}-${longDate(end)}`
  return `${longDate(start)} – ${longDate(end)}`
}

export interface Context {
  a: Assessment
  f: Framework
  authorityName: string
}

/** "in the Royal Borough of …", "in Kent County Council": as the letters print the council's name. */
function inCouncil(c: Context): string {
  const org = c.a.addressee?.organisation ?? c.authorityName
  return `in ${/^(royal|london|city|metropolitan) /i.test(org) ? 'the ' : ''}${org}`
}

/**
 * A draft carries no publication mark, even with its planned date recorded; nor does a report whose date was not
 * printed in it (taken from its file's name).
 */
const printsPublication = (a: Assessment) =>
  a.status === 'published' && a.provenance['dates.published']?.kind !== 'file-name'

const judgement = (c: Context, areaId: string): Judgement | undefined => c.a.judgements.find(j => j.areaId === areaId)
const grade = (c: Context, areaId: string) => judgement(c, areaId)?.grade ?? null

function paragraphs(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map(p => p.trim())
    .filter(Boolean)
    .map(p => ({ kind: 'paragraph', text: p }))
}

function person(p: Person): string[] {
  return [p.name, p.title, p.organisation].filter((x): x is string => Boolean(x))
}

function letterOpening(c: Context, title: string): Block[] {
  const blocks: Block[] = []
  if (c.a.dates.letter) blocks.push({ kind: 'paragraph', text: longDate(c.a.dates.letter) })
  if (c.a.addressee) {
    blocks.push({ kind: 'lines', lines: person(c.a.addressee) })
    const words = c.a.addressee.name.split(/\s+/)
    const honorific = /^(Mr|Mrs|Ms|Miss|Dr|Professor|Sir|Dame)$/i.test(words[0] ?? '')
    blocks.push({ kind: 'paragraph', text: `Dear ${honorific ? `${words[0]} ${words.at(-1)}` : c.a.addressee.name}` })
  }
  blocks.push({ kind: 'heading', level: 1, text: title })
  return blocks
}

function signOff(c: Context): Block[] {
  if (c.a.signatories.length === 0) return []
  return [
    { kind: 'paragraph', text: 'Yours sincerely' },
    ...c.a.signatories.map(p => ({ kind: 'lines' as const, lines: person(p) })),
  ]
}

/** Items under one timescale, for one area (or for the whole assessment when areaId is undefined). */
function recommendations(c: Context, timescaleId: string, areaId?: string | null) {
  return c.a.recommendations.filter(r => r.timescaleId === timescaleId && (areaId === undefined || r.areaId === areaId))
}

function timescaleLabel(c: Context, id: string): string {
  return c.f.timescales.find(t => t.id === id)?.label ?? id
}

/** Areas for development, grouped by area under a heading the reader recognises. */
function areasForDevelopment(c: Context): Block[] {
  const items = recommendations(c, 'area-for-development')
  if (items.length === 0) return []
  const blocks: Block[] = [{ kind: 'paragraph', text: 'The following areas for development have been identified:' }]
  for (const areaId of [...new Set(items.map(r => r.areaId))]) {
    const area = c.f.areas.find(a => a.id === areaId)
    if (area) blocks.push({ kind: 'paragraph', text: area.label })
    blocks.push({ kind: 'list', items: items.filter(r => r.areaId === areaId).map(r => r.text) })
  }
  return blocks
}

/** A narrative for an area judged in words states its judgement, so that the words carry the grade. */
function narrativeWithJudgement(c: Context, area: Area): string {
  const j = judgement(c, area.id)
  const narrative = j?.narrative ?? ''
  if (!j?.level || headlineJudgement(narrative, c.f.scale)) return narrative
  const word = pointForLevel(c.f.scale, j.level)?.words[0] ?? j.level
  return `The council makes ${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word} contribution in this area.${narrative ? `\n\n${narrative}` : ''}`
}

function strengthsTable(c: Context, headings: [string, string], label: (a: Area) => string, marker: string): Block[] {
  const rows = c.f.areas
    .map(area => ({ area, j: judgement(c, area.id) }))
    .filter(({ j }) => j && (j.strengths.length || j.areasForDevelopment.length))
    .map(({ area, j }) => {
      const cell = (items: string[]) => [label(area), ...items.map(i => `${marker} ${i}`)].join(' ')
      return [cell(j?.strengths ?? []), cell(j?.areasForDevelopment ?? [])]
    })
  return rows.length ? [{ kind: 'table', header: headings, rows }] : []
}

/** The opening paragraph of an APA letter, with the period its evidence covers where that is recorded. */
function introApa(c: Context): Block {
  const { periodStart, periodEnd } = c.a.dates
  const period =
    periodStart && periodEnd
      ? ` The evaluations and judgements in the letter draw on a range of data and information which covers the period ${longDate(periodStart)} to ${longDate(periodEnd)}.`
      : ''
  return {
    kind: 'paragraph',
    text: `This letter summarises the findings of the ${c.f.year} annual performance assessment (APA) for your council.${period} We are grateful for the information you provided to support this process and for the time given by you and your colleagues during the assessment.`,
  }
}

function apa2006(c: Context): Block[] {
  const title = `${c.f.year} ANNUAL PERFORMANCE ASSESSMENT OF SERVICES FOR CHILDREN AND YOUNG PEOPLE ${inCouncil(c).toUpperCase()}`
  const numbered = c.f.areas.filter(a => a.grade === 'number')
  const capacity = c.f.areas.find(a => a.role === 'capacity')
  const blocks: Block[] = [
    ...letterOpening(c, title),
    introApa(c),
    { kind: 'heading', level: 2, text: 'Summary' },
    {
      kind: 'table',
      header: ['Areas for judgement', 'Grade awarded'],
      rows: numbered.map(a => [a.label, String(grade(c, a.id) ?? '')]),
    },
    {
      kind: 'table',
      header: ['Grade', ...c.f.scale.descriptorSets.map(s => s.label)],
      rows: pointsBestFirst(c.f.scale).map(p => [
        String(p.value),
        ...c.f.scale.descriptorSets.map(s => p.descriptors?.[s.id] ?? ''),
      ]),
    },
    ...paragraphs(c.a.summary),
  ]
  for (const area of c.f.areas.filter(a => a.grade === 'narrative'))
    blocks.push({ kind: 'heading', level: 2, text: area.label }, ...paragraphs(narrativeWithJudgement(c, area)))
  if (capacity && judgement(c, capacity.id)?.narrative)
    blocks.push(
      { kind: 'heading', level: 2, text: capacity.alsoPrintedAs?.[0] ?? capacity.label },
      ...paragraphs(judgement(c, capacity.id)?.narrative ?? ''),
    )
  blocks.push({ kind: 'heading', level: 2, text: 'Key strengths and areas for improvement' })
  blocks.push(
    ...strengthsTable(
      c,
      ['Key strengths', 'Key areas for improvement'],
      a => (a.role === 'capacity' ? (a.alsoPrintedAs?.at(-1) ?? a.label) : `${a.label}:`),
      '•',
    ),
  )
  const focus = recommendations(c, 'aspect-for-focus')
  if (focus.length)
    blocks.push(
      { kind: 'heading', level: 2, text: timescaleLabel(c, 'aspect-for-focus') },
      { kind: 'list', items: focus.map(r => r.text) },
    )
  return [...blocks, ...signOff(c)]
}

function apa2007(c: Context): Block[] {
  const title = `${c.f.year} ANNUAL PERFORMANCE ASSESSMENT OF SERVICES FOR CHILDREN AND YOUNG PEOPLE ${inCouncil(c).toUpperCase()}`
  const blocks: Block[] = [...letterOpening(c, title), introApa(c)]
  for (const area of c.f.areas) {
    const j = judgement(c, area.id)
    blocks.push({ kind: 'heading', level: 2, text: area.label }, { kind: 'paragraph', text: `Grade ${j?.grade ?? ''}` })
    const [first, ...rest] = paragraphs(j?.narrative ?? '')
    if (first) blocks.push(first)
    for (const r of recommendations(c, 'in-the-next-six-months', area.id)) {
      blocks.push({ kind: 'paragraph', text: timescaleLabel(c, r.timescaleId) }, { kind: 'paragraph', text: r.text })
      if (r.progress) blocks.push({ kind: 'paragraph', text: r.progress })
    }
    blocks.push(...rest)
  }
  return [...blocks, ...areasForDevelopment(c), ...signOff(c)]
}

function apa2008(c: Context): Block[] {
  const title = `Annual performance assessment of services for children and young people ${inCouncil(c)} ${c.f.year}`
  const blocks: Block[] = [
    ...letterOpening(c, title),
    introApa(c),
    { kind: 'paragraph', text: `The following table sets out the grades awarded for performance in ${c.f.year}.` },
    {
      kind: 'table',
      header: ['Assessment judgement area', 'APA grade'],
      rows: c.f.areas.map(a => [a.label, String(grade(c, a.id) ?? '')]),
    },
    {
      kind: 'paragraph',
      text: `Inspectors make judgements based on the following scale: ${pointsBestFirst(c.f.scale)
        .map(p => `${p.value}: ${p.label}`)
        .join('; ')}`,
    },
  ]
  for (const area of c.f.areas) {
    const j = judgement(c, area.id)
    if (j?.narrative)
      blocks.push(
        { kind: 'heading', level: 2, text: area.label },
        { kind: 'paragraph', text: `Grade ${j.grade ?? ''}` },
        ...paragraphs(j.narrative),
      )
  }
  blocks.push(...areasForDevelopment(c), ...signOff(c))
  blocks.push({ kind: 'heading', level: 2, text: 'Major strengths and important weaknesses' })
  blocks.push(
    ...strengthsTable(
      c,
      ['Major strengths', 'Important weaknesses and areas for development'],
      a => (a.role === 'capacity' ? (a.alsoPrintedAs?.[0] ?? a.label) : a.label),
      '▪',
    ),
  )
  return blocks
}

function rating2009(c: Context): Block[] {
  const area = c.f.areas[0]
  const j = area ? judgement(c, area.id) : undefined
  const point = j?.grade != null ? pointFor(c.f.scale, j.grade) : undefined
  const set = area?.descriptorSet
  return [
    ...letterOpening(c, "Children's services annual rating"),
    { kind: 'paragraph', text: 'The annual rating derives from a four point scale:' },
    {
      kind: 'table',
      header: null,
      rows: pointsBestFirst(c.f.scale).map(p => [String(p.value), p.label, (set && p.descriptors?.[set]) ?? '']),
    },
    { kind: 'heading', level: 2, text: `Children's services rating ${c.f.year}` },
    { kind: 'table', header: null, rows: [[area?.label ?? '', point ? `${point.label} (${point.value})` : '']] },
    ...paragraphs(j?.narrative ?? ''),
    ...areasForDevelopment(c),
    ...signOff(c),
  ]
}

const FIGURE_SENTENCES: Record<string, (n: number) => string> = {
  'child-population': n =>
    `The area has a resident population of approximately ${n.toLocaleString('en-GB')} children and young people aged 0 to 18.`,
  schools: n => `The area has ${n} schools.`,
  'foster-carers': n => `There are ${n} foster carers.`,
  'childrens-homes': n => `There are ${n} children's homes.`,
  'looked-after-children': n => `At the time of the inspection there were ${n} looked after children.`,
  'care-leavers': n => `The local authority works with ${n} care leavers.`,
  'child-protection-plans': n =>
    `At the time of the inspection there were ${n} children who were the subject of a child protection plan.`,
  'case-files-reviewed': n => `The evidence evaluated by inspectors included a review of ${n} case files.`,
}

function slac2012(c: Context): Block[] {
  const { a, f } = c
  const front: string[] = []
  if (a.dates.inspectionStart && a.dates.inspectionEnd)
    front.push(`Inspection dates: ${dateRange(a.dates.inspectionStart, a.dates.inspectionEnd)}`)
  if (a.reportingInspector)
    front.push(
      `Reporting inspector: ${[a.reportingInspector.name, a.reportingInspector.title].filter(Boolean).join(' ')}`,
    )
  if (a.dates.published && printsPublication(a)) front.push(`Published: ${longDate(a.dates.published)}`)
  const label = (g: number | null) => {
    const p = g === null ? undefined : pointFor(f.scale, g)
    return p ? `${p.value} (${p.label})` : ''
  }
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: f.name },
    { kind: 'paragraph', text: a.addressee?.organisation ?? c.authorityName },
    { kind: 'lines', lines: front },
    { kind: 'heading', level: 2, text: 'The inspection judgements and what they mean' },
    { kind: 'paragraph', text: 'All inspection judgements are made using the following four point scale.' },
    {
      kind: 'table',
      header: null,
      rows: pointsBestFirst(f.scale).map(p => [`${p.label} (Grade ${p.value})`, p.descriptors?.service ?? '']),
    },
  ]
  blocks.push(
    { kind: 'heading', level: 2, text: 'Contents' },
    {
      kind: 'list',
      items: [
        'The inspection judgements and what they mean',
        'Service information',
        ...f.parts.map(p => p.label),
        'Record of main findings',
      ],
    },
  )
  const figures = a.figures.map(x => FIGURE_SENTENCES[x.key]?.(x.value)).filter((s): s is string => Boolean(s))
  if (figures.length)
    blocks.push(
      { kind: 'heading', level: 2, text: 'Service information' },
      { kind: 'paragraph', text: figures.join(' ') },
    )
  for (const part of f.parts) {
    blocks.push({ kind: 'heading', level: 2, text: part.label })
    const areas = f.areas.filter(x => x.part === part.id)
    const section = (area: Area) => {
      const j = judgement(c, area.id)
      if (j?.narrative)
        blocks.push(
          { kind: 'heading', level: 3, text: area.label },
          { kind: 'paragraph', text: `Grade ${label(j.grade)}` },
          ...paragraphs(j.narrative),
        )
    }
    for (const area of areas.filter(x => !x.group)) section(area)
    const items = f.timescales.flatMap(t => recommendations(c, t.id, part.id).map(r => ({ t, r })))
    if (items.length) {
      blocks.push(
        { kind: 'heading', level: 3, text: 'Areas for improvement' },
        {
          kind: 'paragraph',
          text: `In order to improve the quality of provision and services in ${c.authorityName}, the local authority and its partners should take the following action.`,
        },
      )
      for (const t of f.timescales) {
        const list = items.filter(x => x.t.id === t.id).map(x => x.r.text)
        if (list.length) blocks.push({ kind: 'paragraph', text: `${t.label}:` }, { kind: 'list', items: list })
      }
    }
    for (const group of f.groups.filter(g => g.part === part.id)) {
      blocks.push({ kind: 'heading', level: 2, text: group.label })
      for (const area of areas.filter(x => x.group === group.id)) section(area)
    }
  }
  blocks.push({ kind: 'heading', level: 2, text: 'Record of main findings' })
  const rows: string[][] = []
  for (const part of f.parts) {
    rows.push([part.label, ''])
    for (const area of f.areas.filter(x => x.part === part.id && !x.group))
      rows.push([area.label, label(grade(c, area.id))])
    for (const group of f.groups.filter(g => g.part === part.id)) {
      rows.push([group.label, ''])
      for (const area of f.areas.filter(x => x.group === group.id)) rows.push([area.label, label(grade(c, area.id))])
    }
  }
  blocks.push({ kind: 'table', header: null, rows })
  return blocks
}

/** Fills a report phrase's placeholders ("Lead inspector: {name}"). */
function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([a-z:]+)\}/g, (whole, key: string) => values[key] ?? whole)
}

/**
 * An inspection report whose every fixed phrase is the framework's own data (its `report`): title, front matter,
 * the judgement table, a section per judgement headed by its label and grade, and the recommendations.
 */
function inspectionReport(c: Context): Block[] {
  const { a, f } = c
  const report = f.report
  if (!report) throw new ValidationError(`${f.id} declares no report to print`)
  const edition = editionFor(f, a.dates)
  const areas = areasOf(f, edition)
  const word = (g: number | null) => (g === null ? undefined : pointFor(f.scale, g)?.label)
  const blocks: Block[] = report.title.map((t, i) => ({
    kind: i === 0 ? 'heading' : 'paragraph',
    level: 1,
    text: fill(t, { authority: c.authorityName }),
  })) as Block[]
  const front: string[] = []
  if (a.dates.inspectionStart && a.dates.inspectionEnd)
    front.push(
      fill(report.inspectionDates, {
        dates:
          a.dates.inspectionStart === a.dates.inspectionEnd
            ? longDate(a.dates.inspectionStart)
            : dateRange(a.dates.inspectionStart, a.dates.inspectionEnd),
      }),
    )
  if (a.dates.published && printsPublication(a))
    front.push(fill(report.published, { date: longDate(a.dates.published) }))
  if (a.reportingInspector)
    front.push(
      fill(report.inspector, {
        name: [a.reportingInspector.name, a.reportingInspector.title].filter(Boolean).join(', '),
      }),
    )
  if (front.length) blocks.push({ kind: 'lines', lines: front })
  const rows = areas.flatMap(area => {
    const g = word(grade(c, area.id))
    if (!g) return []
    const number = area.number ? `${area.number}${area.number.includes('.') ? '' : '.'} ` : ''
    return [fill(report.table.row, { number, label: labelIn(area, edition), grade: g }).split('\t')]
  })
  if (rows.length) blocks.push({ kind: 'table', header: report.table.header, rows })
  for (const s of report.statements) {
    const g = word(grade(c, s.area))
    if (g) blocks.push({ kind: 'paragraph', text: fill(s.text, { grade: g, 'grade:lower': g.toLowerCase() }) })
  }
  const scoped = new Set(report.recommendations.map(r => r.area).filter(Boolean))
  const sections = areas.filter(area => judgement(c, area.id)?.narrative)
  const printRecommendations = (scope: (typeof report.recommendations)[number]) => {
    const items = a.recommendations.filter(r => (scope.area ? r.areaId === scope.area : !scoped.has(r.areaId)))
    if (!items.length) return
    blocks.push({ kind: 'heading', level: 2, text: scope.heading })
    let n = 0
    const print = (list: typeof items) => {
      if (scope.numbered) for (const r of list) blocks.push({ kind: 'paragraph', text: `${++n}. ${r.text}` })
      else blocks.push({ kind: 'list', items: list.map(r => r.text) })
    }
    if (!scope.timescaleHeadings) return print(items)
    for (const t of f.timescales) {
      const list = items.filter(r => r.timescaleId === t.id)
      if (!list.length) continue
      blocks.push({ kind: 'heading', level: 3, text: t.label })
      print(list)
    }
  }
  for (const scope of report.recommendations.filter(r => r.area === null)) printRecommendations(scope)
  for (const area of sections) {
    const j = judgement(c, area.id)
    const g = word(j?.grade ?? null)
    blocks.push({
      kind: 'heading',
      level: 2,
      text: g
        ? fill(report.sectionHeading, { label: labelIn(area, edition), grade: g, 'grade:lower': g.toLowerCase() })
        : labelIn(area, edition),
    })
    blocks.push(...paragraphs(j?.narrative ?? ''))
    for (const scope of report.recommendations.filter(r => r.area === area.id)) printRecommendations(scope)
  }
  for (const scope of report.recommendations.filter(r => r.area && !sections.some(s => s.id === r.area)))
    printRecommendations(scope)
  return blocks
}

/** One report structure per kind of document; a framework names the one that renders it. */
export const STRUCTURES: Record<string, (c: Context) => Block[]> = {
  'apa-2006-letter': apa2006,
  'apa-2007-letter': apa2007,
  'apa-2008-letter': apa2008,
  'rating-2009-letter': rating2009,
  'slac-2012-report': slac2012,
  'inspection-report': inspectionReport,
}
