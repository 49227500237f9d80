import type { ValidationError } from '../../../../domain/index.js'

/** Field names in the domain's messages ("authorityCode: …") mapped back to the form's fields. */
export function fieldsOf(e: ValidationError, known: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const p of e.problems) {
    const [field, ...rest] = p.split(': ')
    if (field && known.includes(field) && rest.length) fields[field] ??= rest.join(': ')
    else fields[known[0] as string] ??= p
  }
  return fields
}
