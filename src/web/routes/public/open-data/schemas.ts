import type { RecordFilter } from '../../../../app/open-data.js'
import { ValidationError } from '../../../../domain/index.js'
import { SearchQuerySchema } from '../home/schemas.js'

const DownloadQuerySchema = SearchQuerySchema.pick({ authority: true, framework: true, year: true, level: true })

/** A search's choices as a download's filter; choices that are not valid are refused, naming the first. */
export function downloadFilter(query: unknown): RecordFilter {
  const parsed = DownloadQuerySchema.safeParse(query)
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map(i => i.message)[0] ?? 'Invalid choices')
  const q = parsed.data
  return { authorityCode: q.authority, frameworkId: q.framework, year: q.year, level: q.level }
}
