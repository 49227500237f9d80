import { ingestFile, outcomeJson } from '../../../app/ingest.js'
import { signedIn } from '../../security.js'
import { MAX_UPLOAD_BYTES } from '../../shared/limits.js'
import type { Api } from '../registry.js'
import { bytesOf, rawBody, STAFF } from '../shared.js'
import { IngestQuery } from './schemas.js'

/** Reading a published report into an assessment, under /api/v1. */
export function ingestApi(api: Api): void {
  api.add({
    method: 'post',
    path: '/ingest',
    summary: 'Read a published report (PDF, text or HTML) into an assessment; dryRun=true stores nothing',
    tag: 'Ingestion',
    access: STAFF,
    fileBody: true,
    before: rawBody(MAX_UPLOAD_BYTES),
    query: IngestQuery,
    responses: {
      200: { description: 'What was read (and, unless a dry run, stored)' },
      422: { description: 'The file could not be read as a supported report; the problem is named' },
    },
    handler: async (req, res, { query }) => {
      const outcome = await ingestFile(
        req.ctx,
        signedIn(req).actor,
        { name: query.fileName, bytes: bytesOf(req), sourceUrl: query.sourceUrl ?? null },
        { dryRun: query.dryRun === 'true' },
      )
      res.status(outcome.ok ? 200 : 422).json(outcomeJson(outcome))
    },
  })
}
