import type { Area, Framework } from '../domain/index.js'
import { fold } from './flat.js'
import type { Line, Text } from './text.js'

export interface StrengthsRow {
  areaId: string
  strengths: string[]
  areasForDevelopment: string[]
  lines: number[]
}

const TABLE_HEADING = /^(?:key strengths and (?:key )?areas for improvement|major strengths and important weaknesses)$/
const BULLETS = /[•▪●◦■·]/

function items(cell: string): string[] {
  return cell
    .split(BULLETS)
    .map(s => s.replace(/\s+/g, ' ').trim())
    .filter(s => s !== '')
}

/** The area a cell opens with ("Being healthy:", "Management of children's services"), and the rest of the cell. */
function leadingArea(cell: string, areas: readonly Area[]): { area: Area; rest: string } | undefined {
  const head = fold(cell.split(BULLETS)[0] ?? '')
  let best: { area: Area; label: string } | undefined
  for (const area of areas)
    for (const label of [area.label, ...(area.alsoPrintedAs ?? [])].map(fold))
      if (
        (head === label || head.startsWith(`${label} `) || head.startsWith(`${label}:`)) &&
        (!best || label.length > best.label.length)
      )
        best = { area, label }
  if (!best) return undefined
  const bulletAt = cell.search(BULLETS)
  return { area: best.area, rest: bulletAt >= 0 ? cell.slice(bulletAt) : '' }
}

/**
 * The APA letters end with a two-column table: strengths beside areas for improvement, a row per area, each cell
 * opening with the area's name. A row a page break split continues the row above it.
 */
export function findStrengths(text: Text, framework: Framework): StrengthsRow[] {
  const start = text.lines.findIndex(l => TABLE_HEADING.test(fold(l.text)))
  if (start < 0) return []
  const rows: StrengthsRow[] = []
  for (const line of text.lines.slice(start + 1)) {
    if (line.blank) continue
    const t = line.text.replace(/\s+$/, '')
    const cells = t.includes('\t') ? t.split('\t') : [t]
    const first = leadingArea(cells[0] ?? '', framework.areas)
    if (!first && /^key strengths|^major strengths/i.test(t.trim())) continue
    if (first) {
      // A row flattened to spaces repeats the area's name where the second cell begins.
      let [left, right] = [cells[0] ?? '', cells[1] ?? '']
      if (cells.length === 1) {
        const label = fold(first.area.label)
        const folded = fold(left)
        const again = folded.indexOf(label, label.length)
        if (again > 0) {
          const cut = Math.round((again / folded.length) * left.length)
          const split = left.toLowerCase().indexOf(first.area.label.toLowerCase().slice(0, 8), Math.max(0, cut - 10))
          if (split > 0) [left, right] = [left.slice(0, split), left.slice(split)]
        }
      }
      const second = leadingArea(right, framework.areas)
      rows.push({
        areaId: first.area.id,
        strengths: items(first.rest),
        areasForDevelopment: second ? items(second.rest) : items(right),
        lines: [line.index],
      })
    } else if (rows.length && (BULLETS.test(t) || t.includes('\t'))) {
      // The rest of the row above, split by a page break: its first words finish the last item.
      const row = rows[rows.length - 1] as StrengthsRow
      const [lead, ...more] = (cells[0] ?? '').split(BULLETS)
      const continuation = (lead ?? '').replace(/\s+/g, ' ').trim()
      if (continuation && row.strengths.length) row.strengths[row.strengths.length - 1] += ` ${continuation}`
      row.strengths.push(...items(more.join('•')))
      row.areasForDevelopment.push(...items(cells[1] ?? ''))
      row.lines.push(line.index)
    } else break
  }
  return rows
}

export function isStrengthsLine(line: Line): boolean {
  return TABLE_HEADING.test(fold(line.text))
}
