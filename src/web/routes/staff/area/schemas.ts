import { z } from 'zod'
import { Version } from '../form.js'

/** A judgement as the editor's form sends it; grade '' clears the grade. */
export const JudgementForm = z.object({
  version: Version,
  grade: z.string('Choose a grade').default(''),
  narrative: z
    .string('Enter the narrative as text')
    .max(100_000, 'The narrative must be 100,000 characters or fewer')
    .default(''),
  strengths: z
    .string('Enter the strengths as text')
    .max(50_000, 'The strengths must be 50,000 characters or fewer')
    .default(''),
  areasForDevelopment: z
    .string('Enter the areas for development as text')
    .max(50_000, 'The areas for development must be 50,000 characters or fewer')
    .default(''),
})

/** The form's framing fields, one per framing paragraph around the area: "framing:<key>" → wording ('' removes it). */
export function framingFrom(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([key]) => key.startsWith('framing:'))
      .map(([key, value]) => [key.slice('framing:'.length), String(value ?? '').slice(0, 5000)]),
  )
}

/** The form's override fields, one per rule: "override:<rule>" → rationale ('' removes it). */
export function overridesFrom(body: Record<string, unknown>): { rule: string; rationale: string | null }[] {
  return Object.entries(body)
    .filter(([key]) => key.startsWith('override:'))
    .map(([key, value]) => ({ rule: key.slice('override:'.length), rationale: String(value ?? '').trim() || null }))
}
