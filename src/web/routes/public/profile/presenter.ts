import {
  BANDING,
  BANDS,
  BLOCK_LABELS,
  BLOCKS,
  comparisonWords,
  isBand,
  PERFORMANCE_WORDS,
  type Profile,
} from '../../../../domain/index.js'
import { barChart } from '../../../charts.js'

const num = (x: number | null) => (x === null ? '—' : (Math.round(x * 10) / 10).toLocaleString('en-GB'))
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(100 * x)}%`)

/** An authority's performance profile as its page shows it: each block's indicators, the settings, inspections. */
export function profileView(p: Profile, authorityName: string) {
  const blocks = BLOCKS.map(block => {
    const rows = p.indicators.filter(c => c.indicator.block === block)
    return {
      id: block,
      label: BLOCK_LABELS[block],
      chart: barChart(
        [
          ...BANDS.map(b => ({ label: PERFORMANCE_WORDS[b], n: rows.filter(c => c.vsNeighbours === b).length })),
          { label: 'not banded', n: rows.filter(c => !isBand(c.vsNeighbours)).length },
        ].map(({ label, n }) => ({ label, value: n, text: String(n) })),
        `${BLOCK_LABELS[block]}: indicators by performance against similar areas`,
      ),
      rows: rows.map(c => ({
        code: c.indicator.code,
        name: c.indicator.measure ? `${c.indicator.name}; ${c.indicator.measure}` : c.indicator.name,
        polarity: c.indicator.polarity === 'neither' ? 'context' : `${c.indicator.polarity} is better`,
        certainty: c.indicator.certainty,
        value: num(c.value),
        neighbours: num(c.neighbours),
        region: num(c.region),
        england: `${num(c.england)}${c.englandSource === 'published' ? ' (published)' : ''}`,
        vsNeighbours: comparisonWords(c.indicator.polarity, c.vsNeighbours),
        vsEngland: comparisonWords(c.indicator.polarity, c.vsEngland),
      })),
    }
  }).filter(b => b.rows.length > 0)
  return {
    neighbourCount: p.neighbours.length,
    bandingNote: `Percentages are banded by percentage points (well above: ${BANDING.percentPoints.wellAbove} or more; above: ${BANDING.percentPoints.above} or more), other measures by the relative difference; fewer than ${BANDING.smallNumbers.minDenominator} children or settings are not banded. These cut-offs are ${BANDING.status}.`,
    settingsOverall: p.settingsOverall.count
      ? `${p.settingsOverall.goodOrBetter} of ${p.settingsOverall.count} inspected services and settings (${pct(p.settingsOverall.share)}) were judged good or better in their latest inspection.`
      : 'No settings outcomes are held.',
    settingsChart: barChart(
      p.settings.map(s => ({
        label: s.type.label,
        value: s.share ?? 0,
        text: s.share === null ? 'none' : pct(s.share),
      })),
      `${authorityName}: share of settings good or better, by type`,
    ),
    settings: p.settings.map(s => ({
      label: s.type.label,
      count: s.count,
      share: pct(s.share),
      neighbours: pct(s.neighbours),
      region: pct(s.region),
      england: pct(s.england),
      vsNeighbours: comparisonWords('higher', s.vsNeighbours),
      vsEngland: comparisonWords('higher', s.vsEngland),
    })),
    blocks,
    inspections: p.inspections.map(i =>
      i.kind === 'unannounced'
        ? `Unannounced inspection, ${i.date}: ${i.priorityActions === 1 ? '1 area' : `${i.priorityActions} areas`} for priority action`
        : `Safeguarding judged ${i.level ?? 'without a grade'}: ${i.source}`,
    ),
  }
}
