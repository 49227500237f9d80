import { type Kysely, type Selectable, sql } from 'kysely'
import type { Actor } from '../domain/index.js'
import { isUuid } from './connection.js'
import { bytea } from './documents.js'
import type { JobKind } from './queue.js'
import type { Database, JobRunsTable } from './schema.js'

export interface JobLogLine {
  at: string
  message: string
}

/** What is kept of a job beside the queue's own state: who asked, progress, log, and the workers that took it. */
export interface JobRun {
  id: string
  kind: JobKind
  title: string
  submittedBy: Actor
  submittedAt: string
  done: number
  total: number | null
  log: JobLogLine[]
  workers: string[]
  updatedAt: string
}

export interface JobFile {
  name: string
  bytes: Uint8Array
  sourceUrl: string | null
}

const toRun = (r: Selectable<JobRunsTable>): JobRun => ({
  id: r.id,
  kind: r.kind as JobKind,
  title: r.title,
  submittedBy: { id: r.submitted_by, role: r.submitted_role as Actor['role'] },
  submittedAt: new Date(r.submitted_at).toISOString(),
  done: r.done,
  total: r.total,
  log: r.log as JobLogLine[],
  // An attempt whose worker died before it said who it was is a gap in the list: shown, the names that were said.
  workers: (r.workers as (string | null)[]).filter((w): w is string => w !== null),
  updatedAt: new Date(r.updated_at).toISOString(),
})

export class JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** A job's record and its files, stored together before the job is queued. */
  async create(run: Omit<JobRun, 'done' | 'log' | 'workers' | 'updatedAt'>, files: readonly JobFile[]): Promise<void> {
    await this.db
      .insertInto('job_runs')
      .values({
        id: run.id,
        kind: run.kind,
        title: run.title,
        submitted_by: run.submittedBy.id,
        submitted_role: run.submittedBy.role,
        submitted_at: run.submittedAt,
        total: run.total,
        updated_at: run.submittedAt,
      })
      .execute()
    for (const [seq, f] of files.entries())
      await this.db
        .insertInto('job_files')
        .values({ job_id: run.id, seq, name: f.name, bytes: bytea(f.bytes), source_url: f.sourceUrl })
        .execute()
  }

  async get(id: string): Promise<JobRun | undefined> {
    if (!isUuid(id)) return undefined
    const r = await this.db.selectFrom('job_runs').selectAll().where('id', '=', id).executeTakeFirst()
    return r ? toRun(r) : undefined
  }

  /** The newest first; only those one person asked for, when `by` is given. */
  async list(options: { by?: string; limit?: number } = {}): Promise<JobRun[]> {
    let q = this.db.selectFrom('job_runs').selectAll()
    if (options.by) q = q.where('submitted_by', '=', options.by)
    const rows = await q
      .orderBy('submitted_at', 'desc')
      .orderBy('id')
      .limit(options.limit ?? 100)
      .execute()
    return rows.map(toRun)
  }

  async fileNames(id: string): Promise<string[]> {
    const rows = await this.db.selectFrom('job_files').select('name').where('job_id', '=', id).orderBy('seq').execute()
    return rows.map(r => r.name)
  }

  /** One file of a job, read when it is needed so that a large batch is never all in memory. */
  async file(id: string, seq: number): Promise<JobFile> {
    const r = await this.db
      .selectFrom('job_files')
      .select(['name', 'bytes', 'source_url'])
      .where('job_id', '=', id)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow()
    return { name: r.name, bytes: new Uint8Array(r.bytes), sourceUrl: r.source_url }
  }

  /**
   * A worker took the job, at its `attempt` (0 first, then one more each time it is tried again): the name is kept
   * at that place, so that an attempt whose worker died before saying who it was leaves a gap (null), not a shift.
   */
  async started(id: string, worker: string, attempt: number, at: Date): Promise<void> {
    const padded = sql`workers || coalesce((select jsonb_agg(null::text) from generate_series(1,
      ${attempt}::int + 1 - jsonb_array_length(workers))), '[]'::jsonb)`
    await this.db
      .updateTable('job_runs')
      .set({
        workers: sql`jsonb_set(${padded}, array[${String(attempt)}::text], to_jsonb(${worker}::text))`,
        updated_at: at.toISOString(),
      })
      .where('id', '=', id)
      .execute()
  }

  async progress(id: string, done: number, total: number | null, at: Date): Promise<void> {
    await this.db
      .updateTable('job_runs')
      .set({ done, total, updated_at: at.toISOString() })
      .where('id', '=', id)
      .execute()
  }

  async log(id: string, message: string, at: Date): Promise<void> {
    const line = JSON.stringify([{ at: at.toISOString(), message }])
    await this.db
      .updateTable('job_runs')
      .set({ log: sql`log || ${line}::jsonb`, updated_at: at.toISOString() })
      .where('id', '=', id)
      .execute()
  }
}
