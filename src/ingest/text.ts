/**
 * The text model every extractor works on. The extracted text is kept exactly (its offsets are the provenance
 * spans); each line is also cleaned of the debris of conversion — HTML tags and entities, markdown markers,
 * bullet characters — with a map from every cleaned character back to its offset in the text.
 */
export interface Line {
  index: number
  /** Offsets of the raw line in the document text. */
  start: number
  end: number
  /** The line without markup; tabs kept as cell separators. */
  text: string
  /** map[i] is the document offset of text[i]. */
  map: number[]
  /** The line began with a bullet marker (removed from text). */
  bullet: boolean
  /** Empty, or only a horizontal rule. */
  blank: boolean
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&apos;': "'",
  '&nbsp;': ' ',
  '&ndash;': '–',
  '&mdash;': '—',
  '&rsquo;': '’',
  '&lsquo;': '‘',
}

const MARKUP =
  /<\/?[a-zA-Z][^<>\n]{0,300}>|&(?:amp|lt|gt|quot|#39|apos|nbsp|ndash|mdash|rsquo|lsquo);|\*\*|__|\[([^\]\n]{1,200})\]\([^)\n]{1,300}\)|\u00a0/g
const BULLET = /^[ \t]*[-•▪·●◦▫■◼–―−─*\uF000-\uF0FF][ \t]+/
const HEADING_MARK = /^[ \t]*#{1,6}[ \t]+/

/** Cleans one raw line starting at `offset` in the document. */
export function cleanLine(raw: string, offset: number): { text: string; map: number[]; bullet: boolean } {
  let out = ''
  const map: number[] = []
  let from = 0
  const head = HEADING_MARK.exec(raw)
  if (head) from = head[0].length
  const keep = (s: string, at: number) => {
    out += s
    for (let i = 0; i < s.length; i++) map.push(at + i)
  }
  MARKUP.lastIndex = from
  for (let m = MARKUP.exec(raw); m; m = MARKUP.exec(raw)) {
    keep(raw.slice(from, m.index), offset + from)
    const token = m[0]
    if (token === '\u00a0') keep(' ', offset + m.index)
    else if (token.startsWith('&')) {
      const value = ENTITIES[token] ?? ''
      for (const c of value) {
        out += c
        map.push(offset + m.index)
      }
    } else if (token.startsWith('[') && m[1] !== undefined) keep(m[1], offset + m.index + 1)
    // "**Heading****Grade 2**": emphasis markers between two words stood for a break between them.
    else if ((token === '**' || token === '__') && /\w$/.test(out) && /^[*_]*\w/.test(raw.slice(m.index + 2)))
      keep(' ', offset + m.index)
    else if (/^<\/?(?:p|li|ul|ol|br|div|tr|h\d)\b/i.test(token)) keep(' ', offset + m.index)
    from = m.index + token.length
  }
  keep(raw.slice(from), offset + from)
  // Single asterisks that open or close emphasis ("*Every child matters*"); "A*-C" keeps its star.
  const starred = out.includes('*')
  let text = starred ? '' : out
  const kept: number[] = starred ? [] : map
  for (let i = 0; starred && i < out.length; i++) {
    const c = out[i]
    if (c === '*' && (i === 0 || /\s/.test(out[i - 1] ?? '') || i === out.length - 1 || /\s/.test(out[i + 1] ?? '')))
      continue
    text += c
    kept.push(map[i] ?? offset)
  }
  const bullet = BULLET.exec(text)
  if (bullet) return { text: text.slice(bullet[0].length).trimEnd(), map: kept.slice(bullet[0].length), bullet: true }
  const lead = text.length - text.trimStart().length
  return { text: text.slice(lead).trimEnd(), map: kept.slice(lead), bullet: false }
}

/** A document's text with its lines, ready for the extractors. */
export class Text {
  readonly lines: Line[]

  constructor(readonly value: string) {
    const lines: Line[] = []
    let start = 0
    for (const raw of value.split('\n')) {
      const { text, map, bullet } = cleanLine(raw, start)
      const isRule = /^[-=_–—\s]{3,}$/.test(text)
      lines.push({
        index: lines.length,
        start,
        end: start + raw.length,
        text: isRule ? '' : text,
        map: isRule ? [] : map,
        bullet,
        blank: isRule || text.trim() === '',
      })
      start += raw.length + 1
    }
    this.lines = lines
  }

  /** The document span of cleaned characters [from, to) of a line. */
  span(line: Line, from = 0, to = line.text.length): { start: number; end: number } {
    if (line.map.length === 0) return { start: line.start, end: line.end }
    const a = line.map[Math.min(from, line.map.length - 1)] ?? line.start
    const b = (line.map[Math.max(0, Math.min(to, line.map.length) - 1)] ?? line.end - 1) + 1
    return { start: a, end: Math.max(a, b) }
  }

  /** The span covering several lines, first to last. */
  spanOf(first: Line, last: Line): { start: number; end: number } {
    return { start: this.span(first).start, end: this.span(last).end }
  }

  nonBlank(from: number, to = this.lines.length): Line[] {
    return this.lines.slice(from, to).filter(l => !l.blank)
  }
}

/** Joins the pieces of a wrapped paragraph: with a space, except after a word broken at its hyphen ("multi-" "agency"). */
export function joinWrapped(parts: readonly string[]): string {
  let out = ''
  for (const raw of parts) {
    const part = raw.trim()
    if (!part) continue
    out += out === '' || (/[A-Za-z]-$/.test(out) && /^[a-z]/.test(part)) ? part : ` ${part}`
  }
  return out
}

/**
 * Words an English sentence never ends on (articles, prepositions, conjunctions), and a comma: a line ending so stops
 * mid-sentence even when the next line begins with a name ("… given to" / "Fostering to Adopt …").
 */
export const OPEN_ENDING =
  /(?:,|\b(?:a|an|the|and|or|but|nor|of|to|for|with|in|on|at|by|from|into|that|than|their|its|our|your|this|these|those))$/i

/** A line that stops mid-sentence is continued by the next one, even across blank lines a page break left. */
export function continuesAcrossBreak(last: Line, next: Line | undefined): boolean {
  if (next === undefined || next.bullet) return false
  const end = last.text.trim()
  const start = next.text.trim()
  if (/[.!?:;)"'’]$/.test(end)) return false
  return /^[a-z0-9(]/.test(start) || (OPEN_ENDING.test(end) && /^[A-Z][a-z]/.test(start))
}
