import { RATING_RULE_SETS } from '../../../../domain/index.js'

/** The what-if form (a query): the year of the data, the year of the rules, and the rule to switch off. */
export function whatIfForm(q: Record<string, string | undefined>, years: readonly number[]) {
  const rulesYear = q.rules ? Number(q.rules) : (RATING_RULE_SETS.at(-1)?.year ?? 2009)
  const rules = RATING_RULE_SETS.find(r => r.year === rulesYear) ?? RATING_RULE_SETS[0]
  const fields: Record<string, string> = {}
  if (q.data === undefined) return { rules, asked: null, fields }
  const dataYear = Number(q.data)
  if (!years.includes(dataYear)) fields.data = 'Choose a year that profile data is held for'
  if (!rules?.rules.some(r => r.id === q.without)) fields.without = 'Choose the rule to switch off'
  return {
    rules,
    asked: Object.keys(fields).length === 0 && rules && q.without ? { dataYear, without: q.without } : null,
    fields,
  }
}
