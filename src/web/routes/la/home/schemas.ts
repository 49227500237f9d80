import type { Request } from 'express'
import { z } from 'zod'
import { RecommendationStatusSchema, ValidationError } from '../../../../domain/index.js'
import { pageNumber } from '../../../form.js'

/** The filter of an officer's recommendations: a status that is not one shows them all. */
export const StatusFilter = z.object({ status: RecommendationStatusSchema.optional().catch(undefined) })

const PageQuery = z.object({ page: pageNumber('recommendations') })

/** The page of the officer's list asked for: a page that is not a number is the request's problem, named. */
export function pageAsked(req: Request): number {
  const parsed = PageQuery.safeParse(req.query)
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? 'The page is not one of the list')
  return parsed.data.page
}
