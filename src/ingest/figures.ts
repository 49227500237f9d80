import type { Figure, Framework } from '../domain/index.js'
import type { Text } from './text.js'

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
}
const N = `(\\d[\\d,]*|${Object.keys(NUMBER_WORDS).join('|')})`
/** A phrase pattern whose spaces match any run of white space, so wrapped lines read the same. */
const phrase = (source: string) => new RegExp(source.replace(/ /g, '\\s+'), 'i')

function toNumber(s: string): number | undefined {
  const word = NUMBER_WORDS[s.toLowerCase()]
  if (word !== undefined) return word
  const n = Number(s.replace(/,/g, ''))
  return Number.isFinite(n) ? n : undefined
}

/** The figures the framework says its reports state (service information, evidence), each once, from its first statement; source spans cover the number as printed. */
export function findFigures(
  text: Text,
  framework: Framework,
  source: (start: number, end: number) => Figure['source'],
): Figure[] {
  const figures: Figure[] = []
  const value = text.value
  for (const f of framework.reading.figures) {
    const m = phrase(f.pattern.replace('{n}', N)).exec(value)
    if (!m?.[1]) continue
    const n = toNumber(m[1])
    if (n === undefined) continue
    const start = m.index + m[0].indexOf(m[1])
    figures.push({ key: f.key, label: f.label, value: n, unit: null, source: source(start, start + m[1].length) })
  }
  return figures
}
