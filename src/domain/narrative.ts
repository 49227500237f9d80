import { phrasePattern } from '../lib/regexp.js'
import { getFramework } from './framework.js'
import type { Level } from './levels.js'
import {
  BANDS,
  type Band,
  type Indicator,
  type IndicatorComparison,
  isBand,
  type Profile,
  type Unbanded,
  valueWords,
} from './profile.js'
import { levelOfWord, pointFor, type Scale } from './scale.js'

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

// The rating letter's narrative, drafted from the performance profile

function proportion(share: number): string {
  if (share >= 0.95) return 'almost all'
  if (share >= 0.75) return 'the large majority'
  if (share > 0.5) return 'the majority'
  if (share >= 0.25) return 'a minority'
  return 'a small minority'
}

/** Better or worse, by the band (which is performance); nothing for "in line". */
const verdict = (b: Band) => (b === 'in-line' ? null : b === 'well-above' || b === 'above' ? 'better' : 'worse')

/**
 * A value against similar areas and England in the direction of the number, and whether that is better or worse
 * by the way the indicator runs: "well above similar areas and that found nationally, which is worse" for a rate
 * of hospital admissions where lower is better.
 */
export function comparisonClause(polarity: Indicator['polarity'], vsNeighbours: Band, vsEngland: Band | Unbanded) {
  const n = { words: valueWords(polarity, vsNeighbours), verdict: verdict(vsNeighbours) }
  const which = (v: string | null) => (v ? `, which is ${v}` : '')
  if (!isBand(vsEngland)) return `${n.words} similar areas${which(n.verdict)}`
  const e = { words: valueWords(polarity, vsEngland), verdict: verdict(vsEngland) }
  if (e.words === n.words) return `${n.words} similar areas and that found nationally${which(n.verdict)}`
  if (e.verdict === n.verdict) return `${n.words} similar areas and ${e.words} that found nationally${which(n.verdict)}`
  return `${n.words} similar areas${n.verdict ? `${which(n.verdict)},` : ''} and ${e.words} that found nationally${which(e.verdict)}`
}

/** "The under-18 conception rate is below similar areas, which is better, and in line with that found nationally." */
export function comparisonSentence(c: IndicatorComparison): string | null {
  if (!isBand(c.vsNeighbours)) return null
  return `${c.indicator.phrase} is ${comparisonClause(c.indicator.polarity, c.vsNeighbours, c.vsEngland)}.`
}

/**
 * The rating letter's narrative drafted from the profile: the headline, the settings, each indicator that stands
 * out from similar areas, and the indicators as a whole. A draft for the inspector to edit, nothing more.
 */
export function draftNarrative(
  profile: Profile,
  grade: number | null,
  authorityName: string,
  framework = 'rating-2009',
): string {
  const scale = getFramework(framework).scale
  const paragraphs: string[] = []
  const point = grade === null ? undefined : pointFor(scale, grade)
  const verb = point?.words.find(w => w.startsWith('perform '))
  if (verb) paragraphs.push(`Children's services in ${authorityName} ${verb}.`)
  const settings: string[] = []
  if (profile.settingsOverall.share !== null)
    settings.push(
      `The overall effectiveness of ${proportion(profile.settingsOverall.share)} of the ${profile.settingsOverall.count} inspected services and settings is good or better.`,
    )
  for (const s of profile.settings)
    if (s.share !== null && isBand(s.vsNeighbours) && s.vsNeighbours !== 'in-line')
      settings.push(
        `${s.type.label}: ${s.goodOrBetter} of ${s.count} are good or better, a share ${comparisonClause('higher', s.vsNeighbours, s.vsEngland)}.`,
      )
  if (settings.length) paragraphs.push(settings.join(' '))
  const standout = profile.indicators.filter(c => isBand(c.vsNeighbours) && c.vsNeighbours !== 'in-line')
  const order = (c: IndicatorComparison) => Math.abs(BANDS.indexOf(c.vsNeighbours as Band) - 2)
  const sentences = [...standout]
    .sort((a, b) => order(b) - order(a))
    .slice(0, 8)
    .map(c => comparisonSentence(c) as string)
  const share = profile.metrics['indicators.shareAtLeastInLine']
  const banded = profile.counts['indicators.shareAtLeastInLine']
  if (share !== null && share !== undefined)
    sentences.push(
      `Performance against ${proportion(share)} of ${banded === undefined ? '' : `the ${banded} `}national indicators compared with similar areas is at least in line with them.`,
    )
  if (sentences.length) paragraphs.push(sentences.join(' '))
  return paragraphs.join('\n\n')
}
