import express from 'express'
import { z } from 'zod'
import {
  addEvidence,
  attachEvidenceFile,
  evidenceFile,
  evidenceLog,
  linkEvidenceItem,
  readEvidence,
  readSelfAssessment,
  submitSelfAssessment,
} from '../../app/evidence.js'
import {
  CaseReference,
  EvidenceCountsSchema,
  EvidenceItemSchema,
  EvidenceKindSchema,
  FRAMEWORKS,
  MAX_EVIDENCE_FILE_BYTES,
  SelfAssessmentSchema,
} from '../../domain/index.js'
import { signedIn } from '../security.js'
import type { Api } from './registry.js'

const STAFF = ['inspector', 'quality-assurer'] as const
const Id = z.object({ id: z.uuid('must be an assessment id') })
const Item = Id.extend({ evidenceId: z.uuid('must be an evidence id') })
const SelfKey = z.object({
  code: z.string().regex(/^E\d{8}$/, 'must be a GSS code such as E09000020'),
  frameworkId: z.enum(FRAMEWORKS.filter(f => f.evidence).map(f => f.id) as [string, ...string[]]),
  year: z.coerce.number().int().min(2000).max(2100),
})

export const EvidenceBody = z.strictObject({
  kind: EvidenceKindSchema,
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('A short description: "Case file 4471", "Meeting with team managers"'),
  caseReference: CaseReference.optional().describe(
    'Case file audits: the council’s case reference — letters and digits with at least one digit, never a child’s name',
  ),
  findings: z
    .array(z.strictObject({ aspect: z.string().min(1).max(100), rating: z.string().min(1).max(100) }))
    .max(50)
    .optional()
    .describe('Case file audits: a rating per aspect, in the framework’s audit scale (GET /frameworks: evidence)'),
  participants: z
    .array(z.strictObject({ role: z.string().trim().min(1).max(200), count: z.int().min(1).max(10_000) }))
    .max(100)
    .optional()
    .describe('Meetings and interviews: who took part, by role; never what one person said'),
  respondents: z.int().min(0).max(1_000_000).optional().describe('Surveys: how many responded'),
  notes: z.string().max(20_000).optional().describe('What it showed. Do not name children'),
  areaIds: z.array(z.string().min(1).max(200)).max(100).optional().describe('The judgements it informs'),
})

const LogSchema = z.object({
  items: z.array(EvidenceItemSchema),
  counts: EvidenceCountsSchema,
  summary: z.string().describe('"86 case files, 32 meetings and interviews…"; empty when none'),
  purged: z.object({ at: z.string() }).nullable().describe('Set once the items were deleted after their retention'),
  retentionEnds: z.string().nullable(),
  about: z.string().nullable().describe('The sentence offered to "About this inspection", where the report has one'),
})

/** The inspection's evidence and the councils' self-assessments, under /api/v1. */
export function evidenceApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/assessments/:id/evidence',
    summary: 'An assessment’s evidence log, with its summary and the judgements resting on none (the team only)',
    tag: 'Evidence',
    access: STAFF,
    params: Id,
    query: z.object({ area: z.string().min(1).optional(), kind: EvidenceKindSchema.optional() }),
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
    body: z.strictObject({ areaIds: z.array(z.string().min(1).max(200)).max(100) }),
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
    query: z.object({ fileName: z.string().min(1).max(255) }),
    fileBody: true,
    before: [express.raw({ type: () => true, limit: MAX_EVIDENCE_FILE_BYTES })],
    responses: { 201: { description: 'Attached; the item with its files', schema: EvidenceItemSchema } },
    handler: async (req, res, { params, query }) => {
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array()
      const item = await attachEvidenceFile(req.ctx, signedIn(req).actor, params.id, params.evidenceId, {
        fileName: query.fileName,
        mediaType: req.get('content-type') ?? '',
        bytes,
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
    params: Item.extend({ fileId: z.uuid('must be a file id') }),
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
    body: z.strictObject({
      areas: z
        .array(
          z.strictObject({
            areaId: z.string().min(1).max(200),
            grade: z.int().nullable().describe('On the framework’s scale; null for none'),
            narrative: z.string().max(20_000),
          }),
        )
        .max(100),
    }),
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
