import { diffArrays } from 'diff'
import { Text } from '../ingest/text.js'

/** The words of a text as a reader sees them: markup and bullet marks removed, case and apostrophes folded. */
export function wordsOf(value: string): string[] {
  const words: string[] = []
  for (const line of new Text(value).lines)
    for (const m of line.text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu))
      words.push(m[0])
  return words
}

export interface Fidelity {
  sourceWords: number
  renderedWords: number
  /** Words of the source found, in order, in the rendering. */
  kept: number
  /** Words of the rendering that are not the source's, after setting aside those `allowed`. */
  added: number
  keptRatio: number
  addedRatio: number
}

/**
 * How much of a document a rendering keeps, measured by a word-level diff: the share of the source's words it keeps in
 * order, and the share of its own words that the source does not have. `allowed` are words a structure needs and is
 * known to add (a draft mark), counted apart.
 */
export function fidelity(source: string, rendered: string, allowed: readonly string[] = []): Fidelity {
  const a = wordsOf(source)
  const b = wordsOf(rendered)
  let kept = 0
  let added = 0
  const spare = new Map<string, number>()
  for (const w of allowed.flatMap(wordsOf)) spare.set(w, (spare.get(w) ?? 0) + 1)
  for (const part of diffArrays(a, b)) {
    if (part.added)
      for (const w of part.value) {
        const n = spare.get(w) ?? 0
        if (n > 0) spare.set(w, n - 1)
        else added++
      }
    else if (!part.removed) kept += part.value.length
  }
  return {
    sourceWords: a.length,
    renderedWords: b.length,
    kept,
    added,
    keptRatio: a.length ? kept / a.length : 1,
    addedRatio: b.length ? added / b.length : 0,
  }
}
