import { hostname } from 'node:os'
import type PgBoss from 'pg-boss'
import {
  type Actor,
  checkRules,
  ForbiddenError,
  getFramework,
  isAdministrator,
  mayPublishOnImport,
  maySeeJob,
  maySubmitJob,
  NotFoundError,
  ValidationError,
} from '../domain/index.js'
import { readDocument } from '../ingest/read.js'
import { PdfPrinter } from '../render/pdf.js'
import { renderHtml } from '../render/render.js'
import type { JobFile, JobRun } from '../store/jobs.js'
import {
  type ActiveJob,
  activeJobs,
  boss,
  holdLiveness,
  JOB_KINDS,
  type JobKind,
  type Liveness,
  LONGEST_EXPIRY_SECONDS,
  type QueueTimings,
} from '../store/queue.js'
import type { Store } from '../store/store.js'
import type { Context } from './assessments.js'
import { type DataKind, importData } from './data-import.js'
import { ingestBatch } from './ingest.js'

export { JOB_KINDS, type JobKind } from '../store/queue.js'

/** What a job is asked to do, by kind; files travel in the store beside it. */
export type JobInput =
  | { kind: 'ingest'; publish: boolean }
  | { kind: 'data-import'; kinds: DataKind[] }
  | { kind: 'rules-check' }
  | { kind: 'read' }
  /** Prints these published assessments (or every current one) as PDF and keeps them, once each. */
  | { kind: 'print'; assessmentIds?: string[] }

/** A job as its pages show it: the queue's state with what the service keeps beside it. */
export interface JobView extends JobRun {
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed' | 'unknown'
  retries: number
  startedAt: string | null
  finishedAt: string | null
  result: unknown
  error: string | null
}

const FINISHED = new Set(['completed', 'cancelled', 'failed'])
export const isFinished = (j: Pick<JobView, 'state'>) => FINISHED.has(j.state)

interface Work {
  ctx: Context
  actor: Actor
  run: JobRun
  /** Chromium, started when a job first prints. */
  printer(): PdfPrinter
  progress(done: number, total: number | null): Promise<void>
  log(message: string): Promise<void>
}

/** Each kind's work. Every step stores whole or not at all, so a job retried after its worker died repeats safely. */
const HANDLERS: { [K in JobKind]: (w: Work, input: Extract<JobInput, { kind: K }>) => Promise<unknown> } = {
  async ingest(w, input) {
    const names = await w.ctx.store.jobs.fileNames(w.run.id)
    await w.progress(0, names.length)
    const outcomes = await ingestBatch(
      w.ctx,
      w.actor,
      names,
      async (_name, i) => (await w.ctx.store.jobs.file(w.run.id, i)).bytes,
      { publish: input.publish },
      async (o, done) => {
        if (!o.ok) await w.log(`${o.file}: ${o.error}`)
        await w.progress(done, names.length)
      },
    )
    const count = (status: string) => outcomes.filter(o => o.ok && o.status === status).length
    return {
      files: outcomes.length,
      created: count('created'),
      updated: count('updated'),
      corrections: count('correction'),
      unchanged: count('unchanged'),
      failed: outcomes.filter(o => !o.ok).length,
      outcomes: outcomes.map(o =>
        o.ok
          ? { file: o.file, status: o.status, assessmentId: o.assessment.id }
          : { file: o.file, status: 'error', error: o.error },
      ),
    }
  },
  async 'data-import'(w, input) {
    const results = []
    await w.progress(0, input.kinds.length)
    for (const [i, kind] of input.kinds.entries()) {
      const file = await w.ctx.store.jobs.file(w.run.id, i)
      const r = await importData(w.ctx, w.actor, kind, Buffer.from(file.bytes).toString('utf8'), {
        fileName: file.name,
      })
      await w.log(`${file.name}: ${r.imported.toLocaleString('en-GB')} rows of ${kind} imported`)
      results.push({ file: file.name, kind, imported: r.imported, replaced: r.replaced, errors: r.errors.slice(0, 20) })
      await w.progress(i + 1, input.kinds.length)
      if (r.errors.length) throw new ValidationError(`${file.name}: ${r.errors.slice(0, 3).join('; ')}`)
    }
    await w.ctx.store.analyze()
    return { files: results }
  },
  /** Reads an uploaded report without storing anything: its text, for a person to review before saving. */
  async read(w) {
    const file = await w.ctx.store.jobs.file(w.run.id, 0)
    await w.progress(0, 1)
    const read = await readDocument(file.name, file.bytes)
    await w.progress(1, 1)
    if (!read.ok) await w.log(`${file.name}: ${read.error}`)
    return { read }
  },
  async print(w, input) {
    const { store } = w.ctx
    const ids =
      input.assessmentIds ?? (await store.assessments.list({ status: 'published', current: true })).map(a => a.id)
    const held = await store.reportPdfs.held(ids)
    const counts = { printed: 0, alreadyKept: 0, notPublished: 0 }
    await w.progress(0, ids.length)
    for (const [i, id] of ids.entries()) {
      const a = await store.assessments.get(id)
      if (a.status !== 'published') counts.notPublished++
      else if (held.has(`${a.id}:${a.version}`)) counts.alreadyKept++
      else {
        const name = (await store.authorities.get(a.authorityCode))?.name ?? a.authorityCode
        const pdf = await w.printer().print(renderHtml(a, getFramework(a.frameworkId), name))
        await store.reportPdfs.keep(a.id, a.version, pdf, w.ctx.now())
        counts.printed++
      }
      await w.progress(i + 1, ids.length)
    }
    return counts
  },
  async 'rules-check'(w) {
    const assessments = await w.ctx.store.assessments.list({ status: 'published', current: true })
    await w.progress(0, assessments.length)
    const checks = checkRules(assessments.map(a => ({ a, framework: getFramework(a.frameworkId) })))
    await w.progress(assessments.length, assessments.length)
    return { assessments: assessments.length, checks }
  },
}

const TITLES: { [K in JobKind]: (files: readonly JobFile[]) => string } = {
  ingest: f => `Read ${f.length === 1 ? (f[0]?.name ?? 'a report') : `${f.length} reports`}`,
  'data-import': f => `Import ${f.length} data file${f.length === 1 ? '' : 's'}`,
  'rules-check': () => 'Hold every rule against the published record',
  read: f => `Read ${f[0]?.name ?? 'a report'} for review`,
  print: () => 'Print published reports as PDF',
}

const attemptOf = (job: Pick<ActiveJob, 'id' | 'retryCount'>) => `${job.id}:${job.retryCount}`

/** How long an active job's worker may take to say who it is (its first step) before it is taken to have died. */
export const UNNAMED_WORKER_SECONDS = 60
/** How many looks for stopped workers pg-boss may take to record an ended attempt's outcome before it is lost. */
const OUTCOME_LOOKS = 6

/**
 * The queue of long work: pg-boss over the store. Any process may submit; a process that works takes jobs from
 * every kind's queue, and several processes against one PostgreSQL share them. A worker holds its liveness (a
 * session lock, store/queue.ts) while it works, and every working process looks every few seconds for active jobs
 * whose worker's liveness has gone: such a job is failed, so pg-boss retries it under its queue's retry limit. Expiry
 * (a day, unless set) is only the last resort, so a long job is never retried while its worker lives.
 */
export class Jobs {
  private constructor(
    private readonly ctx: Context,
    private readonly queue: PgBoss,
    private readonly timings: QueueTimings,
    readonly workerName: string,
  ) {}

  private liveness: Promise<Liveness> | undefined
  /** The next look for stopped workers' jobs, and the look under way; both unset once stopped. */
  private reaper: NodeJS.Timeout | undefined
  private reaping: Promise<void> | undefined
  private stopped = false
  /**
   * The attempts (job and retry count) this instance has started, until pg-boss no longer holds them active: null
   * while running, then when they ended. One still held active well after it ended had its outcome lost (the store
   * went away as pg-boss wrote it), and is failed like a stopped worker's, to be tried again.
   */
  private readonly attempts = new Map<string, number | null>()

  private chromium: PdfPrinter | undefined
  private readonly printer = () => {
    this.chromium ??= new PdfPrinter()
    return this.chromium
  }

  static async open(
    ctx: Context,
    options: QueueTimings & { supervise?: boolean; workerName?: string } = {},
  ): Promise<Jobs> {
    const queue = await boss(ctx.store.db, {
      migrate: false,
      supervise: options.supervise ?? false,
      ...(options.maintenanceIntervalSeconds ? { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds } : {}),
    })
    queue.on('error', () => {})
    await queue.start()
    return new Jobs(ctx, queue, options, options.workerName ?? `${hostname()}:${process.pid}`)
  }

  /** Stores the job's record and files, then queues it; refused before anything is stored if the actor may not. */
  async submit(
    actor: Actor,
    input: JobInput,
    files: readonly JobFile[] = [],
    options: { id?: string } = {},
  ): Promise<JobRun> {
    if (!maySubmitJob(actor, input.kind)) throw new ForbiddenError(`A ${actor.role} may not start this kind of job`)
    if ((input.kind === 'ingest' || input.kind === 'read') && files.length === 0)
      throw new ValidationError('Give at least one file to read')
    if (input.kind === 'read' && files.length !== 1) throw new ValidationError('A reading for review is of one file')
    if (input.kind === 'ingest' && input.publish && !mayPublishOnImport(actor))
      throw new ForbiddenError('Only an administrator’s trusted import publishes at once')
    if (input.kind === 'data-import' && input.kinds.length !== files.length)
      throw new ValidationError('Give one kind of data for each file')
    const id = options.id ?? this.ctx.newId()
    const run = {
      id,
      kind: input.kind,
      title: TITLES[input.kind](files),
      submittedBy: actor,
      submittedAt: this.ctx.now().toISOString(),
      total: input.kind === 'rules-check' || input.kind === 'print' ? null : files.length,
    }
    await this.ctx.store.transaction(async tx => {
      await tx.jobs.create(run, files)
      await tx.audit.append(actor, this.ctx.now(), {
        action: 'job.submit',
        entity: 'job',
        entityId: id,
        before: null,
        after: { kind: input.kind, title: run.title, files: files.map(f => f.name) },
      })
    })
    await this.queue.send(input.kind, input, {
      id,
      retryLimit: 2,
      expireInSeconds: Math.min(this.timings.expireInSeconds ?? LONGEST_EXPIRY_SECONDS, LONGEST_EXPIRY_SECONDS),
    })
    return (await this.ctx.store.jobs.get(id)) as JobRun
  }

  /**
   * Takes jobs of every kind, `concurrency` at a time per kind, until stopped, holding this worker's liveness; first
   * fails (to be retried) the active jobs of workers that have stopped, such as this store's last process if it died.
   */
  async work(concurrency = 1): Promise<void> {
    this.liveness ??= holdLiveness(this.ctx.store.db, this.workerName)
    await this.liveness
    if (!this.reaping) {
      this.reaping = this.reap()
      await this.reaping
    }
    for (const kind of JOB_KINDS)
      for (let i = 0; i < concurrency; i++)
        await this.queue.work<JobInput>(
          kind,
          { batchSize: 1, pollingIntervalSeconds: this.timings.pollingIntervalSeconds ?? 2, includeMetadata: true },
          async ([job]) => (job ? this.perform(job, job.data) : undefined),
        )
  }

  /**
   * This worker's liveness, taken again on a new connection when the one it was held on has gone (the server
   * restarted, say): until then other workers take this one to have stopped, and it cannot tell whether they have.
   */
  private async held(): Promise<Liveness> {
    const current = await this.liveness?.catch(() => undefined)
    const answers = await current?.confirm().then(
      () => true,
      () => false,
    )
    if (current && answers) return current
    // Let go without waiting: on a connection that does not answer, letting go would wait as long.
    void current?.release()
    this.liveness = holdLiveness(this.ctx.store.db, this.workerName)
    this.liveness.catch(() => {})
    return this.liveness
  }

  /** How often this process looks for stopped workers' jobs. */
  private get lookMs(): number {
    return (this.timings.livenessIntervalSeconds ?? 5) * 1000
  }

  /** Fails every active job whose worker has stopped, then looks again in a few seconds (until stopped). */
  private async reap(): Promise<void> {
    const { store } = this.ctx
    try {
      const liveness = await this.held()
      const before = [...this.attempts.keys()]
      const active = await activeJobs(store.db)
      const held = new Set(active.map(attemptOf))
      for (const a of before) if (!held.has(a)) this.attempts.delete(a)
      for (const job of active) {
        const worker = job.workers[job.retryCount]
        // Never while this instance runs it, nor while pg-boss is still recording how it ended. A job of this
        // worker's own name that it did not start is a previous life's.
        const ended = this.attempts.get(attemptOf(job))
        if (ended === null || (ended !== undefined && Date.now() - ended < OUTCOME_LOOKS * this.lookMs)) continue
        if (job.workers.length > job.retryCount + 1) continue
        // pg-boss makes a job active before its worker says who it is, its first step: a worker that has not said
        // so within a minute died in between, and nobody's lock can tell.
        if (!worker) {
          if (job.activeSeconds > UNNAMED_WORKER_SECONDS)
            await this.failStopped(job, 'its worker stopped before it said who it was')
          continue
        }
        const fail = () => this.failStopped(job, `its worker ${worker} stopped`)
        if (worker === this.workerName) await fail()
        else await liveness.ifStopped(worker, fail)
      }
    } catch {
      // Looked for again next time: the store may be restarting.
    }
    if (!this.stopped)
      this.reaper = setTimeout(() => {
        this.reaping = this.reap()
      }, this.lookMs).unref()
  }

  /** Fails (to be retried, if it may be) an attempt whose worker has stopped, if it is still the one active. */
  private async failStopped(job: ActiveJob, why: string): Promise<void> {
    const { store } = this.ctx
    // Still the attempt seen? Another process's reaper may have failed it since, and a worker taken it again.
    if (!(await activeJobs(store.db, job.id)).some(j => j.retryCount === job.retryCount)) return
    await store.jobs.log(job.id, `${why[0]?.toUpperCase()}${why.slice(1)}: tried again if it may be`, this.ctx.now())
    await this.queue.fail(job.kind, job.id, { message: why })
  }

  private async perform(job: Pick<ActiveJob, 'id' | 'retryCount'>, input: JobInput): Promise<unknown> {
    const attempt = attemptOf(job)
    this.attempts.set(attempt, null)
    try {
      return await this.attempt(job, input)
    } finally {
      this.attempts.set(attempt, Date.now())
    }
  }

  private async attempt(job: Pick<ActiveJob, 'id' | 'retryCount'>, input: JobInput): Promise<unknown> {
    const { id } = job
    const { store } = this.ctx
    const run = await store.jobs.get(id)
    if (!run) throw new NotFoundError(`Job ${id} has no record`)
    await store.jobs.started(id, this.workerName, job.retryCount, this.ctx.now())
    const work: Work = {
      ctx: this.ctx,
      actor: run.submittedBy,
      run,
      printer: this.printer,
      progress: (done, total) => store.jobs.progress(id, done, total, this.ctx.now()),
      log: message => store.jobs.log(id, message, this.ctx.now()),
    }
    try {
      const handler = HANDLERS[input.kind] as (w: Work, i: JobInput) => Promise<unknown>
      return await handler(work, input)
    } catch (e) {
      await work.log(`Failed: ${(e as Error).message}`)
      throw e
    }
  }

  async view(actor: Actor | null, id: string): Promise<JobView> {
    const run = await this.ctx.store.jobs.get(id)
    if (!run || !maySeeJob(actor, run)) throw new NotFoundError(`No job ${id}`)
    return this.withState(run)
  }

  /** The jobs the actor may see, newest first: an administrator's every job, anyone else's their own. */
  async list(actor: Actor, limit = 50): Promise<JobView[]> {
    const runs = await this.ctx.store.jobs.list({
      ...(isAdministrator(actor) ? {} : { by: actor.id }),
      limit,
    })
    return Promise.all(runs.map(r => this.withState(r)))
  }

  private async withState(run: JobRun): Promise<JobView> {
    const job = await this.queue.getJobById(run.kind, run.id, { includeArchive: true })
    const output = (job?.output ?? null) as { message?: string } | null
    const state = (job?.state ?? 'unknown') as JobView['state']
    return {
      ...run,
      state,
      retries: job?.retryCount ?? 0,
      startedAt: job?.startedOn ? new Date(job.startedOn).toISOString() : null,
      finishedAt: job?.completedOn ? new Date(job.completedOn).toISOString() : null,
      result: state === 'completed' ? output : null,
      error: state === 'failed' ? (output?.message ?? 'failed') : null,
    }
  }

  /** Waits for a job to finish (or for `withinMs`, if given), calling back with each change of its progress. */
  async wait(
    actor: Actor,
    id: string,
    onChange: (j: JobView) => void = () => {},
    everyMs = 250,
    withinMs = Number.POSITIVE_INFINITY,
  ): Promise<JobView> {
    const end = Date.now() + withinMs
    for (;;) {
      const j = await this.view(actor, id)
      onChange(j)
      if (isFinished(j) || Date.now() + everyMs > end) return j
      await new Promise(resolve => setTimeout(resolve, everyMs))
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.reaper)
    await this.reaping
    await this.queue.stop({ graceful: true, close: false, wait: true, timeout: 5_000 })
    // Held until the jobs in hand have finished, so that no other process takes them to be a stopped worker's.
    await (await this.liveness?.catch(() => undefined))?.release()
    await this.chromium?.close()
  }
}

const OPEN = new WeakMap<Store, Promise<Jobs>>()

/**
 * The one queue of a store in this process, opened when first asked for. The process that serves (or a worker)
 * opens it first, with supervision, and works on it; anything else only submits and reads.
 */
export function jobsOf(ctx: Context, options?: Parameters<typeof Jobs.open>[1]): Promise<Jobs> {
  let jobs = OPEN.get(ctx.store)
  if (!jobs) {
    jobs = Jobs.open(ctx, options)
    OPEN.set(ctx.store, jobs)
  }
  return jobs
}

/** Stops the store's queue in this process, if it was opened: its workers finish what they hold first. */
export async function stopJobs(store: Store): Promise<void> {
  const jobs = OPEN.get(store)
  OPEN.delete(store)
  if (jobs) await (await jobs).stop()
}
