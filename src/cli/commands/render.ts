import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Command, Option } from 'commander'
import { readAssessment } from '../../app/assessments.js'
import { DomainError, getFramework, type Role } from '../../domain/index.js'
import { progressBar } from '../../lib/progress.js'
import { PdfPrinter } from '../../render/pdf.js'
import { renderHtml, renderText } from '../../render/render.js'
import { actorOf, io, out, roleOption, withStore } from '../support.js'

/** `render`: an assessment as its published letter or report. */
export function addRenderCommand(program: Command): void {
  program
    .command('render [id]')
    .description('write an assessment as its published letter or report: HTML, PDF or text')
    .addOption(new Option('--format <format>').choices(['html', 'pdf', 'text']).default('html'))
    .requiredOption('--out <path>', 'the file to write (with --all, the folder)')
    .option('--all', 'every published assessment, one file each, into the folder --out')
    .addOption(roleOption('inspector'))
    .action(
      async (id: string | undefined, o: { format: 'html' | 'pdf' | 'text'; out: string; all?: boolean; as: Role }) => {
        if (!id && !o.all) throw new DomainError('invalid', 'Name an assessment id, or use --all')
        const printer = new PdfPrinter()
        try {
          await withStore(async ctx => {
            const assessments = o.all
              ? await ctx.store.assessments.list({ status: 'published' })
              : [await readAssessment(ctx, actorOf(o), id as string)]
            const names = new Map((await ctx.store.authorities.list()).map(a => [a.code, a.name]))
            if (o.all) mkdirSync(o.out, { recursive: true })
            const bar = progressBar('Rendering', io().stderr)
            try {
              for (const [i, a] of assessments.entries()) {
                const f = getFramework(a.frameworkId)
                const name = names.get(a.authorityCode) ?? a.authorityCode
                const body =
                  o.format === 'text'
                    ? renderText(a, f, name)
                    : o.format === 'html'
                      ? renderHtml(a, f, name)
                      : await printer.print(renderHtml(a, f, name))
                const file = o.all
                  ? join(o.out, `${a.authorityCode}-${a.frameworkId}-${a.id}.${o.format === 'text' ? 'txt' : o.format}`)
                  : o.out
                writeFileSync(file, body)
                bar.tick(i + 1, assessments.length)
              }
            } finally {
              bar.stop()
            }
            out(`Wrote ${assessments.length} ${o.format.toUpperCase()} file(s) to ${o.out}`)
          })
        } finally {
          await printer.close()
        }
      },
    )
}
