import type { Migration, MigrationProvider } from 'kysely'
import * as initial from './20261123090000_initial.js'

/** Every migration, named by timestamp; the list is static so that built and source runs see the same set. */
const MIGRATIONS: Record<string, Migration> = {
  '20261123090000_initial': initial,
}

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
}
