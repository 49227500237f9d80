import {
  addEvidence,
  attachEvidenceFile,
  evidenceFile,
  evidenceLog,
  linkEvidenceItem,
  readEvidence,
  readSelfAssessment,
  submitSelfAssessment,
} from '../../../app/evidence.js'
import { EvidenceItemSchema, MAX_EVIDENCE_FILE_BYTES, SelfAssessmentSchema } from '../../../domain/index.js'
import { signedIn } from '../../security.js'
import type { Api } from '../registry.js'
import { bytesOf, Id, rawBody, STAFF } from '../shared.js'
import {
  EvidenceBody,
  FileParams,
  FileQuery,
  Item,
  LinksBody,
  LogQuery,
  LogSchema,
  SelfAssessmentBody,
  SelfKey,
} from './schemas.js'

/** The inspection's evidence and the councils' self-assessments, under /api/v1. */
export function evidenceApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/assessments/:id/evidence',
    summary: 'An assessment’s evidence log, with its summary and the judgements resting on none (the team only)',
    tag: 'Evidence',
    access: STAFF,
    params: Id,
    query: LogQuery,
    responses: { 200: { description: 'The evidence log', schema: LogSchema } },
    handler: async (req, res, { params, query }) => {
      const log = await evidenceLog(req.ctx, req.actor, params.id, { areaId: query.area, kind: query.kind })
      res.json({
        items: log.shown,
        counts: log.counts,
        summary: log.summary,
        purged: log.purged,
        retentionEnds: log.retentionEnds,
        about: log.about,
        findings: log.findings,
        selfAssessment: log.selfAssessment,
      })
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/evidence',
    summary: 'Record an item of evidence',
    tag: 'Evidence',
    access: STAFF,
    params: Id,
    body: EvidenceBody,
    responses: { 201: { description: 'Recorded', schema: EvidenceItemSchema } },
    handler: async (req, res, { params, body }) => {
      const { actor, user } = signedIn(req)
      const item = await addEvidence(req.ctx, actor, user.name, params.id, body)
      res.status(201).location(`/api/v1/assessments/${params.id}/evidence/${item.id}`).json(item)
    },
  })

  api.add({
    method: 'get',
    path: '/assessments/:id/evidence/:evidenceId',
    summary: 'One item of evidence',
    tag: 'Evidence',
    access: STAFF,
    params: Item,
    responses: { 200: { description: 'The item', schema: EvidenceItemSchema } },
    handler: async (req, res, { params }) => {
      res.json((await readEvidence(req.ctx, req.actor, params.id, params.evidenceId)).item)
    },
  })

  api.add({
    method: 'put',
    path: '/assessments/:id/evidence/:evidenceId/links',
    summary: 'Link an item to exactly these judgements (an empty list unlinks it)',
    tag: 'Evidence',
    access: STAFF,
    params: Item,
    body: LinksBody,
    responses: { 200: { description: 'Linked', schema: EvidenceItemSchema } },
    handler: async (req, res, { params, body }) => {
      res.json(await linkEvidenceItem(req.ctx, signedIn(req).actor, params.id, params.evidenceId, body.areaIds))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/evidence/:evidenceId/files',
    summary: 'Attach a file (up to 10 MB), kept with its SHA-256',
    tag: 'Evidence',
    access: STAFF,
    params: Item,
    query: FileQuery,
    fileBody: true,
    before: rawBody(MAX_EVIDENCE_FILE_BYTES),
    responses: { 201: { description: 'Attached; the item with its files', schema: EvidenceItemSchema } },
    handler: async (req, res, { params, query }) => {
      const item = await attachEvidenceFile(req.ctx, signedIn(req).actor, params.id, params.evidenceId, {
        fileName: query.fileName,
        mediaType: req.get('content-type') ?? '',
        bytes: bytesOf(req),
      })
      res.status(201).json(item)
    },
  })

  api.add({
    method: 'get',
    path: '/assessments/:id/evidence/:evidenceId/files/:fileId',
    summary: 'A file attached to an item, as it was given',
    tag: 'Evidence',
    access: STAFF,
    params: FileParams,
    responses: { 200: { description: 'The file' } },
    handler: async (req, res, { params }) => {
      const f = await evidenceFile(req.ctx, req.actor, params.id, params.evidenceId, params.fileId)
      res.attachment(f.fileName).type('application/octet-stream').send(Buffer.from(f.content))
    },
  })

  api.add({
    method: 'get',
    path: '/authorities/:code/self-assessments/:frameworkId/:year',
    summary:
      'A council’s self-assessment: for the inspection team and the council’s officers; others only where the framework publishes it',
    tag: 'Evidence',
    access: 'public',
    params: SelfKey,
    responses: { 200: { description: 'The self-assessment', schema: SelfAssessmentSchema } },
    handler: async (req, res, { params }) => {
      res.json(await readSelfAssessment(req.ctx, req.actor, params.code, params.frameworkId, params.year))
    },
  })

  api.add({
    method: 'put',
    path: '/authorities/:code/self-assessments/:frameworkId/:year',
    summary: 'Submit (or submit again) the council’s self-assessment: its own grades and narrative per area',
    tag: 'Evidence',
    access: ['authority-officer'],
    params: SelfKey,
    body: SelfAssessmentBody,
    responses: { 200: { description: 'Submitted', schema: SelfAssessmentSchema } },
    handler: async (req, res, { params, body }) => {
      const { actor, user } = signedIn(req)
      res.json(
        await submitSelfAssessment(req.ctx, actor, user.name, {
          authorityCode: params.code,
          frameworkId: params.frameworkId,
          year: params.year,
          areas: body.areas,
        }),
      )
    },
  })
}
