import { z } from 'zod'
import {
  CaseReference,
  EvidenceCountsSchema,
  EvidenceItemSchema,
  EvidenceKindSchema,
  FRAMEWORKS,
} from '../../../domain/index.js'
import { GssCode, Id, Year } from '../shared.js'

export const Item = Id.extend({ evidenceId: z.uuid('must be an evidence id') })
export const FileParams = Item.extend({ fileId: z.uuid('must be a file id') })
export const SelfKey = z.object({
  code: GssCode,
  frameworkId: z.enum(FRAMEWORKS.filter(f => f.evidence).map(f => f.id) as [string, ...string[]]),
  year: Year,
})

export const LogQuery = z.object({ area: z.string().min(1).optional(), kind: EvidenceKindSchema.optional() })

export const EvidenceBody = z.strictObject({
  kind: EvidenceKindSchema,
  title: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe('A short description: "Case file 4471", "Meeting with team managers"'),
  caseReference: CaseReference.optional().describe(
    'Case file audits: the council’s case reference — letters and digits with at least one digit, never a child’s name',
  ),
  findings: z
    .array(z.strictObject({ aspect: z.string().min(1).max(100), rating: z.string().min(1).max(100) }))
    .max(50)
    .optional()
    .describe('Case file audits: a rating per aspect, in the framework’s audit scale (GET /frameworks: evidence)'),
  participants: z
    .array(z.strictObject({ role: z.string().trim().min(1).max(200), count: z.int().min(1).max(10_000) }))
    .max(100)
    .optional()
    .describe('Meetings and interviews: who took part, by role; never what one person said'),
  respondents: z.int().min(0).max(1_000_000).optional().describe('Surveys: how many responded'),
  notes: z.string().max(20_000).optional().describe('What it showed. Do not name children'),
  areaIds: z.array(z.string().min(1).max(200)).max(100).optional().describe('The judgements it informs'),
})

export const LogSchema = z.object({
  items: z.array(EvidenceItemSchema),
  counts: EvidenceCountsSchema,
  summary: z.string().describe('"86 case files, 32 meetings and interviews…"; empty when none'),
  purged: z.object({ at: z.string() }).nullable().describe('Set once the items were deleted after their retention'),
  retentionEnds: z.string().nullable(),
  about: z.string().nullable().describe('The sentence offered to "About this inspection", where the report has one'),
})

export const LinksBody = z.strictObject({ areaIds: z.array(z.string().min(1).max(200)).max(100) })

export const FileQuery = z.object({ fileName: z.string().min(1).max(255) })

export const SelfAssessmentBody = z.strictObject({
  areas: z
    .array(
      z.strictObject({
        areaId: z.string().min(1).max(200),
        grade: z.int().nullable().describe('On the framework’s scale; null for none'),
        narrative: z.string().max(20_000),
      }),
    )
    .max(100),
})
