import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterEach, beforeEach, inject } from 'vitest'
import type { Context } from '../../src/app/assessments.js'
import { SCHEMA_CHANGE_LOCK } from '../../src/store/connection.js'
import { openStore, type Store } from '../../src/store/store.js'
import { dumpMigratedPglite } from './pglite-template.js'

const CI_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test'

/** PostgreSQL runs under CI (and must answer there) or wherever DATABASE_URL is set; otherwise it is skipped, visibly. */
export function postgresUrl(): string | undefined {
  return process.env.DATABASE_URL ?? (process.env.CI === 'true' ? CI_DATABASE_URL : undefined)
}

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

/** A fresh, empty, migrated PGlite store in memory: a copy of the template. */
export async function freshPglite(): Promise<Store> {
  const client = await PGlite.create({ loadDataDir: await pgliteTemplate() })
  return openStore({ kind: 'pglite', dataDir: null, client })
}

export interface Backend {
  name: string
  available: boolean
  /** A fresh, empty, migrated store: PGlite in memory, or its own schema on the PostgreSQL server. */
  open(): Promise<Store>
}

const schemas: string[] = []

export const BACKENDS: Backend[] = [
  { name: 'PGlite', available: true, open: freshPglite },
  {
    name: 'PostgreSQL',
    available: postgresUrl() !== undefined,
    open: () => {
      const schema = `test_${randomUUID().replaceAll('-', '').slice(0, 16)}`
      schemas.push(schema)
      return openStore({ kind: 'postgres', url: postgresUrl() as string, schema })
    },
  },
]

if (!postgresUrl())
  console.warn('SKIPPED: PostgreSQL storage tests — set DATABASE_URL (CI=true uses 127.0.0.1:5432/test)')

/** Drops the schemas the PostgreSQL backend made. */
export async function dropTestSchemas(): Promise<void> {
  await dropSchemas(schemas.splice(0))
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
