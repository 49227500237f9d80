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
} from '../../../app/assessments.js'
import { searchAssessments } from '../../../app/queries.js'
import { recordRecommendationUpdate } from '../../../app/recommendations.js'
import { AssessmentSchema, evaluateRules, getFramework } from '../../../domain/index.js'
import { signedIn } from '../../security.js'
import type { Api } from '../registry.js'
import { definedOnly, Id, STAFF, sendAssessment, summaryOf } from '../shared.js'
import {
  CreateBody,
  DetailsBody,
  JudgementBody,
  JudgementParams,
  RecommendationBody,
  RecommendationParams,
  RecommendationUpdateBody,
  SearchPage,
  SearchQuery,
  SignatureBody,
  TransitionBody,
} from './schemas.js'

/** Assessments under /api/v1: search, open, read and change them, and move them through their lifecycle. */
export function assessmentsApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/assessments',
    summary: 'Search assessments (the public sees published ones only)',
    tag: 'Assessments',
    access: 'public',
    query: SearchQuery,
    responses: { 200: { description: 'One page of matching assessments, most recent first', schema: SearchPage } },
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
    body: CreateBody,
    responses: { 201: { description: 'Created', schema: AssessmentSchema } },
    handler: async (req, res, { body }) => {
      const a = await createAssessment(req.ctx, signedIn(req).actor, {
        frameworkId: body.frameworkId,
        authorityCode: body.authorityCode,
        ...(body.dates ? { dates: definedOnly(body.dates) } : {}),
      })
      sendAssessment(res.location(`/api/v1/assessments/${a.id}`), a, 201)
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
      sendAssessment(res, await readAssessment(req.ctx, req.actor, params.id))
    },
  })

  api.add({
    method: 'patch',
    path: '/assessments/:id',
    summary: 'Change the letter’s or report’s details',
    tag: 'Assessments',
    access: STAFF,
    params: Id,
    ifMatch: true,
    body: DetailsBody,
    responses: { 200: { description: 'Changed', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      const { dates, ...rest } = body
      const input = { ...definedOnly(rest), ...(dates ? { dates: definedOnly(dates) } : {}) }
      sendAssessment(res, await updateDetails(req.ctx, signedIn(req).actor, params.id, version, input))
    },
  })

  api.add({
    method: 'put',
    path: '/assessments/:id/judgements/:areaId',
    summary: 'Record or change the judgement of one area',
    tag: 'Assessments',
    access: STAFF,
    params: JudgementParams,
    ifMatch: true,
    body: JudgementBody,
    responses: { 200: { description: 'Recorded', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      sendAssessment(
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
    body: RecommendationBody,
    responses: { 201: { description: 'Added', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      sendAssessment(res, await addRecommendation(req.ctx, signedIn(req).actor, params.id, version, body), 201)
    },
  })

  api.add({
    method: 'delete',
    path: '/assessments/:id/recommendations/:recommendationId',
    summary: 'Remove a recommendation',
    tag: 'Assessments',
    access: STAFF,
    params: RecommendationParams,
    ifMatch: true,
    responses: { 200: { description: 'Removed', schema: AssessmentSchema } },
    handler: async (req, res, { params, version }) => {
      sendAssessment(
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
    params: RecommendationParams,
    body: RecommendationUpdateBody,
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
    body: TransitionBody,
    responses: { 200: { description: 'Moved', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      sendAssessment(res, await moveAssessment(req.ctx, signedIn(req).actor, params.id, version, body.to))
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
    body: SignatureBody,
    responses: { 200: { description: 'Signed', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      sendAssessment(
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
      sendAssessment(res.location(`/api/v1/assessments/${c.id}`), c, 201)
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
}
