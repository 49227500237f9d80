import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { openStore } from '../../src/store/store.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a dump of an empty, migrated PGlite store, for each test's fresh store to start from. */
    pgliteTemplate: string | undefined
  }
}

/** An empty store, migrated, dumped whole: what every fresh PGlite store holds. */
export async function dumpMigratedPglite(): Promise<Blob> {
  const client = await PGlite.create()
  const store = await openStore({ kind: 'pglite', dataDir: null, client })
  try {
    return await client.dumpDataDir('none')
  } finally {
    await store.close()
  }
}

/** Vitest's global setup: migrates PGlite once for the whole run (test/support/stores.ts copies it for each test). */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'inspectorate-template-'))
  const file = join(dir, 'pglite.tar')
  writeFileSync(file, Buffer.from(await (await dumpMigratedPglite()).arrayBuffer()))
  project.provide('pgliteTemplate', file)
  return () => rmSync(dir, { recursive: true, force: true })
}
