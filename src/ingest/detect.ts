import { FRAMEWORKS } from '../domain/index.js'
import type { Text } from './text.js'

export type Detection =
  | { kind: 'supported'; frameworkId: string; year: number; evidence: string }
  | { kind: 'unsupported'; recognised: string }
  | { kind: 'not-a-report'; reason: string }

const supported = (year: number, family: string) => FRAMEWORKS.find(f => f.year === year && f.id.startsWith(family))

/** The first year a phrase is printed beside in the opening of the document ("2007 annual performance assessment"). */
function yearNear(opening: string, phrase: RegExp): number | undefined {
  const around = new RegExp(`(?:\\b(20\\d{2})\\s+${phrase.source}|${phrase.source}[^\\n]{0,160}?\\b(20\\d{2})\\b)`, 'i')
  const m = around.exec(opening)
  const y = m?.[1] ?? m?.[2]
  return y ? Number(y) : undefined
}

/**
 * Which framework a document belongs to, from what it prints: its title and headings. A kind of document that
 * has no framework yet is named as recognised, never guessed into one that exists.
 */
export function detect(text: Text, documentYear: number | undefined): Detection {
  const all = text.lines.map(l => l.text).join('\n')
  const opening = all.slice(0, 6000)
  // A title a PDF wrapped over two lines reads as one phrase.
  const lower = opening.toLowerCase().replace(/\s+/g, ' ')

  if (/inspection of safeguarding and looked after children services/.test(lower)) {
    const f = FRAMEWORKS.find(x => x.id === 'slac-2012')
    const year = documentYear ?? f?.year
    if (f && year && year >= 2009 && year <= 2013)
      return {
        kind: 'supported',
        frameworkId: f.id,
        year,
        evidence: 'title: inspection of safeguarding and looked after children services',
      }
    return {
      kind: 'unsupported',
      recognised: `an inspection of safeguarding and looked after children services dated ${year ?? 'unknown'}`,
    }
  }
  if (/annual performance assessment/.test(lower)) {
    const year = yearNear(opening, /annual\s+performance\s+assessment/) ?? documentYear
    const f = year ? supported(year, 'apa-') : undefined
    if (f && year)
      return { kind: 'supported', frameworkId: f.id, year, evidence: `annual performance assessment ${year}` }
    return {
      kind: 'unsupported',
      recognised: `an annual performance assessment letter${year ? ` for ${year}` : ' (year not found)'}; supported years: ${FRAMEWORKS.filter(
        x => x.id.startsWith('apa-'),
      )
        .map(x => x.year)
        .join(', ')}`,
    }
  }
  if (/children'?s services (?:annual )?rating|annual rating/.test(lower.replace(/’/g, "'"))) {
    const year = yearNear(opening, /children['’]s\s+services\s+rating/) ?? documentYear
    const f = year ? supported(year, 'rating-') : undefined
    if (f && year) return { kind: 'supported', frameworkId: f.id, year, evidence: `children's services rating ${year}` }
    return {
      kind: 'unsupported',
      recognised: `a children's services annual rating letter for ${year ?? 'an unknown year'}; supported: 2009`,
    }
  }
  if (/annual (?:children'?s services )?assessment|children'?s services assessment/.test(lower.replace(/’/g, "'")))
    return {
      kind: 'unsupported',
      recognised: `an annual children's services assessment letter${documentYear ? ` (${documentYear})` : ''}`,
    }
  if (/unannounced inspection of (?:local authority )?contact,? referral and assessment/.test(lower))
    return {
      kind: 'unsupported',
      recognised: 'an unannounced inspection of contact, referral and assessment (no graded judgements)',
    }
  const title = text.lines.find(l => !l.blank && /\binspection\b/i.test(l.text) && l.text.length < 160)
  if (title && (/record of main findings/i.test(all) || /\bgrade\s+[1-4]\s*\(/i.test(all)))
    return {
      kind: 'unsupported',
      recognised: `an inspection report titled "${title.text.trim()}" with graded judgements`,
    }
  if (/ofsted|office for standards in education/i.test(all))
    return {
      kind: 'not-a-report',
      reason: 'it mentions Ofsted but has no assessment letter or inspection report structure',
    }
  return { kind: 'not-a-report', reason: 'no assessment letter or inspection report structure was recognised' }
}
