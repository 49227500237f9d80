import { z } from 'zod'
import timescaleData from './data/timescales.json' with { type: 'json' }
import { addMonths } from './dates.js'

export const TimescaleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** As the reports print it, e.g. "Within three months". */
  label: z.string().min(1),
  /** Months after the date of record the action is due; null for items with no deadline (areas for development). */
  dueAfterMonths: z.int().min(0).nullable(),
  /** Patterns (lower case, apostrophes straightened) of the headings a report prints above such items. */
  headings: z.array(z.string().min(1)),
  /** A recommendation carried from an earlier inspection, which the letter follows with a statement of progress. */
  carriedForward: z.boolean(),
})
export type Timescale = z.infer<typeof TimescaleSchema>

export const TIMESCALES: readonly Timescale[] = z.array(TimescaleSchema).parse(timescaleData)

export function getTimescale(id: string): Timescale | undefined {
  return TIMESCALES.find(t => t.id === id)
}

/** "Immediately" is due on the date of record (publication, or the letter's date); null when there is no deadline or no date. */
export function dueDate(timescale: Timescale, dateOfRecord: string | null): string | null {
  if (timescale.dueAfterMonths === null || dateOfRecord === null) return null
  return addMonths(dateOfRecord, timescale.dueAfterMonths)
}
