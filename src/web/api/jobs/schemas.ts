import { z } from 'zod'
import { JOB_KINDS } from '../../../app/jobs.js'
import { ReportFileQuery } from '../registry.js'

export const JobSchema = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  title: z.string(),
  state: z.enum(['created', 'retry', 'active', 'completed', 'cancelled', 'failed', 'unknown']),
  done: z.number().describe('Items done so far'),
  total: z.number().nullable().describe('Items in all, where known'),
  submittedBy: z.object({ id: z.string(), role: z.string() }),
  submittedAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  workers: z.array(z.string()).describe('The workers that took it, in order (more than one when it was retried)'),
  retries: z.number(),
  log: z.array(z.object({ at: z.string(), message: z.string() })),
  result: z.unknown().describe('What it did, once completed'),
  error: z.string().nullable().describe('Why it failed, once failed'),
})

export const JobList = z.array(JobSchema)

export const JobId = z.object({ id: z.uuid('must be a job id') })

export const IngestJobQuery = ReportFileQuery.extend({
  publish: z.enum(['true', 'false']).default('false').describe('An administrator’s trusted import only'),
})

export const DataImportJobQuery = z.object({ fileName: z.string().min(1).max(255).default('upload.csv') })

export const PrintBody = z.strictObject({
  assessmentIds: z.array(z.uuid('must be an assessment id')).min(1).max(10_000).optional(),
})
