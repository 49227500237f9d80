import type { Distribution } from '../../../../app/queries.js'
import { gradeLabel, LEVELS, levelLabel, pointForLevel } from '../../../../domain/index.js'
import { distributionChart, shareChart } from '../../../charts.js'
import { levelTag, plural } from '../../../presenters.js'

/**
 * National figures per framework and year: for each framework, a row per year (and headline judgement, where it
 * has more than one), the count at each level of its scale and the total, and the share judged good or better.
 */
export function nationalTables(groups: readonly Distribution[]) {
  const frameworks = [...new Set(groups.map(g => g.framework))]
  return frameworks.map(f => {
    const mine = groups.filter(g => g.framework === f)
    const levels = LEVELS.filter(l => pointForLevel(f.scale, l) || mine.some(g => g.counts[l]))
    const several = new Set(mine.map(g => g.areaId)).size > 1
    const rows = mine.map(g => ({
      year: g.year === null ? 'Year not known' : String(g.year),
      label: g.label,
      counts: levels.map(l => ({ level: levelLabel(l), count: g.counts[l] })),
      total: g.total,
      goodOrBetter: g.counts.outstanding + g.counts.good,
      share: g.total ? `${Math.round((100 * (g.counts.outstanding + g.counts.good)) / g.total)}%` : '–',
    }))
    return {
      framework: f.name,
      several,
      rows,
      chart: shareChart(
        rows.map(r => ({ label: several ? `${r.year}: ${r.label}` : r.year, part: r.goodOrBetter, whole: r.total })),
        `${f.name}: share of headline judgements good or outstanding, by year`,
        'Good or outstanding',
      ),
    }
  })
}

/** A framework's spread of one headline judgement in a year: a chart, and a row per level of its scale. */
export function distributionGroup(g: Distribution) {
  // The levels of this framework's scale (and any other a judgement was recorded at), each with its grade.
  const levels = LEVELS.filter(l => pointForLevel(g.framework.scale, l) || g.counts[l])
  return {
    framework: g.framework.name,
    year: g.year,
    label: g.label,
    total: g.total,
    totalText: plural(g.total, 'judgement'),
    chart: distributionChart(g.counts, `${g.framework.name}, ${g.year ?? 'year not known'}: ${g.label}`, levels),
    rows: levels.map(l => {
      const point = pointForLevel(g.framework.scale, l)
      return {
        level: l,
        display: { printed: point ? gradeLabel(g.framework.scale, point.value) : null, tag: levelTag(l) },
        count: g.counts[l],
        share: `${g.total ? Math.round((100 * g.counts[l]) / g.total) : 0}%`,
      }
    }),
  }
}
