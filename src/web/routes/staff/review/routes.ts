import { type Request, Router } from 'express'
import { correctIngestedJudgement } from '../../../../app/assessments.js'
import { ingestFile } from '../../../../app/ingest.js'
import { type JobView, jobsOf } from '../../../../app/jobs.js'
import {
  areaTitle,
  getArea,
  getFramework,
  NotFoundError,
  pointsBestFirst,
  type Source,
  ValidationError,
} from '../../../../domain/index.js'
import type { ReadResult } from '../../../../ingest/read.js'
import { signedIn } from '../../../security.js'
import { renderPage } from '../../../views.js'
import { gradeChoice } from '../editor.js'
import { uploadPage } from '../upload/routes.js'
import { sourceUrlOf } from '../upload/schemas.js'
import { highlight, readDetails } from './presenter.js'

/**
 * The review page waits this long for an upload's reading job before saying it is still being read, unless the app
 * is told otherwise (createApp's readingWaitMs, which it keeps in app.locals).
 */
const READING_WAIT_MS = 5_000

/**
 * What the upload's reading job read, once it has: waiting a few seconds for it first, so a short report goes
 * straight to its review. Until then, null (the page says it is still being read).
 */
async function readingOf(req: Request, uploadId: string): Promise<{ read: ReadResult | null; job: JobView }> {
  const within = (req.app.locals.readingWaitMs as number | undefined) ?? READING_WAIT_MS
  const job = await (await jobsOf(req.ctx)).wait(signedIn(req).actor, uploadId, undefined, 100, within)
  if (job.state === 'failed') throw new ValidationError(`The file could not be read: ${job.error}`)
  return { read: job.state === 'completed' ? (job.result as { read: ReadResult }).read : null, job }
}

/**
 * /staff/upload/:uploadId: what was read from an uploaded report, each value beside its passage, with the grades to
 * correct before it is saved (awaiting a quality assurer's verification).
 */
export function reviewRoutes(): Router {
  const router = Router()

  router.get('/staff/upload/:uploadId', async (req, res) => {
    const stored = await req.ctx.store.uploads.find(req.params.uploadId, signedIn(req).user.id)
    if (!stored) throw new NotFoundError('No such upload')
    const given = sourceUrlOf(req.query)
    if (!given.ok) throw new ValidationError(`The report’s address ${given.error.toLowerCase()}`)
    const { read, job } = await readingOf(req, stored.id)
    if (!read)
      return renderPage(req, res, 'staff/review/reading.njk', {
        title: 'Reading the report',
        fileName: stored.fileName,
        jobHref: `/jobs/${job.id}`,
        again: req.originalUrl,
      })
    const outcome = await ingestFile(
      req.ctx,
      signedIn(req).actor,
      { name: stored.fileName, bytes: stored.content },
      { dryRun: true, read },
    )
    if (!outcome.ok) {
      res.status(400)
      return uploadPage(req, res, { file: `The file could not be read: ${outcome.error}` })
    }
    const a = outcome.assessment
    const f = getFramework(a.frameworkId)
    const passage = (s: Source | null | undefined) => highlight(outcome.text, s)
    const authority = outcome.extraction.authority
    const existing = await req.ctx.store.documents.find(outcome.extraction.documentHash)
    renderPage(req, res, 'staff/review/view.njk', {
      title: 'Check what was read from the report',
      uploadId: stored.id,
      fileName: stored.fileName,
      sourceUrl: given.url,
      frameworkName: `${f.name} (${f.year})`,
      authorityName: authority?.name,
      existing: Boolean(existing),
      findings: outcome.findings.map(x => x.message),
      details: readDetails(a, authority, passage),
      judgements: f.areas
        .filter(area => area.grade !== 'none')
        .map(area => {
          const j = a.judgements.find(x => x.areaId === area.id)
          const current = j?.grade ?? null
          return {
            areaId: area.id,
            key: area.id.replaceAll('.', '-'),
            title: areaTitle(f, area.id),
            items: [
              { value: '', text: current === null ? 'Missing (as read)' : 'Missing', selected: current === null },
              ...pointsBestFirst(f.scale).map(p => ({
                value: String(p.value),
                text: `${gradeChoice(f, p)}${p.value === current ? ' (as read)' : ''}`,
                selected: p.value === current,
              })),
            ],
            readings: (j?.readings ?? []).map(r => ({ printed: r.printed, passage: passage(r.source) })),
          }
        }),
      recommendations: a.recommendations.map(r => ({
        text: r.text,
        timescale: f.timescales.find(t => t.id === r.timescaleId)?.label ?? r.timescaleId,
        passage: passage(r.source),
      })),
    })
  })

  router.post('/staff/upload/:uploadId', async (req, res) => {
    const stored = await req.ctx.store.uploads.find(req.params.uploadId, signedIn(req).user.id)
    if (!stored) throw new NotFoundError('No such upload')
    const body = (req.body ?? {}) as Record<string, string>
    const given = sourceUrlOf(body)
    if (!given.ok) throw new ValidationError(`The report’s address ${given.error.toLowerCase()}`)
    const { read } = await readingOf(req, stored.id)
    const saved = await req.ctx.store.transaction(async tx => {
      const ctx = { ...req.ctx, store: tx }
      const file = { name: stored.fileName, bytes: stored.content, sourceUrl: given.url }
      const outcome = await ingestFile(ctx, signedIn(req).actor, file, read ? { read } : {})
      if (!outcome.ok) throw new ValidationError(outcome.error)
      let a = outcome.assessment
      const f = getFramework(a.frameworkId)
      for (const [key, value] of Object.entries(body)) {
        if (!key.startsWith('grade:')) continue
        const areaId = key.slice('grade:'.length)
        const area = getArea(f, areaId)
        if (!area || area.grade === 'none') throw new ValidationError(`"${areaId}" is not a graded area of ${f.id}`)
        const grade = value === '' ? null : Number(value)
        if (grade === (a.judgements.find(j => j.areaId === areaId)?.grade ?? null)) continue
        a = await correctIngestedJudgement(ctx, signedIn(req).actor, a.id, a.version, { areaId, grade })
      }
      await tx.uploads.delete(stored.id)
      return a
    })
    res.redirect(303, `/assessments/${saved.id}`)
  })

  return router
}
