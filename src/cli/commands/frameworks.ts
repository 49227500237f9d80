import type { Command } from 'commander'
import { areaTitle, describeScale, FRAMEWORKS } from '../../domain/index.js'
import { json, out } from '../support.js'

/** `frameworks`: the frameworks as data. */
export function addFrameworksCommand(program: Command): void {
  program
    .command('frameworks')
    .description('list the frameworks with their scales and judgement areas')
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) return json(FRAMEWORKS)
      for (const f of FRAMEWORKS) {
        out(`${f.id}  ${f.name} (${f.year})`)
        out(`  scale: ${describeScale(f.scale)}`)
        for (const area of f.areas)
          out(
            `  - ${areaTitle(f, area.id)}${area.grade === 'number' ? '' : area.grade === 'narrative' ? ' [judged in words]' : ' [not graded]'}`,
          )
        out(`  timescales: ${f.timescales.map(t => t.label).join('; ')}`)
      }
    })
}
