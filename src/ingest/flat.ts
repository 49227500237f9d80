import type { Line } from './text.js'

function foldChar(c: string): string {
  if (/\s/.test(c)) return ' '
  if (c === '’' || c === '‘' || c === '`' || c === '´') return "'"
  if (c === '–' || c === '—') return '-'
  const lower = c.toLowerCase()
  return lower.length === 1 ? lower : c
}

/** Folds a phrase the way Flat folds text: lower case, straight apostrophes, hyphens, single spaces, no end punctuation. */
export function fold(s: string): string {
  let f = FOLDED.get(s)
  if (f === undefined) {
    if (FOLDED.size > 100_000) FOLDED.clear()
    f = foldOnce(s)
    FOLDED.set(s, f)
  }
  return f
}

/** Readers fold the same lines and labels many times over; each string is folded once. */
const FOLDED = new Map<string, string>()

function foldOnce(s: string): string {
  return [...s]
    .map(foldChar)
    .join('')
    .replace(/ +/g, ' ')
    .replace(/[ .:;,¹²³*]+$/, '')
    .replace(/^[ .:;,*]+/, '')
}

/**
 * Lines joined into one folded string (lines wrapped by a PDF, or tables flattened to spaces, read the same),
 * with each character's offset in the document.
 */
export class Flat {
  readonly text: string
  readonly map: number[]

  constructor(lines: readonly Line[]) {
    let text = ''
    const map: number[] = []
    const push = (c: string, at: number) => {
      if (c === ' ' && (text.length === 0 || text.endsWith(' '))) return
      text += c
      map.push(at)
    }
    for (const line of lines) {
      for (let i = 0; i < line.text.length; i++) push(foldChar(line.text[i] ?? ''), line.map[i] ?? line.start)
      push(' ', line.end)
    }
    this.text = text
    this.map = map
  }

  /** The document span of flat characters [from, to). */
  span(from: number, to: number): { start: number; end: number } {
    const start = this.map[from] ?? 0
    const end = (this.map[Math.max(from, to - 1)] ?? start) + 1
    return { start, end }
  }
}
