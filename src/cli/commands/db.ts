import type { Command } from 'commander'
import { out, withStore } from '../support.js'

/** `db migrate`. */
export function addDbCommands(program: Command): void {
  program
    .command('db')
    .description('database maintenance')
    .command('migrate')
    .description('apply pending migrations')
    .action(async () =>
      withStore(async ({ store }) => {
        const applied = store.migrationsApplied
        out(`${store.description}: up to date${applied.length ? ` (applied ${applied.join(', ')})` : ''}`)
      }),
    )
}
