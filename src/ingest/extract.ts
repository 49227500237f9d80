import {
  type Assessment,
  type Authority,
  type AuthorityIndex,
  type ContentBlock,
  coreName,
  type Dates,
  EMPTY_DATES,
  editionOn,
  type Figure,
  type Finding,
  FRAMEWORKS,
  type Framework,
  fitsFieldwork,
  getFramework,
  type Judgement,
  levelOfWord,
  MONTHS,
  type Person,
  resolveGrade,
  type Source,
  toldFromDates,
} from '../domain/index.js'
import { once } from '../lib/memo.js'
import { escapeRegExp } from '../lib/regexp.js'
import { readContent } from './content.js'
import { baseName, dateInFileName, dateLine, findDate, findDateRange } from './dates.js'
import { type Detection, detect, foldedOpening } from './detect.js'
import { findFigures } from './figures.js'
import { Flat, fold } from './flat.js'
import { gradeAlternation, isStructuralHeading, JudgementReader } from './judgements.js'
import { pattern, patternEverywhere } from './patterns.js'
import { findAddressee, findReportingInspector, findSalutation, findSignatories, jobWordsPattern } from './people.js'
import { findRecommendationBlocks } from './recommendations.js'
import { findAreaLists, findStrengths, isStrengthsLine } from './strengths.js'
import { type Line, Text } from './text.js'

export interface ExtractedRecommendation {
  areaId: string | null
  timescaleId: string
  text: string
  progress: string | null
  source: Source
}

/** Everything read from one document, each value with its source span; nothing inferred beyond what is printed. */
export interface Extraction {
  documentHash: string
  detection: Detection
  framework: Framework | null
  authority: Authority | null
  dates: Dates
  addressee: Person | null
  /** The addressee's address, a line each, as printed below the organisation. */
  addressLines: string[]
  /** The letter's salutation as printed ("Dear Ms Carrie"); '' where it prints none. */
  salutation: string
  signatories: Person[]
  reportingInspector: Person | null
  /** The kind of inspection the report says it is, where its framework tells kinds apart. */
  inspectionType: string | null
  previousInspection: Assessment['previousInspection']
  followsUp: Assessment['followsUp']
  judgements: Judgement[]
  recommendations: ExtractedRecommendation[]
  figures: Figure[]
  provenance: Record<string, Source>
  /** The document as printed, block by block. */
  content: ContentBlock[]
  findings: Finding[]
}

function finding(message: string, severity: Finding['severity'] = 'warning'): Finding {
  return {
    rule: 'extraction',
    kind: 'extraction',
    severity,
    areaId: null,
    message,
    status: null,
    source: null,
    blocking: false,
  }
}

/** The letter's date: a line that is only a date, in the letter's opening (before its salutation). */
function letterDate(text: Text): { iso: string; line: Line } | undefined {
  // Every framework's salutation: the letter's date is read before the framework is known.
  const salutations = FRAMEWORKS.flatMap(f => (f.reading.letter ? [new RegExp(f.reading.letter.salutation, 'i')] : []))
  const dear = text.lines.findIndex(l => salutations.some(s => s.test(l.text.trim())))
  const limit = dear >= 0 ? dear : Math.min(text.lines.length, 60)
  for (const line of text.lines.slice(0, limit)) {
    const iso = dateLine(line.text)
    if (iso) return { iso, line }
  }
  return undefined
}

function labelled(text: Text, label: RegExp): { line: Line; at: number } | undefined {
  for (const line of text.lines.slice(0, 120)) {
    const m = label.exec(line.text)
    if (m) return { line, at: m.index + m[0].length }
  }
  return undefined
}

/** The word a title names its kind of document with ("… annual performance assessment …", "… inspection of …"). */
const TITLE_WORDS = new RegExp(
  `\\b(?:${[...new Set(FRAMEWORKS.map(f => f.kind.split(' ').at(-1)))].join('|')})\\b`,
  'i',
)

/** Where the document names its authority: its title ("… in the Royal Borough of …"), a report's subtitle, the addressee. */
function authorityMentions(
  text: Text,
  framework: Framework,
  index: AuthorityIndex,
  onDate: string | undefined,
  addresseeOrg: { text: string; start: number; end: number } | undefined,
) {
  const mentions: { authority: Authority; start: number; end: number; printed: string }[] = []
  const consider = (printed: string, start: number, end: number) => {
    const a = index.match(printed.replace(/\s+(?:19|20)\d{2}\s*$/, '').trim(), onDate)
    if (a) mentions.push({ authority: a, start, end, printed: printed.trim() })
  }
  const opening = text.lines.slice(0, 80)
  for (const line of opening) {
    if (line.blank || line.text.length > 250) continue
    const t = line.text
    if (!TITLE_WORDS.test(t)) continue
    // A title names the council after its last " in " ("… young people in Kent County Council"), else after "of" or "for".
    const m = /\b(?:in|of|for)\s+((?:the\s+)?[A-Z][^\t]*?)\s*(?:(?:19|20)\d{2})?\s*$/i.exec(t)
    if (!m?.[1]) continue
    const inAt = t.toLowerCase().lastIndexOf(' in ')
    const at = inAt >= 0 ? inAt + 4 : t.lastIndexOf(m[1])
    const tail = inAt >= 0 ? t.slice(at) : m[1]
    const { start, end } = text.span(line, at, at + tail.length)
    consider(tail, start, end)
  }
  const titles = framework.recognition.titles.map(t => pattern(t.pattern))
  const title = framework.recognition.authorityBelowTitle
    ? // A title a PDF wrapped onto a second line is matched across both.
      opening.findIndex(
        (l, i) => l.text.length < 160 && titles.some(r => r.test(fold(`${l.text} ${opening[i + 1]?.text ?? ''}`))),
      )
    : -1
  // A report names its authority just below its title (which a PDF may have wrapped onto two lines).
  if (title >= 0)
    for (const line of text.nonBlank(title + 1, title + 6).slice(0, 3)) {
      const { start, end } = text.span(line)
      consider(line.text, start, end)
    }
  if (addresseeOrg) consider(addresseeOrg.text, addresseeOrg.start, addresseeOrg.end)
  return mentions
}

/** Where the framework says its title names the council ("Inspection of Dorset local authority children's services"). */
function declaredAuthority(text: Text, framework: Framework, index: AuthorityIndex, onDate: string | undefined) {
  const flat = new Flat(text.lines.slice(0, 40).filter(l => !l.blank))
  const out: { authority: Authority; start: number; end: number; printed: string }[] = []
  for (const declared of framework.recognition.authority) {
    const m = pattern(declared).exec(flat.text)
    const printed = m?.groups?.authority
    if (!m || !printed) continue
    const authority = index.match(printed, onDate)
    if (!authority) continue
    const at = m.index + m[0].indexOf(printed)
    const { start, end } = flat.span(at, at + printed.length)
    out.push({ authority, start, end, printed: text.value.slice(start, end) })
    break
  }
  return out
}

/** The document's non-blank lines as one Flat: two readers search the whole of it. */
const wholeFlat = once((text: Text) => new Flat(text.nonBlank(0)))

/** The earlier inspection a report refers to ("since the last inspection in 2022, when … 'requires improvement to be good'"). */
function findPreviousInspection(
  text: Text,
  framework: Framework,
  authority: Authority | null,
  source: (start: number, end: number) => Source,
): Extraction['previousInspection'] {
  if (!framework.reading.previousInspection.length) return null
  const flat = wholeFlat(text)
  const words = gradeAlternation(framework)
  const names = authority ? authorityAlternation(authority) : null
  const matches = framework.reading.previousInspection
    // A pattern that names the council ({authority}) is tried only where the report's council is known.
    .filter(p => names || !p.includes('{authority}'))
    .flatMap(p => [
      ...flat.text.matchAll(
        patternEverywhere(
          p
            .replace('{year}', '(?<year>(?:19|20)\\d{2})')
            .replace('{grade}', `(?<grade>${words})`)
            .replace('{authority}', `(?:${names})`),
        ),
      ),
    ])
    .sort((a, b) => a.index - b.index)
  // Sentences that give different years or grades (a history of inspections, say): which is the last is not guessed.
  const said = new Set(matches.map(m => `${m.groups?.year} ${levelOfWord(framework.scale, m.groups?.grade ?? '')}`))
  const found = matches[0]
  const grade = found?.groups?.grade
  const year = found?.groups?.year
  if (!found || !grade || !year || said.size > 1) return null
  const at = found.index + found[0].lastIndexOf(grade)
  const span = flat.span(at, at + grade.length)
  const whole = flat.span(found.index, found.index + found[0].length)
  return {
    year: Number(year),
    printed: text.value.slice(span.start, span.end),
    level: levelOfWord(framework.scale, grade) ?? null,
    source: source(whole.start, whole.end),
  }
}

/** The names a report may call its council by ("merton", "london borough of merton"), folded as its text is. */
function authorityAlternation(a: Authority): string {
  const names = new Set([a.name, ...a.aliases].flatMap(n => [fold(n), coreName(n)]).filter(n => n.length > 2))
  return [...names]
    .sort((x, y) => y.length - x.length)
    .map(escapeRegExp)
    .join('|')
}

const MONTH_NAMES = MONTHS.map(m => m.toLowerCase()).join('|')

/** The earlier inspection whose recommendations the report follows up, and when it was published, as printed. */
function findFollowsUp(
  text: Text,
  framework: Framework,
  source: (start: number, end: number) => Source,
): Extraction['followsUp'] {
  const declared = framework.reading.followsUp
  if (!declared) return null
  const flat = wholeFlat(text)
  for (const p of declared.published) {
    const m = pattern(
      p.replace('{month}', `(?<month>${MONTH_NAMES})`).replace('{year}', '(?<year>(?:19|20)\\d{2})'),
    ).exec(flat.text)
    const month = m?.groups?.month
    const year = m?.groups?.year
    if (!m || !month || !year) continue
    const span = flat.span(m.index, m.index + m[0].length)
    const n = MONTH_NAMES.split('|').indexOf(month) + 1
    return {
      inspection: declared.inspection,
      published: `${year}-${String(n).padStart(2, '0')}`,
      source: source(span.start, span.end),
    }
  }
  return null
}

/**
 * Where the report prints no publication date and its framework dates it by publication, the date its file's name
 * carries (as Ofsted's listing names it) is taken, marked as from the file name; one before the inspection ended is
 * not. Only the name, never a path, is kept.
 */
export function withPublicationFromFileName(e: Extraction, fileName: string): Extraction {
  if (e.dates.published || e.framework?.dateOfRecord !== 'published') return e
  const iso = dateInFileName(fileName)
  if (!iso) return e
  const ended = e.dates.inspectionEnd ?? e.dates.inspectionStart
  if (ended && iso < ended)
    return {
      ...e,
      findings: [
        ...e.findings,
        finding(
          `The file name's date, ${iso}, is before the inspection ended: it is not taken as the publication date`,
          'info',
        ),
      ],
    }
  return {
    ...e,
    dates: { ...e.dates, published: iso },
    provenance: { ...e.provenance, 'dates.published': { kind: 'file-name', fileName: baseName(fileName) } },
    findings: [
      ...e.findings,
      finding(`The report prints no publication date: ${iso} is taken from its file name, and marked so`, 'info'),
    ],
  }
}

export function extract(value: string, documentHash: string, index: AuthorityIndex): Extraction {
  const text = new Text(value)
  // The date labels of every framework: the framework is known only once the dates have given the year.
  const labels = (key: 'inspection' | 'published') =>
    new RegExp(`\\b(?:${[...new Set(FRAMEWORKS.flatMap(f => f.reading.dateLabels[key]))].join('|')})\\s*:?\\s*`, 'i')
  const findings: Finding[] = []
  const provenance: Record<string, Source> = {}
  const source = (start: number, end: number, fromNarrative?: boolean): Source => ({
    kind: 'ingested',
    documentHash,
    start,
    end,
    ...(fromNarrative ? { fromNarrative: true } : {}),
  })

  const dates: Dates = { ...EMPTY_DATES }
  const letter = letterDate(text)
  if (letter) {
    dates.letter = letter.iso
    provenance['dates.letter'] = source(...(Object.values(text.span(letter.line)) as [number, number]))
  }
  const published = labelled(text, labels('published'))
  if (published) {
    const d = findDate(published.line.text.slice(published.at))
    if (d) {
      dates.published = d.iso
      const s = text.span(published.line, published.at + d.index, published.at + d.index + d.length)
      provenance['dates.published'] = source(s.start, s.end)
    }
  }
  const inspection = labelled(text, labels('inspection'))
  if (inspection) {
    // Fieldwork in two blocks ("… to 11 October 2024 and 13 to 16 January 2025"), perhaps wrapped onto the next
    // line: first day to last. A single day is both.
    const next = text.lines[inspection.line.index + 1]
    const wrapped =
      next && !next.blank && !next.text.includes(':') && /\b(?:and|to|–|-)$/.test(inspection.line.text.trim())
    const after = `${inspection.line.text.slice(inspection.at)}${wrapped ? ` ${next.text}` : ''}`
    const ranges: NonNullable<ReturnType<typeof findDateRange>>[] = []
    for (let from = 0, r = findDateRange(after); r; r = findDateRange(after.slice(from))) {
      ranges.push({ ...r, index: r.index + from })
      from += r.index + r.length
    }
    const single = ranges.length ? undefined : findDate(after)
    const first = ranges[0]?.start ?? single?.iso
    const last = ranges.at(-1)?.end ?? single?.iso
    if (first && last) {
      dates.inspectionStart = first
      dates.inspectionEnd = last
      const s = wrapped ? text.spanOf(inspection.line, next) : text.span(inspection.line, inspection.at)
      provenance['dates.inspectionStart'] = source(s.start, s.end)
      provenance['dates.inspectionEnd'] = source(s.start, s.end)
    }
  }
  const periodLabels = [...new Set(FRAMEWORKS.flatMap(f => f.reading.dateLabels.period))]
  const period = periodLabels.length ? new RegExp(`\\b(?:${periodLabels.join('|')})\\s+`, 'i').exec(value) : null
  if (period) {
    const r = findDateRange(value.slice(period.index + period[0].length, period.index + period[0].length + 80))
    if (r) {
      dates.periodStart = r.start
      dates.periodEnd = r.end
      const at = period.index + period[0].length + r.index
      provenance['dates.periodStart'] = source(at, at + r.length)
      provenance['dates.periodEnd'] = source(at, at + r.length)
    }
  }

  const dateOfDocument = dates.letter ?? dates.published ?? dates.inspectionEnd ?? undefined
  const detection = detect(text, dateOfDocument ? Number(dateOfDocument.slice(0, 4)) : undefined)
  const empty: Extraction = {
    documentHash,
    detection,
    framework: null,
    authority: null,
    dates,
    addressee: null,
    addressLines: [],
    salutation: '',
    signatories: [],
    reportingInspector: null,
    inspectionType: null,
    previousInspection: null,
    followsUp: null,
    judgements: [],
    recommendations: [],
    figures: [],
    provenance,
    content: readContent(text),
    findings,
  }
  if (detection.kind !== 'supported') return empty
  const framework = getFramework(detection.frameworkId)
  const edition = editionOn(framework, dates.inspectionStart ?? dates.published ?? dateOfDocument)
  const inspectionType = (framework.recognition.inspectionTypes ?? []).find(
    t => (!t.pattern || pattern(t.pattern).test(foldedOpening(text))) && fitsFieldwork(t, dates),
  )
  if (inspectionType?.fieldworkDays) provenance.inspectionType = toldFromDates(inspectionType, dates)
  const scopeIds = inspectionType?.areas ?? edition?.areas
  const scope = scopeIds ? framework.areas.filter(a => scopeIds.includes(a.id)) : framework.areas

  const addressee = findAddressee(text, framework.reading.letter, index, dateOfDocument)
  if (addressee) provenance.addressee = source(addressee.start, addressee.end)
  if (addressee?.address) provenance.addressLines = source(addressee.address.start, addressee.address.end)
  const salutation = findSalutation(text, framework.reading.letter)
  if (salutation) provenance.salutation = source(salutation.start, salutation.end)
  const org = addressee?.value.organisation
  const orgAt = org ? value.indexOf(org, addressee.start) : -1
  const declared = declaredAuthority(text, framework, index, dateOfDocument)
  const mentions = declared.length
    ? declared
    : authorityMentions(
        text,
        framework,
        index,
        dateOfDocument,
        org && orgAt >= 0 ? { text: org, start: orgAt, end: orgAt + org.length } : undefined,
      )
  const distinct = [...new Map(mentions.map(m => [m.authority.code, m])).values()]
  let authority: Authority | null = null
  if (distinct.length === 1 && distinct[0]) {
    authority = distinct[0].authority
    provenance.authorityCode = source(distinct[0].start, distinct[0].end)
  } else if (distinct.length > 1)
    findings.push(
      finding(
        `The document names more than one authority (${distinct.map(m => `"${m.printed}" = ${m.authority.name}`).join('; ')}); none was chosen.`,
        'error',
      ),
    )
  else findings.push(finding('No authority named in the document was recognised.', 'error'))

  const jobWords = jobWordsPattern(framework.reading.jobWords)
  const signatories = findSignatories(text, framework.reading.letter, l => isStrengthsLine(framework, l), jobWords)
  if (signatories.length) {
    const first = signatories[0]
    const last = signatories.at(-1)
    if (first && last) provenance.signatories = source(first.start, last.end)
  }
  const inspector = findReportingInspector(text, framework.reading.inspectors, jobWords)
  if (inspector) provenance.reportingInspector = source(inspector.start, inspector.end)

  // Recommendations first: their lines are then nobody else's.
  const areaByHeading = (line: Line) => {
    if (line.text.length > 120 || line.text.includes('\t')) return undefined
    const t = fold(line.text)
    return framework.areas.find(a => [a.label, ...(a.alsoPrintedAs ?? [])].some(x => fold(x) === t))?.id
  }
  const blocks = findRecommendationBlocks(text, framework, areaByHeading, l => isStructuralHeading(framework, l))
  const strengths = findStrengths(text, framework)
  const consumed = new Set<number>([...blocks.flatMap(b => b.lines), ...strengths.flatMap(r => r.lines)])
  const reader = new JudgementReader(text, framework, source, consumed, scope)
  if (framework.reading.gradeMarker) reader.readMarkers()
  reader.readTables()
  reader.readLabelAndGrade()
  reader.readSentences()
  if (framework.reading.areaHeadings) reader.readHeadings()
  reader.closeSections(
    blocks.map(b => b.headingLine).filter(i => isStructuralHeading(framework, text.lines[i] as Line)),
  )
  // Lists of strengths and areas for development inside the areas' sections: not their narrative.
  const lists = findAreaLists(text, framework, reader.evidence.sections)
  for (const i of lists.flatMap(l => l.lines)) reader.evidence.structural.add(i)
  const narratives = reader.readNarratives()
  findings.push(...reader.evidence.findings)

  const judgements: Judgement[] = []
  for (const area of scope) {
    const readings = reader.evidence.readings.get(area.id) ?? []
    const row = strengths.find(r => r.areaId === area.id) ?? lists.find(r => r.areaId === area.id)
    const narrative = narratives.get(area.id) ?? ''
    if (!readings.length && !row && !narrative) continue
    const resolved = resolveGrade(area, readings)
    const printed = readings.filter(r => !(r.source.kind === 'ingested' && r.source.fromNarrative))
    if (area.grade === 'number' && printed.length === 0 && readings.length > 0)
      findings.push({
        ...finding(
          `No printed grade was found for ${area.label}; the narrative says "${readings[0]?.printed}". It is left missing.`,
        ),
        areaId: area.id,
      })
    judgements.push({
      areaId: area.id,
      ...resolved,
      narrative,
      strengths: row?.strengths ?? [],
      areasForDevelopment: row?.areasForDevelopment ?? [],
      overrides: [],
      readings,
    })
  }

  // A recommendation belongs to the area whose section it stands in, to the part whose areas for improvement list it, or to the area a line in its block names.
  const sectionAt = (line: number) =>
    reader.evidence.sections
      .filter(s => s.headingLine <= line && line < s.bodyEnd)
      .sort((a, b) => b.headingLine - a.headingLine)[0]
  // Headings that say whose recommendations follow ("What does the LSCB need to improve?"): the nearest above.
  const scopes = framework.reading.recommendationScopes
  const scopeAt = (line: number) => {
    for (let i = line; i >= 0 && scopes.length; i--) {
      const l = text.lines[i] as Line
      // A heading: short, not the end of a sentence.
      if (l.blank || l.text.length > 120 || /[.,;]$/.test(l.text.trim())) continue
      const t = fold(l.text)
      const scope = scopes.find(s => pattern(s.pattern).test(t))
      if (scope) return scope
    }
    return undefined
  }
  const recommendations: ExtractedRecommendation[] = blocks.flatMap(b =>
    b.items.map(item => ({
      areaId:
        scopeAt(b.headingLine)?.area ??
        item.areaHint ??
        sectionAt(b.headingLine)?.areaId ??
        reader.partOf(b.headingLine) ??
        null,
      timescaleId: b.timescale.id,
      text: item.text,
      progress: item.progress?.text ?? null,
      source: source(item.start, item.end),
    })),
  )

  return {
    ...empty,
    framework,
    authority,
    addressee: addressee?.value ?? null,
    addressLines: addressee?.address?.value ?? [],
    salutation: salutation?.value ?? '',
    signatories: signatories.map(s => s.value),
    reportingInspector: inspector?.value ?? null,
    inspectionType: inspectionType?.id ?? null,
    previousInspection: findPreviousInspection(text, framework, authority, source),
    followsUp:
      findFollowsUp(text, framework, source) ??
      // Its recommendations followed up, but its date not printed: the inspection is known, its date missing.
      (framework.reading.followsUp &&
      recommendations.some(r => framework.timescales.find(t => t.id === r.timescaleId)?.madeBy === 'earlier-inspection')
        ? { inspection: framework.reading.followsUp.inspection, published: null, source: null }
        : null),
    judgements,
    recommendations,
    figures: findFigures(text, framework, source),
    provenance,
    findings,
  }
}
