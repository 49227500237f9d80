import { type Request, type Response, Router } from 'express'
import {
  nationalSheet,
  recordSheet,
  type Sheet,
  sheetCsv,
  sheetsXlsx,
  summarySheet,
} from '../../../../app/open-data.js'
import { FRAMEWORKS } from '../../../../domain/index.js'
import { notFound } from '../../../errors.js'
import { downloadFilter } from '../../../shared/search.js'
import { renderPage } from '../../../views.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const FORMATS = ['csv', 'xlsx'] as const

/** /open-data and /downloads: the published record, any search, the latest judgements and national figures. */
export function openDataRoutes(): Router {
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
    renderPage(req, res, 'public/open-data/view.njk', {
      title: 'Open data',
      frameworks: [...FRAMEWORKS].sort((a, b) => b.year - a.year).map(f => ({ id: f.id, name: f.name, year: f.year })),
    })
  })

  return router
}
