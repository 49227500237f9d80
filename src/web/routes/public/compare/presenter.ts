import type { Framework } from '../../../../domain/index.js'
import type { GradeDisplay } from '../../../presenters.js'

interface ComparedPoint {
  date: string
  assessmentId: string
  framework: Framework
  label: string
  display: GradeDisplay
}

/**
 * Authorities side by side: a row per framework and headline judgement, oldest first, and in each row every
 * point each authority has there (none, or several inspections under one framework).
 */
export function comparisonRows(compared: readonly { code: string; timeline: readonly ComparedPoint[] }[]) {
  const rows = new Map<string, { framework: string; label: string; first: string; cells: ComparedPoint[][] }>()
  compared.forEach((c, i) => {
    for (const p of c.timeline) {
      const key = `${p.framework.id}|${p.label}`
      const row = rows.get(key) ?? {
        framework: p.framework.name,
        label: p.label,
        first: p.date,
        cells: compared.map(() => [] as ComparedPoint[]),
      }
      if (p.date && (!row.first || p.date < row.first)) row.first = p.date
      row.cells[i]?.push(p)
      rows.set(key, row)
    }
  })
  return [...rows.values()].sort((a, b) => a.first.localeCompare(b.first))
}
