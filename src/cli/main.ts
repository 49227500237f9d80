import { randomUUID } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { Command, CommanderError, Option } from 'commander'
import {
  addRecommendation,
  type Context,
  createAssessment,
  moveAssessment,
  readAssessment,
  recordJudgement,
  signAssessment,
  updateDetails,
} from '../app/assessments.js'
import { type IngestOptions, type IngestOutcome, ingestBatch, outcomeJson } from '../app/ingest.js'
import { jobsOf, stopJobs } from '../app/jobs.js'
import { importNeighbours } from '../app/neighbours.js'
import { exportStore, importStore, parseExport } from '../app/transfer.js'
import { addUser, updateUser } from '../app/users.js'
import { loadConfig } from '../config.js'
import {
  type Actor,
  areaTitle,
  checkRules,
  type Dates,
  type DetailsInput,
  DomainError,
  describeScale,
  evaluateRules,
  FRAMEWORKS,
  getFramework,
  IsoDate,
  inScaleWords,
  type Person,
  ROLES,
  type Role,
  STATUSES,
  type Status,
} from '../domain/index.js'
import { createLogger } from '../lib/logger.js'
import { progressBar } from '../lib/progress.js'
import { PdfPrinter } from '../render/pdf.js'
import { renderHtml, renderText } from '../render/render.js'
import { openStore } from '../store/store.js'
import { createApp } from '../web/app.js'
import { addCommentCommands } from './comments.js'
import { addEvidenceCommands } from './evidence.js'
import { addJobCommands, runJob } from './jobs.js'
import { addProfileCommands } from './profile.js'
import {
  actorOf,
  type CliIo,
  EXIT_CODES,
  inRun,
  integer,
  io,
  json,
  out,
  readInput,
  roleOption,
  setExitCode,
  userOption,
  withStore,
} from './support.js'

function printAssessment(a: Awaited<ReturnType<typeof readAssessment>>): void {
  const f = getFramework(a.frameworkId)
  out(`${a.id}  ${f.id}  ${a.authorityCode}  ${a.status}  edition ${a.edition}  version ${a.version}`)
  const person = (p: Person) => [p.name, p.title, p.organisation].filter(Boolean).join(', ')
  if (a.addressee) out(`  addressee: ${[person(a.addressee), ...a.addressLines].join(', ')}`)
  if (a.salutation) out(`  salutation: ${a.salutation}`)
  if (a.reportingInspector) out(`  reporting inspector: ${person(a.reportingInspector)}`)
  for (const s of a.signatories) out(`  signed: ${person(s)}`)
  for (const [label, text] of [
    ['summary', a.summary],
    ['about this inspection', a.about],
    ['service information', a.serviceInformation],
  ] as const)
    if (text.trim()) out(`  ${label}: ${text.trim().split(/\n\s*\n/).length} paragraph(s)`)
  if (a.numberedParagraphs) out('  paragraphs numbered')
  for (const area of f.areas) {
    const j = a.judgements.find(x => x.areaId === area.id)
    out(`  ${areaTitle(f, area.id)}: ${j?.level ? inScaleWords(f.scale, j.level) : '—'}`)
    for (const o of j?.overrides ?? []) out(`    override of ${o.rule}: ${o.rationale}`)
  }
  for (const r of a.recommendations) {
    out(`  [${r.timescaleId}${r.dueDate ? `, due ${r.dueDate}` : ''}] ${r.text}`)
    if (r.progress) out(`    progress: ${r.progress}`)
  }
  for (const finding of evaluateRules(a, f)) {
    const how = [finding.rule, finding.status, finding.blocking ? 'blocks' : 'advice'].filter(Boolean).join(', ')
    out(`  ${finding.severity} (${how}): ${finding.message}`)
    if (finding.source) out(`    source: ${finding.source}`)
  }
}

/** A repeatable option's values, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** Items as printed, one per option given; an empty one is a mistake. */
function items(values: readonly string[], option: string): string[] {
  const out = values.map(v => v.trim())
  if (out.some(v => v === '')) throw new DomainError('invalid', `${option} was given an empty text`)
  return out
}

interface DetailsOptions {
  version: number
  letterDate?: string
  published?: string
  inspectionStart?: string
  inspectionEnd?: string
  periodStart?: string
  periodEnd?: string
  addresseeName?: string
  addresseeTitle?: string
  addresseeOrganisation?: string
  addressLine?: string[]
  address?: boolean
  salutation?: string
  inspectorName?: string
  inspectorTitle?: string
  summaryFile?: string
  aboutFile?: string
  serviceInformationFile?: string
  numberedParagraphs?: boolean
  as: Role
  user?: string
  json?: boolean
}

/** The details the options change; a person's parts not given keep what the assessment holds. */
function detailsFrom(o: DetailsOptions, current: { addressee: Person | null; reportingInspector: Person | null }) {
  const input: DetailsInput = {}
  const dates: Partial<Dates> = {}
  const dateOptions = [
    ['letterDate', 'letter', '--letter-date'],
    ['published', 'published', '--published'],
    ['inspectionStart', 'inspectionStart', '--inspection-start'],
    ['inspectionEnd', 'inspectionEnd', '--inspection-end'],
    ['periodStart', 'periodStart', '--period-start'],
    ['periodEnd', 'periodEnd', '--period-end'],
  ] as const
  for (const [option, key, flag] of dateOptions) {
    const v = o[option]?.trim()
    if (v === undefined) continue
    if (v && !IsoDate.safeParse(v).success)
      throw new DomainError('invalid', `${flag} must be a real date written YYYY-MM-DD, not "${v}"`)
    dates[key] = v || null
  }
  if (Object.keys(dates).length) input.dates = dates
  const person = (
    was: Person | null,
    name: string | undefined,
    title: string | undefined,
    organisation: string | undefined,
    what: string,
  ): Person | null | undefined => {
    if (name === undefined && title === undefined && organisation === undefined) return undefined
    if (name !== undefined && !name.trim()) return null
    const n = name?.trim() ?? was?.name
    if (!n) throw new DomainError('invalid', `Give the ${what}’s name too`)
    const part = (v: string | undefined, old: string | null | undefined) =>
      v === undefined ? (old ?? null) : v.trim() || null
    return { name: n, title: part(title, was?.title), organisation: part(organisation, was?.organisation) }
  }
  const addressee = person(current.addressee, o.addresseeName, o.addresseeTitle, o.addresseeOrganisation, 'addressee')
  if (addressee !== undefined) input.addressee = addressee
  const inspector = person(current.reportingInspector, o.inspectorName, o.inspectorTitle, undefined, 'inspector')
  if (inspector !== undefined) input.reportingInspector = inspector
  if (o.addressLine && o.address === false)
    throw new DomainError('invalid', 'Give --address-line or --no-address, not both')
  if (o.addressLine) input.addressLines = items(o.addressLine, '--address-line')
  if (o.address === false) input.addressLines = []
  if (o.salutation !== undefined) input.salutation = o.salutation.trim()
  if (o.summaryFile !== undefined) input.summary = readInput(o.summaryFile, 'summary file')
  if (o.aboutFile !== undefined) input.about = readInput(o.aboutFile, '"About this inspection" file')
  if (o.serviceInformationFile !== undefined)
    input.serviceInformation = readInput(o.serviceInformationFile, 'service information file')
  if (o.numberedParagraphs !== undefined) input.numberedParagraphs = o.numberedParagraphs
  return input
}

/** The files named, and every file below the folders named, in a stable order. */
function filesIn(paths: readonly string[]): string[] {
  const files: string[] = []
  const walk = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) throw new DomainError('invalid', `No such file or folder: ${path}`)
    if (stat.isDirectory())
      for (const name of readdirSync(path).sort()) {
        if (!name.startsWith('.')) walk(join(path, name))
      }
    else if (stat.isFile()) files.push(path)
  }
  for (const p of paths) walk(p)
  return files
}

/** Reads report files in a batch, with a progress bar. */
async function readReports(
  ctx: Parameters<typeof ingestBatch>[0],
  actor: Actor,
  files: string[],
  options: IngestOptions,
): Promise<IngestOutcome[]> {
  const bar = progressBar('Reading reports', io().stderr)
  try {
    return await ingestBatch(
      ctx,
      actor,
      files,
      name => readFileSync(name),
      options,
      (_, done) => bar.tick(done, files.length),
    )
  } finally {
    bar.stop()
  }
}

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

export function buildProgram(): Command {
  const program = new Command('inspectorate')
    .description("Assessment and inspection of English local authorities' children's services")
    .showHelpAfterError()
    // Set before any subcommand is added, so that each inherits them: no process.exit, and the run's own streams.
    .exitOverride()
    .configureOutput({ writeOut: s => io().stdout.write(s), writeErr: s => io().stderr.write(s) })

  program
    .command('serve')
    .description('start the web service on the configured store (migrating it first)')
    .option('--port <port>', 'port to listen on (default: $PORT or 3000)', integer)
    .action(async (options: { port?: number }) => {
      const config = loadConfig(io().env)
      const logger = createLogger(config.LOG_LEVEL)
      const store = await openStore(config.store)
      const ctx: Context = { store, now: () => new Date(), newId: randomUUID }
      if (config.INSPECTORATE_ADMIN_EMAIL && config.INSPECTORATE_ADMIN_PASSWORD && (await store.users.count()) === 0) {
        await addUser(ctx, null, {
          email: config.INSPECTORATE_ADMIN_EMAIL,
          name: config.INSPECTORATE_ADMIN_NAME,
          role: 'administrator',
          authorityCode: null,
          password: config.INSPECTORATE_ADMIN_PASSWORD,
        })
        logger.info({ email: config.INSPECTORATE_ADMIN_EMAIL }, 'created the first administrator from the environment')
      }
      if ((await store.users.count()) === 0)
        logger.warn(
          'No users yet: add the first administrator with `inspectorate users add --role admin`, or set INSPECTORATE_ADMIN_EMAIL and INSPECTORATE_ADMIN_PASSWORD',
        )
      const printer = new PdfPrinter()
      // Long work runs here too; `inspectorate worker` adds workers that share it (on PostgreSQL).
      await (await jobsOf(ctx, { ...config.jobs, supervise: true })).work()
      // Embedded PGlite has no autovacuum: refresh the planner's statistics as the store grows.
      const analyze =
        config.store.kind === 'pglite'
          ? setInterval(() => store.analyze().catch(err => logger.warn({ err }, 'analyze failed')), 10 * 60_000)
          : undefined
      analyze?.unref()
      const port = options.port ?? config.PORT
      const server = createApp({
        store,
        logger,
        printer,
        secureCookies: config.secureCookies,
        trustProxy: config.TRUST_PROXY ?? false,
      }).listen(port, config.HOST, () =>
        logger.info({ url: `http://${config.HOST}:${port}/`, store: store.description }, 'Inspectorate is listening'),
      )
      const stop = () => {
        logger.info('stopping')
        server.close(
          () =>
            void Promise.all([printer.close(), stopJobs(store)])
              .then(() => store.close())
              .then(() => process.exit(0)),
        )
      }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })

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

  const assessment = program.command('assessment').description('create, judge and move assessments')
  assessment
    .command('create')
    .requiredOption('--framework <id>', `one of ${FRAMEWORKS.map(f => f.id).join(', ')}`)
    .requiredOption('--authority <code>', 'GSS code, e.g. E09000020')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(async (options: { framework: string; authority: string; as: Role; user?: string; json?: boolean }) =>
      withStore(async ctx => {
        const a = await createAssessment(ctx, actorOf(options), {
          frameworkId: options.framework,
          authorityCode: options.authority,
        })
        options.json ? json(a) : out(`Created ${a.id} (version ${a.version})`)
      }),
    )
  assessment
    .command('show <id>')
    .addOption(roleOption('inspector'))
    .option('--json', 'print JSON')
    .action(async (id: string, options: { as: Role; json?: boolean }) =>
      withStore(async ctx => {
        const a = await readAssessment(ctx, actorOf(options), id)
        options.json ? json({ ...a, findings: evaluateRules(a, getFramework(a.frameworkId)) }) : printAssessment(a)
      }),
    )
  assessment
    .command('list')
    .option('--authority <code>')
    .option('--framework <id>')
    .addOption(new Option('--status <status>').choices(STATUSES))
    .action(async (options: { authority?: string; framework?: string; status?: Status }) =>
      withStore(async ({ store }) => {
        const list = await store.assessments.list({
          ...(options.authority ? { authorityCode: options.authority } : {}),
          ...(options.framework ? { frameworkId: options.framework } : {}),
          ...(options.status ? { status: options.status } : {}),
        })
        for (const a of list) out(`${a.id}  ${a.frameworkId}  ${a.authorityCode}  ${a.status}  v${a.version}`)
      }),
    )
  assessment
    .command('judge <id>')
    .description('record the grade (on the framework’s scale) and narrative of one area')
    .requiredOption('--version <n>', 'the version you read (a stale write is refused)', integer)
    .requiredOption('--area <id>', 'judgement area id (see `inspectorate frameworks --json`)')
    .option('--grade <n>', 'grade as printed on the framework’s scale', integer)
    .option('--narrative <text>')
    .option('--narrative-file <file>', 'the narrative, from a file (paragraphs separated by blank lines)')
    .option('--strength <text>', 'a strength, as printed (repeat for each; replaces those recorded)', collect)
    .option(
      '--area-for-development <text>',
      'an area for development, as printed (repeat for each; replaces those recorded)',
      collect,
    )
    .option('--override <rationale>', 'record a professional override of one rule’s finding, with its rationale')
    .option('--rule <id>', 'the rule whose finding the override answers (as `assessment show` lists it)')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(
      async (
        id: string,
        o: {
          version: number
          area: string
          grade?: number
          narrative?: string
          narrativeFile?: string
          strength?: string[]
          areaForDevelopment?: string[]
          override?: string
          rule?: string
          as: Role
          user?: string
        },
      ) =>
        withStore(async ctx => {
          if ((o.override === undefined) !== (o.rule === undefined))
            throw new DomainError('invalid', 'An override answers one rule’s finding: give both --override and --rule')
          if (o.narrative !== undefined && o.narrativeFile !== undefined)
            throw new DomainError('invalid', 'Give the narrative once: --narrative or --narrative-file')
          const narrative = o.narrativeFile !== undefined ? readInput(o.narrativeFile, 'narrative file') : o.narrative
          const a = await recordJudgement(ctx, actorOf(o), id, o.version, {
            areaId: o.area,
            ...(o.grade !== undefined ? { grade: o.grade } : {}),
            ...(narrative !== undefined ? { narrative } : {}),
            ...(o.strength ? { strengths: items(o.strength, '--strength') } : {}),
            ...(o.areaForDevelopment
              ? { areasForDevelopment: items(o.areaForDevelopment, '--area-for-development') }
              : {}),
            ...(o.override !== undefined && o.rule !== undefined
              ? { overrides: [{ rule: o.rule, rationale: o.override }] }
              : {}),
          })
          out(`Recorded; ${a.id} is now at version ${a.version}`)
        }),
    )
  assessment
    .command('recommend <id>')
    .requiredOption('--version <n>', 'the version you read', integer)
    .requiredOption('--timescale <id>', 'e.g. immediately, within-three-months, within-six-months')
    .requiredOption('--text <text>')
    .option('--area <id>', 'the judgement area it belongs to')
    .option(
      '--progress <text>',
      'the progress made on it, where the letter prints progress (an earlier recommendation)',
    )
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(
      async (
        id: string,
        o: {
          version: number
          timescale: string
          text: string
          area?: string
          progress?: string
          as: Role
          user?: string
        },
      ) =>
        withStore(async ctx => {
          const a = await addRecommendation(ctx, actorOf(o), id, o.version, {
            areaId: o.area ?? null,
            text: o.text,
            timescaleId: o.timescale,
            progress: o.progress ?? null,
          })
          out(`Added; ${a.id} is now at version ${a.version}`)
        }),
    )
  assessment
    .command('details <id>')
    .description('write the letter’s or report’s details: dates, addressee and address, salutation, people, sections')
    .requiredOption('--version <n>', 'the version you read', integer)
    .option('--letter-date <date>', 'the date of the letter, YYYY-MM-DD ("" clears it)')
    .option('--published <date>', 'the date of publication, YYYY-MM-DD')
    .option('--inspection-start <date>', 'the first day of the inspection, YYYY-MM-DD')
    .option('--inspection-end <date>', 'the last day of the inspection, YYYY-MM-DD')
    .option('--period-start <date>', 'the start of the period assessed, YYYY-MM-DD')
    .option('--period-end <date>', 'the end of the period assessed, YYYY-MM-DD')
    .option(
      '--addressee-name <name>',
      'the addressee’s name as printed ("Mrs Anne Marie Carrie"; "" removes the addressee)',
    )
    .option('--addressee-title <title>', 'the addressee’s title as printed')
    .option('--addressee-organisation <name>', 'the addressee’s organisation as printed')
    .option(
      '--address-line <line>',
      'a line of the address below the organisation (repeat for each, in order)',
      collect,
    )
    .option('--no-address', 'remove the address lines')
    .option('--salutation <text>', 'as the letter prints it: "Dear Ms Carrie" ("" for none)')
    .option('--inspector-name <name>', 'the reporting inspector’s name ("" removes the inspector)')
    .option('--inspector-title <title>', 'the reporting inspector’s title as printed after the name, e.g. HMI')
    .option('--summary-file <file>', 'the summary, from a file (paragraphs separated by blank lines)')
    .option('--about-file <file>', '"About this inspection", from a file (paragraphs separated by blank lines)')
    .option(
      '--service-information-file <file>',
      '"Service information", from a file (paragraphs separated by blank lines)',
    )
    .option('--numbered-paragraphs', 'number the report’s paragraphs 1., 2., … through it')
    .option('--no-numbered-paragraphs', 'print its paragraphs without numbers')
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .option('--json', 'print JSON')
    .action(async (id: string, o: DetailsOptions) =>
      withStore(async ctx => {
        const actor = actorOf(o)
        const current = await readAssessment(ctx, actor, id)
        const a = await updateDetails(ctx, actor, id, o.version, detailsFrom(o, current))
        o.json ? json(a) : out(`Saved; ${a.id} is now at version ${a.version}`)
      }),
    )
  assessment
    .command('sign <id>')
    .description('sign the letter or report as a quality assurer: your name, title and organisation as printed')
    .requiredOption('--version <n>', 'the version you read', integer)
    .requiredOption('--name <name>', 'your name as printed under your signature')
    .option('--title <title>', 'your title as printed under your name, e.g. "Divisional Manager"')
    .option('--organisation <name>', 'your organisation as printed under your title')
    .addOption(roleOption('quality-assurer'))
    .addOption(userOption())
    .action(
      async (
        id: string,
        o: { version: number; name: string; title?: string; organisation?: string; as: Role; user?: string },
      ) =>
        withStore(async ctx => {
          if (!o.name.trim()) throw new DomainError('invalid', 'Give the name printed under the signature: --name')
          const a = await signAssessment(ctx, actorOf(o), id, o.version, {
            name: o.name.trim(),
            title: o.title?.trim() || null,
            organisation: o.organisation?.trim() || null,
          })
          out(`Signed; ${a.id} is now at version ${a.version}`)
        }),
    )
  assessment
    .command('move <id>')
    .requiredOption('--version <n>', 'the version you read', integer)
    .addOption(new Option('--to <status>').choices(STATUSES).makeOptionMandatory())
    .addOption(roleOption('inspector'))
    .addOption(userOption())
    .action(async (id: string, o: { version: number; to: Status; as: Role; user?: string }) =>
      withStore(async ctx => {
        const a = await moveAssessment(ctx, actorOf(o), id, o.version, o.to)
        out(`${a.id} is now ${a.status} (version ${a.version})`)
      }),
    )
  addProfileCommands(program)
  addJobCommands(program)
  addEvidenceCommands(program)
  addCommentCommands(program)

  const users = program.command('users').description('people who sign in, and their roles')
  users
    .command('add')
    .description(
      'add a user; the password is read from standard input (piped) or asked for. The first user must be an administrator',
    )
    .requiredOption('--email <email>', 'their email address, which they sign in with')
    .requiredOption('--name <name>', 'their name')
    .addOption(
      new Option('--role <role>', 'inspector, quality-assurer, authority-officer or admin(istrator)')
        .choices([...ROLES, 'admin'])
        .makeOptionMandatory(),
    )
    .option('--authority <code>', 'the GSS code of an authority officer’s authority')
    .action(async (o: { email: string; name: string; role: string; authority?: string }) => {
      const password = await readPassword()
      await withStore(async ctx => {
        const first = (await ctx.store.users.count()) === 0
        const u = await addUser(ctx, first ? null : { id: `cli:${userInfo().username}`, role: 'administrator' }, {
          email: o.email,
          name: o.name,
          role: o.role === 'admin' ? 'administrator' : o.role,
          authorityCode: o.authority ?? null,
          password,
        })
        out(`Added ${u.email} (${u.role}${u.authorityCode ? `, ${u.authorityCode}` : ''}) as ${u.id}`)
      })
    })
  users
    .command('list')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) =>
      withStore(async ctx => {
        const list = await ctx.store.users.list()
        if (o.json) return json(list)
        for (const u of list)
          out(
            `${u.id}  ${u.email}  ${u.role}${u.authorityCode ? ` ${u.authorityCode}` : ''}${u.active ? '' : '  (deactivated)'}`,
          )
      }),
    )
  users
    .command('deactivate <id>')
    .description('stop a user signing in, and end their sessions')
    .action(async (id: string) =>
      withStore(async ctx => {
        const u = await updateUser(ctx, { id: `cli:${userInfo().username}`, role: 'administrator' }, id, {
          active: false,
        })
        out(`${u.email} can no longer sign in`)
      }),
    )
  return program
}

/** A password from standard input when it is piped; otherwise asked for twice, without echo. */
async function readPassword(): Promise<string> {
  const { stdin, stderr } = io()
  if (!stdin.isTTY) {
    let text = ''
    for await (const chunk of stdin) text += String(chunk)
    return text.replace(/\r?\n$/, '')
  }
  const { createInterface } = await import('node:readline/promises')
  const ask = async (prompt: string) => {
    const rl = createInterface({ input: stdin, output: stderr, terminal: true })
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput
    ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) =>
      write.call(rl, s.startsWith(prompt) ? prompt : '')
    const answer = await rl.question(prompt)
    rl.close()
    stderr.write('\n')
    return answer
  }
  const first = await ask('Password: ')
  if ((await ask('Password again: ')) !== first) throw new Error('The passwords do not match')
  return first
}

/**
 * Runs the command line (argv as process.argv gives it) on these streams and environment, and answers its exit code;
 * it never exits the process. Domain errors become a message and a non-zero exit code, never a stack trace.
 */
export async function run(argv: string[], streams: CliIo): Promise<number> {
  return inRun(streams, async () => {
    const stderr = io().stderr
    try {
      await buildProgram().parseAsync(argv)
    } catch (e) {
      if (e instanceof CommanderError) {
        // Commander has printed its message (or the help) already.
        setExitCode(e.exitCode)
      } else if (e instanceof DomainError) {
        stderr.write(`Error: ${e.message}\n`)
        const problems = 'problems' in e && Array.isArray(e.problems) ? (e.problems as string[]) : []
        for (const p of problems.filter(p => p !== e.message)) stderr.write(`  - ${p}\n`)
        setExitCode(EXIT_CODES[e.code])
      } else {
        stderr.write(`Error: ${(e as Error).message}\n`)
        setExitCode(1)
      }
    }
  })
}

/** Runs the command line in this process, on its own streams. */
export async function main(argv: string[]): Promise<void> {
  process.exitCode = await run(argv, io())
}
