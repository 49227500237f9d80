import { z } from 'zod'
import bankHolidays from './data/bank-holidays.json' with { type: 'json' }
import timescaleData from './data/timescales.json' with { type: 'json' }
import { addMonths } from './dates.js'

export const TimescaleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** As the reports print it, e.g. "Within three months". */
  label: z.string().min(1),
  /** Months after the date of record the action is due; null for items with no deadline (areas for development). */
  dueAfterMonths: z.int().min(0).nullable(),
  /** Working days (weekdays that are not bank holidays in England) after the date of record. */
  dueAfterWorkingDays: z.int().min(1).optional(),
  /** Where the deadline comes from. */
  source: z.string().optional(),
  /** Patterns (lower case, apostrophes straightened) of the headings a report prints above such items. */
  headings: z.array(z.string().min(1)),
  /**
   * Who made the items under it: this inspection; an earlier one whose recommendations the letter follows up (with a
   * statement of progress after each; due from that inspection, not this letter); or the inspectorates' own focus
   * for a future inspection, which is nothing the council is asked to do.
   */
  madeBy: z.enum(['this-inspection', 'earlier-inspection', 'inspectorates']),
})
export type Timescale = z.infer<typeof TimescaleSchema>

export const TIMESCALES: readonly Timescale[] = z.array(TimescaleSchema).parse(timescaleData)

export function getTimescale(id: string): Timescale | undefined {
  return TIMESCALES.find(t => t.id === id)
}

const HOLIDAYS = new Set(bankHolidays.dates)
const [FIRST_KNOWN, LAST_KNOWN] = bankHolidays.years as [number, number]

/**
 * The date `days` working days after `from` (England: weekends and bank holidays skipped); undefined where the
 * bank holidays of a year it crosses are not known, rather than a guess.
 */
export function addWorkingDays(from: string, days: number): string | undefined {
  const d = new Date(`${from}T00:00:00Z`)
  let left = days
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1)
    const year = d.getUTCFullYear()
    if (year < FIRST_KNOWN || year > LAST_KNOWN) return undefined
    const day = d.getUTCDay()
    if (day !== 0 && day !== 6 && !HOLIDAYS.has(d.toISOString().slice(0, 10))) left--
  }
  return d.toISOString().slice(0, 10)
}

/** Timescales whose items are the inspectorates' focus, not the council's recommendations. */
export const INSPECTORATES_TIMESCALES = TIMESCALES.filter(t => t.madeBy === 'inspectorates').map(t => t.id)

/** A recommendation to the council (of this inspection or an earlier one), not the inspectorates' own focus. */
export const isForTheCouncil = (r: { timescaleId: string }) => !INSPECTORATES_TIMESCALES.includes(r.timescaleId)

/** "Immediately" is due on the date of record (publication, or the letter's date); null when there is no deadline or no date. */
export function dueDate(timescale: Timescale, dateOfRecord: string | null): string | null {
  if (dateOfRecord === null) return null
  if (timescale.dueAfterWorkingDays !== undefined)
    return addWorkingDays(dateOfRecord, timescale.dueAfterWorkingDays) ?? null
  if (timescale.dueAfterMonths === null) return null
  return addMonths(dateOfRecord, timescale.dueAfterMonths)
}
