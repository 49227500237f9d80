import { MONTHS as DOMAIN_MONTHS, isIsoDate } from '../domain/index.js'

const MONTHS = DOMAIN_MONTHS.map(m => m.toLowerCase())
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

/** "25/11/2016": day, month, year, as British reports print a date in figures. */
const NUMERIC = '(\\d{1,2})/(\\d{1,2})/((?:19|20)\\d{2})'
const NUMERIC_DATE = new RegExp(`\\b${NUMERIC}\\b`)

function numericIso(day: string, month: string, year: string): string | undefined {
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
  return isIsoDate(iso) ? iso : undefined
}

const earliest = <T extends { index: number }>(...found: (T | undefined)[]) =>
  found.filter((f): f is T => f !== undefined).sort((a, b) => a.index - b.index)[0]

export function findDate(text: string): FoundDate | undefined {
  const m = DATE_PATTERN.exec(text)
  const iso = m && toIsoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '')
  const n = NUMERIC_DATE.exec(text)
  const niso = n && numericIso(n[1] ?? '', n[2] ?? '', n[3] ?? '')
  return earliest(
    m && iso ? { iso, index: m.index, length: m[0].length } : undefined,
    n && niso ? { iso: niso, index: n.index, length: n[0].length } : undefined,
  )
}

const RANGE = new RegExp(
  `\\b${DAY}(?:\\s+${MONTH})?(?:\\s+${YEAR})?\\s*(?:-|–|—|to|and|until)\\s*${DAY}\\s+${MONTH}\\s+${YEAR}\\b`,
  'i',
)

/** "10-20 April 2012", "28 March – 8 April 2011", "1 April 2007 to 31 March 2008". */
const NUMERIC_RANGE = new RegExp(`\\b${NUMERIC}\\s*(?:-|–|—|to|and|until)\\s*${NUMERIC}\\b`)

type FoundRange = { start: string; end: string; index: number; length: number }

function numericRange(text: string): FoundRange | undefined {
  const m = NUMERIC_RANGE.exec(text)
  if (!m) return undefined
  const start = numericIso(m[1] ?? '', m[2] ?? '', m[3] ?? '')
  const end = numericIso(m[4] ?? '', m[5] ?? '', m[6] ?? '')
  if (!start || !end || start > end) return undefined
  return { start, end, index: m.index, length: m[0].length }
}

/** A range, or a single day printed where a range would be ("Inspection date: 28 July 2016"). */
export function findDateRange(text: string): FoundRange | undefined {
  return earliest(wordRange(text), numericRange(text))
}

function wordRange(text: string): FoundRange | undefined {
  const m = RANGE.exec(text)
  if (!m) return undefined
  const [, d1, m1, y1, d2, m2, y2] = m
  const end = toIsoDate(d2 ?? '', m2 ?? '', y2 ?? '')
  const start = toIsoDate(d1 ?? '', m1 ?? m2 ?? '', y1 ?? y2 ?? '')
  if (!start || !end || start > end) return undefined
  return { start, end, index: m.index, length: m[0].length }
}

const IN_FILE_NAME = new RegExp(`(?:^|[^0-9])${DAY}[\\s_-]+${MONTH}[\\s_-]+${YEAR}(?![0-9])`, 'i')

/** A file's name without the folders a path gives it. */
export const baseName = (fileName: string) => fileName.split(/[\\/]/).pop() ?? fileName

/** "…_inspection_-_19_january_2018.pdf" → 2018-01-19: the date a file's name carries, if it carries one. */
export function dateInFileName(fileName: string): string | undefined {
  const m = IN_FILE_NAME.exec(baseName(fileName))
  return m ? toIsoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined
}
