import { z } from 'zod'
import { MAX_NOTE_LENGTH } from '../../../app/recommendations.js'
import {
  DatesSchema,
  FRAMEWORKS,
  LEVELS,
  PersonSchema,
  RecommendationStatusSchema,
  STATUSES,
} from '../../../domain/index.js'
import { SearchQuerySchema } from '../../shared/search.js'
import { Id } from '../shared.js'

export const SummarySchema = z.object({
  id: z.uuid(),
  authorityCode: z.string(),
  frameworkId: z.string(),
  status: z.enum(STATUSES),
  edition: z.int(),
  date: z.string().nullable(),
  headlines: z.array(
    z.object({
      areaId: z.string(),
      label: z.string(),
      part: z.string().nullable(),
      grade: z.int().nullable().describe('As printed on the framework’s own scale; null when none is recorded'),
      printed: z.string().nullable(),
      level: z.enum(LEVELS).nullable().describe('The normalised level to compare across frameworks'),
    }),
  ),
  links: z.object({ self: z.string(), page: z.string() }),
})

export const SearchQuery = SearchQuerySchema.extend({
  pageSize: z.preprocess(v => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100).default(20)),
})

export const SearchPage = z.object({
  items: z.array(SummarySchema),
  page: z.int(),
  pageSize: z.int(),
  total: z.int(),
  pages: z.int(),
})

export const CreateBody = z.strictObject({
  frameworkId: z.enum(FRAMEWORKS.map(f => f.id) as [string, ...string[]]),
  authorityCode: z.string().regex(/^E\d{8}$/),
  dates: DatesSchema.partial().optional(),
})

export const DetailsBody = z.strictObject({
  dates: DatesSchema.partial().optional(),
  addressee: PersonSchema.nullable().optional(),
  addressLines: z
    .array(z.string().trim().min(1).max(200))
    .max(20)
    .optional()
    .describe('The addressee’s address as the letter prints it below the organisation, a line each'),
  salutation: z
    .string()
    .max(200)
    .optional()
    .describe('As the letter prints it ("Dear Ms Carrie"); empty: the letter prints none'),
  signatories: z.array(PersonSchema).optional(),
  reportingInspector: PersonSchema.nullable().optional(),
  summary: z.string().max(100_000).optional(),
  about: z.string().max(100_000).optional().describe('"About this inspection": paragraphs separated by blank lines'),
  serviceInformation: z
    .string()
    .max(100_000)
    .optional()
    .describe('"Service information": paragraphs separated by blank lines, printed as written'),
  numberedParagraphs: z.boolean().optional().describe('Number the report’s paragraphs 1., 2., … through it'),
})

export const JudgementParams = Id.extend({ areaId: z.string().min(1) })

export const JudgementBody = z.strictObject({
  grade: z.int().nullable().optional().describe('A value on the framework’s scale; null clears it'),
  narrative: z.string().max(100_000).optional(),
  strengths: z.array(z.string().trim().min(1)).max(200).optional(),
  areasForDevelopment: z.array(z.string().trim().min(1)).max(200).optional(),
  overrides: z
    .array(z.strictObject({ rule: z.string().min(1).max(200), rationale: z.string().max(10_000).nullable() }))
    .max(50)
    .optional()
    .describe('Professional overrides, each answering one rule’s finding; a null rationale removes one'),
  framing: z
    .record(z.string().min(1).max(200), z.string().max(5000))
    .optional()
    .describe(
      'Your own wording in place of the framework’s fixed paragraphs around this area (“opening:being-healthy”); an empty one prints the framework’s again',
    ),
})

export const RecommendationParams = Id.extend({ recommendationId: z.string().min(1) })

export const RecommendationBody = z.strictObject({
  text: z.string().trim().min(1).max(10_000),
  areaId: z.string().nullable().default(null),
  timescaleId: z.string().min(1),
  progress: z
    .string()
    .trim()
    .max(10_000)
    .nullable()
    .default(null)
    .describe('The statement of progress printed after an earlier recommendation, where the layout prints one'),
})

export const RecommendationUpdateBody = z.strictObject({
  status: RecommendationStatusSchema.optional().describe('Omitted: a note that leaves the status as it is'),
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
  laterAssessmentId: z
    .uuid()
    .optional()
    .describe(
      'Inspectors and quality assurers: a later published report of the same authority that speaks to it (the note says what)',
    ),
})

export const TransitionBody = z.strictObject({ to: z.enum(STATUSES) })

export const SignatureBody = z.strictObject({
  title: z.string().trim().max(200).nullable().default(null),
  organisation: z.string().trim().max(200).nullable().default(null),
})
