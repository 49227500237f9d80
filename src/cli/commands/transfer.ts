import { writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { exportStore, importStore, parseExport } from '../../app/transfer.js'
import { progressBar } from '../../lib/progress.js'
import { io, out, readInput, withStore } from '../support.js'

/** `export` and `import`: the whole store as one JSON file. */
export function addTransferCommands(program: Command): void {
  program
    .command('export')
    .description('write the whole store as one JSON file')
    .requiredOption('--out <file>', 'file to write')
    .action(async (options: { out: string }) =>
      withStore(async ({ store }) => {
        const data = await exportStore(store)
        writeFileSync(options.out, `${JSON.stringify(data, null, 2)}\n`)
        out(`Exported ${data.assessments.length} assessments and ${data.audit.length} audit entries to ${options.out}`)
      }),
    )

  program
    .command('import <file>')
    .description('load an export into an empty store (all of it, or nothing)')
    .action(async (file: string) => {
      const data = parseExport(readInput(file, 'import file'))
      await withStore(async ({ store }) => {
        const bar = progressBar('Importing assessments', io().stderr)
        try {
          await importStore(store, data, (done, total) => bar.tick(done, total))
        } finally {
          bar.stop()
        }
        out(`Imported ${data.assessments.length} assessments and ${data.audit.length} audit entries`)
      })
    })
}
