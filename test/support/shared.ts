import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseCsv } from '../../src/lib/csv.js'

/** ../shared beside the checkout: seeds and reference data the tests read but the repository never copies. */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url))
export const SEEDS_DIR = `${SHARED_DIR}seeds/`
export const LA_LOOKUP = `${SHARED_DIR}data/la-lookup.csv`

export const CORPUS_DIR = `${SHARED_DIR}corpus/`

/** True when the shared material is there; skips with a visible message locally, and fails under CI. */
export function sharedAvailable(path: string, what: string): boolean {
  if (existsSync(path)) return true
  if (process.env.CI === 'true')
    throw new Error(`${what}: ${path} is absent, and under CI the tests that read it must run`)
  console.warn(`SKIPPED: ${what} — ${path} is absent (expected ../shared beside the checkout)`)
  return false
}

export function readCsv(path: string): Record<string, string>[] {
  return parseCsv(readFileSync(path, 'utf8')).records.map(r => r.values)
}
