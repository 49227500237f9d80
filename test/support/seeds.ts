import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { SEEDS_DIR, sharedAvailable } from './shared.js'

export const SEEDS_PRESENT = sharedAvailable(SEEDS_DIR, 'corpus tests on the seed reports')

/** The seed whose file name starts with the prefix ("000"), as bytes; the tests never copy its text. */
export function seed(prefix: string): Buffer {
  const name = readdirSync(SEEDS_DIR).find(f => f.startsWith(prefix))
  if (!name) throw new Error(`no seed ${prefix} in ${SEEDS_DIR}`)
  return readFileSync(`${SEEDS_DIR}${name}`)
}

export function seedNames(): string[] {
  return existsSync(SEEDS_DIR)
    ? readdirSync(SEEDS_DIR)
        .filter(f => f.endsWith('.txt'))
        .sort()
    : []
}
