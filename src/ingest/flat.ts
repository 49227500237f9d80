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

/** A character's code folded as foldChar folds it (always to one code unit), ASCII without a regular expression. */
function foldCode(code: number): number {
  if (code === 32 || (code >= 9 && code <= 13)) return 32
  if (code >= 65 && code <= 90) return code + 32
  if (code < 128) return code
  return foldChar(String.fromCharCode(code)).charCodeAt(0)
}

/**
 * Lines joined into one folded string (lines wrapped by a PDF, or tables flattened to spaces, read the same),
 * with each character's offset in the document.
 */
export class Flat {
  readonly text: string
  readonly map: Int32Array

  constructor(lines: readonly Line[]) {
    let most = 0
    for (const line of lines) most += line.text.length + 1
    // Typed arrays of the most the text can fold to: a whole document's are made often, and number arrays grown a
    // character at a time cost several times as much.
    const codes = new Uint16Array(most)
    const map = new Int32Array(most)
    let n = 0
    let last = 32
    for (const line of lines) {
      const t = line.text
      for (let i = 0; i < t.length; i++) {
        const code = foldCode(t.charCodeAt(i))
        if (code === 32 && last === 32) continue
        codes[n] = code
        map[n++] = line.map[i] ?? line.start
        last = code
      }
      if (last !== 32) {
        codes[n] = 32
        map[n++] = line.end
        last = 32
      }
    }
    let text = ''
    // In pieces: a call takes only so many arguments.
    for (let at = 0; at < n; at += 8192)
      text += String.fromCharCode.apply(null, codes.subarray(at, Math.min(n, at + 8192)) as unknown as number[])
    this.text = text
    this.map = map.subarray(0, n)
  }

  /** The document span of flat characters [from, to). */
  span(from: number, to: number): { start: number; end: number } {
    const start = this.map[from] ?? 0
    const end = (this.map[Math.max(from, to - 1)] ?? start) + 1
    return { start, end }
  }
}
