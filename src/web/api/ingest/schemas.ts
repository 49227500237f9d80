import { z } from 'zod'
import { ReportFileQuery } from '../registry.js'

export const IngestQuery = ReportFileQuery.extend({ dryRun: z.enum(['true', 'false']).default('false') })
