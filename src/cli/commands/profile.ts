import type { Command } from 'commander'
import { loadProfile, suggestAll, whatIfReport } from '../../app/profile.js'
import { comparisonWords, getFramework, gradeLabel, RATING_NOTE, RATING_RULE_SETS } from '../../domain/index.js'
import { integer, json, out, withStore } from '../support.js'

/** `profile show|suggest|what-if`: performance profiles and the ratings they suggest. */
export function addProfileCommands(program: Command): void {
  const profile = program.command('profile').description('performance profiles and the ratings they suggest')
  profile
    .command('show <authority>')
    .description('an authority’s profile for a year: indicators and settings against similar areas and England')
    .requiredOption('--year <year>', 'the profile year', integer)
    .option('--json', 'print JSON')
    .action(async (code: string, o: { year: number; json?: boolean }) =>
      withStore(async ctx => {
        const { profile: p, synthetic } = await loadProfile(ctx, code, o.year)
        if (o.json) return json({ ...p, synthetic })
        if (synthetic) out('SYNTHETIC DATA: generated for tests, not real')
        out(`${code}, ${o.year}: ${p.neighbours.length} similar areas`)
        const fmt = (x: number | null) => (x === null ? '—' : String(Math.round(x * 10) / 10))
        for (const c of p.indicators)
          out(
            `  ${c.indicator.code.padEnd(8)} ${fmt(c.value).padStart(7)}  similar areas ${fmt(c.neighbours).padStart(7)} (${comparisonWords(c.indicator.polarity, c.vsNeighbours)})  England ${fmt(c.england).padStart(7)} (${comparisonWords(c.indicator.polarity, c.vsEngland)})`,
          )
        for (const s of p.settings)
          out(
            `  ${s.type.label}: ${s.goodOrBetter} of ${s.count} good or better (similar areas: ${comparisonWords('higher', s.vsNeighbours)}; England: ${comparisonWords('higher', s.vsEngland)})`,
          )
      }),
    )
  profile
    .command('suggest')
    .description('every authority’s suggested rating from one year’s data, under one year’s rules')
    .requiredOption('--year <year>', 'the data year', integer)
    .option('--rules <year>', `the rules’ year (${RATING_RULE_SETS.map(s => s.year).join(', ')})`, integer)
    .option('--without <rule...>', 'switch rules off')
    .option('--json', 'print JSON')
    .action(async (o: { year: number; rules?: number; without?: string[]; json?: boolean }) =>
      withStore(async ctx => {
        const rulesYear = o.rules ?? RATING_RULE_SETS.at(-1)?.year ?? o.year
        const rows = await suggestAll(ctx, o.year, rulesYear, o.without ?? [])
        if (o.json) return json(rows)
        const rules = RATING_RULE_SETS.find(s => s.year === rulesYear)
        const scale = getFramework(rules?.framework ?? 'rating-2009').scale
        out(`Suggested ratings, to inform each inspector's judgement. ${RATING_NOTE}`)
        for (const r of rows) {
          const g = r.suggestion.grade
          out(
            `${r.authorityCode}  ${g === null ? `missing: ${r.suggestion.missing.join('; ')}` : gradeLabel(scale, g)}`,
          )
        }
      }),
    )
  profile
    .command('what-if')
    .description('which authorities’ suggested ratings change when one rule is switched off')
    .requiredOption('--data <year>', 'the data year', integer)
    .requiredOption('--rules <year>', 'the rules’ year', integer)
    .requiredOption('--without <rule>', 'the rule to switch off')
    .option('--json', 'print JSON')
    .action(async (o: { data: number; rules: number; without: string; json?: boolean }) =>
      withStore(async ctx => {
        const r = await whatIfReport(ctx, o.data, o.rules, o.without)
        if (o.json) return json(r)
        if (r.synthetic) out('SYNTHETIC DATA: generated for tests, not real')
        out(
          `Switching off ${o.without} changes ${r.rows.length} of ${r.total} suggested ratings (${o.rules} rules, ${o.data} data)`,
        )
        for (const row of r.rows) out(`  ${row.authorityCode}: ${row.withRule ?? 'none'} → ${row.without ?? 'none'}`)
      }),
    )
}
