import express, { type Request, type Response } from 'express'
import { z } from 'zod'
import { DATA_KINDS } from '../../app/data-import.js'
import { JOB_KINDS, type JobInput, type JobView, jobsOf } from '../../app/jobs.js'
import { MAX_DATA_BYTES } from '../routes/profile.js'
import { MAX_UPLOAD_BYTES } from '../routes/staff.js'
import { signedIn } from '../security.js'
import { type Api, ReportFileQuery } from './registry.js'

const PEOPLE = ['inspector', 'quality-assurer', 'administrator'] as const

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

const Id = z.object({ id: z.uuid('must be a job id') })
const Accepted = { 202: { description: 'Queued: the job, with Location naming where to follow it', schema: JobSchema } }
const bytesOf = (req: Request) => (Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array())

async function accepted(
  req: Request,
  res: Response,
  input: JobInput,
  files: { name: string; bytes: Uint8Array; sourceUrl: string | null }[] = [],
) {
  const jobs = await jobsOf(req.ctx)
  const run = await jobs.submit(signedIn(req).actor, input, files)
  const job: JobView = await jobs.view(signedIn(req).actor, run.id)
  res.status(202).location(`/api/v1/jobs/${run.id}`).json(job)
}

/** Long work as jobs, under /api/v1: start one, follow its progress, read its result. */
export function jobsApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/jobs',
    summary: 'Jobs, newest first: the caller’s own (an administrator’s: everyone’s)',
    tag: 'Jobs',
    access: PEOPLE,
    responses: { 200: { description: 'The jobs', schema: z.array(JobSchema) } },
    handler: async (req, res) => {
      res.json(await (await jobsOf(req.ctx)).list(signedIn(req).actor))
    },
  })

  api.add({
    method: 'get',
    path: '/jobs/:id',
    summary: 'One job: its state, progress, log and result',
    tag: 'Jobs',
    access: PEOPLE,
    params: Id,
    responses: { 200: { description: 'The job', schema: JobSchema } },
    handler: async (req, res, { params }) => {
      res.json(await (await jobsOf(req.ctx)).view(signedIn(req).actor, params.id))
    },
  })

  api.add({
    method: 'post',
    path: '/jobs/ingest',
    summary: 'Read a published report (PDF, text or HTML) in the background; answers at once with the job',
    tag: 'Jobs',
    access: PEOPLE,
    fileBody: true,
    before: [express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES })],
    query: ReportFileQuery.extend({
      publish: z.enum(['true', 'false']).default('false').describe('An administrator’s trusted import only'),
    }),
    responses: Accepted,
    handler: async (req, res, { query }) => {
      const bytes = bytesOf(req)
      await accepted(req, res, { kind: 'ingest', publish: query.publish === 'true' }, [
        { name: query.fileName, bytes, sourceUrl: query.sourceUrl ?? null },
      ])
    },
  })

  api.add({
    method: 'post',
    path: '/jobs/data-import/:kind',
    summary: 'Import a CSV file of profile data in the background (administrators)',
    tag: 'Jobs',
    access: ['administrator'],
    params: z.object({ kind: z.enum(DATA_KINDS) }),
    query: z.object({ fileName: z.string().min(1).max(255).default('upload.csv') }),
    fileBody: true,
    before: [express.raw({ type: () => true, limit: MAX_DATA_BYTES })],
    responses: Accepted,
    handler: async (req, res, { params, query }) => {
      await accepted(req, res, { kind: 'data-import', kinds: [params.kind] }, [
        { name: query.fileName, bytes: bytesOf(req), sourceUrl: null },
      ])
    },
  })

  api.add({
    method: 'post',
    path: '/jobs/print',
    summary: 'Print every current published report lacking a kept PDF (or those named), in the background',
    tag: 'Jobs',
    access: PEOPLE,
    body: z.strictObject({ assessmentIds: z.array(z.uuid('must be an assessment id')).min(1).max(10_000).optional() }),
    responses: Accepted,
    handler: async (req, res, { body }) => {
      await accepted(req, res, { kind: 'print', ...(body.assessmentIds ? { assessmentIds: body.assessmentIds } : {}) })
    },
  })

  api.add({
    method: 'post',
    path: '/jobs/rules-check',
    summary: 'Hold every rule of each framework against the published record, in the background',
    tag: 'Jobs',
    access: PEOPLE,
    responses: Accepted,
    handler: async (req, res) => {
      await accepted(req, res, { kind: 'rules-check' })
    },
  })
}
