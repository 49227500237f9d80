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

/** The three boxes of a GOV.UK date input, as a person typed them. */
export interface DateParts {
  day: string
  month: string
  year: string
}

export type DatePart = keyof DateParts

/**
 * A date from the three boxes of a GOV.UK date input ("29", "5", "2012", or "May" for the month), or what is wrong
 * with it in GOV.UK's words for the date named ("the date the inspection ended"). All three empty: no date.
 */
export function isoFromParts(
  parts: DateParts,
  name: string,
): { ok: true; iso: string | null } | { ok: false; message: string; parts: DatePart[] } {
  const given = {
    day: parts.day.trim(),
    month: parts.month.trim().replace(/\.$/, ''),
    year: parts.year.trim(),
  }
  const missing = (['day', 'month', 'year'] as const).filter(p => given[p] === '')
  if (missing.length === 3) return { ok: true, iso: null }
  const The = name.charAt(0).toUpperCase() + name.slice(1)
  if (missing.length > 0)
    return { ok: false, message: `${The} must include a ${missing.join(' and a ')}`, parts: missing }
  const month = /^\d{1,2}$/.test(given.month)
    ? Number(given.month)
    : given.month.length >= 3
      ? MONTHS.findIndex(m => m.toLowerCase().startsWith(given.month.toLowerCase())) + 1
      : 0
  const wrong: DatePart[] = [
    ...(/^\d{1,2}$/.test(given.day) ? [] : (['day'] as const)),
    ...(month >= 1 && month <= 12 ? [] : (['month'] as const)),
    ...(/^\d{4}$/.test(given.year) ? [] : (['year'] as const)),
  ]
  const iso = `${given.year}-${String(month).padStart(2, '0')}-${given.day.padStart(2, '0')}`
  if (wrong.length || !isIsoDate(iso))
    return { ok: false, message: `${The} must be a real date`, parts: wrong.length ? wrong : ['day', 'month', 'year'] }
  return { ok: true, iso }
}

/** An ISO date as the three boxes of a GOV.UK date input show it: "2012-05-29" → 29, 5, 2012. */
export function partsOf(iso: string | null): DateParts {
  const m = iso ? ISO_DATE.exec(iso) : null
  return m
    ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] ?? '' }
    : { day: '', month: '', year: '' }
}
