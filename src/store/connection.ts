import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PGlite, types } from '@electric-sql/pglite'
import { CompiledQuery, Kysely, Migrator, PostgresDialect, sql } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import { migrationProvider } from './migrations/index.js'
import type { Database } from './schema.js'

// Dates and timestamps are mapped by the repositories; bigint identities fit in a JS number for this data.
pg.types.setTypeParser(pg.types.builtins.INT8, v => Number(v))

export type StoreTarget =
  | {
      kind: 'pglite'
      dataDir: string | null
      /** An open PGlite to use instead of starting one (a test's copy of a store migrated once). */
      client?: PGlite
    }
  | {
      kind: 'postgres'
      url: string
      schema?: string
      /**
       * The role that owns the tables, used only to migrate and grant: the service then runs as `url`'s role, which
       * can read and write but cannot alter tables, disable their triggers or change or remove audit entries.
       */
      ownerUrl?: string
      /** Told of each connection the server ended (a restart, a failover): the store goes on with new ones. */
      onConnectionError?: (error: Error) => void
    }

export function describeTarget(target: StoreTarget): string {
  if (target.kind === 'pglite') return target.dataDir ? `PGlite at ${target.dataDir}` : 'PGlite in memory'
  const url = new URL(target.url)
  url.password = url.password ? '***' : ''
  return `PostgreSQL at ${url.toString()}${target.schema ? ` (schema ${target.schema})` : ''}`
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Creates `path` holding `content`, atomically: it appears whole or not at all, and never over another's. */
function createWhole(path: string, content: string): boolean {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`
  writeFileSync(temp, content)
  try {
    linkSync(temp, path)
    return true
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  } finally {
    rmSync(temp, { force: true })
  }
}

const ownerOf = (path: string): number | undefined => {
  try {
    return Number(readFileSync(path, 'utf8')) || undefined
  } catch {
    return undefined
  }
}

/**
 * Embedded PostgreSQL may be opened by one process at a time; a second would corrupt it. The lock file holds the
 * owner's pid and is created whole (written aside, then linked into place), so no process ever reads it empty. A
 * lock whose process has provably gone is taken over by one process at a time: the taker holds a second lock while
 * it checks the owner again and removes the stale one.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const lock = join(dir, 'inspectorate.lock')
  const takeover = `${lock}.takeover`
  const inUse = (owner: number) =>
    new Error(
      `The data directory ${dir} is in use by process ${owner}. Stop it first, or share one PostgreSQL server through DATABASE_URL.`,
    )
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createWhole(lock, String(process.pid))) return () => rmSync(lock, { force: true })
    const owner = ownerOf(lock)
    if (owner && processAlive(owner)) throw inUse(owner)
    // The owner has gone (or the lock vanished meanwhile): take it over, one process at a time.
    if (createWhole(takeover, String(process.pid))) {
      try {
        const again = ownerOf(lock)
        if (again && !processAlive(again)) rmSync(lock, { force: true })
      } finally {
        rmSync(takeover, { force: true })
      }
    } else {
      const taker = ownerOf(takeover)
      if (taker && !processAlive(taker)) rmSync(takeover, { force: true })
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
    }
  }
  throw new Error(`Could not lock the data directory ${dir}`)
}

/** The embedded database under each Kysely instance over PGlite, for the one caller that needs it whole (the queue). */
const EMBEDDED = new WeakMap<Kysely<Database>, PGlite>()

/** A connection to embedded PGlite (one process, one session), not to a PostgreSQL server. */
export const isEmbedded = (db: Kysely<Database>): boolean => EMBEDDED.has(db)

/**
 * Runs SQL as given, on the store's connection: with parameters as one statement, without as a script of several
 * (PGlite takes a script through `exec`, PostgreSQL through the simple protocol). On PGlite it holds the one
 * connection meanwhile, so it never runs inside another caller's transaction.
 */
export function rawSql(db: Kysely<Database>): (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> {
  const embedded = EMBEDDED.get(db)
  if (!embedded)
    return async (text, values = []) => {
      const r = await db.executeQuery(CompiledQuery.raw(text, values))
      return { rows: r.rows ?? [] }
    }
  return (text, values = []) =>
    db.connection().execute(async () => {
      if (values.length) return embedded.query(text, values as never[])
      const results = await embedded.exec(text)
      return results.at(-1) ?? { rows: [] }
    })
}

/** Opens a Kysely connection to embedded PGlite (a directory, or memory) or to a PostgreSQL server. */
export async function connect(target: StoreTarget): Promise<Kysely<Database>> {
  if (target.kind === 'pglite') {
    const release = target.dataDir ? lockDataDir(target.dataDir) : () => {}
    try {
      const client = target.client ?? (target.dataDir ? new PGlite(target.dataDir) : new PGlite())
      await client.waitReady
      // A byte array parameter is sent as it is, in binary: PGlite's own serializer writes it out as hex a byte at a
      // time (about 60 ms for a 300 KB PDF), which the database then has to decode.
      client.serializers[types.BYTEA] = (bytes: Uint8Array) => bytes as unknown as string
      const db = new Kysely<Database>({ dialect: new PGliteDialect(client) })
      EMBEDDED.set(db, client)
      const destroy = db.destroy.bind(db)
      db.destroy = async () => {
        await destroy()
        release()
      }
      return db
    } catch (e) {
      release()
      throw e
    }
  }
  if (target.schema && !IDENTIFIER.test(target.schema)) throw new Error(`Not a schema name: ${target.schema}`)
  const options = target.schema ? `-c search_path=${target.schema}` : undefined
  if (target.schema) {
    const admin = new pg.Client({ connectionString: target.url })
    await admin.connect()
    try {
      // Only when missing: a least-privilege role may use a schema it could not create.
      const { rowCount } = await admin.query('select 1 from pg_namespace where nspname = $1', [target.schema])
      if (!rowCount) await admin.query(`create schema if not exists ${target.schema}`)
    } finally {
      await admin.end()
    }
  }
  // TCP keepalive: a connection whose server vanished (not restarted: gone) fails within a minute or two, not hours.
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 10,
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
    ...(options ? { options } : {}),
  })
  // A connection the server ends (a restart, a failover, an administrator) is an error event on its client, which
  // with no listener would end the process: one held idle is dropped by the pool, one held by a caller (a worker's
  // liveness) fails its next query, and the pool drops it when it comes back.
  const ended = (error: Error) => target.onConnectionError?.(error)
  pool.on('error', ended)
  pool.on('connect', client => client.on('error', ended))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await sql`select 1`.execute(db)
  return db
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/

/**
 * Grants the service's role what it needs and no more, on the owner's connection: it reads and writes the tables,
 * only appends to and reads the audit log, and only reads the migrations' bookkeeping. Not owning the tables, it
 * cannot alter them or disable their triggers; not a superuser, it cannot change `session_replication_role`.
 */
export async function grantToService(owner: Kysely<Database>, role: string): Promise<void> {
  if (!IDENTIFIER.test(role)) throw new Error(`Not a role name this service grants to: ${role}`)
  const { rows } = await sql<{
    schema: string
    me: string
  }>`select current_schema() as schema, current_user as me`.execute(owner)
  const schema = rows[0]?.schema ?? 'public'
  if (rows[0]?.me === role) return
  const r = sql.id(role)
  const s = sql.id(schema)
  for (const statement of [
    sql`grant usage on schema ${s} to ${r}`,
    sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`,
    sql`revoke update, delete, truncate on audit_log from ${r}`,
    sql`revoke update, delete, truncate on recommendation_updates from ${r}`,
    sql`revoke insert, update, delete, truncate on kysely_migration, kysely_migration_lock from ${r}`,
    sql`grant usage, select, update on all sequences in schema ${s} to ${r}`,
  ])
    await statement.execute(owner)
}

/**
 * Whether a string is written as a UUID: ids of rows kept by UUID are checked before they reach a query, so that an
 * id that is not one is simply not found (PostgreSQL refuses to compare it with a uuid column).
 */
export const isUuid = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)

/**
 * Held on PostgreSQL while a schema is migrated or dropped: the migrator reads the catalogue of every schema on the
 * server, and a schema dropped meanwhile (by another store's owner, or a test) makes that read fail.
 */
export const SCHEMA_CHANGE_LOCK = 4_815_162_342

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrate(db: Kysely<Database>): Promise<string[]> {
  if (isEmbedded(db)) return migrateUnlocked(db)
  return db.connection().execute(async session => {
    await sql`select pg_advisory_lock(${SCHEMA_CHANGE_LOCK})`.execute(session)
    try {
      return await migrateUnlocked(db)
    } finally {
      await sql`select pg_advisory_unlock(${SCHEMA_CHANGE_LOCK})`.execute(session)
    }
  })
}

async function migrateUnlocked(db: Kysely<Database>): Promise<string[]> {
  // Pinned to the connection's schema: the migrator would otherwise take another schema's bookkeeping tables for its own.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: rows[0]?.schema ?? 'public' })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find(r => r.status === 'Error')
  if (error)
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String((error as Error).message ?? error)}`)
  return (results ?? []).filter(r => r.status === 'Success').map(r => r.migrationName)
}
