import type { Command } from 'commander'
import { checkRules, DomainError, getFramework } from '../../domain/index.js'
import { filesIn, json, out, readReports, withStore } from '../support.js'

/** `rules check`: every rule held against published judgements. */
export function addRulesCommands(program: Command): void {
  program
    .command('rules')
    .description('the frameworks’ rules')
    .command('check [paths...]')
    .description(
      'hold every rule against published judgements: reports read from files (nothing stored), or --all published in the store',
    )
    .option('--all', 'every current published assessment in the store')
    .option('--json', 'print JSON')
    .action(async (paths: string[], o: { all?: boolean; json?: boolean }) => {
      if (!o.all && paths.length === 0) throw new DomainError('invalid', 'Name report files or folders, or use --all')
      const files = o.all ? [] : filesIn(paths)
      const assessments = await withStore(async ctx => {
        if (o.all) return ctx.store.assessments.list({ status: 'published', current: true })
        const outcomes = await readReports(ctx, { id: 'rules-check', role: 'administrator' }, files, { dryRun: true })
        return outcomes.flatMap(x => (x.ok ? [x.assessment] : []))
      })
      const checks = checkRules(assessments.map(a => ({ a, framework: getFramework(a.frameworkId) })))
      if (o.json) return json(checks)
      out(`${assessments.length} published assessments`)
      for (const c of checks)
        out(
          `${c.frameworkId}\t${c.rule}\t${c.status ?? '—'}\tfired on ${c.fired} of ${c.applied}${c.authorities.length ? `\t${c.authorities.join(' ')}` : ''}`,
        )
    })
}
