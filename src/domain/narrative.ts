import { phrasePattern } from '../lib/regexp.js'
import type { Level } from './levels.js'
import { levelOfWord, type Scale } from './scale.js'

export interface JudgementStatement {
  level: Level
  /** The words that carry the judgement, as written. */
  quote: string
  start: number
  end: number
}

/**
 * Finds the sentences in which a narrative states its judgement: "… is good.", "makes a good contribution",
 * "consistently delivers outstanding services", "perform excellently". Words come from the scale.
 */
export function judgementStatements(text: string, scale: Scale): JudgementStatement[] {
  const words = [...new Set(scale.points.flatMap(p => p.words))].sort((a, b) => b.length - a.length)
  const single = words.filter(w => !/\s/.test(w)).map(phrasePattern)
  const phrases = words.filter(w => /\s/.test(w)).map(phrasePattern)
  const patterns: RegExp[] = []
  if (single.length > 0) {
    const w = `(${single.join('|')})`
    patterns.push(
      new RegExp(
        `\\b(?:is|are|remains?|was|were)\\s+(?:judged\\s+(?:to\\s+be\\s+|as\\s+)?)?(?:now\\s+|consistently\\s+)?${w}(?=\\s*(?:[.;:]|$|,\\s|\\s+(?:and|but|overall|with)\\b))`,
        'gi',
      ),
      new RegExp(`\\bmakes?\\s+(?:an?\\s+)?${w}\\s+contribution`, 'gi'),
      new RegExp(`\\b(?:delivers?|provides?)\\s+(?:consistently\\s+)?${w}\\s+services`, 'gi'),
      new RegExp(`\\bhas\\s+(?:an?\\s+)?${w}\\s+capacity`, 'gi'),
    )
  }
  if (phrases.length > 0) patterns.push(new RegExp(`\\b(${phrases.join('|')})\\b`, 'gi'))
  const found: JudgementStatement[] = []
  for (const pattern of patterns)
    for (const m of text.matchAll(pattern)) {
      const level = levelOfWord(scale, m[1] ?? '')
      if (level) found.push({ level, quote: m[0], start: m.index, end: m.index + m[0].length })
    }
  return found.sort((a, b) => a.start - b.start)
}

/** The narrative's headline judgement: the first statement, if it stands within the opening three sentences. */
export function headlineJudgement(text: string, scale: Scale): JudgementStatement | undefined {
  const first = judgementStatements(text, scale)[0]
  if (!first) return undefined
  const sentencesBefore = text.slice(0, first.start).match(/[.!?](?:\s|$)/g)?.length ?? 0
  return sentencesBefore < 3 ? first : undefined
}
