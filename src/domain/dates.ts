/** Calendar dates as ISO strings (YYYY-MM-DD); no time zones are involved. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Adds calendar months; a day past the end of the target month falls back to its last day (31 Aug + 6 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const m = ISO_DATE.exec(iso)
  if (!m || !isIsoDate(iso)) throw new RangeError(`Not a calendar date: ${iso}`)
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months
  const year = Math.floor(total / 12)
  const month = (total % 12) + 1
  const day = Math.min(Number(m[3]), daysInMonth(year, month))
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export function today(now: Date): string {
  return now.toISOString().slice(0, 10)
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/** "2007-11-26" → "26 November 2007"; "2007-02" → "February 2007". */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  const month = `${MONTHS[(m ?? 1) - 1]} ${y}`
  return d ? `${d} ${month}` : month
}
