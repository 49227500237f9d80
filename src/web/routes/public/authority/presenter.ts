import type { AuthorityOverview } from '../../../../app/queries.js'
import { LEVELS, levelLabel, pointForLevel } from '../../../../domain/index.js'
import { plural } from '../../../presenters.js'

/** An authority page's query: its filter and pages, leaving out what is the default (page 1, every status). */
export function authorityQuery(values: Record<string, unknown>): string {
  const q = new URLSearchParams()
  for (const key of ['status', 'page', 'recommendationsPage', 'done']) {
    const v = values[key]
    if ((typeof v === 'string' || typeof v === 'number') && v !== '' && String(v) !== '1') q.set(key, String(v))
  }
  return q.size ? `?${q}` : ''
}

/** England's latest judgements under the framework compared: "Good 3, Adequate 1 (of 4 published judgements …)". */
export function englandLine(e: AuthorityOverview['england']): string | null {
  return e
    ? `${LEVELS.filter(l => pointForLevel(e.framework.scale, l) || e.counts[l])
        .map(l => `${levelLabel(l)} ${e.counts[l]}`)
        .join(', ')} (of ${plural(e.total, 'published judgement')} of ${e.label.toLowerCase()})`
    : null
}
