import { type Router as ExpressRouter, type Request, type Response, Router } from 'express'
import {
  nationalSheet,
  type RecordFilter,
  recordSheet,
  type Sheet,
  sheetCsv,
  sheetsXlsx,
  summarySheet,
} from '../../app/open-data.js'
import { authorityOverview } from '../../app/queries.js'
import { FRAMEWORKS, ValidationError } from '../../domain/index.js'
import { inspectionChanges, timelineChart } from '../charts.js'
import { notFound } from '../errors.js'
import { authorityChoices, comparisonRows, printedWithLevel } from '../presenters.js'
import { renderPage } from '../views.js'
import { SearchQuerySchema } from './public.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const FORMATS = ['csv', 'xlsx'] as const
const DownloadQuerySchema = SearchQuerySchema.pick({ authority: true, framework: true, year: true, level: true })

/** A search's choices as a download's filter; choices that are not valid are refused, naming the first. */
export function downloadFilter(query: unknown): RecordFilter {
  const parsed = DownloadQuerySchema.safeParse(query)
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map(i => i.message)[0] ?? 'Invalid choices')
  const q = parsed.data
  return { authorityCode: q.authority, frameworkId: q.framework, year: q.year, level: q.level }
}

const MAX_COMPARED = 8

/** Open data (the record, searches, the summary of latest judgements, national figures) and comparing authorities. */
export function openDataRoutes(): ExpressRouter {
  const router = Router()

  async function send(res: Response, format: string, file: string, sheets: Sheet[]) {
    if (format === 'xlsx') {
      res
        .attachment(`${file}.xlsx`)
        .type(XLSX)
        .send(await sheetsXlsx(sheets))
      return
    }
    // A byte order mark, so that a spreadsheet reads the file as UTF-8.
    res
      .attachment(`${file}.csv`)
      .type('text/csv; charset=utf-8')
      .send(`\uFEFF${sheetCsv(sheets[0] as Sheet)}`)
  }

  const format = (req: Request) => FORMATS.find(f => f === req.params.format)

  router.get('/downloads/judgements.:format', async (req, res) => {
    const f = format(req)
    if (!f) return notFound(req, res)
    await send(res, f, 'judgements', [await recordSheet(req.ctx, downloadFilter(req.query))])
  })

  router.get('/downloads/summary.:format', async (req, res) => {
    const f = format(req)
    if (!f) return notFound(req, res)
    const framework = typeof req.query.framework === 'string' && req.query.framework ? req.query.framework : undefined
    const sheet = await summarySheet(req.ctx, framework)
    await send(res, f, `latest-judgements-${framework ?? 'latest-framework'}`, [sheet])
  })

  router.get('/downloads/national.:format', async (req, res) => {
    const f = format(req)
    if (!f) return notFound(req, res)
    await send(res, f, 'national-figures', [await nationalSheet(req.ctx)])
  })

  router.get('/downloads/record.xlsx', async (req, res) => {
    const sheets = await Promise.all([recordSheet(req.ctx), summarySheet(req.ctx), nationalSheet(req.ctx)])
    await send(res, 'xlsx', 'published-record', sheets)
  })

  router.get('/open-data', (req, res) => {
    renderPage(req, res, 'open-data.njk', {
      title: 'Open data',
      frameworks: [...FRAMEWORKS].sort((a, b) => b.year - a.year).map(f => ({ id: f.id, name: f.name, year: f.year })),
    })
  })

  router.get('/compare', async (req, res) => {
    const asked = ([] as unknown[]).concat(req.query.codes ?? []).filter((c): c is string => typeof c === 'string')
    const codes = [...new Set(asked.map(c => c.trim().toUpperCase()).filter(Boolean))]
    const authorities = await req.ctx.store.authorities.list()
    const known = new Set(authorities.map(a => a.code))
    const unknown = codes.filter(c => !known.has(c))
    const errors = [
      ...unknown.map(c => ({ text: `There is no authority with the code ${c}`, href: '#codes' })),
      ...(codes.length > MAX_COMPARED
        ? [{ text: `Compare at most ${MAX_COMPARED} authorities at once`, href: '#codes' }]
        : []),
    ]
    const chosen = errors.length ? [] : codes
    const overviews = await Promise.all(chosen.map(c => authorityOverview(req.ctx, c)))
    const choices = authorityChoices(authorities)
    const labelOf = new Map(choices.map(c => [c.value, c.text]))
    const compared = overviews.map(o => {
      const timeline = o.timeline.map(p => ({ ...p, inspection: p.framework.name, display: printedWithLevel(p) }))
      const name = labelOf.get(o.authority.code) ?? o.authority.name
      const rest = chosen.filter(c => c !== o.authority.code)
      return {
        code: o.authority.code,
        name,
        region: o.authority.region,
        timeline,
        chart: timelineChart(timeline, `Headline judgements of ${name} over time`),
        notes: inspectionChanges(timeline),
        removeHref: `/compare${rest.length ? `?${rest.map(c => `codes=${c}`).join('&')}` : ''}`,
      }
    })
    if (errors.length) res.status(400)
    renderPage(req, res, 'compare.njk', {
      title: compared.length ? `Compare ${compared.map(c => c.name).join(', ')}` : 'Compare authorities',
      errors,
      fieldErrors: errors.length ? { codes: errors.map(e => e.text).join('. ') } : {},
      compared,
      chosen,
      rows: comparisonRows(compared),
      choices: [{ value: '', text: '' }, ...choices.filter(c => !chosen.includes(c.value))],
    })
  })

  return router
}
