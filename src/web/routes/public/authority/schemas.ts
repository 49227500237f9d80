import { z } from 'zod'
import { pageNumber } from '../../../form.js'

/** An authority page's lists, each paged on its own; a page past a list's end shows its last. */
export const AuthorityPagesSchema = z.object({
  page: pageNumber('published assessments'),
  recommendationsPage: pageNumber('recommendations'),
})

/** A member of staff's confirmation of where a recommendation stands, beside it on the authority page. */
export const ConfirmationForm = z.object({
  status: z.string().default(''),
  note: z.string().default(''),
  laterAssessmentId: z.string().default(''),
})
