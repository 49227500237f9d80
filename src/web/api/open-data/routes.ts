import { nationalSheet, recordSheet, type Sheet, summarySheet } from '../../../app/open-data.js'
import { downloadFilter } from '../../shared/search.js'
import type { Api } from '../registry.js'
import { JudgementsQuery, SummaryQuery, TableSchema } from './schemas.js'

const table = (s: Sheet) => ({
  columns: s.header,
  rows: s.rows.map(r => Object.fromEntries(s.header.map((h, i) => [h, r[i] ?? null]))),
})

/** Open data under /api/v1: the tables the downloads carry, as JSON (published assessments only). */
export function openDataApi(api: Api): void {
  api.add({
    method: 'get',
    path: '/open-data/judgements',
    summary: 'Every judgement of the published assessments a search finds (all of them without a query)',
    tag: 'Open data',
    access: 'public',
    query: JudgementsQuery,
    responses: { 200: { description: 'A row per judgement, most recent first', schema: TableSchema } },
    handler: async (req, res) => {
      res.json(table(await recordSheet(req.ctx, downloadFilter(req.query))))
    },
  })

  api.add({
    method: 'get',
    path: '/open-data/summary',
    summary: 'Each authority’s latest judgements under one framework, with its statistical neighbours’ latest',
    tag: 'Open data',
    access: 'public',
    query: SummaryQuery,
    responses: { 200: { description: 'A row per authority, in name order', schema: TableSchema } },
    handler: async (req, res, { query }) => {
      res.json(table(await summarySheet(req.ctx, query.framework)))
    },
  })

  api.add({
    method: 'get',
    path: '/open-data/national',
    summary: 'National figures: published headline judgements at each level, per framework, year and area',
    tag: 'Open data',
    access: 'public',
    responses: { 200: { description: 'A row per framework, year and headline area', schema: TableSchema } },
    handler: async (req, res) => {
      res.json(table(await nationalSheet(req.ctx)))
    },
  })
}
