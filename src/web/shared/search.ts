import { z } from 'zod'
import type { RecordFilter } from '../../app/open-data.js'
import { FRAMEWORKS, LEVELS, STATUSES, ValidationError } from '../../domain/index.js'
import { optional } from '../form.js'

/** The search form's choices (the home page, a download of its results, and the API's search). */
export const SearchQuerySchema = z.object({
  authority: optional(z.string().regex(/^E\d{8}$/, 'Choose an authority from the list')),
  framework: optional(z.enum(FRAMEWORKS.map(f => f.id) as [string, ...string[]], 'Choose a framework from the list')),
  year: optional(
    z.coerce
      .number('Enter the year as four digits, like 2008')
      .int('Enter the year as four digits, like 2008')
      .min(2000, 'Enter a year from 2000 onwards')
      .max(2100, 'Enter a year before 2100'),
  ),
  level: optional(z.enum(LEVELS, 'Choose a judgement from the list')),
  status: optional(z.enum(STATUSES, 'Choose a status from the list')),
  page: optional(z.coerce.number().int().min(1, 'The page must be 1 or more').max(100_000)).default(1),
})

const DownloadQuerySchema = SearchQuerySchema.pick({ authority: true, framework: true, year: true, level: true })

/**
 * A search's choices as a download's filter (the open data page's and the API's); choices that are not valid are
 * refused, naming the first.
 */
export function downloadFilter(query: unknown): RecordFilter {
  const parsed = DownloadQuerySchema.safeParse(query)
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map(i => i.message)[0] ?? 'Invalid choices')
  const q = parsed.data
  return { authorityCode: q.authority, frameworkId: q.framework, year: q.year, level: q.level }
}
