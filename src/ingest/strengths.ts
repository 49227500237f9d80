import type { Area, Framework } from '../domain/index.js'
import { phrasePattern } from '../lib/regexp.js'
import { fold } from './flat.js'
import { pattern, patterns } from './patterns.js'
import { joinWrapped, type Line, type Text } from './text.js'

export interface StrengthsRow {
  areaId: string
  strengths: string[]
  areasForDevelopment: string[]
  lines: number[]
}

const BULLETS = /[•▪●◦■·]/
const TAG = /<\/?[a-zA-Z][^<>]*>/g

function labelPattern(label: string): RegExp {
  return new RegExp(phrasePattern(label), 'i')
}

function labelsOf(area: Area): string[] {
  return [area.label, ...(area.alsoPrintedAs ?? [])].sort((a, b) => b.length - a.length)
}

/** The area a row opens with ("Being healthy:", "Management of children's services"). */
function leadingArea(text: string, areas: readonly Area[]): { area: Area; label: string } | undefined {
  const head = fold(text.split(BULLETS)[0] ?? '')
  let best: { area: Area; label: string } | undefined
  for (const area of areas)
    for (const label of labelsOf(area)) {
      const f = fold(label)
      if (
        (head === f || head.startsWith(`${f} `) || head.startsWith(`${f}:`)) &&
        (!best || label.length > best.label.length)
      )
        best = { area, label }
    }
  return best
}

/** The line as printed, its bullet marker put back (a marker is an item boundary here). */
const withBullet = (l: Line) => (l.bullet ? `• ${l.text}` : l.text)

/** The items of a cell: what follows its area name, split at the bullets. */
function items(cell: string, label: string): string[] {
  const m = labelPattern(label).exec(cell)
  const rest = m && m.index < 3 ? cell.slice(m.index + m[0].length) : cell
  return rest
    .replace(TAG, ' ')
    .split(BULLETS)
    .map(s =>
      s
        .replace(/\s+/g, ' ')
        .replace(/^[\s:]+/, '')
        .trim(),
    )
    .filter(s => s !== '')
}

/**
 * The APA letters end with a two-column table, strengths beside areas for improvement, a row per area, each cell
 * opening with the area's name. Cells are split by tabs where the text kept them; where a table was flattened or
 * a PDF wrapped it, the second cell begins where the area's name is printed again. A row a page break split goes
 * on below the break.
 */
export function findStrengths(text: Text, framework: Framework): StrengthsRow[] {
  const table = framework.reading.strengthsTables
  if (!table) return []
  const start = text.lines.findIndex(l => isStrengthsLine(framework, l))
  if (start < 0) return []
  const headerRow = pattern(table.headerRow)
  const rows: { area: Area; label: string; lines: Line[] }[] = []
  let afterBlank = false
  for (const line of text.lines.slice(start + 1)) {
    if (line.blank) {
      afterBlank = true
      continue
    }
    const t = line.text
    if (rows.length === 0 && headerRow.test(fold(t))) continue
    const opens = leadingArea(t, framework.areas)
    const row = rows.at(-1)
    // A line opening with the same area's name again is the second cell of a wrapped row, not a new row.
    const secondCell =
      opens && row && opens.area === row.area && !t.includes('\t') && !row.lines.some(l => l.text.includes('\t'))
    if (opens && !secondCell) rows.push({ ...opens, lines: [line] })
    else if (row && (!afterBlank || BULLETS.test(t) || t.includes('\t'))) row.lines.push(line)
    else break
    afterBlank = false
  }
  return rows.map(r => {
    let left = ''
    let right = ''
    if (r.lines.some(l => l.text.includes('\t'))) {
      const cells = r.lines.map(l => withBullet(l).split('\t'))
      left = joinWrapped(cells.map(c => c[0] ?? ''))
      right = joinWrapped(cells.map(c => c.slice(1).join(' ')))
    } else {
      // Flattened or wrapped: the second cell begins where the area's name is printed again.
      // Tags a line break cut in two survive the line cleaning; joined, they are whole again and go.
      const flow = joinWrapped(r.lines.map(withBullet)).replace(TAG, ' ')
      const again = [...flow.matchAll(new RegExp(labelPattern(r.label).source, 'gi'))].find(m => m.index > 0)
      left = again ? flow.slice(0, again.index) : flow
      right = again ? flow.slice(again.index) : ''
      // A cell always opens name-then-bullets: words straight after the repeated name are the first cell's,
      // displaced there by a page break.
      const displaced = right.slice(again?.[0].length ?? 0).replace(/^[\s:]+/, '')
      if (again && displaced && !BULLETS.test(displaced[0] ?? '')) {
        left += ` ${displaced}`
        right = ''
      }
    }
    return {
      areaId: r.area.id,
      strengths: items(left.trim(), r.label),
      areasForDevelopment: items(right.trim(), r.label),
      lines: r.lines.map(l => l.index),
    }
  })
}

/** The heading of the framework's table of strengths. */
export function isStrengthsLine(framework: Framework, line: Line): boolean {
  const t = fold(line.text)
  return patterns(framework.reading.strengthsTables?.headings ?? []).some(h => h.test(t))
}

export interface AreaLists {
  areaId: string
  strengths: string[]
  areasForDevelopment: string[]
  lines: number[]
}

/**
 * Lists inside an area's section (the 2012 reports' layout): a line naming the list ("Strengths", "Areas for
 * development"), then its items, a bullet each, until a blank line or a line that is neither an item nor the
 * continuation of one. The first section of an area that has them gives its lists.
 */
export function findAreaLists(
  text: Text,
  framework: Framework,
  sections: readonly { areaId: string; bodyStart: number; bodyEnd: number }[],
): AreaLists[] {
  const labels = framework.reading.areaLists
  if (!labels) return []
  const kinds = [
    ['strengths', pattern(labels.strengths)],
    ['areasForDevelopment', pattern(labels.areasForDevelopment)],
  ] as const
  const out = new Map<string, AreaLists>()
  for (const section of sections) {
    if (out.has(section.areaId)) continue
    const found: AreaLists = { areaId: section.areaId, strengths: [], areasForDevelopment: [], lines: [] }
    for (let i = section.bodyStart; i < section.bodyEnd; i++) {
      const line = text.lines[i] as Line
      if (line.blank || line.bullet) continue
      const kind = kinds.find(([, p]) => p.test(fold(line.text)))?.[0]
      if (!kind) continue
      let k = i + 1
      while (k < section.bodyEnd && text.lines[k]?.blank) k++
      const items: Line[][] = []
      for (; k < section.bodyEnd; k++) {
        const l = text.lines[k] as Line
        if (l.blank) break
        if (l.bullet) items.push([l])
        else if (items.length) items.at(-1)?.push(l)
        else break
      }
      if (!items.length) continue
      found[kind].push(
        ...items.map(item =>
          joinWrapped(item.map(l => l.text))
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      )
      found.lines.push(i, ...items.flat().map(l => l.index))
      i = k - 1
    }
    if (found.lines.length) out.set(section.areaId, found)
  }
  return [...out.values()]
}
