import { isIsoDate } from '../domain/index.js'

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const MONTH = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\.?`
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?'
const YEAR = '((?:19|20)\\d{2})'

/** "26 November 2007" → 2007-11-26; undefined for anything that is not a real calendar date. */
export function toIsoDate(day: string, month: string, year: string): string | undefined {
  const m = MONTHS.findIndex(x => x.startsWith(month.toLowerCase().replace('.', '').slice(0, 3))) + 1
  if (m === 0) return undefined
  const iso = `${year}-${String(m).padStart(2, '0')}-${String(Number(day)).padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}

export const DATE_PATTERN = new RegExp(`\\b${DAY}\\s+${MONTH}\\s+${YEAR}\\b`, 'i')
const DATE_ONLY = new RegExp(`^(?:[a-z]+day,?\\s+)?${DAY}\\s+${MONTH},?\\s+${YEAR}$`, 'i')

/** A line that is nothing but a date, as letters print theirs. */
export function dateLine(text: string): string | undefined {
  const m = DATE_ONLY.exec(text.trim())
  return m ? toIsoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined
}

export interface FoundDate {
  iso: string
  index: number
  length: number
}

export function findDate(text: string): FoundDate | undefined {
  const m = DATE_PATTERN.exec(text)
  const iso = m && toIsoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '')
  return m && iso ? { iso, index: m.index, length: m[0].length } : undefined
}

const RANGE = new RegExp(
  `\\b${DAY}(?:\\s+${MONTH})?(?:\\s+${YEAR})?\\s*(?:-|–|—|to|and|until)\\s*${DAY}\\s+${MONTH}\\s+${YEAR}\\b`,
  'i',
)

/** "10-20 April 2012", "28 March – 8 April 2011", "1 April 2007 to 31 March 2008". */
export function findDateRange(text: string): { start: string; end: string; index: number; length: number } | undefined {
  const m = RANGE.exec(text)
  if (!m) return undefined
  const [, d1, m1, y1, d2, m2, y2] = m
  const end = toIsoDate(d2 ?? '', m2 ?? '', y2 ?? '')
  const start = toIsoDate(d1 ?? '', m1 ?? m2 ?? '', y1 ?? y2 ?? '')
  if (!start || !end || start > end) return undefined
  return { start, end, index: m.index, length: m[0].length }
}
