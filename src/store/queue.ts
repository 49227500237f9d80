import { type Kysely, sql } from 'kysely'
import PgBoss from 'pg-boss'
import { rawSql } from './connection.js'
import type { Database } from './schema.js'

/** The kinds of long work, each a queue of pg-boss's. */
export const JOB_KINDS = ['ingest', 'read', 'data-import', 'rules-check', 'print'] as const
export type JobKind = (typeof JOB_KINDS)[number]

export interface QueueTimings {
  /** How long a job may run before its worker is taken to have died and the job is retried. */
  expireInSeconds?: number
  /** How often expired jobs are looked for. */
  maintenanceIntervalSeconds?: number
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
