import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { DATA_KINDS, type DataImport, importData } from '../../../../app/data-import.js'
import { ValidationError } from '../../../../domain/index.js'
import { minute } from '../../../presenters.js'
import { checkCsrf, signedIn } from '../../../security.js'
import { MAX_DATA_BYTES } from '../../../shared/limits.js'
import { formErrors, renderPage } from '../../../views.js'
import { importSummary } from './presenter.js'
import { dataForm } from './schemas.js'

/** /admin/data: the performance profile's data, imported a CSV file at a time, every row checked. */
export function dataRoutes(): Router {
  const router = Router()
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DATA_BYTES, files: 1, fields: 5 } })

  async function dataPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const datasets = await req.ctx.store.profile.datasets()
    renderPage(req, res, 'admin/data/view.njk', {
      title: 'Profile data',
      kindItems: [{ value: '', text: 'Choose the kind' }, ...DATA_KINDS.map(k => ({ value: k, text: k }))],
      datasets: datasets.map(d => ({ ...d, importedAt: minute(d.importedAt) })),
      ...extra,
    })
  }

  router.get('/admin/data', (req, res) => dataPage(req, res))

  router.post('/admin/data', upload.single('file'), checkCsrf, async (req, res) => {
    const form = dataForm((req.body ?? {}) as Record<string, string | string[]>, req.file)
    if (Object.keys(form.fields).length || !req.file) {
      res.status(400)
      return dataPage(req, res, formErrors(form.fields))
    }
    let r: DataImport
    try {
      r = await importData(req.ctx, signedIn(req).actor, form.kind, req.file.buffer.toString('utf8'), {
        fileName: req.file.originalname,
        skipBadRows: form.skipBadRows,
        dryRun: form.dryRun,
      })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      return dataPage(req, res, formErrors({ file: e.message }))
    }
    if (r.errors.length && !r.skipped) res.status(400)
    await dataPage(req, res, { result: { summary: importSummary(r), errors: r.errors } })
  })

  return router
}
