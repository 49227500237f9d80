import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { type IngestOutcome, outcomeJson } from '../../app/ingest.js'
import { DomainError, type Role } from '../../domain/index.js'
import {
  actorOf,
  filesIn,
  json,
  out,
  readReports,
  roleOption,
  runJob,
  setExitCode,
  userOption,
  withStore,
} from '../support.js'

function summaryRow(o: IngestOutcome): string {
  if (!o.ok) return `${o.file}\tERROR: ${o.error}`
  const a = o.assessment
  const authority = o.extraction.authority?.name ?? '?'
  const warnings = o.findings.filter(f => f.severity !== 'info').length
  return [
    o.file,
    o.status,
    a.status === 'published' ? 'published' : 'awaiting verification',
    authority,
    a.frameworkId,
    a.dates.letter ?? a.dates.published ?? '—',
    `${a.judgements.filter(j => j.grade !== null).length} judgements`,
    `${a.recommendations.length} recommendations`,
    `${warnings} findings`,
  ].join('\t')
}

/** `ingest`: published reports read into assessments. */
export function addIngestCommand(program: Command): void {
  program
    .command('ingest <paths...>')
    .description('read published reports (text, HTML or PDF files, or folders of them) into assessments')
    .option('--dry-run', 'read and report, store nothing')
    .option('--json', 'print one JSON array, an entry per file')
    .option(
      '--publish',
      'a trusted import by an administrator: publish at once, without a quality assurer verifying each report (audited as such)',
    )
    .option(
      '--source-url <url>',
      'where the one file came from (Ofsted’s address of the report), kept with its original',
    )
    .option('--job', 'read them as a job on the queue, which other workers share, with a progress bar and its ETA')
    .addOption(roleOption('administrator'))
    .addOption(userOption())
    .action(
      async (
        paths: string[],
        o: {
          dryRun?: boolean
          json?: boolean
          publish?: boolean
          sourceUrl?: string
          job?: boolean
          as: Role
          user?: string
        },
      ) => {
        const files = filesIn(paths)
        if (o.sourceUrl !== undefined) {
          if (files.length !== 1)
            throw new DomainError('invalid', '--source-url names where one file came from: give one file')
          if (!/^https?:\/\/[^\s/]+\.[^\s]+$/.test(o.sourceUrl))
            throw new DomainError('invalid', `--source-url must be an http or https address, not "${o.sourceUrl}"`)
        }
        if (o.job) {
          if (o.dryRun) throw new DomainError('invalid', 'A job stores what it reads: leave out --dry-run, or --job')
          const job = await withStore(ctx =>
            runJob(
              ctx,
              actorOf(o),
              'Reading reports',
              { kind: 'ingest', publish: o.publish ?? false },
              files.map(name => ({ name, bytes: readFileSync(name), sourceUrl: o.sourceUrl ?? null })),
            ),
          )
          const result = job.result as { outcomes: { file: string; status: string; error?: string }[] } | null
          if (o.json) json(job)
          else for (const r of result?.outcomes ?? []) out(`${r.file}\t${r.error ? `ERROR: ${r.error}` : r.status}`)
          if (job.state !== 'completed' || result?.outcomes.some(r => r.error)) setExitCode(2)
          return
        }
        const outcomes = await withStore(ctx =>
          readReports(ctx, actorOf(o), files, {
            dryRun: o.dryRun ?? false,
            publish: o.publish ?? false,
            sourceUrl: o.sourceUrl ?? null,
          }),
        )
        if (o.json) json(outcomes.map(outcomeJson))
        else for (const row of outcomes) out(summaryRow(row))
        if (outcomes.some(x => !x.ok)) setExitCode(2)
      },
    )
}
