import { type Kysely, sql } from 'kysely'
import PgBoss from 'pg-boss'
import { within } from '../lib/within.js'
import { isEmbedded, rawSql } from './connection.js'
import type { Database } from './schema.js'

/** The kinds of long work, each a queue of pg-boss's. */
export const JOB_KINDS = ['ingest', 'read', 'data-import', 'rules-check', 'print'] as const
export type JobKind = (typeof JOB_KINDS)[number]

export interface QueueTimings {
  /**
   * How long a job may run before pg-boss takes its worker to have died and retries it: by default the longest it
   * allows, since liveness notices a stopped worker long before (and a long job must not be retried while it runs).
   */
  expireInSeconds?: number
  /** How often expired jobs are looked for. */
  maintenanceIntervalSeconds?: number
  /** How often a working process looks for active jobs whose worker has stopped. */
  livenessIntervalSeconds?: number
  /** How often an idle worker asks for work. */
  pollingIntervalSeconds?: number
}

async function schemaOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return rows[0]?.schema ?? 'public'
}

/**
 * pg-boss over the store's own connection and in the store's own schema, so that the queue lives and is dropped,
 * granted and backed up with the rest of the store, on PGlite as on PostgreSQL.
 */
export async function boss(db: Kysely<Database>, options: PgBoss.ConstructorOptions = {}): Promise<PgBoss> {
  const run = rawSql(db)
  const b = new PgBoss({
    db: { executeSql: (text, values) => run(text, values) as Promise<{ rows: never[] }> },
    schema: await schemaOf(db),
    schedule: false,
    ...options,
  })
  return b
}

/**
 * Installs pg-boss's tables (by its own versioned migrations) and one queue per kind of job, as the store's owner
 * when the store is opened, so the service's own role never needs to create anything.
 */
export async function installQueues(db: Kysely<Database>): Promise<void> {
  const b = await boss(db, { migrate: true, supervise: false })
  b.on('error', () => {})
  await b.start()
  try {
    const held = new Set((await b.getQueues()).map(q => q.name))
    for (const kind of JOB_KINDS) if (!held.has(kind)) await b.createQueue(kind, { name: kind, retryLimit: 2 })
  } finally {
    await b.stop({ graceful: false, close: false, wait: true })
  }
}

/** The longest expiry pg-boss 10 accepts (under 24 hours): a job expires only if liveness somehow missed its worker. */
export const LONGEST_EXPIRY_SECONDS = 24 * 60 * 60 - 1

/** How long a worker's liveness connection may take to answer before its lock is taken again on another. */
const CONFIRM_MS = 10_000

/** The advisory lock class of a worker's liveness (two keys: apart from the audit chain's single one). */
const LIVENESS_LOCK = 15
/** Advisory locks are the database's, not the schema's: the key names the store's schema too. */
const livenessKey = (worker: string) => sql`${LIVENESS_LOCK}, hashtext(current_schema() || ' ' || ${worker})`

/** A worker's proof that it lives, held while it works, and the means to learn whether another's has gone. */
export interface Liveness {
  /** Runs `work` holding `worker`'s lock, if no live session holds it (that worker has stopped); answers whether. */
  ifStopped(worker: string, work: () => Promise<void>): Promise<boolean>
  /** Fails if the lock has gone with its connection (the server restarted, say): it must be taken again. */
  confirm(): Promise<void>
  release(): Promise<void>
}

/**
 * On embedded PGlite the one session holds every advisory lock (re-entrantly), so only this process knows which
 * workers live: those it runs. Any other worker named in an embedded store's jobs was a process that has died.
 */
const EMBEDDED_LIVE = new WeakMap<Kysely<Database>, Set<string>>()

/**
 * Takes the worker's liveness: on PostgreSQL a session advisory lock keyed by its name, on one pooled connection
 * pinned until `release`. If the process dies, PostgreSQL drops the lock with the connection (the server is told to
 * probe an idle connection, so a machine that vanished is noticed within a minute or two, not the system's hours).
 * Refused if a live worker of the same name already works on the store.
 */
export async function holdLiveness(db: Kysely<Database>, worker: string): Promise<Liveness> {
  const taken = () => new Error(`A live worker named ${worker} is already working on this store`)
  if (isEmbedded(db)) {
    const live = EMBEDDED_LIVE.get(db) ?? new Set<string>()
    EMBEDDED_LIVE.set(db, live)
    if (live.has(worker)) throw taken()
    live.add(worker)
    return {
      async ifStopped(other, work) {
        if (live.has(other)) return false
        live.add(other)
        try {
          await work()
        } finally {
          live.delete(other)
        }
        return true
      },
      confirm: async () => {},
      release: async () => void live.delete(worker),
    }
  }
  let release = () => {}
  const released = new Promise<void>(resolve => {
    release = resolve
  })
  return new Promise<Liveness>((resolve, reject) => {
    const pinned = db.connection().execute(async session => {
      await sql`select set_config('tcp_keepalives_idle', '30', false), set_config('tcp_keepalives_interval', '10', false),
        set_config('tcp_keepalives_count', '3', false)`.execute(session)
      const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${livenessKey(worker)}) as ok`.execute(
        session,
      )
      if (!rows[0]?.ok) throw taken()
      resolve({
        async ifStopped(other, work) {
          const { rows } = await sql<{
            free: boolean
          }>`select pg_try_advisory_lock(${livenessKey(other)}) as free`.execute(session)
          if (!rows[0]?.free) return false
          try {
            await work()
          } finally {
            await sql`select pg_advisory_unlock(${livenessKey(other)})`.execute(session)
          }
          return true
        },
        async confirm() {
          // A server that has vanished does not answer at all: after a while that counts as gone too.
          await within(sql`select 1`.execute(session), CONFIRM_MS, () => {
            throw new Error('the liveness connection does not answer')
          })
        },
        async release() {
          release()
          // A lock whose connection has gone is no longer held: there is nothing left to let go.
          await pinned.catch(() => {})
        },
      })
      await released
      await sql`select pg_advisory_unlock(${livenessKey(worker)})`.execute(session)
    })
    pinned.catch(reject)
  })
}

/** A job pg-boss holds as active, with the workers its record says took it, one for each attempt so far. */
export interface ActiveJob {
  id: string
  kind: JobKind
  retryCount: number
  /** By attempt: null (or missing) where an attempt's worker has not said, or never said, who it is. */
  workers: (string | null)[]
  /** How long ago pg-boss made this attempt active. */
  activeSeconds: number
}

/** The jobs pg-boss holds as active (in its own table in the store's schema), or the one with this id if it is. */
export async function activeJobs(db: Kysely<Database>, id?: string): Promise<ActiveJob[]> {
  const { rows } = await sql<ActiveJob>`select j.id, j.name as kind, j.retry_count as "retryCount", r.workers,
      extract(epoch from now() - j.started_on)::float8 as "activeSeconds"
    from job j join job_runs r on r.id = j.id where j.state = 'active' ${id ? sql`and j.id = ${id}` : sql``}`.execute(
    db,
  )
  return rows
}
