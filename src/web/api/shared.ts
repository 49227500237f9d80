import express, { type Request, type RequestHandler, type Response } from 'express'
import { z } from 'zod'
import { dateOf, headlines } from '../../app/queries.js'
import type { Assessment } from '../../domain/index.js'
import type { AssessmentSummary } from '../../store/assessments.js'
import { etag } from './registry.js'

/** The inspection team. */
export const STAFF = ['inspector', 'quality-assurer'] as const
export const Id = z.object({ id: z.uuid('must be an assessment id') })
export const GssCode = z.string().regex(/^E\d{8}$/, 'must be a GSS code such as E09000020')
export const Code = z.object({ code: GssCode })
export const Year = z.coerce.number().int().min(2000).max(2100)

/** The fields a caller sent: optional fields left out stay out (so that "unchanged" is not read as "cleared"). */
export function definedOnly<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never
}

/** A body of raw bytes, of any type, up to the limit. */
export const rawBody = (limit: number): RequestHandler[] => [express.raw({ type: () => true, limit })]
export const bytesOf = (req: Request) => (Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array())

/** An assessment as a search or an overview lists it. */
export const summaryOf = (a: AssessmentSummary) => ({
  id: a.id,
  authorityCode: a.authorityCode,
  frameworkId: a.frameworkId,
  status: a.status,
  edition: a.edition,
  date: dateOf(a),
  headlines: headlines(a),
  links: { self: `/api/v1/assessments/${a.id}`, page: `/assessments/${a.id}` },
})

export const withLinks = (a: Assessment) => ({
  ...a,
  links: {
    page: `/assessments/${a.id}`,
    pdf: `/assessments/${a.id}/report.pdf`,
    text: `/assessments/${a.id}/report.txt`,
    csv: `/assessments/${a.id}/judgements.csv`,
  },
})

/** An assessment as the API answers it: with its ETag (its version) and links. */
export const sendAssessment = (res: Response, a: Assessment, status = 200) =>
  res.status(status).set('ETag', etag(a.version)).json(withLinks(a))
