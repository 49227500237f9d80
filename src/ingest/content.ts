import type { ContentBlock } from '../domain/index.js'
import { continuesAcrossBreak, joinWrapped, type Line, type Text } from './text.js'

const HEADING_MARK = /^[ \t]*(#{1,6})[ \t]+/
/** A paragraph's printed number ("12.", "3.1", "(a)") before its first word. */
const PARAGRAPH_NUMBER = /^(\d{1,3}(?:\.\d{1,2})*\.?|\([a-z0-9]{1,3}\))[ \t]+(?=\S)/

/** A short line standing alone that does not end like a sentence: a heading (or a label). */
function isHeadingLike(line: Line): boolean {
  const t = line.text.trim()
  return t.length <= 120 && !/[.,;:]$/.test(t) && !/^[a-z]/.test(t) && !t.includes('\t')
}

/** Lines that each stand alone (an address, a signature, front matter): several, all short, none a sentence. */
function isLineBlock(lines: Line[]): boolean {
  return lines.length >= 2 && lines.every(l => l.text.trim().length <= 70) && !lines.some(l => /\.\s*$/.test(l.text))
}

/**
 * The document as it is printed, in order: headings, numbered paragraphs, address and signature blocks, tables with
 * their rows, lists; each block with its place in the document text, so that every value read from it can be found
 * in it. Nothing is dropped: every word of every line the text holds is in exactly one block. (Page numbers and
 * running headers and footers never reach the text: the PDF reader sets them aside.)
 */
export function readContent(text: Text): ContentBlock[] {
  const width = wrapWidth(text)
  const blocks: ContentBlock[] = []
  const groups: Line[][] = []
  let group: Line[] = []
  for (const line of text.lines) {
    if (!line.blank) {
      group.push(line)
      continue
    }
    if (group.length) groups.push(group)
    group = []
  }
  if (group.length) groups.push(group)
  // A paragraph a page break cut in two is one paragraph.
  for (let i = 0; i + 1 < groups.length; i++) {
    const last = (groups[i] as Line[]).at(-1) as Line
    const next = (groups[i + 1] as Line[])[0]
    const wrapped = last.text.length >= 50 && /^[a-z]/.test(next?.text.trim() ?? '')
    if (wrapped && !last.text.includes('\t') && !next?.text.includes('\t') && continuesAcrossBreak(last, next)) {
      groups[i] = [...(groups[i] as Line[]), ...(groups[i + 1] as Line[])]
      groups.splice(i + 1, 1)
      i--
    }
  }
  const span = (first: Line, last: Line) => ({ start: first.start, end: last.end })
  for (const lines of groups) {
    // A table, or runs of one kind: list items (with their wrapped lines), or prose.
    let i = 0
    while (i < lines.length) {
      const first = lines[i] as Line
      if (lines.some(l => l.text.includes('\t'))) {
        // A table, with the lines its wrapped cells left between its rows (read as rows of their own).
        blocks.push({
          kind: 'table',
          rows: lines.map(l => l.text.split('\t').map(c => c.trim())),
          ...span(first, lines.at(-1) as Line),
        })
        break
      }
      if (first.bullet) {
        const items: string[][] = []
        let j = i
        while (j < lines.length) {
          const l = lines[j] as Line
          if (l.bullet) items.push([l.text])
          else (items.at(-1) as string[]).push(l.text)
          j++
        }
        blocks.push({ kind: 'list', items: items.map(joinWrapped), ...span(first, lines[j - 1] as Line) })
        i = j
        continue
      }
      let j = i
      while (j < lines.length && !(lines[j] as Line).bullet) j++
      blocks.push(...prose(text, lines.slice(i, j), j - i === lines.length, width))
      i = j
    }
  }
  return blocks
}

/** The width the document's prose wraps at, in characters: most of its lines are no longer. */
function wrapWidth(text: Text): number {
  const lengths = text.lines
    .filter(l => !l.blank && !l.text.includes('\t'))
    .map(l => l.text.length)
    .sort((a, b) => a - b)
  return lengths[Math.floor(lengths.length * 0.9)] ?? 80
}

/**
 * A line its writer ended: the next line's first word would have fitted on it, and does not carry on its sentence.
 * (A line the page wrapped was full.)
 * Where lines are not wrapped at all (a text file), every line is a paragraph.
 */
function endedHere(line: Line, next: Line, width: number): boolean {
  const word = next.text.trim().split(/\s/)[0] ?? ''
  // A sentence goes on in lower case (a title in a larger type wraps sooner).
  if (/^[a-z]/.test(word) && !/[.!?:;]$/.test(line.text.trim())) return false
  return line.text.length + 1 + word.length < width * 0.85
}

/** Prose lines: a heading, lines that stand alone, or paragraphs with their printed numbers. */
function prose(text: Text, run: Line[], wholeGroup: boolean, width: number): ContentBlock[] {
  if (!isLineBlock(run)) {
    const at = run.findIndex((l, i) => i + 1 < run.length && endedHere(l, run[i + 1] as Line, width))
    if (at >= 0)
      return [...prose(text, run.slice(0, at + 1), false, width), ...prose(text, run.slice(at + 1), false, width)]
  }
  return oneBlock(text, run, wholeGroup)
}

function oneBlock(text: Text, run: Line[], wholeGroup: boolean): ContentBlock[] {
  const first = run[0] as Line
  const last = run.at(-1) as Line
  const at = { start: first.start, end: last.end }
  const raw = text.value.slice(first.start, first.end)
  const marked = HEADING_MARK.exec(raw)
  if (marked && run.length === 1)
    return [{ kind: 'heading', level: Math.min(3, marked[1]?.length ?? 2) as 1 | 2 | 3, text: first.text, ...at }]
  if (run.length === 1 && wholeGroup && isHeadingLike(first) && !PARAGRAPH_NUMBER.test(first.text))
    return [{ kind: 'heading', level: 3, text: first.text, ...at }]
  if (isLineBlock(run)) return [{ kind: 'lines', lines: run.map(l => l.text), ...at }]
  const joined = joinWrapped(run.map(l => l.text))
  const n = PARAGRAPH_NUMBER.exec(joined)
  return [
    n
      ? { kind: 'paragraph', number: n[1] as string, text: joined.slice(n[0].length), ...at }
      : { kind: 'paragraph', number: null, text: joined, ...at },
  ]
}
