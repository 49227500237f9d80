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
  // Folding the whole string at once is the same as a character at a time where no character changes its length
  // in lower case (and there are no surrogate pairs), which is nearly always.
  const mapped = s
    .replace(/\s/g, ' ')
    .replace(/[’‘`´]/g, "'")
    .replace(/[–—]/g, '-')
  const lower = mapped.toLowerCase()
  const whole = lower.length === mapped.length && !/[\uD800-\uDFFF]/.test(mapped)
  return (whole ? lower : [...s].map(foldChar).join(''))
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
    const chars: string[] = []
    const map: number[] = []
    // The last character is tracked apart: asking a string built by appending for its end flattens it each time.
    let last = ' '
    const push = (c: string, at: number) => {
      if (c === ' ' && last === ' ') return
      chars.push(c)
      map.push(at)
      last = c
    }
    for (const line of lines) {
      for (let i = 0; i < line.text.length; i++) push(foldChar(line.text[i] ?? ''), line.map[i] ?? line.start)
      push(' ', line.end)
    }
    this.text = chars.join('')
    this.map = map
  }

  /** The document span of flat characters [from, to). */
  span(from: number, to: number): { start: number; end: number } {
    const start = this.map[from] ?? 0
    const end = (this.map[Math.max(from, to - 1)] ?? start) + 1
    return { start, end }
  }
}
