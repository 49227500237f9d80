import type { Command } from 'commander'
import { type JobInput, type JobView, jobsOf, stopJobs } from '../../app/jobs.js'
import type { Actor } from '../../domain/index.js'
import { actorOf, json, out, roleOption, runJob, setExitCode, userOption, withStore } from '../support.js'

function printJob(j: JobView): void {
  out(`${j.id}\t${j.kind}\t${j.state}\t${j.total === null ? '' : `${j.done}/${j.total}`}\t${j.title}`)
}

/** `jobs list|print|show`. */
export function addJobCommands(program: Command): void {
  const jobs = program.command('jobs').description('long work run in the background: its state, progress and result')
  jobs
    .command('list')
    .description('jobs, newest first: your own (an administrator’s: everyone’s)')
    .option('--json', 'print JSON')
    .addOption(roleOption('administrator'))
    .addOption(userOption())
    .action(async (o: { json?: boolean; as: Actor['role']; user?: string }) =>
      withStore(async ctx => {
        const list = await (await jobsOf(ctx)).list(actorOf(o))
        await stopJobs(ctx.store)
        if (o.json) return json(list)
        if (list.length === 0) out('No jobs')
        for (const j of list) printJob(j)
      }),
    )
  jobs
    .command('print [ids...]')
    .description('print published reports as PDF and keep them (every current one lacking a PDF, or those named)')
    .addOption(roleOption('administrator'))
    .addOption(userOption())
    .action(async (ids: string[], o: { as: Actor['role']; user?: string }) =>
      withStore(async ctx => {
        const input: JobInput = { kind: 'print', ...(ids.length ? { assessmentIds: ids } : {}) }
        const j = await runJob(ctx, actorOf(o), 'Printing', input)
        printJob(j)
        if (j.state !== 'completed') {
          out(`Failed: ${j.error}`)
          setExitCode(2)
        } else out(JSON.stringify(j.result))
      }),
    )
  jobs
    .command('show <id>')
    .description('one job: its state, progress, log and result')
    .option('--json', 'print JSON')
    .addOption(roleOption('administrator'))
    .addOption(userOption())
    .action(async (id: string, o: { json?: boolean; as: Actor['role']; user?: string }) =>
      withStore(async ctx => {
        const j = await (await jobsOf(ctx)).view(actorOf(o), id)
        await stopJobs(ctx.store)
        if (o.json) return json(j)
        printJob(j)
        if (j.workers.length) out(`Worked on by ${j.workers.join(', ')}; tried again ${j.retries} times`)
        if (j.error) out(`Failed: ${j.error}`)
        for (const l of j.log) out(`${l.at}\t${l.message}`)
        if (j.result !== null) out(JSON.stringify(j.result, null, 2))
      }),
    )
}
