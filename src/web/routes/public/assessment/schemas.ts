import { z } from 'zod'

/** A factual accuracy comment from the report's page: the section it is on, and what it says. */
export const CommentForm = z.object({ section: z.string().default(''), text: z.string().default('') })
