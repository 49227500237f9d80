import express, { Router } from 'express'
import { z } from 'zod'
import {
  addRecommendation,
  createAssessment,
  moveAssessment,
  readAssessment,
  recordJudgement,
  removeRecommendation,
  signAssessment,
  startCorrection,
  updateDetails,
} from '../../app/assessments.js'
import { addAuthorityAlias } from '../../app/authorities.js'
import { addComment, answerComment, endComments, factualCheckOf } from '../../app/comments.js'
import { DATA_KINDS, importData } from '../../app/data-import.js'
import { ingestFile, outcomeJson } from '../../app/ingest.js'
import { draftRatingNarrative, loadProfile, suggestAll, suggestForAssessment, whatIfReport } from '../../app/profile.js'
import { authorityOverview, dateOf, headlines, nationalOverview, searchAssessments } from '../../app/queries.js'
import { MAX_NOTE_LENGTH, recordRecommendationUpdate, trackedRecommendations } from '../../app/recommendations.js'
import { addServiceAccount, addUser, createToken, revokeToken, updateUser } from '../../app/users.js'
import {
  ANSWER_OUTCOMES,
  type Assessment,
  AssessmentSchema,
  AuthoritySchema,
  DatesSchema,
  evaluateRules,
  FRAMEWORKS,
  getFramework,
  LEVELS,
  NotFoundError,
  PersonSchema,
  RATING_RULE_SETS,
  RecommendationStatusSchema,
  ROLES,
  SERVICE_ROLES,
  STATUSES,
  UserSchema,
  visibleComments,
} from '../../domain/index.js'
import type { AssessmentSummary } from '../../store/assessments.js'
import { MAX_DATA_BYTES } from '../routes/profile.js'
import { SearchQuerySchema } from '../routes/public.js'
import { MAX_UPLOAD_BYTES } from '../routes/staff.js'
import { signedIn } from '../security.js'
import { evidenceApi } from './evidence.js'
import { jobsApi } from './jobs.js'
import { openDataApi } from './open-data.js'
import { Api, etag, ReportFileQuery } from './registry.js'

const STAFF = ['inspector', 'quality-assurer'] as const
const Id = z.object({ id: z.uuid('must be an assessment id') })
const Code = z.object({ code: z.string().regex(/^E\d{8}$/, 'must be a GSS code such as E09000020') })

const SummarySchema = z.object({
  id: z.uuid(),
  authorityCode: z.string(),
  frameworkId: z.string(),
  status: z.enum(STATUSES),
  edition: z.int(),
  date: z.string().nullable(),
  headlines: z.array(
    z.object({
      areaId: z.string(),
      label: z.string(),
      part: z.string().nullable(),
      grade: z.int().nullable().describe('As printed on the framework’s own scale; null when none is recorded'),
      printed: z.string().nullable(),
      level: z.enum(LEVELS).nullable().describe('The normalised level to compare across frameworks'),
    }),
  ),
  links: z.object({ self: z.string(), page: z.string() }),
})

const summaryOf = (a: AssessmentSummary) => ({
  id: a.id,
  authorityCode: a.authorityCode,
  frameworkId: a.frameworkId,
  status: a.status,
  edition: a.edition,
  date: dateOf(a),
  headlines: headlines(a),
  links: { self: `/api/v1/assessments/${a.id}`, page: `/assessments/${a.id}` },
})

const withLinks = (a: Assessment) => ({
  ...a,
  links: {
    page: `/assessments/${a.id}`,
    pdf: `/assessments/${a.id}/report.pdf`,
    text: `/assessments/${a.id}/report.txt`,
    csv: `/assessments/${a.id}/judgements.csv`,
  },
})

/** The fields a caller sent: optional fields left out stay out (so that "unchanged" is not read as "cleared"). */
function definedOnly<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never
}

const JudgementBody = z.strictObject({
  grade: z.int().nullable().optional().describe('A value on the framework’s scale; null clears it'),
  narrative: z.string().max(100_000).optional(),
  strengths: z.array(z.string().trim().min(1)).max(200).optional(),
  areasForDevelopment: z.array(z.string().trim().min(1)).max(200).optional(),
  overrides: z
    .array(z.strictObject({ rule: z.string().min(1).max(200), rationale: z.string().max(10_000).nullable() }))
    .max(50)
    .optional()
    .describe('Professional overrides, each answering one rule’s finding; a null rationale removes one'),
  framing: z
    .record(z.string().min(1).max(200), z.string().max(5000))
    .optional()
    .describe(
      'Your own wording in place of the framework’s fixed paragraphs around this area (“opening:being-healthy”); an empty one prints the framework’s again',
    ),
})

/** Every action of the web pages, for programs, under /api/v1. */
export function apiRoutes(): { router: Router; api: Api } {
  const router = Router()
  const api = new Api(router, '/api/v1')

  api.add({
    method: 'get',
    path: '/me',
    summary: 'Who the caller is',
    tag: 'Users',
    access: 'public',
    responses: { 200: { description: 'The signed-in user or token owner; null for the public' } },
    handler: async (req, res) => {
      res.json({ user: req.user })
    },
  })

  api.add({
    method: 'get',
    path: '/frameworks',
    summary: 'The frameworks: scales, judgement areas, timescales and rules',
    tag: 'Frameworks',
    access: 'public',
    responses: { 200: { description: 'Every framework' } },
    handler: async (_req, res) => {
      res.json(FRAMEWORKS)
    },
  })

  api.add({
    method: 'get',
    path: '/assessments',
    summary: 'Search assessments (the public sees published ones only)',
    tag: 'Assessments',
    access: 'public',
    query: SearchQuerySchema.extend({
      pageSize: z.preprocess(v => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100).default(20)),
    }),
    responses: {
      200: {
        description: 'One page of matching assessments, most recent first',
        schema: z.object({
          items: z.array(SummarySchema),
          page: z.int(),
          pageSize: z.int(),
          total: z.int(),
          pages: z.int(),
        }),
      },
    },
    handler: async (req, res, { query }) => {
      const r = await searchAssessments(req.ctx, req.actor, {
        authorityCode: query.authority,
        frameworkId: query.framework,
        year: query.year,
        level: query.level,
        status: query.status,
        page: query.page,
        pageSize: query.pageSize,
      })
      res.json({ ...r, items: r.items.map(summaryOf) })
    },
  })

  api.add({
    method: 'post',
    path: '/assessments',
    summary: 'Open a draft assessment of an authority under a framework',
    tag: 'Assessments',
    access: STAFF,
    body: z.strictObject({
      frameworkId: z.enum(FRAMEWORKS.map(f => f.id) as [string, ...string[]]),
      authorityCode: z.string().regex(/^E\d{8}$/),
      dates: DatesSchema.partial().optional(),
    }),
    responses: { 201: { description: 'Created', schema: AssessmentSchema } },
    handler: async (req, res, { body }) => {
      const a = await createAssessment(req.ctx, signedIn(req).actor, {
        frameworkId: body.frameworkId,
        authorityCode: body.authorityCode,
        ...(body.dates ? { dates: definedOnly(body.dates) } : {}),
      })
      res.status(201).location(`/api/v1/assessments/${a.id}`).set('ETag', etag(a.version)).json(withLinks(a))
    },
  })

  api.add({
    method: 'get',
    path: '/assessments/:id',
    summary: 'One assessment, with its ETag',
    tag: 'Assessments',
    access: 'public',
    params: Id,
    responses: { 200: { description: 'The assessment', schema: AssessmentSchema } },
    handler: async (req, res, { params }) => {
      const a = await readAssessment(req.ctx, req.actor, params.id)
      res.set('ETag', etag(a.version)).json(withLinks(a))
    },
  })

  const changed = (res: express.Response, a: Assessment, status = 200) =>
    res.status(status).set('ETag', etag(a.version)).json(withLinks(a))

  api.add({
    method: 'patch',
    path: '/assessments/:id',
    summary: 'Change the letter’s or report’s details',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    ifMatch: true,
    body: z.strictObject({
      dates: DatesSchema.partial().optional(),
      addressee: PersonSchema.nullable().optional(),
      addressLines: z
        .array(z.string().trim().min(1).max(200))
        .max(20)
        .optional()
        .describe('The addressee’s address as the letter prints it below the organisation, a line each'),
      salutation: z
        .string()
        .max(200)
        .optional()
        .describe('As the letter prints it ("Dear Ms Carrie"); empty: the letter prints none'),
      signatories: z.array(PersonSchema).optional(),
      reportingInspector: PersonSchema.nullable().optional(),
      summary: z.string().max(100_000).optional(),
      about: z
        .string()
        .max(100_000)
        .optional()
        .describe('"About this inspection": paragraphs separated by blank lines'),
      serviceInformation: z
        .string()
        .max(100_000)
        .optional()
        .describe('"Service information": paragraphs separated by blank lines, printed as written'),
      numberedParagraphs: z.boolean().optional().describe('Number the report’s paragraphs 1., 2., … through it'),
    }),
    responses: { 200: { description: 'Changed', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      const { dates, ...rest } = body
      const input = { ...definedOnly(rest), ...(dates ? { dates: definedOnly(dates) } : {}) }
      changed(res, await updateDetails(req.ctx, signedIn(req).actor, params.id, version, input))
    },
  })

  api.add({
    method: 'put',
    path: '/assessments/:id/judgements/:areaId',
    summary: 'Record or change the judgement of one area',
    tag: 'Assessments',
    access: STAFF,
    params: Id.extend({ areaId: z.string().min(1) }),
    ifMatch: true,
    body: JudgementBody,
    responses: { 200: { description: 'Recorded', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      changed(
        res,
        await recordJudgement(req.ctx, signedIn(req).actor, params.id, version, {
          areaId: params.areaId,
          ...definedOnly(body),
        }),
      )
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/recommendations',
    summary: 'Add a recommendation with its timescale',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    ifMatch: true,
    body: z.strictObject({
      text: z.string().trim().min(1).max(10_000),
      areaId: z.string().nullable().default(null),
      timescaleId: z.string().min(1),
      progress: z
        .string()
        .trim()
        .max(10_000)
        .nullable()
        .default(null)
        .describe('The statement of progress printed after an earlier recommendation, where the layout prints one'),
    }),
    responses: { 201: { description: 'Added', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      changed(res, await addRecommendation(req.ctx, signedIn(req).actor, params.id, version, body), 201)
    },
  })

  api.add({
    method: 'delete',
    path: '/assessments/:id/recommendations/:recommendationId',
    summary: 'Remove a recommendation',
    tag: 'Assessments',
    access: STAFF,
    params: Id.extend({ recommendationId: z.string().min(1) }),
    ifMatch: true,
    responses: { 200: { description: 'Removed', schema: AssessmentSchema } },
    handler: async (req, res, { params, version }) => {
      changed(
        res,
        await removeRecommendation(req.ctx, signedIn(req).actor, params.id, version, params.recommendationId),
      )
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/recommendations/:recommendationId/updates',
    summary:
      'Record progress on a published report’s recommendation: the authority’s officers a note or in progress; inspectors and quality assurers confirm it, or link it to the later report that speaks to it',
    tag: 'Recommendations',
    access: [...STAFF, 'authority-officer'],
    params: Id.extend({ recommendationId: z.string().min(1) }),
    body: z.strictObject({
      status: RecommendationStatusSchema.optional().describe('Omitted: a note that leaves the status as it is'),
      note: z.string().max(MAX_NOTE_LENGTH).optional(),
      laterAssessmentId: z
        .uuid()
        .optional()
        .describe(
          'Inspectors and quality assurers: a later published report of the same authority that speaks to it (the note says what)',
        ),
    }),
    responses: { 201: { description: 'The update, appended' } },
    handler: async (req, res, { params, body }) => {
      const { actor, user } = signedIn(req)
      res
        .status(201)
        .json(await recordRecommendationUpdate(req.ctx, actor, user.name, params.id, params.recommendationId, body))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/transitions',
    summary: 'Move the assessment on (or back) in its lifecycle; the role decides which moves are allowed',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    ifMatch: true,
    body: z.strictObject({ to: z.enum(STATUSES) }),
    responses: { 200: { description: 'Moved', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      changed(res, await moveAssessment(req.ctx, signedIn(req).actor, params.id, version, body.to))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/signatures',
    summary: 'Sign the assessment as the calling quality assurer',
    tag: 'Assessments',
    access: ['quality-assurer'],
    params: Id,
    ifMatch: true,
    body: z.strictObject({
      title: z.string().trim().max(200).nullable().default(null),
      organisation: z.string().trim().max(200).nullable().default(null),
    }),
    responses: { 200: { description: 'Signed', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      changed(
        res,
        await signAssessment(req.ctx, signedIn(req).actor, params.id, version, {
          name: signedIn(req).user.name,
          title: body.title || null,
          organisation: body.organisation || null,
        }),
      )
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/corrections',
    summary: 'Start a correction of a published assessment: a new draft edition',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    responses: { 201: { description: 'The new edition', schema: AssessmentSchema } },
    handler: async (req, res, { params }) => {
      const c = await startCorrection(req.ctx, signedIn(req).actor, params.id)
      res.status(201).location(`/api/v1/assessments/${c.id}`).set('ETag', etag(c.version)).json(withLinks(c))
    },
  })

  api.add({
    method: 'get',
    path: '/assessments/:id/findings',
    summary: 'What the framework’s rules say of the assessment, each with its reason',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    responses: { 200: { description: 'The findings' } },
    handler: async (req, res, { params }) => {
      const a = await readAssessment(req.ctx, req.actor, params.id)
      res.json({ findings: evaluateRules(a, getFramework(a.frameworkId)) })
    },
  })

  api.add({
    method: 'get',
    path: '/assessments/:id/audit',
    summary: 'The audit trail: who changed what, when, with the values before and after',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    responses: { 200: { description: 'The entries, oldest first' } },
    handler: async (req, res, { params }) => {
      await readAssessment(req.ctx, req.actor, params.id)
      res.json({ entries: await req.ctx.store.audit.forAssessment(params.id) })
    },
  })

  api.add({
    method: 'get',
    path: '/assessments/:id/comments',
    summary: 'Factual accuracy comments (the inspection team sees all; an authority officer, their own)',
    tag: 'Factual accuracy',
    access: [...STAFF, 'authority-officer'],
    params: Id,
    responses: { 200: { description: 'The comments' } },
    handler: async (req, res, { params }) => {
      const a = await readAssessment(req.ctx, req.actor, params.id)
      const comments = visibleComments(a, req.actor, await req.ctx.store.comments.forAssessment(a.id))
      if (!comments) throw new NotFoundError(`No assessment ${params.id}`)
      const answers = await req.ctx.store.commentAnswers.forAssessment(a.id)
      const check = await factualCheckOf(req.ctx, a)
      res.json({
        comments: comments.map(c => ({ ...c, answer: answers.find(x => x.commentId === c.id) ?? null })),
        check: { deadline: check.deadline, open: check.open, ended: check.ended, unanswered: check.unanswered.length },
      })
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/comments/:commentId/answers',
    summary:
      'Answer a factual accuracy comment: accepted (with the change made) or not accepted (with the reason); appended, once',
    tag: 'Factual accuracy',
    access: STAFF,
    params: Id.extend({ commentId: z.uuid() }),
    body: z.strictObject({ outcome: z.enum(ANSWER_OUTCOMES), text: z.string().max(10_000) }),
    responses: { 201: { description: 'The answer' } },
    handler: async (req, res, { params, body }) => {
      const { actor, user } = signedIn(req)
      res.status(201).json(await answerComment(req.ctx, actor, user.name, params.id, params.commentId, body))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/comments/done',
    summary: 'Say your authority has no more factual accuracy comments on the report: its comments close',
    tag: 'Factual accuracy',
    access: ['authority-officer'],
    params: Id,
    responses: { 201: { description: 'Recorded' } },
    handler: async (req, res, { params }) => {
      res.status(201).json(await endComments(req.ctx, signedIn(req).actor, signedIn(req).user.name, params.id))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/comments',
    summary: 'Comment on a section of your authority’s report at the factual accuracy check',
    tag: 'Factual accuracy',
    access: ['authority-officer'],
    params: Id,
    body: z.strictObject({
      section: z.string().min(1).describe('A judgement area’s id, or "general"'),
      text: z.string().min(1),
    }),
    responses: { 201: { description: 'The comment' } },
    handler: async (req, res, { params, body }) => {
      res.status(201).json(await addComment(req.ctx, signedIn(req).actor, signedIn(req).user.name, params.id, body))
    },
  })

  api.add({
    method: 'post',
    path: '/ingest',
    summary: 'Read a published report (PDF, text or HTML) into an assessment; dryRun=true stores nothing',
    tag: 'Ingestion',
    access: STAFF,
    fileBody: true,
    before: [express.raw({ type: () => true, limit: MAX_UPLOAD_BYTES })],
    query: ReportFileQuery.extend({ dryRun: z.enum(['true', 'false']).default('false') }),
    responses: {
      200: { description: 'What was read (and, unless a dry run, stored)' },
      422: { description: 'The file could not be read as a supported report; the problem is named' },
    },
    handler: async (req, res, { query }) => {
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array()
      const outcome = await ingestFile(
        req.ctx,
        signedIn(req).actor,
        { name: query.fileName, bytes, sourceUrl: query.sourceUrl ?? null },
        { dryRun: query.dryRun === 'true' },
      )
      res.status(outcome.ok ? 200 : 422).json(outcomeJson(outcome))
    },
  })

  api.add({
    method: 'get',
    path: '/authorities',
    summary: 'The authorities, with the names reports print them under',
    tag: 'Authorities',
    access: 'public',
    responses: { 200: { description: 'Every authority', schema: z.array(AuthoritySchema) } },
    handler: async (req, res) => {
      res.json(await req.ctx.store.authorities.list())
    },
  })

  api.add({
    method: 'get',
    path: '/authorities/:code/recommendations',
    summary:
      'Every recommendation of the authority’s published reports, with its status and history (notes for staff and the authority’s officers only)',
    tag: 'Recommendations',
    access: 'public',
    params: Code,
    query: z.object({ status: RecommendationStatusSchema.optional() }),
    responses: { 200: { description: 'The recommendations' } },
    handler: async (req, res, { params, query }) => {
      if (!(await req.ctx.store.authorities.get(params.code))) throw new NotFoundError(`No authority ${params.code}`)
      const tracked = await trackedRecommendations(
        req.ctx,
        req.actor,
        params.code,
        query.status ? { status: query.status } : {},
      )
      res.json({
        items: tracked.map(t => ({
          assessmentId: t.assessment.id,
          recommendation: t.recommendation,
          status: t.status,
          overdue: t.overdue,
          history: t.history,
          earlier: t.earlier,
          followedUpIn: t.followedUpIn.map(a => a.id),
          candidates: t.candidates.map(a => a.id),
        })),
      })
    },
  })

  api.add({
    method: 'get',
    path: '/authorities/:code',
    summary: 'An authority: its published assessments over time, recommendations and similar areas',
    tag: 'Authorities',
    access: 'public',
    params: Code,
    responses: { 200: { description: 'The authority’s overview' } },
    handler: async (req, res, { params }) => {
      const o = await authorityOverview(req.ctx, params.code)
      res.json({
        authority: o.authority,
        assessments: o.assessments.map(summaryOf),
        timeline: o.timeline.map(p => ({ ...p, framework: p.framework.id })),
        recommendations: o.recommendations
          ? { assessmentId: o.recommendations.assessment.id, items: o.recommendations.items }
          : null,
        neighbours: o.neighbours.map(n => ({
          code: n.authority.code,
          name: n.authority.name,
          latest: n.latest ? summaryOf(n.latest) : null,
        })),
      })
    },
  })

  api.add({
    method: 'post',
    path: '/authorities/:code/aliases',
    summary: 'Add a name an authority is printed under',
    tag: 'Authorities',
    access: ['administrator'],
    params: Code,
    body: z.strictObject({ alias: z.string().min(1) }),
    responses: { 204: { description: 'Added' } },
    handler: async (req, res, { params, body }) => {
      await addAuthorityAlias(req.ctx, signedIn(req).actor, params.code, body.alias)
      res.status(204).end()
    },
  })

  api.add({
    method: 'get',
    path: '/national',
    summary: 'How published headline judgements are spread over the levels, by framework and year',
    tag: 'National',
    access: 'public',
    responses: { 200: { description: 'The distributions' } },
    handler: async (req, res) => {
      const groups = await nationalOverview(req.ctx)
      res.json(groups.map(g => ({ ...g, framework: g.framework.id })))
    },
  })

  api.add({
    method: 'get',
    path: '/users',
    summary: 'The users',
    tag: 'Users',
    access: ['administrator'],
    responses: { 200: { description: 'Every user', schema: z.array(UserSchema) } },
    handler: async (req, res) => {
      res.json(await req.ctx.store.users.list())
    },
  })

  api.add({
    method: 'post',
    path: '/users',
    summary: 'Add a user',
    tag: 'Users',
    access: ['administrator'],
    body: z.strictObject({
      email: z.string(),
      name: z.string(),
      role: z.enum(ROLES),
      authorityCode: z.string().nullable().default(null),
      password: z.string(),
    }),
    responses: { 201: { description: 'Added', schema: UserSchema } },
    handler: async (req, res, { body }) => {
      res.status(201).json(await addUser(req.ctx, req.actor, body))
    },
  })

  api.add({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change a user’s role, authority, or whether they may sign in',
    tag: 'Users',
    access: ['administrator'],
    params: z.object({ id: z.uuid() }),
    body: z.strictObject({
      role: z.enum(ROLES).optional(),
      authorityCode: z.string().nullable().optional(),
      active: z.boolean().optional(),
    }),
    responses: { 200: { description: 'Changed', schema: UserSchema } },
    handler: async (req, res, { params, body }) => {
      res.json(await updateUser(req.ctx, signedIn(req).actor, params.id, definedOnly(body)))
    },
  })

  api.add({
    method: 'post',
    path: '/tokens',
    summary:
      'Create an API token that acts as you (or, for an administrator, as a service account named by userId); returned once, stored only as a hash',
    tag: 'Users',
    access: [...ROLES],
    body: z.strictObject({ userId: z.uuid().optional(), name: z.string().min(1).max(200) }),
    responses: { 201: { description: 'The token', schema: z.object({ id: z.uuid(), token: z.string() }) } },
    handler: async (req, res, { body }) => {
      res
        .status(201)
        .set('Cache-Control', 'no-store')
        .json(await createToken(req.ctx, signedIn(req).actor, body))
    },
  })

  api.add({
    method: 'post',
    path: '/service-accounts',
    summary: 'Add an account for a program (inspector or authority officer, no password); its tokens act as itself',
    tag: 'Users',
    access: ['administrator'],
    body: z.strictObject({
      name: z.string().min(1).max(200),
      role: z.enum(SERVICE_ROLES),
      authorityCode: z.string().nullable().default(null),
    }),
    responses: { 201: { description: 'Added', schema: UserSchema } },
    handler: async (req, res, { body }) => {
      res.status(201).json(await addServiceAccount(req.ctx, signedIn(req).actor, body))
    },
  })

  api.add({
    method: 'delete',
    path: '/tokens/:id',
    summary: 'Revoke an API token: your own, or any as an administrator',
    tag: 'Users',
    access: [...ROLES],
    params: z.object({ id: z.uuid() }),
    responses: { 204: { description: 'Revoked' } },
    handler: async (req, res, { params }) => {
      await revokeToken(req.ctx, signedIn(req).actor, params.id)
      res.status(204).end()
    },
  })

  api.add({
    method: 'get',
    path: '/authorities/:code/profile',
    summary: 'An authority’s performance profile for a year: indicators and settings against similar areas and England',
    tag: 'Performance profile',
    access: 'public',
    params: Code,
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    responses: { 200: { description: 'The profile; `synthetic` is true when any of its data is generated test data' } },
    handler: async (req, res, { params, query }) => {
      const { profile, synthetic, empty } = await loadProfile(req.ctx, params.code, query.year)
      res.json({ ...profile, synthetic, empty })
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/rating-suggestion',
    summary: 'Work out the rating the performance profile suggests, and keep it with its reasons on the assessment',
    tag: 'Performance profile',
    access: STAFF,
    params: Id,
    ifMatch: true,
    body: z.strictObject({
      dataYear: z.int().min(2000).max(2100).optional(),
      rulesYear: z.int().min(2000).max(2100).optional(),
    }),
    responses: { 200: { description: 'The assessment with its ratingSuggestion', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      changed(res, await suggestForAssessment(req.ctx, signedIn(req).actor, params.id, version, definedOnly(body)))
    },
  })

  api.add({
    method: 'post',
    path: '/assessments/:id/narrative-draft',
    summary: 'Draft the rating’s narrative from the profile’s bands into the judgement, for the inspector to edit',
    tag: 'Performance profile',
    access: STAFF,
    params: Id,
    ifMatch: true,
    responses: { 200: { description: 'The assessment with the drafted narrative', schema: AssessmentSchema } },
    handler: async (req, res, { params, version }) => {
      changed(res, await draftRatingNarrative(req.ctx, signedIn(req).actor, params.id, version))
    },
  })

  const YearQuery = z.coerce.number().int().min(2000).max(2100)
  api.add({
    method: 'get',
    path: '/profiles/suggestions',
    summary: 'Every authority’s suggested rating from one year’s data under one year’s rules',
    tag: 'Performance profile',
    access: STAFF,
    query: z.object({ year: YearQuery, rules: YearQuery.optional(), without: z.string().optional() }),
    responses: { 200: { description: 'One suggestion per authority' } },
    handler: async (req, res, { query }) => {
      const rules = query.rules ?? RATING_RULE_SETS.at(-1)?.year ?? query.year
      res.json(await suggestAll(req.ctx, query.year, rules, query.without ? query.without.split(',') : []))
    },
  })

  api.add({
    method: 'get',
    path: '/profiles/what-if',
    summary: 'Which authorities’ suggested ratings change when one rule is switched off',
    tag: 'Performance profile',
    access: STAFF,
    query: z.object({ data: YearQuery, rules: YearQuery, without: z.string().min(1) }),
    responses: { 200: { description: 'The authorities whose suggestion changes, with and without the rule' } },
    handler: async (req, res, { query }) => {
      res.json(await whatIfReport(req.ctx, query.data, query.rules, query.without))
    },
  })

  api.add({
    method: 'get',
    path: '/data',
    summary: 'The profile datasets imported, most recent first',
    tag: 'Performance profile',
    access: ['administrator'],
    responses: { 200: { description: 'The datasets' } },
    handler: async (req, res) => {
      res.json(await req.ctx.store.profile.datasets())
    },
  })

  api.add({
    method: 'post',
    path: '/data/:kind',
    summary: 'Import a CSV of profile data; a file with a bad row imports nothing unless skipBadRows=true',
    tag: 'Performance profile',
    access: ['administrator'],
    params: z.object({ kind: z.enum(DATA_KINDS) }),
    query: z.object({
      fileName: z.string().min(1).max(255).default('upload.csv'),
      skipBadRows: z.enum(['true', 'false']).default('false'),
      dryRun: z.enum(['true', 'false']).default('false'),
    }),
    fileBody: true,
    before: [express.raw({ type: () => true, limit: MAX_DATA_BYTES })],
    responses: {
      200: { description: 'Imported (or checked, for a dry run)' },
      422: { description: 'Rows are bad: each is listed with its line number, and nothing was imported' },
    },
    handler: async (req, res, { params, query }) => {
      const text = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
      const r = await importData(req.ctx, signedIn(req).actor, params.kind, text, {
        fileName: query.fileName,
        skipBadRows: query.skipBadRows === 'true',
        dryRun: query.dryRun === 'true',
      })
      res.status(r.errors.length && !r.skipped ? 422 : 200).json(r)
    },
  })

  evidenceApi(api)
  jobsApi(api)
  openDataApi(api)
  return { router, api }
}
