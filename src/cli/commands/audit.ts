import type { Command } from 'commander'
import { io, out, setExitCode, withStore } from '../support.js'

/** `audit verify`. */
export function addAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('check the audit log’s hash chain; names the first entry that does not match')
    .action(async () =>
      withStore(async ({ store }) => {
        const r = await store.audit.verify()
        if (r.firstBad) {
          io().stderr.write(
            `Audit entry ${r.firstBad.id} does not match: ${r.firstBad.reason}. ${r.chained} entries before it are intact.\n`,
          )
          setExitCode(7)
          return
        }
        out(
          `The audit log is intact: ${r.chained} chained entries${r.entries > r.chained ? `, and ${r.entries - r.chained} written before the chain began` : ''}`,
        )
      }),
    )
}
