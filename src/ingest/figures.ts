import type { Figure } from '../domain/index.js'
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

/** The figures a report's service information and evidence sections state, by the words that introduce them. */
const FIGURES: { key: string; label: string; pattern: RegExp }[] = [
  {
    key: 'child-population',
    label: 'Children and young people in the area',
    pattern: phrase(`population of (?:approximately |about |around |some )?${N} children and young people`),
  },
  {
    key: 'looked-after-children',
    label: 'Looked after children',
    pattern: phrase(`there (?:were|are) ${N} (?:children (?:who are )?)?looked after(?: children)?`),
  },
  { key: 'care-leavers', label: 'Care leavers', pattern: phrase(`\\b${N} care leavers`) },
  {
    key: 'child-protection-plans',
    label: 'Children subject of a child protection plan',
    pattern: phrase(`\\b${N} children (?:who (?:were|are) )?(?:the )?subject (?:of|to) a child protection plan`),
  },
  {
    key: 'case-files-reviewed',
    label: 'Case files reviewed by inspectors',
    pattern: phrase(`review of ${N} case files`),
  },
  { key: 'schools', label: 'Schools', pattern: phrase(`\\bhas ${N} schools\\b`) },
  { key: 'foster-carers', label: 'Foster carers', pattern: phrase(`\\b${N} foster carers`) },
  { key: 'childrens-homes', label: "Children's homes", pattern: phrase(`\\b${N} children['’]s homes`) },
]

function toNumber(s: string): number | undefined {
  const word = NUMBER_WORDS[s.toLowerCase()]
  if (word !== undefined) return word
  const n = Number(s.replace(/,/g, ''))
  return Number.isFinite(n) ? n : undefined
}

/** Each figure once, from its first statement; source spans cover the number as printed. */
export function findFigures(text: Text, source: (start: number, end: number) => Figure['source']): Figure[] {
  const figures: Figure[] = []
  const value = text.value
  for (const f of FIGURES) {
    const m = f.pattern.exec(value)
    if (!m?.[1]) continue
    const n = toNumber(m[1])
    if (n === undefined) continue
    const start = m.index + m[0].indexOf(m[1])
    figures.push({ key: f.key, label: f.label, value: n, unit: null, source: source(start, start + m[1].length) })
  }
  return figures
}
