import {
  type Area,
  type Finding,
  type Framework,
  type GradeReading,
  headlineJudgement,
  levelOfWord,
  pointFor,
  pointForLevel,
  type ScalePoint,
} from '../domain/index.js'
import { once } from '../lib/memo.js'
import { escapeRegExp } from '../lib/regexp.js'
import { Flat, fold } from './flat.js'
import { pattern, patterns } from './patterns.js'
import { continuesAcrossBreak, type Line, type Text } from './text.js'

export interface Section {
  areaId: string
  /** First line of the heading, and the body's lines [bodyStart, bodyEnd). */
  headingLine: number
  bodyStart: number
  bodyEnd: number
}

export interface JudgementEvidence {
  readings: Map<string, GradeReading[]>
  sections: Section[]
  findings: Finding[]
  /** Lines that are headings or table rows: not narrative. */
  structural: Set<number>
}

/** The framework's parts by their folded labels (the first part of a label, as a search in order finds it). */
const partsByLabel = once((framework: Framework) => {
  const out = new Map<string, string>()
  for (const p of framework.parts) if (!out.has(fold(p.label))) out.set(fold(p.label), p.id)
  return out
})

/** What ends a section, compiled once per framework: it is asked of nearly every line. */
const sectionEnds = once((framework: Framework) => ({
  headings: patterns(framework.reading.structuralHeadings),
  groups: new Set(framework.groups.map(g => fold(g.label))),
}))

/** A line that is a part's heading ("Safeguarding services"): the part's id. */
export function partHeading(framework: Framework, line: Line): string | undefined {
  if (line.blank || line.text.length > 120) return undefined
  return partsByLabel(framework).get(fold(line.text))
}

/** A heading that ends a section: a part or group heading, or one of the reports' structural headings. */
export function isStructuralHeading(framework: Framework, line: Line): boolean {
  const t = fold(line.text)
  const ends = sectionEnds(framework)
  return ends.headings.some(r => r.test(t)) || partHeading(framework, line) !== undefined || ends.groups.has(t)
}

/** Sentence patterns with their {grade} and {label} filled in, by pattern and the areas in scope. */
const compiledSentences = new Map<string, RegExp>()

/** The area's labels, folded (once per area: reading asks for them many times). */
const labelsOf = once((area: Area) => [area.label, ...(area.alsoPrintedAs ?? [])].map(fold))

/** The area's labels as the words a row's tokens are compared with. */
const labelTokens = once((area: Area) =>
  labelsOf(area).map(l =>
    tokensOf(new Flat([lineOf(l)]))
      .map(t => t.word)
      .join(' '),
  ),
)

/** The area whose label the text ends with (longest label first), among the areas in scope. */
function areaEndingText(text: string, areas: readonly Area[]): Area | undefined {
  const t = fold(text)
  let best: { area: Area; length: number } | undefined
  for (const area of areas)
    for (const label of labelsOf(area))
      if ((t === label || t.endsWith(` ${label}`)) && (!best || label.length > best.length))
        best = { area, length: label.length }
  return best?.area
}

export class JudgementReader {
  private readonly partAt: (string | undefined)[]
  readonly evidence: JudgementEvidence = { readings: new Map(), sections: [], findings: [], structural: new Set() }
  private readonly selfDescribing: RegExp
  /** The framework's grade marker ("Grade 2 (Good)"): its number, then its word; none for a framework without. */
  private readonly marker: RegExp | undefined

  constructor(
    private readonly text: Text,
    private readonly framework: Framework,
    private readonly source: (start: number, end: number, fromNarrative?: boolean) => GradeReading['source'],
    private readonly consumed: ReadonlySet<number>,
    /** The areas the document's edition judges (all the framework's when it has no editions). */
    private readonly scope: readonly Area[] = framework.areas,
  ) {
    this.selfDescribing = selfDescribing(framework)
    this.marker = framework.reading.gradeMarker ? new RegExp(framework.reading.gradeMarker, 'i') : undefined
    let part: string | undefined
    this.partAt = text.lines.map(l => {
      const p = partHeading(framework, l)
      if (p) part = p
      return part
    })
  }

  /** The part of the report a line stands in, from the part headings above it. */
  partOf(lineIndex: number): string | undefined {
    return this.partAt[lineIndex]
  }

  isStructural(line: Line): boolean {
    return isStructuralHeading(this.framework, line)
  }

  /** The areas in scope by part: one array for each part, so that what is worked out for it can be kept. */
  private readonly areasByPart = new Map<string | undefined, Area[]>()

  private areasAt(lineIndex: number): Area[] {
    const part = this.partAt[lineIndex]
    let areas = this.areasByPart.get(part)
    if (!areas) {
      areas = this.scope.filter(a => !this.framework.parts.length || a.part === part)
      this.areasByPart.set(part, areas)
    }
    return areas
  }

  private ungradedLines: Set<number> | undefined

  /** Lines of the sections the framework says give no grade of this report's (a previous inspection's, a key). */
  private ungraded(): Set<number> {
    if (this.ungradedLines) return this.ungradedLines
    const out = new Set<number>()
    this.ungradedLines = out
    const starts = patterns(this.framework.reading.notGradedIn)
    let inside = false
    for (const line of this.text.lines) {
      if (!line.blank && line.text.length < 120) {
        const t = fold(line.text)
        if (starts.some(r => r.test(t))) inside = true
        else if (this.isStructural(line)) inside = false
      }
      if (inside) out.add(line.index)
    }
    return out
  }

  /**
   * Runs of non-blank lines no other extractor took, at most `max` lines long (longer runs are prose). A bullet or a
   * line ending a sentence is no table row or heading.
   */
  private paragraphs(max: number): Line[][] {
    const out: Line[][] = []
    const ungraded = this.ungraded()
    let run: Line[] = []
    const end = () => {
      if (run.length && run.length <= max) out.push(run)
      run = []
    }
    for (const line of this.text.lines) {
      if (line.blank || this.consumed.has(line.index) || ungraded.has(line.index)) end()
      else run.push(line)
    }
    end()
    return out
  }

  /**
   * Table rows and headings that are an area's label and a grade word and nothing else ("Overall effectiveness
   * Good", "The experiences and progress of care leavers: good", a row a PDF wrapped around its cells). A run of
   * lines is split into rows only where every row is explained so; anything else is not read.
   */
  readLabelAndGrade(): void {
    if (!this.framework.reading.labelAndGrade) return
    const phrases = gradePhrases(this.framework)
    for (const whole of this.paragraphs(40)) {
      // Each lead below partitions the same lines again: a run of them (consecutive lines) is explained once.
      const explained = new Map<string, RowReading | undefined>()
      const explain = (lines: readonly Line[]) => {
        const key = `${lines[0]?.index}:${lines.length}`
        if (!explained.has(key)) explained.set(key, explainRow(lines, this.areasAt(lines[0]?.index ?? 0), phrases))
        return explained.get(key)
      }
      // Rows may follow, without a blank line, the sentence or the table header before them.
      let rows: ReturnType<typeof partition<RowReading>>
      for (let lead = 0; lead < whole.length && !rows; lead++) {
        const before = whole.slice(0, lead)
        const last = before.at(-1)?.text.trim() ?? ''
        if (lead > 0 && !/[.:!?]$/.test(last) && !before.every(l => l.text.trim().length <= 40)) continue
        rows = partition(whole.slice(lead), explain)
      }
      if (!rows) continue
      for (const row of rows) {
        const { area, phrase, tokens } = row.reading
        const flat = new Flat(row.lines)
        const printed = tokens.map(t => flat.text.slice(t.start, t.end)).join(' ')
        const first = tokens[0]
        const last = tokens.at(-1)
        const { start, end } = flat.span(first?.start ?? 0, last?.end ?? flat.text.length)
        this.add(area.id, {
          value: phrase.point.value,
          printed: originalWords(this.text.value, flat, tokens) || printed,
          level: phrase.point.level,
          source: this.source(start, end),
        })
        const headingLine = row.lines[0]?.index ?? 0
        const lastLine = row.lines.at(-1)?.index ?? headingLine
        for (const l of row.lines) this.evidence.structural.add(l.index)
        this.evidence.sections.push({
          areaId: area.id,
          headingLine,
          bodyStart: lastLine + 1,
          bodyEnd: this.text.lines.length,
        })
      }
    }
  }

  /** Sentences the framework declares as stating a grade ("Children's services in Norfolk are inadequate"). */
  readSentences(): void {
    const declared = this.framework.reading.sentences
    if (!declared.length) return
    const words = gradePhrases(this.framework)
    const grade = gradeAlternation(this.framework)
    // Each sentence's areas, labels and pattern, by the areas in scope where it stands.
    const readers = new Map<
      Area[],
      ({ candidates: Area[]; labels: { l: string; a: Area }[]; regex: RegExp } | null)[]
    >()
    const readersFor = (areas: Area[]) =>
      declared.map(sentence => {
        const candidates = sentence.area ? areas.filter(a => a.id === sentence.area) : areas
        const labels = candidates.flatMap(a => labelsOf(a).map(l => ({ l, a }))).sort((x, y) => y.l.length - x.l.length)
        if (!labels.length) return null
        const key = `${sentence.pattern}|${candidates.map(a => a.id).join(',')}`
        let regex = compiledSentences.get(key)
        if (!regex) {
          regex = new RegExp(
            sentence.pattern
              .replace('{grade}', `(?<grade>${grade})`)
              .replace('{label}', `(?<label>${labels.map(x => escapeRegExp(x.l)).join('|')})`),
          )
          compiledSentences.set(key, regex)
        }
        return { candidates, labels, regex }
      })
    for (const piece of statementPieces(this.paragraphs(12))) {
      const { flat, from, to } = piece
      const body = flat.text.slice(from, to).replace(/[ .:;,]+$/, '')
      const areas = this.areasAt(piece.line)
      let forAreas = readers.get(areas)
      if (!forAreas) {
        forAreas = readersFor(areas)
        readers.set(areas, forAreas)
      }
      for (const [k, sentence] of declared.entries()) {
        const compiled = forAreas[k]
        if (!compiled) continue
        const { candidates, labels, regex } = compiled
        const m = regex.exec(body)
        const word = m?.groups?.grade
        if (!m || !word) continue
        const area = sentence.area ? candidates[0] : labels.find(x => x.l === m.groups?.label)?.a
        const point = words.find(w => w.text === word)?.point
        if (!area || !point) continue
        const at = from + m.index + m[0].lastIndexOf(word)
        const { start, end } = flat.span(at, at + word.length)
        const whole = flat.span(from + m.index, from + m.index + m[0].length)
        this.add(area.id, {
          value: point.value,
          printed: this.text.value.slice(start, end),
          level: point.level,
          source: this.source(whole.start, whole.end),
        })
      }
    }
  }

  private add(areaId: string, reading: GradeReading): void {
    const list = this.evidence.readings.get(areaId) ?? []
    const same = (r: GradeReading) =>
      r.value === reading.value &&
      r.printed === reading.printed &&
      r.source.kind === 'ingested' &&
      reading.source.kind === 'ingested' &&
      r.source.start === reading.source.start
    const duplicate = list.some(same)
    if (!duplicate) this.evidence.readings.set(areaId, [...list, reading])
  }

  /** A printed grade: its value must be on the scale; a word printed with it must agree, or both are kept. */
  private printed(
    areaId: string,
    value: number,
    word: string | undefined,
    printed: string,
    start: number,
    end: number,
  ): void {
    const scale = this.framework.scale
    const point = pointFor(scale, value)
    if (!point) {
      this.note(
        `"${printed}" is printed for ${areaId}, but ${value} is not on the ${this.framework.id} scale; it was not recorded.`,
        areaId,
      )
      return
    }
    this.add(areaId, { value, printed, level: point.level, source: this.source(start, end) })
    const wordLevel = word
      ? (levelOfWord(scale, word) ?? scale.points.find(p => fold(p.label) === fold(word))?.level)
      : undefined
    if (word && wordLevel !== point.level) {
      const other = wordLevel ? pointForLevel(scale, wordLevel) : undefined
      this.add(areaId, {
        value: other?.value ?? null,
        printed: word,
        level: wordLevel ?? null,
        source: this.source(start, end),
      })
      if (!wordLevel) this.note(`"${printed}": the word "${word}" is not on the ${this.framework.id} scale.`, areaId)
    }
  }

  private note(message: string, areaId: string | null = null): void {
    this.evidence.findings.push({
      rule: 'extraction',
      kind: 'extraction',
      severity: 'warning',
      areaId,
      message,
      status: null,
      source: null,
      blocking: false,
    })
  }

  /** "Grade 2 (Good)" on its own line, or after its heading on the same line; the heading names the area. */
  readMarkers(): void {
    const { lines } = this.text
    for (const line of lines) {
      if (line.blank || this.consumed.has(line.index)) continue
      const m = this.marker?.exec(line.text)
      if (!m) continue
      const before = line.text.slice(0, m.index).trim()
      const after = line.text.slice(m.index + m[0].length).trim()
      if (after.replace(/[*:.]/g, '') !== '' || before.length > 160 || /[.;]\s/.test(before)) continue
      const areas = this.areasAt(line.index)
      let area: Area | undefined
      let headingLine = line.index
      if (before) area = areaEndingText(before, areas)
      else {
        const prior: Line[] = []
        for (let k = line.index - 1; k >= 0 && prior.length < 3; k--) {
          const l = lines[k] as Line
          if (l.blank) {
            if (prior.length) break
            continue
          }
          prior.unshift(l)
          area = areaEndingText(prior.map(p => p.text).join(' '), areas)
          if (area) {
            headingLine = l.index
            break
          }
        }
      }
      const { start, end } = this.text.span(line, m.index, m.index + m[0].length)
      if (!area) {
        const heading =
          before ||
          lines
            .slice(Math.max(0, line.index - 3), line.index)
            .map(l => l.text.trim())
            .filter(Boolean)
            .at(-1) ||
          '(no heading)'
        this.note(
          `"${m[0]}" is printed under "${heading}", which is not a judgement area of ${this.framework.id}; it was not recorded.`,
        )
        continue
      }
      this.printed(area.id, Number(m[1]), m[2], m[0], start, end)
      this.evidence.structural.add(line.index)
      for (let k = headingLine; k < line.index; k++) this.evidence.structural.add(k)
      this.evidence.sections.push({ areaId: area.id, headingLine, bodyStart: line.index + 1, bodyEnd: lines.length })
    }
  }

  /**
   * Tables of grades: a table whose header names a grade column (bare numbers), and rows whose cell describes
   * itself ("2 (Good)", "Performs excellently (4)") wherever they stand. Rows are read from the joined text, so a
   * row a PDF wrapped, or a table flattened to spaces, reads the same.
   */
  readTables(): void {
    const { lines } = this.text
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as Line
      if (line.blank || this.consumed.has(i)) continue
      const t = fold(line.text)
      // A header naming a grade column, perhaps wrapped onto a second line ("APA" / "grade").
      const header = `${t} ${fold(lines[i + 1]?.text ?? '')}`
      const table = this.framework.reading.numberTables.find(
        nt => t.length < 120 && pattern(nt.header).test(t) && pattern(nt.column).test(header),
      )
      if (table) {
        const rows: Line[] = [line]
        let k = i + 1
        // Rows run on across the gaps a PDF leaves between them, until prose or a heading begins.
        for (; k < lines.length; k++) {
          const l = lines[k] as Line
          if (l.blank) continue
          const lt = l.text.trim()
          if (this.isStructural(l) || this.marker?.test(lt) || patterns(table.stop).some(r => r.test(fold(lt)))) break
          if (lt.length > 60 && /[.:;]$/.test(lt) && !/(?:^|\s)[1-9]$/.test(lt)) break
          rows.push(l)
        }
        // A number alone between blank lines is a page number left by a page break, never a grade.
        const pageNumber = (l: Line) =>
          /^\d{1,3}$/.test(l.text.trim()) && lines[l.index - 1]?.blank !== false && lines[l.index + 1]?.blank !== false
        this.readTokens(
          rows.filter(l => !pageNumber(l)),
          /(?<=^| )([1-9])(?= |$)/g,
          false,
        )
        for (const r of rows) this.evidence.structural.add(r.index)
        i = k
        continue
      }
      // The heading itself, not its entry in a list of contents.
      const record = this.framework.reading.recordOfMainFindings
      if (record && pattern(record).test(t) && !line.bullet) {
        const rows = lines.slice(i).filter(l => !l.blank && !this.consumed.has(l.index))
        this.readTokens(rows, this.selfDescribing, true)
        for (const r of rows) this.evidence.structural.add(r.index)
        return
      }
      if (this.framework.reading.selfDescribing && !this.marker?.test(line.text) && line.text.length < 200) {
        const ends = [...fold(line.text).matchAll(this.selfDescribing)].at(-1)
        if (ends && ends.index + ends[0].length >= fold(line.text).length - 1) {
          const area = this.readTokens([line], this.selfDescribing, true)
          this.evidence.structural.add(i)
          // A rating printed as a one-row table heads the narrative that follows it.
          if (area && !this.evidence.sections.some(s => s.areaId === area))
            this.evidence.sections.push({ areaId: area, headingLine: i, bodyStart: i + 1, bodyEnd: lines.length })
        }
      }
    }
  }

  /** Reads the grades in the rows; returns the last area read. */
  private readTokens(rows: readonly Line[], token: RegExp, selfDescribing: boolean): string | undefined {
    const flat = new Flat(rows)
    let part = rows[0] ? this.partAt[rows[0].index] : undefined
    let from = 0
    let last: string | undefined
    for (const m of flat.text.matchAll(token)) {
      let segment = flat.text.slice(from, m.index).trim()
      from = m.index + m[0].length
      for (const p of this.framework.parts) {
        const at = segment.lastIndexOf(fold(p.label))
        if (at >= 0 && (at === 0 || segment[at - 1] === ' ')) {
          part = p.id
          segment = segment.slice(at + fold(p.label).length).trim()
        }
      }
      const areas = this.framework.areas.filter(a => !this.framework.parts.length || a.part === part)
      let area = areaEndingText(segment, areas)
      if (!area) {
        // A label wrapped around its grade ("… services in 3 / maintaining and improving …"): the shortest run of the
        // words after the grade that completes a label.
        const words = (flat.text.slice(from).split(token)[0] ?? '').trim().split(' ')
        for (let n = 1; segment !== '' && n <= Math.min(words.length, 30) && !area; n++) {
          const after = words.slice(0, n).join(' ')
          const joined = areaEndingText(`${segment} ${after}`, areas)
          // Only a label that begins before the number wraps around it; one wholly after it is the next row's.
          const straddles =
            joined &&
            labelsOf(joined).some(l => fold(`${segment} ${after}`).endsWith(l) && l.length > fold(after).length + 1)
          if (joined && straddles) {
            area = joined
            from += flat.text.slice(from).indexOf(words[n - 1] ?? '') + (words[n - 1] ?? '').length
          }
        }
      }
      const value = Number(m[1] ?? m[4])
      const word = selfDescribing ? (m[2] ?? m[3]) : undefined
      if (!area) {
        if (selfDescribing && segment)
          this.note(
            `"${m[0].trim()}" is printed beside "${segment.slice(-80)}", which is not a judgement area of ${this.framework.id}; it was not recorded.`,
          )
        continue
      }
      const { start, end } = flat.span(m.index, m.index + m[0].length)
      this.printed(area.id, value, word, this.text.value.slice(start, end), start, end)
      last = area.id
    }
    return last
  }

  /** Sections that open with an area's heading but print no grade: the 2006 outcomes, the 2006 management section. */
  readHeadings(): void {
    const marked = new Set(this.evidence.sections.map(s => s.areaId))
    for (const line of this.text.lines) {
      if (
        line.blank ||
        line.bullet ||
        line.text.includes('\t') ||
        this.consumed.has(line.index) ||
        line.text.length > 200
      )
        continue
      const t = fold(line.text)
      const area = this.areasAt(line.index).find(a => !marked.has(a.id) && labelsOf(a).includes(t))
      if (!area) continue
      marked.add(area.id)
      this.evidence.structural.add(line.index)
      this.evidence.sections.push({
        areaId: area.id,
        headingLine: line.index,
        bodyStart: line.index + 1,
        bodyEnd: this.text.lines.length,
      })
    }
  }

  /** Each section runs to the next heading of any kind. */
  closeSections(extraBoundaries: Iterable<number>): void {
    const starts = new Set<number>([...this.evidence.sections.map(s => s.headingLine), ...extraBoundaries])
    for (const line of this.text.lines) if (!line.blank && this.isStructural(line)) starts.add(line.index)
    const sorted = [...starts].sort((a, b) => a - b)
    for (const s of this.evidence.sections) s.bodyEnd = sorted.find(b => b >= s.bodyStart) ?? this.text.lines.length
  }

  /** The section's narrative with a map back to document offsets; sub-headings and other extractors' lines left out. */
  narrative(section: Section): { text: string; map: number[] } {
    let text = ''
    const map: number[] = []
    let paragraphOpen = false
    let last: Line | undefined
    for (const line of this.text.lines.slice(section.bodyStart, section.bodyEnd)) {
      const skip =
        this.consumed.has(line.index) ||
        this.evidence.structural.has(line.index) ||
        patterns(this.framework.reading.subheadings).some(r => r.test(fold(line.text)))
      if (line.blank || skip) {
        paragraphOpen = false
        continue
      }
      const sep = text === '' ? '' : paragraphOpen || (last && continuesAcrossBreak(last, line)) ? ' ' : '\n\n'
      for (const c of sep) {
        text += c
        map.push(line.start)
      }
      const body = line.text.trim()
      const lead = line.text.indexOf(body)
      for (let i = 0; i < body.length; i++) {
        text += body[i] === '\t' ? ' ' : body[i]
        map.push(line.map[lead + i] ?? line.start)
      }
      paragraphOpen = true
      last = line
    }
    return { text, map }
  }

  /** The judgement the narrative states in its opening sentences, kept as one more reading of the area's grade. */
  readNarratives(): Map<string, string> {
    const narratives = new Map<string, string>()
    for (const section of this.evidence.sections) {
      const { text, map } = this.narrative(section)
      if (!narratives.get(section.areaId)) narratives.set(section.areaId, text)
      if (!this.framework.reading.narrativeJudgements) continue
      const statement = headlineJudgement(text, this.framework.scale)
      if (!statement) continue
      const point = pointForLevel(this.framework.scale, statement.level)
      const start = map[statement.start] ?? 0
      const end = (map[statement.end - 1] ?? start) + 1
      this.add(section.areaId, {
        value: point?.value ?? null,
        printed: statement.quote,
        level: statement.level,
        source: this.source(start, end, true),
      })
    }
    return narratives
  }
}

/** "2 (good)" or "performs excellently (4)" in folded text, with the scale's own words only. */
function selfDescribing(framework: Framework): RegExp {
  const words = [...new Set(framework.scale.points.flatMap(p => [fold(p.label), ...p.words.map(fold)]))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')
  return new RegExp(
    `(?<!grade )(?<=^| )([1-9]) ?\\( ?(${words}) ?\\)(?=[ .]|$)|(?<=^| )(${words}) ?\\( ?([1-9]) ?\\)(?=[ .]|$)`,
    'g',
  )
}

interface GradePhrase {
  text: string
  tokens: string[]
  /** The tokens of letters and digits alone: each is in a row's lower-cased text wherever the phrase is in its tokens. */
  plain: string[]
  point: ScalePoint
}

/** The scale's words and phrases as one alternation over folded text, longest first. */
export function gradeAlternation(framework: Framework): string {
  return gradePhrases(framework)
    .map(w => escapeRegExp(w.text))
    .join('|')
}

/** Every word or phrase of the scale, folded, longest first. */
function gradePhrases(framework: Framework): GradePhrase[] {
  const out = new Map<string, GradePhrase>()
  for (const point of framework.scale.points)
    for (const w of [point.label, ...point.words]) {
      const text = fold(w)
      const tokens = text.split(' ')
      if (!out.has(text)) out.set(text, { text, tokens, plain: tokens.filter(t => /^[a-z0-9]+$/.test(t)), point })
    }
  return [...out.values()].sort((a, b) => b.tokens.length - a.tokens.length || b.text.length - a.text.length)
}

interface Token {
  word: string
  start: number
  end: number
}

/** Words of a flat row, without numbering ("2.1", "1.") or punctuation of their own. */
function tokensOf(flat: Flat): Token[] {
  const out: Token[] = []
  for (const m of flat.text.matchAll(/\S+/g)) {
    const word = m[0].replace(/^[([‘'"]+|[)\].,:;'’"]+$/g, '')
    if (word === '' || /^\d+(?:\.\d+)*\.?$/.test(word) || /^[-–—:]$/.test(word)) continue
    out.push({ word, start: m.index, end: m.index + m[0].length })
  }
  return out
}

/** The positions of a phrase's words among the tokens, in order, earliest or latest; undefined when absent. */
function subsequence(tokens: readonly Token[], words: readonly string[], latest: boolean): number[] | undefined {
  const at: number[] = []
  if (latest) {
    let k = words.length - 1
    for (let i = tokens.length - 1; i >= 0 && k >= 0; i--)
      if (tokens[i]?.word === words[k]) {
        at.unshift(i)
        k--
      }
    return k < 0 ? at : undefined
  }
  let k = 0
  for (let i = 0; i < tokens.length && k < words.length; i++)
    if (tokens[i]?.word === words[k]) {
      at.push(i)
      k++
    }
  return k === words.length ? at : undefined
}

interface RowReading {
  area: Area
  phrase: GradePhrase
  tokens: Token[]
}

/** A row is one area's label and one grade phrase, their words perhaps interleaved by the cells' wrapping. */
function explainRow(
  lines: readonly Line[],
  areas: readonly Area[],
  phrases: readonly GradePhrase[],
): RowReading | undefined {
  const text = lines.map(l => l.text).join(' ')
  // A listed item or a finished sentence ("…governance: Inadequate.") is prose, often about an earlier inspection.
  if (text.length > 300 || lines.some(l => l.bullet) || /\.$/.test(text.trim())) return undefined
  // Most rows print no grade at all: they are passed over before they are folded and split into tokens.
  const lower = text.toLowerCase()
  if (!phrases.some(p => p.plain.every(w => lower.includes(w)))) return undefined
  const tokens = tokensOf(new Flat(lines))
  if (tokens.length < 2) return undefined
  const found = new Map<string, RowReading>()
  for (const phrase of phrases)
    for (const latest of [false, true]) {
      const at = subsequence(tokens, phrase.tokens, latest)
      if (!at) continue
      const rest = tokens
        .filter((_, i) => !at.includes(i))
        .map(t => t.word)
        .join(' ')
      const area = areas.find(a => labelTokens(a).includes(rest))
      if (area) found.set(`${area.id}|${phrase.point.value}`, { area, phrase, tokens: at.map(i => tokens[i] as Token) })
    }
  // One reading, or several that agree on area and grade (a longer and a shorter phrase of the same point).
  const readings = [...found.values()]
  return readings.length === 1 ? readings[0] : undefined
}

function lineOf(text: string): Line {
  return { index: 0, start: 0, end: text.length, text, map: [...text].map((_, i) => i), bullet: false, blank: false }
}

/** Splits lines into consecutive rows that each explain themselves; undefined unless every line belongs to one. */
function partition<T>(
  lines: readonly Line[],
  explain: (rows: readonly Line[]) => T | undefined,
): { lines: Line[]; reading: T }[] | undefined {
  const best: ({ lines: Line[]; reading: T }[] | undefined)[] = [[]]
  for (let j = 1; j <= lines.length; j++)
    for (let i = Math.max(0, j - 4); i < j && !best[j]; i++) {
      const before = best[i]
      if (!before) continue
      const group = lines.slice(i, j)
      const reading = explain(group)
      if (reading !== undefined) best[j] = [...before, { lines: group, reading }]
    }
  return best[lines.length]
}

/** The grade's words as the document prints them, joined with single spaces ("Requires improvement"). */
function originalWords(document: string, flat: Flat, tokens: readonly Token[]): string {
  return tokens
    .map(t => {
      const { start, end } = flat.span(t.start, t.end)
      return document.slice(start, end).replace(/[.,:;]+$/, '')
    })
    .join(' ')
}

/**
 * The places a stated judgement may stand: a whole paragraph, each of its sentences, and each run of its lines that
 * begins and ends where a sentence or heading does (a heading line above it, a sentence ending on it).
 */
function statementPieces(paragraphs: readonly Line[][]): { flat: Flat; from: number; to: number; line: number }[] {
  const out: { flat: Flat; from: number; to: number; line: number }[] = []
  for (const run of paragraphs) {
    const flat = new Flat(run)
    const line = run[0]?.index ?? 0
    out.push({ flat, from: 0, to: flat.text.length, line })
    let from = 0
    for (const m of flat.text.matchAll(/[.!?] /g)) {
      out.push({ flat, from, to: m.index + 1, line })
      from = m.index + 2
    }
    if (from > 0) out.push({ flat, from, to: flat.text.length, line })
    const opens = (i: number) =>
      i === 0 || /[.:!?)]$/.test(run[i - 1]?.text.trim() ?? '') || /^[A-Z]/.test(run[i - 1]?.text.trim() ?? '')
    const closes = (j: number) =>
      j === run.length - 1 || /[.:!?]$/.test(run[j]?.text.trim() ?? '') || /^[A-Z]/.test(run[j + 1]?.text.trim() ?? '')
    for (let i = 0; i < run.length; i++)
      for (let j = i; j < Math.min(run.length, i + 4); j++) {
        if ((i === 0 && j === run.length - 1) || !/^[A-Z]/.test(run[i]?.text.trim() ?? '') || !opens(i) || !closes(j))
          continue
        const sub = new Flat(run.slice(i, j + 1))
        out.push({ flat: sub, from: 0, to: sub.text.length, line: run[i]?.index ?? line })
      }
  }
  return out
}
