import type { Framework, Timescale } from '../domain/index.js'
import { escapeRegExp } from '../lib/regexp.js'
import { fold } from './flat.js'
import { pattern } from './patterns.js'
import { continuesAcrossBreak, joinWrapped, type Line, type Text } from './text.js'

export interface RecommendationBlock {
  timescale: Timescale
  /** The heading line's index; the block's area is decided by where it stands. */
  headingLine: number
  items: {
    text: string
    start: number
    end: number
    areaHint: string | null
    progress: { text: string; start: number; end: number } | null
  }[]
  /** Every line the block used, so that no other extractor reads them again. */
  lines: number[]
}

function headingTimescale(framework: Framework, line: Line): Timescale | undefined {
  if (line.bullet || line.text.includes('\t') || line.text.length > 200) return undefined
  const t = line.text.trim().toLowerCase().replace(/[’‘]/g, "'")
  const bare = t.replace(/[:\s]+$/, '')
  return framework.timescales.find(ts => ts.headings.some(h => pattern(h).test(h.endsWith(':$') ? t : bare)))
}

/** A numbered paragraph ("9. A leaving care service…"): an item, as a bullet is. */
const NUMBERED = /^\d{1,3}\.\s+\S/

function startsItem(line: Line): boolean {
  return line.bullet || NUMBERED.test(line.text)
}

function joinLines(text: Text, lines: Line[]): { text: string; start: number; end: number } {
  const first = lines[0] as Line
  const last = lines.at(-1) as Line
  return {
    // A numbered paragraph's number is the report's, not part of the recommendation.
    text: joinWrapped(lines.map(l => l.text))
      .replace(/\s+/g, ' ')
      .replace(/^\d{1,3}\.\s+/, ''),
    ...text.spanOf(first, last),
  }
}

/** Paragraph starting at line index i: consecutive non-blank lines, joined across page breaks. */
export function paragraph(text: Text, i: number): { lines: Line[]; next: number } {
  const lines: Line[] = []
  let k = i
  for (;;) {
    while (k < text.lines.length && !text.lines[k]?.blank) lines.push(text.lines[k++] as Line)
    const after = skipBlank(text, k)
    const last = lines.at(-1)
    if (!last || after === k || !continuesAcrossBreak(last, text.lines[after])) return { lines, next: k }
    k = after
  }
}

function skipBlank(text: Text, i: number): number {
  let k = i
  while (k < text.lines.length && text.lines[k]?.blank) k++
  return k
}

/**
 * A short heading line followed by an item: a topic within a list of recommendations. Never one that prints a grade's
 * words: that is a judgement's, for the judgement reader.
 */
function isTopic(text: Text, line: Line, framework: Framework, isStructuralHeading: (line: Line) => boolean): boolean {
  // A numbered theme ("1. Quality and effectiveness of practice") heads bullets; a numbered sentence is an item.
  const t = line.text.trim().replace(/^\d{1,3}\.\s+/, '')
  if (line.bullet || t.length > 80 || /[.:;,]$/.test(t) || !/^[A-Z]/.test(t) || isStructuralHeading(line)) return false
  if (namesGrade(framework, line)) return false
  const next = text.lines[skipBlank(text, line.index + 1)]
  return next !== undefined && (NUMBERED.test(line.text) ? next.bullet : startsItem(next))
}

/**
 * A sentence that says there is none of a kind of recommendation ("Priority and immediate action" / "There are no
 * priority or immediate actions.", "None."): a bare negation, or a negation followed by the words of the kind's name
 * (its heading, or a timescale's label; all but one where it has three or more) and little else — a
 * recommendation that happens to use those words says more.
 */
function saysNone(names: readonly string[], item: string): boolean {
  const t = fold(item)
  if (/^(?:none|nil|not applicable|none (?:identified|found)|there (?:are|were) none)$/.test(t)) return true
  const negation = /\b(?:no|not|none|nil)\b/.exec(t)
  if (!negation || t.length > 160) return false
  const after = t.slice(negation.index)
  const long = (s: string) => s.split(/[^a-z]+/).filter(w => w.length > 3)
  return names.some(name => {
    const words = long(fold(name))
    const found = words.filter(w => new RegExp(`\\b${w}`).test(after)).length
    const whole = found === words.length
    if (found === 0 || !(whole || (words.length >= 3 && found === words.length - 1))) return false
    return long(t).filter(w => !words.some(n => w.startsWith(n))).length <= (whole ? 4 : 3)
  })
}

const numberOf = (line: Line) => Number(/^(\d{1,3})\.\s/.exec(line.text)?.[1] ?? Number.NaN)

/** Lines that read as prose: each ends a sentence or runs on into the next, and the last ends a sentence. */
function isProse(lines: readonly Line[]): boolean {
  return lines.every((l, i) => {
    const next = lines[i + 1]
    const end = l.text.trim()
    return next ? /[.!?,;]$/.test(end) || continuesAcrossBreak(l, next) : /[.!?][)"'’]?$/.test(end)
  })
}

/** A line that prints a word of the framework's scale ("good", "requires improvement"): perhaps a grade. */
function namesGrade(framework: Framework, line: Line): boolean {
  const t = fold(line.text)
  return framework.scale.points.some(p =>
    [p.label, ...p.words].some(w => new RegExp(`\\b${escapeRegExp(fold(w))}\\b`).test(t)),
  )
}

/** A line that does not end its sentence or clause: the item it belongs to goes on after it. */
function stopsMidSentence(line: Line): boolean {
  return !/[.!?:;][)"'’”]?$/.test(line.text.trim())
}

/**
 * A note printed inside an unfinished item: a short paragraph of whole sentences after the item's last line stops
 * mid-sentence, with the item's next words, in lower case, after it. The index of those words, or undefined.
 */
function noteWithin(text: Text, from: number, last: Line): number | undefined {
  if (!stopsMidSentence(last)) return undefined
  const note: Line[] = []
  let k = from
  for (; k < text.lines.length && !text.lines[k]?.blank && note.length <= 4; k++) note.push(text.lines[k] as Line)
  const next = text.lines[skipBlank(text, k)]
  const first = note[0]
  if (!first || first.bullet || !/^[A-Z]/.test(first.text.trim()) || !isProse(note)) return undefined
  return next && !next.bullet && /^[a-z]/.test(next.text.trim()) ? next.index : undefined
}

/**
 * Where a numbered list goes on after lines that interrupt it (a footnote at the foot of a page, a note): the next
 * number is printed within a few lines, with nothing between but prose and, just above the number, one topic
 * heading. The index to read on from (the topic heading, or the item), or undefined when the
 * list has ended: a report that numbers every paragraph goes on numbering after its recommendations, under headings.
 */
function numberingResumes(
  text: Text,
  from: number,
  item: Line | undefined,
  framework: Framework,
  isStructuralHeading: (line: Line) => boolean,
): number | undefined {
  const last = item ? numberOf(item) : Number.NaN
  if (Number.isNaN(last)) return undefined
  const paragraphs: Line[][] = [[]]
  let seen = 0
  for (let j = from; j < text.lines.length && seen <= 5; j++) {
    const l = text.lines[j] as Line
    const open = paragraphs.at(-1) as Line[]
    if (l.blank) {
      if (open.length) paragraphs.push([])
      continue
    }
    if (l.bullet || headingTimescale(framework, l) || isStructuralHeading(l)) return undefined
    if (NUMBERED.test(l.text)) {
      if (numberOf(l) !== last + 1) return undefined
      const parts = paragraphs.filter(p => p.length)
      const heading = parts.at(-1)
      const topic =
        heading?.length === 1 && isTopic(text, heading[0] as Line, framework, isStructuralHeading)
          ? parts.pop()
          : undefined
      if (!parts.every(isProse)) return undefined
      return topic ? (topic[0] as Line).index : j
    }
    seen++
    open.push(l)
  }
  return undefined
}

/**
 * Recommendations stand under the timescale headings a framework uses ("Immediately:", "Within three months:",
 * "For action in the next six months", "Aspects for focus…"), as bullets or as one paragraph. A short line that
 * names an area inside a block of bullets says which area the following items belong to.
 */
export function findRecommendationBlocks(
  text: Text,
  framework: Framework,
  isAreaHeading: (line: Line) => string | undefined,
  isStructuralHeading: (line: Line) => boolean,
): RecommendationBlock[] {
  const blocks: RecommendationBlock[] = []
  for (let i = 0; i < text.lines.length; i++) {
    const line = text.lines[i] as Line
    const timescale = headingTimescale(framework, line)
    if (!timescale) continue
    const block: RecommendationBlock = { timescale, headingLine: i, items: [], lines: [i] }
    // What a sentence here may say there is none of: this heading's kind, or any kind the framework has.
    const kinds = [line.text, ...framework.timescales.map(t => t.label)]
    let k = skipBlank(text, i + 1)
    // The end of a heading a PDF wrapped ("… or the next" / "APA"), just above the bullets.
    const tail = text.lines[k]
    const afterTail = text.lines[skipBlank(text, k + 1)]
    if (
      tail &&
      !tail.bullet &&
      !isAreaHeading(tail) &&
      !headingTimescale(framework, tail) &&
      !isStructuralHeading(tail) &&
      afterTail?.bullet &&
      tail.text.trim().split(/\s+/).length <= 3 &&
      !/[.:;]$/.test(tail.text.trim())
    ) {
      block.lines.push(k)
      k = skipBlank(text, k + 1)
    }
    const first = text.lines[k]
    const topicFirst =
      first && !headingTimescale(framework, first) && isTopic(text, first, framework, isStructuralHeading)
    if (first && !startsItem(first) && !isAreaHeading(first) && !topicFirst) {
      if (headingTimescale(framework, first) || isStructuralHeading(first)) continue
      const para = paragraph(text, k)
      const item = joinLines(text, para.lines)
      block.lines.push(...para.lines.map(l => l.index))
      k = para.next
      let progress: RecommendationBlock['items'][number]['progress'] = null
      if (timescale.madeBy === 'earlier-inspection') {
        const at = skipBlank(text, k)
        const next = text.lines[at]
        if (
          next &&
          !next.bullet &&
          !headingTimescale(framework, next) &&
          !isStructuralHeading(next) &&
          !isAreaHeading(next)
        ) {
          const p = paragraph(text, at)
          progress = joinLines(text, p.lines)
        }
      }
      if (!saysNone(kinds, item.text)) block.items.push({ ...item, areaHint: null, progress })
      blocks.push(block)
      i = k - 1
      continue
    }
    let area: string | null = null
    let current: Line[] = []
    // Items that read as saying there are none: they stand for the list only when they are all it holds. Among
    // other items ("Ensure that no priority action is delayed") each is one of them.
    const sayingNone = new Set<object>()
    const flush = () => {
      const item = current.length ? { ...joinLines(text, current), areaHint: area, progress: null } : null
      if (item && saysNone(kinds, item.text)) sayingNone.add(item)
      if (item) block.items.push(item)
      current = []
    }
    const marker = (l: Line) => (l.bullet ? text.value.slice(l.start, l.end).trimStart()[0] : 'number')
    let subMarker: string | undefined
    for (; k < text.lines.length; k++) {
      const l = text.lines[k] as Line
      if (l.blank) continue
      // An area's name heads the items that follow it; one followed by anything else ends the list.
      const after = text.lines[skipBlank(text, k + 1)]
      const hint = !startsItem(l) && after && startsItem(after) ? isAreaHeading(l) : undefined
      const head = current[0]
      // A list inside an item ("…to ensure that:" then bullets of another kind) is part of that item.
      if (l.bullet && head && marker(l) !== marker(head) && /:$/.test(current.at(-1)?.text.trim() ?? ''))
        subMarker = marker(l)
      const subItem = l.bullet && subMarker !== undefined && marker(l) === subMarker
      if (!subItem && startsItem(l)) subMarker = undefined
      const last = current.at(-1)
      const noteEnd = last && text.lines[k - 1]?.blank ? noteWithin(text, k, last) : undefined
      // A line straight after an item's line that stops mid-sentence goes on with it, whatever it looks like
      // ("… (Outcome 3, National" / "Framework)"): not a heading.
      const wraps = last !== undefined && !text.lines[k - 1]?.blank && stopsMidSentence(last)
      if (hint && !wraps) {
        flush()
        area = hint
      } else if (subItem) {
        current.push(l)
      } else if (!wraps && !headingTimescale(framework, l) && isTopic(text, l, framework, isStructuralHeading)) {
        // A heading over items of another kind than the list's (bullets after numbered paragraphs, or numbered
        // paragraphs after bullets) starts something else: a summary for children, the next section of the report.
        if (head && !NUMBERED.test(l.text) && after && head.bullet !== after.bullet) break
        // A topic heading among the recommendations ("Care leavers", "1. Quality and effectiveness of practice").
        flush()
        area = isAreaHeading(l) ?? null
      } else if (startsItem(l)) {
        flush()
        current = [l]
      } else if (noteEnd !== undefined) {
        // A note printed across the item (a box, a page's foot): the item goes on after it.
        k = noteEnd - 1
        continue
      } else if (
        current.length &&
        !headingTimescale(framework, l) &&
        !(/^[A-Z]/.test(l.text.trim()) && isStructuralHeading(l)) &&
        (!text.lines[k - 1]?.blank || continuesAcrossBreak(last as Line, l))
      ) {
        current.push(l)
      } else {
        const resume = numberingResumes(text, k, current[0], framework, isStructuralHeading)
        if (resume === undefined) break
        // A footnote or a note printed between two numbered items: the list goes on after it.
        flush()
        k = resume - 1
        continue
      }
      block.lines.push(k)
    }
    flush()
    const saidNone = block.items.length > 0 && block.items.every(item => sayingNone.has(item))
    if (saidNone) block.items.length = 0
    if (block.items.length || saidNone) blocks.push(block)
    i = k - 1
  }
  return blocks
}
