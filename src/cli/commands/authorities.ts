import type { Command } from 'commander'
import { importNeighbours } from '../../app/neighbours.js'
import { actorOf, json, out, readInput, userOption, withStore } from '../support.js'

/** `authorities list|import-neighbours`. */
export function addAuthoritiesCommands(program: Command): void {
  const authorities = program.command('authorities').description('the reference list of local authorities')
  authorities
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) =>
      withStore(async ({ store }) => {
        const list = await store.authorities.list()
        if (options.json) return json(list)
        for (const a of list)
          out(`${a.code}  ${a.laCode}  ${a.name}  (${a.type}, ${a.region})${a.validTo ? `  until ${a.validTo}` : ''}`)
      }),
    )
  authorities
    .command('import-neighbours <file>')
    .description('replace statistical neighbours from a CSV with columns la_code_new and stat_neighbours_la_code')
    .option('--skip-bad-rows', 'import the good rows of a file that has bad ones')
    .option('--dry-run', 'check the file and store nothing')
    .addOption(userOption())
    .action(async (file: string, options: { skipBadRows?: boolean; dryRun?: boolean; user?: string }) =>
      withStore(async ctx => {
        const result = await importNeighbours(
          ctx,
          actorOf({ ...options, as: 'administrator' }),
          readInput(file, 'neighbours file'),
          options,
        )
        for (const note of result.notes) out(`note: ${note}`)
        for (const e of result.errors) out(`skipped: ${e}`)
        if (result.empty.length) out(`no neighbours listed for: ${result.empty.join(', ')}`)
        out(`${options.dryRun ? 'Would import' : 'Imported'} neighbours for ${result.imported} authorities`)
      }),
    )
}
