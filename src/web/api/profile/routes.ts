import { importData } from '../../../app/data-import.js'
import {
  draftRatingNarrative,
  loadProfile,
  suggestAll,
  suggestForAssessment,
  whatIfReport,
} from '../../../app/profile.js'
import { AssessmentSchema, RATING_RULE_SETS } from '../../../domain/index.js'
import { signedIn } from '../../security.js'
import { MAX_DATA_BYTES } from '../../shared/limits.js'
import type { Api } from '../registry.js'
import { Code, definedOnly, Id, rawBody, STAFF, sendAssessment } from '../shared.js'
import { DataImportQuery, DataKind, ProfileQuery, SuggestionBody, SuggestionsQuery, WhatIfQuery } from './schemas.js'

/** The performance profile under /api/v1: profiles, the ratings they suggest, and the data behind them. */
export function profileApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/authorities/:code/profile',
    summary: 'An authority’s performance profile for a year: indicators and settings against similar areas and England',
    tag: 'Performance profile',
    access: 'public',
    params: Code,
    query: ProfileQuery,
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
    body: SuggestionBody,
    responses: { 200: { description: 'The assessment with its ratingSuggestion', schema: AssessmentSchema } },
    handler: async (req, res, { params, body, version }) => {
      sendAssessment(
        res,
        await suggestForAssessment(req.ctx, signedIn(req).actor, params.id, version, definedOnly(body)),
      )
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
      sendAssessment(res, await draftRatingNarrative(req.ctx, signedIn(req).actor, params.id, version))
    },
  })

  api.add({
    method: 'get',
    path: '/profiles/suggestions',
    summary: 'Every authority’s suggested rating from one year’s data under one year’s rules',
    tag: 'Performance profile',
    access: STAFF,
    query: SuggestionsQuery,
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
    query: WhatIfQuery,
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
    params: DataKind,
    query: DataImportQuery,
    fileBody: true,
    before: rawBody(MAX_DATA_BYTES),
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
}
