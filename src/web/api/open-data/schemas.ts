import { z } from 'zod'
import { FRAMEWORKS } from '../../../domain/index.js'
import { SearchQuerySchema } from '../../shared/search.js'

export const TableSchema = z.object({
  columns: z.array(z.string()).describe('The columns, in order, as docs/open-data.md describes them'),
  rows: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))
    .describe('One object per row, keyed by column; a value that is not recorded is null'),
})

export const JudgementsQuery = SearchQuerySchema.pick({ authority: true, framework: true, year: true, level: true })

export const SummaryQuery = z.object({
  framework: z
    .enum(FRAMEWORKS.map(f => f.id) as [string, ...string[]], 'must be a framework id')
    .optional()
    .describe('The framework (default: the newest)'),
})
