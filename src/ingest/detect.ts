import documents from '../domain/data/document-kinds.json' with { type: 'json' }
import { FRAMEWORKS, type Framework } from '../domain/index.js'
import { fold } from './flat.js'
import { pattern } from './patterns.js'
import type { Text } from './text.js'

export type Detection =
  | { kind: 'supported'; frameworkId: string; year: number; evidence: string }
  | { kind: 'unsupported'; recognised: string }
  | { kind: 'not-a-report'; reason: string }

/** How far into a document its title may stand (a letter's address block comes first). */
const OPENING = 6000

/** The opening as one folded line: a title a PDF wrapped over several lines reads as one phrase. */
export function foldedOpening(text: Text): string {
  return fold(
    text.lines
      .map(l => l.text)
      .join(' ')
      .slice(0, OPENING),
  ).replace(/\t/g, ' ')
}

/** The first year printed beside a phrase ("2007 annual performance assessment", "assessment … 2007"). */
function yearNear(opening: string, phrase: string): number | undefined {
  const around = new RegExp(`(?:\\b(20\\d{2})\\s+(?:${phrase})|(?:${phrase})[^\\n]{0,160}?\\b(20\\d{2})\\b)`)
  const m = around.exec(opening)
  const y = m?.[1] ?? m?.[2]
  return y ? Number(y) : undefined
}

interface Candidate {
  framework: Framework
  at: number
  year: number | undefined
  years: readonly [number, number]
  phrase: string
}

/**
 * Which framework a document belongs to, from the title phrases each framework declares: the phrase printed
 * first wins, and its year must be one the framework covers. A kind of document that has no framework is named as
 * recognised, never guessed into one that exists.
 */
export function detect(
  text: Text,
  documentYear: number | undefined,
  frameworks: readonly Framework[] = FRAMEWORKS,
): Detection {
  const opening = foldedOpening(text)
  const candidates: Candidate[] = []
  for (const framework of frameworks)
    for (const title of framework.recognition.titles) {
      const m = pattern(title.pattern).exec(opening)
      if (!m) continue
      const near = framework.recognition.yearNear ? yearNear(opening, framework.recognition.yearNear) : undefined
      candidates.push({
        framework,
        at: m.index,
        year: near ?? documentYear,
        years: title.years ?? framework.years,
        phrase: m[0],
      })
    }
  const kinds = documents.kinds
    .map(k => ({ ...k, at: pattern(k.pattern).exec(opening)?.index ?? -1 }))
    .filter(k => k.at >= 0)
  const first = Math.min(...candidates.map(c => c.at))
  const kind = kinds.sort((a, b) => a.at - b.at)[0]
  if (kind && !(kind.at >= first)) return { kind: 'unsupported', recognised: kind.name }
  const titled = candidates.filter(c => c.at === first)
  const inYears = titled.find(c => c.year !== undefined && c.year >= c.years[0] && c.year <= c.years[1])
  if (inYears?.year !== undefined)
    return {
      kind: 'supported',
      frameworkId: inYears.framework.id,
      year: inYears.year,
      evidence: `title: ${inYears.phrase}${inYears.year ? ` (${inYears.year})` : ''}`,
    }
  const named = titled[0]
  if (named) {
    const covered = [...new Set(titled.map(c => (c.years[0] === c.years[1] ? `${c.years[0]}` : c.years.join('–'))))]
    return {
      kind: 'unsupported',
      recognised: `${named.framework.recognition.name}${named.year ? ` for ${named.year}` : ' (year not found)'}; supported years: ${covered.join(', ')}`,
    }
  }
  const all = text.lines.map(l => l.text).join('\n')
  // A report of a kind no framework declares: titled as an inspection, printing graded judgements.
  const unknown = documents.unknownReport
  const title = text.lines.find(l => !l.blank && new RegExp(unknown.title, 'i').test(l.text) && l.text.length < 160)
  if (title && new RegExp(unknown.graded, 'i').test(all))
    return {
      kind: 'unsupported',
      recognised: `an inspection report of an unknown framework titled "${title.text.trim()}", with graded judgements`,
    }
  if (new RegExp(documents.publisher.pattern, 'i').test(all))
    return {
      kind: 'not-a-report',
      reason: `it mentions ${documents.publisher.name} but has no assessment letter or inspection report structure that was recognised`,
    }
  return { kind: 'not-a-report', reason: 'no assessment letter or inspection report structure was recognised' }
}
