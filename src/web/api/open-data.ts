import { z } from 'zod'
import { nationalSheet, recordSheet, type Sheet, summarySheet } from '../../app/open-data.js'
import { FRAMEWORKS } from '../../domain/index.js'
import { downloadFilter } from '../routes/open-data.js'
import { SearchQuerySchema } from '../routes/public.js'
import type { Api } from './registry.js'

const TableSchema = z.object({
  columns: z.array(z.string()).describe('The columns, in order, as docs/open-data.md describes them'),
  rows: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.null()])))
    .describe('One object per row, keyed by column; a value that is not recorded is null'),
})

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
    query: SearchQuerySchema.pick({ authority: true, framework: true, year: true, level: true }),
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
    query: z.object({
      framework: z
        .enum(FRAMEWORKS.map(f => f.id) as [string, ...string[]], 'must be a framework id')
        .optional()
        .describe('The framework (default: the newest)'),
    }),
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
