import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterEach, beforeEach, inject } from 'vitest'
import type { Context } from '../../src/app/assessments.js'
import { SCHEMA_CHANGE_LOCK } from '../../src/store/connection.js'
import { openStore, type Store } from '../../src/store/store.js'
import { dumpMigratedPglite } from './pglite-template.js'
import { databaseFromTemplate, dropDatabases, inDatabase, postgresUrl } from './postgres-template.js'

export { postgresUrl }

let template: Promise<Blob> | undefined

/**
 * The migrated empty store to copy: dumped once per run by the global setup (test/support/pglite-template.ts), or else
 * once per test file. Booting a copy takes a fifth of the time of migrating a new PGlite.
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = inject('pgliteTemplate')
    return file ? new Blob([readFileSync(file)]) : dumpMigratedPglite()
  })()
  return template
}

/**
 * The schema where a pooled PGlite keeps what its tables held when it was copied from the template, and the
 * statements that put every table and sequence back to that state.
 */
const KEPT = '_template_state'

/** The store's own tables (a partitioned table's partitions are reached through it). */
const TABLES = `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p') and not c.relispartition and n.nspname not in ('pg_catalog', 'information_schema', '${KEPT}')
    and left(n.nspname, 3) <> 'pg_'`

/** Records the template's state inside the copy: the rows of every table that has any, and every sequence. */
async function keepTemplateState(client: PGlite): Promise<void> {
  const tables = await client.query<{ name: string }>(TABLES)
  await client.exec(`create schema ${KEPT}`)
  await client.exec(`create table ${KEPT}.tables (name text primary key, copy text)`)
  await client.exec(
    `create table ${KEPT}.sequences as select format('%I.%I', schemaname, sequencename) as name, last_value, start_value from pg_sequences`,
  )
  for (const [i, { name }] of tables.rows.entries()) {
    const held = await client.query(`select 1 from ${name} limit 1`)
    const copy = held.rows.length ? `${KEPT}.t${i}` : null
    if (copy) await client.exec(`create table ${copy} as select * from ${name}`)
    await client.query(`insert into ${KEPT}.tables values ($1, $2)`, [name, copy])
  }
}

/**
 * Puts a pooled PGlite back to the template's state: tables and schemas a test made are dropped, every table is
 * emptied and given its template rows again (triggers and foreign keys set aside meanwhile, as a restore does),
 * every sequence is set back.
 */
async function restoreTemplateState(client: PGlite): Promise<void> {
  await client.exec(`
    set session_replication_role = replica;
    do $$ declare r record; begin
      for r in select nspname from pg_namespace where left(nspname, 3) <> 'pg_' and nspname not in ('information_schema', '${KEPT}')
        and nspname not in (select distinct split_part(name, '.', 1) from ${KEPT}.tables) and nspname <> 'public' loop
        execute format('drop schema %I cascade', r.nspname);
      end loop;
      for r in select t.name from (${TABLES}) t where t.name not in (select name from ${KEPT}.tables) loop
        execute format('drop table if exists %s cascade', r.name);
      end loop;
      execute (select 'truncate ' || string_agg(name, ', ') from ${KEPT}.tables);
      for r in select name, copy from ${KEPT}.tables where copy is not null loop
        execute format('insert into %s select * from %s', r.name, r.copy);
      end loop;
      for r in select * from ${KEPT}.sequences loop
        if r.last_value is null then perform setval(r.name, r.start_value, false);
        else perform setval(r.name, r.last_value, true); end if;
      end loop;
    end $$;
    set session_replication_role = origin;
  `)
}

/** PGlite copies of the template that a closed store gave back, to be restored and used again. */
const idle: PGlite[] = []

/** Closes the given-back copies beyond the few the next test file will want (each holds its own memory). */
export async function trimPgliteCopies(keep = 2): Promise<void> {
  await Promise.all(idle.splice(keep).map(c => c.close()))
}

/**
 * A fresh, empty, migrated PGlite store in memory: a copy of the template, or one a closed store gave back, put back
 * to the template's state (starting a new PGlite costs about a second of CPU; restoring one, a small part of that).
 */
export async function freshPglite(): Promise<Store> {
  let client = idle.pop()
  if (client)
    await restoreTemplateState(client).catch(async () => {
      await client?.close()
      client = undefined
    })
  if (!client) {
    client = await PGlite.create({ loadDataDir: await pgliteTemplate() })
    await keepTemplateState(client)
  }
  const pooled = client
  const store = await openStore({ kind: 'pglite', dataDir: null, client: pooled })
  let closed = false
  return Object.create(store, {
    close: {
      value: async () => {
        if (closed) return
        closed = true
        idle.push(pooled)
      },
    },
  })
}

export interface Backend {
  name: string
  available: boolean
  /** A fresh, empty, migrated store: PGlite in memory, or a database of its own on the PostgreSQL server. */
  open(): Promise<Store>
}

/** The PostgreSQL databases this file's stores were given, by store. */
const databases = new Map<Store, string>()

export const BACKENDS: Backend[] = [
  { name: 'PGlite', available: true, open: freshPglite },
  {
    name: 'PostgreSQL',
    available: postgresUrl() !== undefined,
    open: async () => {
      const template = inject('postgresTemplate')
      if (!template) throw new Error('no PostgreSQL template: test/support/postgres-template.ts sets one up')
      const url = inDatabase(postgresUrl() as string, await databaseFromTemplate(template))
      const store = await openStore({ kind: 'postgres', url })
      databases.set(store, url)
      return store
    },
  },
]

if (!postgresUrl())
  console.warn('SKIPPED: PostgreSQL storage tests — set DATABASE_URL (CI=true uses 127.0.0.1:5432/test)')

/** The URL a PostgreSQL store of BACKENDS was opened with: another connection to the same database. */
export function postgresUrlOf(store: Store): string {
  const url = databases.get(store)
  if (!url) throw new Error('not a PostgreSQL store of BACKENDS')
  return url
}

/** Drops the databases the PostgreSQL backend made for this file's stores. */
export async function dropTestDatabases(): Promise<void> {
  const names = [...databases.values()].map(url => new URL(url).pathname.slice(1))
  databases.clear()
  await dropDatabases(names)
}

/**
 * Drops schemas on the PostgreSQL server, holding the lock migrations hold: a migration elsewhere reads every
 * schema's catalogue, and one dropped under it makes it fail.
 */
export async function dropSchemas(names: readonly string[]): Promise<void> {
  const url = postgresUrl()
  if (!url || names.length === 0) return
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [SCHEMA_CHANGE_LOCK])
    for (const s of names) await client.query(`drop schema if exists ${s} cascade`)
  } finally {
    await client.end()
  }
}

export function testContext(store: Store, start = new Date('2012-05-01T10:00:00Z')): Context {
  let tick = 0
  return { store, now: () => new Date(start.getTime() + 1000 * tick++), newId: () => randomUUID() }
}

/** A fresh store, and a context over it, for each test of the enclosing block. */
export function storePerTest(backend: Backend): { store: Store; ctx: Context } {
  const current = {} as { store: Store; ctx: Context }
  beforeEach(async () => {
    current.store = await backend.open()
    current.ctx = testContext(current.store)
  })
  afterEach(async () => current.store.close())
  return current
}
