import { type Request, type Response, Router } from 'express'
import multer from 'multer'
import { jobsOf } from '../../../../app/jobs.js'
import { checkCsrf, signedIn } from '../../../security.js'
import { MAX_UPLOAD_BYTES } from '../../../shared/limits.js'
import { formErrors, renderPage } from '../../../views.js'
import { sourceUrlOf } from './schemas.js'

/** An upload waits this long for its review to be saved. */
const UPLOAD_KEPT_MS = 24 * 3600_000

/** The upload form, with the problems of the last try (its review's too: a file that could not be read). */
export const uploadPage = (req: Request, res: Response, fields: Record<string, string>, sourceUrl = '') =>
  renderPage(req, res, 'staff/upload/view.njk', {
    title: 'Upload a published report',
    maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
    sourceUrl,
    ...formErrors(fields),
  })

/** /staff/upload: a published report's file, read as a job; its review follows (/staff/upload/:uploadId). */
export function uploadRoutes(): Router {
  const router = Router()
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
  })

  router.get('/staff/upload', (req, res) => uploadPage(req, res, {}))

  router.post('/staff/upload', upload.single('file'), checkCsrf, async (req, res) => {
    const file = req.file
    const given = sourceUrlOf(req.body)
    const problems: Record<string, string> = {}
    if (!file || file.size === 0) problems.file = file ? 'The selected file is empty' : 'Select a report file'
    if (!given.ok) problems.sourceUrl = given.error
    if (!file || file.size === 0 || !given.ok) {
      res.status(400)
      return uploadPage(req, res, problems, given.text)
    }
    const bytes = new Uint8Array(file.buffer)
    const id = req.ctx.newId()
    await req.ctx.store.uploads.deleteOlderThan(new Date(req.ctx.now().getTime() - UPLOAD_KEPT_MS))
    await req.ctx.store.uploads.insert({
      id,
      userId: signedIn(req).user.id,
      fileName: file.originalname,
      content: bytes,
      createdAt: req.ctx.now().toISOString(),
    })
    // Reading a long PDF takes a while: it is a job (of the upload's id), and the review page waits for it.
    await (await jobsOf(req.ctx)).submit(
      signedIn(req).actor,
      { kind: 'read' },
      [{ name: file.originalname, bytes, sourceUrl: null }],
      { id },
    )
    res.redirect(303, `/staff/upload/${id}${given.url ? `?sourceUrl=${encodeURIComponent(given.url)}` : ''}`)
  })

  return router
}
