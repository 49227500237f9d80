import { LEVELS, type Level, levelLabel, longDate } from '../domain/index.js'
import { escapeHtml } from '../lib/html.js'

/** A point of the timeline: its date (ISO), its level, its label, and the inspection it is of. */
export interface ChartPoint {
  date: string
  level: Level | null
  label: string
  /** The framework's name: two frameworks of one name (the 2007 and 2008 APA) are one kind of inspection. */
  inspection?: string
}

const plotted = (points: readonly ChartPoint[]) =>
  points.filter((p): p is ChartPoint & { level: Level } => p.level !== null && p.date !== '')

/**
 * Where the line joins points of different inspections (the 2009 rating, then a 2012 inspection): a sentence each,
 * saying that these are different inspections of different scope, so that the line between them is not read as a
 * rise or a fall.
 */
export function inspectionChanges(points: readonly ChartPoint[]): string[] {
  const known = plotted(points)
  return known.flatMap((p, i) => {
    const before = known[i - 1]
    if (!before?.inspection || !p.inspection || before.inspection === p.inspection) return []
    return [
      `From the ${before.inspection} (${before.date.slice(0, 4)}) to the ${p.inspection} (${p.date.slice(0, 4)}): different inspections of different scope, so the line between them is not a rise or a fall.`,
    ]
  })
}

let chartCount = 0
const nextId = () => `chart-${++chartCount}`

/**
 * Headline levels over time as an SVG line chart, outstanding at the top. Points whose grade is missing are left
 * out of the line (never placed at a guessed level). The table below it carries the same data.
 */
export function timelineChart(points: readonly ChartPoint[], title: string): string {
  const known = plotted(points)
  const width = 560
  const height = 220
  const left = 140
  const right = 20
  const top = 20
  const bottom = 40
  const times = known.map(p => Date.parse(p.date))
  const min = Math.min(...times)
  const max = Math.max(...times)
  const x = (t: number) =>
    max === min ? left + (width - left - right) / 2 : left + ((t - min) / (max - min)) * (width - left - right)
  const y = (l: Level) => top + (LEVELS.indexOf(l) * (height - top - bottom)) / (LEVELS.length - 1)
  const id = nextId()
  const grid = LEVELS.map(
    l =>
      `<line class="grid" x1="${left}" x2="${width - right}" y1="${y(l)}" y2="${y(l)}"/><text x="${left - 8}" y="${y(l) + 4}" text-anchor="end">${levelLabel(l)}</text>`,
  ).join('')
  const years = [...new Set(known.map(p => p.date.slice(0, 4)))]
    .map(
      yr => `<text x="${x(Date.parse(`${yr}-07-01`)).toFixed(1)}" y="${height - 15}" text-anchor="middle">${yr}</text>`,
    )
    .join('')
  const at = (i: number) => `${x(times[i] as number).toFixed(1)},${y((known[i] as (typeof known)[number]).level)}`
  // The line runs solid within one kind of inspection; between two kinds it is dashed (and the text says why).
  const changes = known.map((p, i) => i > 0 && !!p.inspection && p.inspection !== known[i - 1]?.inspection)
  const path = known.map((_, i) => (i === 0 || changes[i] ? `M${at(i)}` : `L${at(i)}`)).join(' ')
  const across = known.flatMap((_, i) => (changes[i] ? [`M${at(i - 1)} L${at(i)}`] : [])).join(' ')
  const dots = known
    .map(
      (p, i) =>
        `<circle class="point" cx="${x(times[i] as number).toFixed(1)}" cy="${y(p.level)}" r="5"><title>${escapeHtml(`${longDate(p.date)}: ${p.label}: ${levelLabel(p.level)}`)}</title></circle>`,
    )
    .join('')
  const missing = points.length - known.length
  const desc = [
    `${known.length} ${known.length === 1 ? 'judgement' : 'judgements'} plotted${missing ? `; ${missing} with no grade ${missing === 1 ? 'is' : 'are'} not plotted` : ''}.`,
    ...inspectionChanges(points),
    'The table of published assessments below the chart gives every value, newest first.',
  ].join(' ')
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>${grid}<line class="axis" x1="${left}" x2="${width - right}" y1="${height - bottom + 5}" y2="${height - bottom + 5}"/>${years}${known.length > 1 ? `<path class="line" d="${path}"/>` : ''}${across ? `<path class="line line--across" d="${across}"/>` : ''}${dots}</svg>`
}

/** Counts per level as horizontal bars, with each count written at the end of its bar. */
export function distributionChart(
  counts: Record<Level, number>,
  title: string,
  levels: readonly Level[] = LEVELS,
): string {
  return barChart(
    levels.map(l => ({ label: levelLabel(l), value: counts[l], text: String(counts[l]) })),
    title,
  )
}

/** Horizontal bars, one per entry, each with its value written at its end; the longest bar is the largest value. */
export function barChart(entries: readonly { label: string; value: number; text: string }[], title: string): string {
  const width = 480
  const row = 32
  const left = 160
  const height = row * entries.length + 10
  const max = Math.max(1e-9, ...entries.map(e => e.value))
  const id = nextId()
  const bars = entries
    .map((e, i) => {
      const w = ((width - left - 60) * Math.max(0, e.value)) / max
      const yy = 5 + i * row
      return `<text x="${left - 8}" y="${yy + 18}" text-anchor="end">${escapeHtml(e.label)}</text><rect class="bar" x="${left}" y="${yy + 4}" width="${w.toFixed(1)}" height="${row - 10}"/><text x="${(left + w + 6).toFixed(1)}" y="${yy + 18}">${escapeHtml(e.text)}</text>`
    })
    .join('')
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(entries.map(e => `${e.label}: ${e.text}`).join(', '))}</desc>${bars}</svg>`
}

/**
 * Shares as horizontal bars on one scale of 0 to 100%, each with its label on a line of its own above it (labels
 * may be long) and its share and counts written at its end: "62% (94 of 152)". An entry of no whole is not drawn.
 */
export function shareChart(
  entries: readonly { label: string; part: number; whole: number }[],
  title: string,
  what: string,
): string {
  const width = 480
  const row = 44
  const barWidth = width - 130
  const shown = entries.filter(e => e.whole > 0)
  const height = row * shown.length + 10
  const id = nextId()
  const text = (e: { part: number; whole: number }) =>
    `${Math.round((100 * e.part) / e.whole)}% (${e.part} of ${e.whole})`
  const bars = shown
    .map((e, i) => {
      const yy = 5 + i * row
      const w = (barWidth * e.part) / e.whole
      return `<text x="0" y="${yy + 12}">${escapeHtml(e.label)}</text><rect class="bar-track" x="0" y="${yy + 18}" width="${barWidth}" height="16"/><rect class="bar" x="0" y="${yy + 18}" width="${w.toFixed(1)}" height="16"/><text x="${barWidth + 6}" y="${yy + 31}">${escapeHtml(text(e))}</text>`
    })
    .join('')
  const desc = `${what}: ${shown.map(e => `${e.label}, ${text(e)}`).join('; ')}.`
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(desc)}</desc>${bars}</svg>`
}
