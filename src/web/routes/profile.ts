import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { DATA_KINDS, type DataImport, type DataKind, importData } from '../../app/data-import.js'
import { ValidationError } from '../../domain/index.js'
import { minute } from '../presenters.js'
import { checkCsrf, requireRole, signedIn } from '../security.js'
import { formErrors, renderPage } from '../views.js'

export const MAX_DATA_BYTES = 50 * 1024 * 1024

/** The performance profile's pages: an authority's profile, the rating and its reasons, what-if, data imports. */
export function profileRoutes() {
  const router = Router()

  const admin = requireRole('administrator')
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_DATA_BYTES, files: 1, fields: 5 } })

  async function dataPage(req: Request, res: Response, extra: Record<string, unknown> = {}) {
    const datasets = await req.ctx.store.profile.datasets()
    renderPage(req, res, 'admin/data.njk', {
      title: 'Profile data',
      kindItems: [{ value: '', text: 'Choose the kind' }, ...DATA_KINDS.map(k => ({ value: k, text: k }))],
      datasets: datasets.map(d => ({ ...d, importedAt: minute(d.importedAt) })),
      ...extra,
    })
  }

  router.get('/admin/data', admin, (req, res) => dataPage(req, res))

  router.post('/admin/data', admin, upload.single('file'), checkCsrf, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, string | string[]>
    const kind = String(body.kind ?? '')
    const options = ([] as string[]).concat(body.options ?? [])
    const fields: Record<string, string> = {}
    if (!DATA_KINDS.includes(kind as DataKind)) fields.kind = 'Choose the kind of data'
    if (!req.file || req.file.size === 0) fields.file = req.file ? 'The selected file is empty' : 'Select a CSV file'
    if (Object.keys(fields).length || !req.file) {
      res.status(400)
      return dataPage(req, res, formErrors(fields))
    }
    let r: DataImport
    try {
      r = await importData(req.ctx, signedIn(req).actor, kind as DataKind, req.file.buffer.toString('utf8'), {
        fileName: req.file.originalname,
        skipBadRows: options.includes('skip'),
        dryRun: options.includes('dry-run'),
      })
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e
      res.status(400)
      return dataPage(req, res, formErrors({ file: e.message }))
    }
    if (r.errors.length && !r.skipped) res.status(400)
    await dataPage(req, res, {
      result: {
        summary:
          r.errors.length && !r.skipped
            ? `Nothing was imported: ${r.errors.length} of the ${r.rows} rows are bad.`
            : `${r.dryRun ? 'The file is good: it would import' : 'Imported'} ${r.imported} of ${r.rows} rows${r.skipped ? `, skipping ${r.skipped} bad ones` : ''}${r.replaced ? `, replacing ${r.replaced} held before` : ''}.`,
        errors: r.errors,
      },
    })
  })

  return router
}
