import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import type { Context } from '../app/assessments.js'
import { type JobInput, type JobView, jobsOf, stopJobs } from '../app/jobs.js'
import { loadConfig } from '../config.js'
import type { Actor } from '../domain/index.js'
import { progressBar } from '../lib/progress.js'
import type { JobFile } from '../store/jobs.js'
import { openStore } from '../store/store.js'
import { actorOf, integer, io, json, out, roleOption, setExitCode, userOption, withStore } from './support.js'

/** The queue's timings from the configuration, and supervision: this process notices jobs whose worker died. */
const workerOptions = () => ({ ...loadConfig(io().env).jobs, supervise: true })

/**
 * Submits a job and works on it in this process too (beside any other workers sharing the store), showing a
 * progress bar with its ETA while waiting; answers the job as it ended.
 */
export async function runJob(
  ctx: Context,
  actor: Actor,
  label: string,
  input: JobInput,
  files: readonly JobFile[] = [],
): Promise<JobView> {
  const jobs = await jobsOf(ctx, workerOptions())
  const run = await jobs.submit(actor, input, files)
  await jobs.work()
  const bar = progressBar(label, io().stderr)
  try {
    return await jobs.wait(actor, run.id, j => bar.tick(j.done, j.total ?? Math.max(j.done, 1)))
  } finally {
    bar.stop()
    await stopJobs(ctx.store)
  }
}

function printJob(j: JobView): void {
  out(`${j.id}\t${j.kind}\t${j.state}\t${j.total === null ? '' : `${j.done}/${j.total}`}\t${j.title}`)
}

/** `worker`, and `jobs list|show`. */
export function addJobCommands(program: Command): void {
  program
    .command('worker')
    .description(
      'take jobs from the queue (reading reports, importing data, checking rules) until stopped; several workers on several machines share one PostgreSQL store',
    )
    .option('--concurrency <n>', 'jobs of each kind at a time', integer, 1)
    .action(async (o: { concurrency: number }) => {
      const config = loadConfig(io().env)
      const store = await openStore(config.store)
      const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
      const jobs = await jobsOf(ctx, workerOptions())
      await jobs.work(o.concurrency)
      out(`Worker ${jobs.workerName} is taking jobs from ${store.description}`)
      await new Promise(resolve => {
        process.once('SIGINT', resolve)
        process.once('SIGTERM', resolve)
      })
      await stopJobs(store)
      await store.close()
    })

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
