import type { Request, Response } from 'express'
import { type JobInput, type JobView, jobsOf } from '../../../app/jobs.js'
import { signedIn } from '../../security.js'
import { MAX_DATA_BYTES, MAX_UPLOAD_BYTES } from '../../shared/limits.js'
import { DataKind } from '../profile/schemas.js'
import type { Api } from '../registry.js'
import { bytesOf, rawBody } from '../shared.js'
import { DataImportJobQuery, IngestJobQuery, JobId, JobList, JobSchema, PrintBody } from './schemas.js'

const PEOPLE = ['inspector', 'quality-assurer', 'administrator'] as const

const Accepted = { 202: { description: 'Queued: the job, with Location naming where to follow it', schema: JobSchema } }

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
    responses: { 200: { description: 'The jobs', schema: JobList } },
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
    params: JobId,
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
    before: rawBody(MAX_UPLOAD_BYTES),
    query: IngestJobQuery,
    responses: Accepted,
    handler: async (req, res, { query }) => {
      await accepted(req, res, { kind: 'ingest', publish: query.publish === 'true' }, [
        { name: query.fileName, bytes: bytesOf(req), sourceUrl: query.sourceUrl ?? null },
      ])
    },
  })

  api.add({
    method: 'post',
    path: '/jobs/data-import/:kind',
    summary: 'Import a CSV file of profile data in the background (administrators)',
    tag: 'Jobs',
    access: ['administrator'],
    params: DataKind,
    query: DataImportJobQuery,
    fileBody: true,
    before: rawBody(MAX_DATA_BYTES),
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
    body: PrintBody,
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
