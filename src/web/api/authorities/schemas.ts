import { z } from 'zod'
import { AuthoritySchema, RecommendationStatusSchema } from '../../../domain/index.js'

export const AuthorityList = z.array(AuthoritySchema)

export const RecommendationsQuery = z.object({ status: RecommendationStatusSchema.optional() })

export const AliasBody = z.strictObject({ alias: z.string().min(1) })
