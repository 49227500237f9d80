import { z } from 'zod'
import { DATA_KINDS } from '../../../app/data-import.js'
import { Year } from '../shared.js'

export const ProfileQuery = z.object({ year: Year })

export const SuggestionBody = z.strictObject({
  dataYear: z.int().min(2000).max(2100).optional(),
  rulesYear: z.int().min(2000).max(2100).optional(),
})

export const SuggestionsQuery = z.object({ year: Year, rules: Year.optional(), without: z.string().optional() })

export const WhatIfQuery = z.object({ data: Year, rules: Year, without: z.string().min(1) })

export const DataKind = z.object({ kind: z.enum(DATA_KINDS) })

export const DataImportQuery = z.object({
  fileName: z.string().min(1).max(255).default('upload.csv'),
  skipBadRows: z.enum(['true', 'false']).default('false'),
  dryRun: z.enum(['true', 'false']).default('false'),
})
