import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { InvalidArgumentError, Option } from 'commander'
import type { Context } from '../app/assessments.js'
import { type IngestOptions, type IngestOutcome, ingestBatch } from '../app/ingest.js'
import { type JobInput, type JobView, jobsOf, stopJobs } from '../app/jobs.js'
import { type Config, loadConfig } from '../config.js'
import { type Actor, DomainError, ROLES, type Role } from '../domain/index.js'
import { setPdfReaders } from '../ingest/pdf-pool.js'
import { progressBar } from '../lib/progress.js'
import type { StoreTarget } from '../store/connection.js'
import type { JobFile } from '../store/jobs.js'
import type { QueueTimings } from '../store/queue.js'
import { openStore, type Store } from '../store/store.js'

export const EXIT_CODES: Record<DomainError['code'], number> = {
  invalid: 2,
  'not-found': 3,
  conflict: 4,
  forbidden: 5,
  immutable: 6,
}

/** Where one run of the command line reads and writes, and the environment its configuration comes from. */
export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean }
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream & { isTTY?: boolean }
  env: NodeJS.ProcessEnv
  /** Where the run's store comes from (the store module's `openStore` unless given). */
  openStore?: (target: StoreTarget) => Promise<Store>
}

/** One run in progress: its streams, and the exit code it has set. */
interface CliRun {
  io: CliIo
  exitCode: number
}

const runs = new AsyncLocalStorage<CliRun>()

/** The streams of the run in progress (the process's own outside any run). */
export function io(): CliIo {
  return (
    runs.getStore()?.io ?? { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }
  )
}

/** Sets the run's exit code, as `process.exitCode` would for the process. */
export function setExitCode(code: number): void {
  const run = runs.getStore()
  if (run) run.exitCode = code
  else process.exitCode = code
}

/** Runs the work with these streams, and answers the exit code it set. */
export async function inRun(io: CliIo, work: () => Promise<void>): Promise<number> {
  const run: CliRun = { io, exitCode: 0 }
  await runs.run(run, work)
  return run.exitCode
}

export function out(text: string): void {
  io().stdout.write(`${text}\n`)
}

export function json(value: unknown): void {
  out(JSON.stringify(value, null, 2))
}

/** The context of the command line's work on a store: the clock and ids are the real ones. */
export const contextOf = (store: Store): Context => ({ store, now: () => new Date(), newId: randomUUID })

/** The configuration from the command's environment, with what it sets for the whole process applied. */
export function configured(): Config {
  const config = loadConfig(io().env)
  setPdfReaders(config.PDF_READERS)
  return config
}

export async function withStore<T>(work: (ctx: Context) => Promise<T>): Promise<T> {
  const store = await (io().openStore ?? openStore)(configured().store)
  try {
    return await work(contextOf(store))
  } finally {
    await store.close()
  }
}

export function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (e) {
    throw new DomainError(
      'invalid',
      `Cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    )
  }
}

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number')
  return Number(value)
}

/** The operator at the command line, acting in the role they name. */
export function actorOf(options: { as: Role; user?: string; authority?: string }): Actor {
  return {
    id: options.user ?? `cli:${userInfo().username}`,
    role: options.as,
    ...(options.authority ? { authorityCode: options.authority } : {}),
  }
}

export const roleOption = (fallback: Role) =>
  new Option('--as <role>', 'the role to act in').choices(ROLES).default(fallback)
export const userOption = () =>
  new Option('--user <id>', 'who is acting, for the audit log (default: cli:<login name>)')

/** A repeatable option's values, in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}

/** The files named, and every file below the folders named, in a stable order. */
export function filesIn(paths: readonly string[]): string[] {
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
export async function readReports(
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

/** The queue's timings from the configuration, and supervision: this process notices jobs whose worker stopped. */
export function workerOptions(): QueueTimings & { supervise: boolean } {
  return { ...loadConfig(io().env).jobs, supervise: true }
}

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
