import {
  type Area,
  type Finding,
  type Framework,
  type GradeReading,
  headlineJudgement,
  levelOfWord,
  pointFor,
  pointForLevel,
} from '../domain/index.js'
import { escapeRegExp } from '../lib/regexp.js'
import { Flat, fold } from './flat.js'
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

const GRADE_MARKER = /\bgrade\s+([1-9])\b(?:\s*\(\s*([a-z][a-z /-]{1,40}?)\s*\))?/i
const STRUCTURAL = [
  /^areas? for improvement$/,
  /^record of (?:the )?main findings$/,
  /^key strengths and (?:key )?areas for improvement$/,
  /^major strengths and important weaknesses$/,
  /^summary$/,
  /^service information$/,
  /^about this inspection$/,
  /^the inspection judgements and what they mean$/,
  /^contents$/,
  /^yours (?:sincerely|faithfully)/,
  /^how good are outcomes for /,
  /^aspects? for focus\b/,
]
const SUBHEADINGS = [/^summary of strengths and areas for development$/]

/** A line that is a part's heading ("Safeguarding services"): the part's id. */
export function partHeading(framework: Framework, line: Line): string | undefined {
  if (line.blank || line.text.length > 120) return undefined
  const t = fold(line.text)
  return framework.parts.find(p => fold(p.label) === t)?.id
}

/** A heading that ends a section: a part or group heading, or one of the reports' structural headings. */
export function isStructuralHeading(framework: Framework, line: Line): boolean {
  const t = fold(line.text)
  return (
    STRUCTURAL.some(r => r.test(t)) ||
    partHeading(framework, line) !== undefined ||
    framework.groups.some(g => fold(g.label) === t)
  )
}

function labelsOf(area: Area): string[] {
  return [area.label, ...(area.alsoPrintedAs ?? [])].map(fold)
}

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

  constructor(
    private readonly text: Text,
    private readonly framework: Framework,
    private readonly source: (start: number, end: number, fromNarrative?: boolean) => GradeReading['source'],
    private readonly consumed: ReadonlySet<number>,
  ) {
    this.selfDescribing = selfDescribing(framework)
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

  private areasAt(lineIndex: number): Area[] {
    const part = this.partAt[lineIndex]
    return this.framework.areas.filter(a => !this.framework.parts.length || a.part === part)
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
      const m = GRADE_MARKER.exec(line.text)
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
      if (t.length < 120 && /\b(?:judgement|areas? for judgement)\b/.test(t) && /\bgrade\b/.test(header)) {
        const rows: Line[] = [line]
        let k = i + 1
        // Rows run on across the gaps a PDF leaves between them, until prose or a heading begins.
        for (; k < lines.length; k++) {
          const l = lines[k] as Line
          if (l.blank) continue
          const lt = l.text.trim()
          if (
            this.isStructural(l) ||
            GRADE_MARKER.test(lt) ||
            /^(?:inspectors make judgements|grade\s+\S+\s+\S+)/i.test(lt)
          )
            break
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
      if (/^record of (?:the )?main findings$/.test(t) && !line.bullet) {
        const rows = lines.slice(i).filter(l => !l.blank && !this.consumed.has(l.index))
        this.readTokens(rows, this.selfDescribing, true)
        for (const r of rows) this.evidence.structural.add(r.index)
        return
      }
      if (!GRADE_MARKER.test(line.text) && line.text.length < 200) {
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
        SUBHEADINGS.some(r => r.test(fold(line.text)))
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
      if (!narratives.has(section.areaId)) narratives.set(section.areaId, text)
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
